"""The one writer of spreadsheets and CSV files."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from postcrm_desktop.core.spreadsheet_safety import neutralise

Row = Sequence[Any]


def table_csv(header: Row, rows: Iterable[Row]) -> str:
    """CSV text with a header row; risky text cells are neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(v) for v in header])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return out.getvalue()


def _write_xlsx(path: Path, header: Row, rows: Iterable[Row], sheet_title: str,
                widths: dict[str, float] | None) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title
    for row in ([*header], *rows):
        sheet.append([neutralise(v) for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever openpyxl guessed
    for column, width in (widths or {}).items():
        sheet.column_dimensions[column].width = width
    book.save(path)


def write_table(path: Path, header: Row, rows: Iterable[Row], *, sheet_title: str = "Sheet1",
                widths: dict[str, float] | None = None) -> int:
    """Write `rows` under `header` to `path`: an .xlsx workbook, else CSV in UTF-8 with a
    byte-order mark (so Excel reads Chinese). Returns how many rows were written."""
    path = Path(path)
    rows = list(rows)
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(path, header, rows, sheet_title, widths)
    else:
        path.write_text(table_csv(header, rows), encoding="utf-8-sig")
    return len(rows)
