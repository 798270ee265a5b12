"""The English translation is complete for the shell, and each .qm is built from its .ts.

To update after changing interface text (from src/postcrm_desktop/resources/translations):
    ../../../../.venv/bin/pyside6-lupdate -extensions py ../../ui -ts postcrm_en.ts \\
        -no-obsolete -locations none
    (translate the new entries, e.g. in pyside6-linguist)
    ../../../../.venv/bin/pyside6-lrelease postcrm_en.ts -qm postcrm_en.qm
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from postcrm_desktop.ui import i18n
from postcrm_desktop.ui.qt import QCoreApplication

UI = Path(i18n.__file__).resolve().parent
SHELL_FILES = [
    UI / name
    for name in (
        "app.py", "i18n.py", "idle_lock.py", "login_dialog.py", "main_window.py",
        "password_dialog.py", "screenshots.py", "setup_wizard.py", "worker.py",
        "pages/placeholder.py",
    )
]
BIN = Path(sys.executable).parent
TS_FILES = sorted(i18n.TRANSLATIONS_DIR.glob("*.ts"))


def tool(name: str) -> str:
    path = BIN / name
    found = str(path) if path.exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} not installed")
    return found


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    out = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            out[(name, msg.findtext("source"))] = msg.find("translation")
    return out


def test_there_is_an_english_translation():
    assert [p.name for p in TS_FILES] == ["postcrm_en.ts"]


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_qm_is_compiled_from_the_current_ts(ts, tmp_path):
    qm = ts.with_suffix(".qm")
    assert qm.exists(), f"{qm.name} missing: run pyside6-lrelease"
    fresh = tmp_path / qm.name
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(fresh)],
                   check=True)
    assert fresh.read_bytes() == qm.read_bytes(), f"{qm.name} is stale: run pyside6-lrelease"


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_shell_string_is_in_the_ts_and_translated(ts, tmp_path):
    scanned = tmp_path / ts.name
    subprocess.run([tool("pyside6-lupdate"), "-silent", *map(str, SHELL_FILES), "-ts",
                    str(scanned), "-source-language", "zh_CN", "-target-language", "en",
                    "-locations", "none"], check=True)
    wanted = messages(scanned)
    assert len(wanted) > 100  # the scan found the shell's strings
    have = messages(ts)
    missing = [k for k in wanted if k not in have]
    assert not missing, f"not in {ts.name} (run pyside6-lupdate): {missing[:5]}"
    unfinished = [k for k in wanted
                  if have[k].get("type") in ("unfinished", "vanished", "obsolete")
                  or not (have[k].text or "").strip()]
    assert not unfinished, f"untranslated in {ts.name}: {unfinished[:5]}"


def test_placeholders_survive_translation():
    for (ctx, source), tr in messages(i18n.TRANSLATIONS_DIR / "postcrm_en.ts").items():
        if tr.get("type") or not tr.text:
            continue  # not translated yet: shown in Chinese
        for n in range(4):
            marker = "{" + str(n) + "}"
            assert (marker in source) == (marker in (tr.text or "")), (ctx, source)


def test_english_loads_and_chinese_is_the_source(qapp):
    try:
        assert i18n.install("en") is True
        assert QCoreApplication.translate("Navigation", "客户") == "Customers"
        assert QCoreApplication.translate("Roles", "柜员") == "Counter clerk"
    finally:
        i18n.install("zh_CN")
    assert i18n.current_language() == "zh_CN"
    assert QCoreApplication.translate("Navigation", "客户") == "客户"
