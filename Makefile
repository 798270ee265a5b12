# Two commands set up everything on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo/branch.db

.PHONY: run test lint bench screenshots fonts clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# Chinese text needs a CJK font; installed from Debian when missing and when we may.
fonts:
	@if command -v fc-list >/dev/null && fc-list :lang=zh | grep -q .; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  (apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1 || \
	   (apt-get update -qq && apt-get install -y -qq fonts-wqy-microhei >/dev/null)) || \
	  echo "warning: no CJK font installed; Chinese text may show as boxes"; \
	else echo "note: install a CJK font (fonts-wqy-microhei) to see Chinese text"; fi

$(DEMO_DB): | $(STAMP)
	mkdir -p $(dir $(DEMO_DB))
	POSTCRM_PASSWORD=demo $(BIN)/postcrm demo --db $(DEMO_DB) --customers 2000

run: $(STAMP) fonts $(DEMO_DB)
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ] && [ "$$QT_QPA_PLATFORM" != offscreen ]; then \
	  echo "No display found: rendering the main screens to screenshots/ instead."; \
	  POSTCRM_PASSWORD=demo QT_QPA_PLATFORM=offscreen $(BIN)/postcrm screenshots --db $(DEMO_DB) --out screenshots; \
	else $(BIN)/postcrm app --db $(DEMO_DB); fi

test: $(STAMP) fonts
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests

bench: $(STAMP)
	for b in tests/benchmarks/bench_*.py; do QT_QPA_PLATFORM=offscreen $(BIN)/python $$b; done

screenshots: $(STAMP) fonts $(DEMO_DB)
	POSTCRM_PASSWORD=demo QT_QPA_PLATFORM=offscreen $(BIN)/postcrm screenshots --db $(DEMO_DB) --out screenshots

clean:
	rm -rf $(VENV) demo screenshots .pytest_cache
