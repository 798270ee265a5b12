"""One export writer: text that a spreadsheet would run is written as text; numbers stay."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from postcrm_desktop.core.spreadsheet_safety import neutralise
from postcrm_desktop.services.exports import table_csv, write_table


@pytest.mark.parametrize("text", ["=1+1", "+86 138", "-x", "@A1", "\tcmd", "\rcmd"])
def test_risky_text_is_prefixed(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", [-5, -2.5, 0, 13800138000, None, "王伟", "138-0013",
                                   date(2026, 1, 2)])
def test_numbers_dates_and_plain_text_stay(value: object) -> None:
    assert neutralise(value) == value


def test_xlsx_and_csv_keep_numbers_numeric(tmp_path: Path) -> None:
    rows = [("=HYPERLINK(\"http://x\")", -12.5, 3), ("+8613800138000", 0, -1)]
    out = tmp_path / "t.xlsx"
    assert write_table(out, ("甲", "乙", "丙"), rows) == 2
    sheet = load_workbook(out).active
    assert sheet["A2"].value == "'=HYPERLINK(\"http://x\")" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == -12.5 and sheet["C3"].value == -1
    assert sheet["A3"].value == "'+8613800138000"
    parsed = list(csv.reader(io.StringIO(table_csv(("甲", "乙", "丙"), rows))))
    assert parsed[1] == ["'=HYPERLINK(\"http://x\")", "-12.5", "3"]
