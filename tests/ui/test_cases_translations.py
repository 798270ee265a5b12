"""The case library's screens are translated into English in full."""

from __future__ import annotations

import subprocess

from postcrm_desktop.services import cases
from postcrm_desktop.services.cases import CaseInput
from postcrm_desktop.ui import i18n
from postcrm_desktop.ui.pages import case_library
from tests.ui.fakes import make_context
from tests.ui.test_translations import TS_FILES, UI, messages, tool

CASE_FILES = [UI / "models/cases_table.py", UI / "pages/case_editor.py",
              UI / "pages/case_library.py", UI / "widgets/case_suggestions.py"]


def test_every_case_library_string_is_translated(tmp_path) -> None:
    scanned = tmp_path / "cases.ts"
    subprocess.run([tool("pyside6-lupdate"), "-silent", *map(str, CASE_FILES), "-ts",
                    str(scanned), "-source-language", "zh_CN", "-target-language", "en",
                    "-locations", "none"], check=True)
    wanted = messages(scanned)
    assert len(wanted) > 40
    for ts in TS_FILES:
        have = messages(ts)
        untranslated = [k for k in wanted if k not in have or have[k].get("type")
                        or not (have[k].text or "").strip()]
        assert not untranslated, f"{ts.name}: {untranslated[:5]}"


def test_the_case_library_shows_in_english(qtbot, branch) -> None:
    cases.create_case(branch, CaseInput("包裹延误", "delay", "包裹没到。", "查询轨迹。",
                                        tags="延误 查询"))
    try:
        assert i18n.install("en") is True
        tab = case_library.CaseLibraryTab(make_context(branch))
        qtbot.addWidget(tab)
        tab.reload()
        headers = [tab.model.headerData(c, case_library.Qt.Orientation.Horizontal)
                   for c in range(tab.model.columnCount())]
        assert headers == ["Title", "Category", "Tags", "Source", "Updated"]
        assert tab.model.index(0, 2).data() == "延误, 查询"
        assert tab.model.index(0, 3).data() == "This branch"
        assert tab.retired.text() == "Show retired"
    finally:
        i18n.install("zh_CN")
