"""Cells that a spreadsheet would run as a formula are written as plain text.

A text beginning with `=`, `+`, `-` or `@` (or a tab or carriage return, which some
programs strip before looking) is taken by Excel, WPS and LibreOffice as a formula:
`=cmd|' /C calc'!A0` starts a program, `=HYPERLINK(...)` sends data away. OWASP's advice
is followed: such a text gets a leading single quote. Numbers, dates and empty cells stay
as they are, so a negative amount is still a number; only text is changed.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise(value: Any) -> Any:
    """The cell value to write: risky text prefixed with ', anything else unchanged."""
    return "'" + value if is_risky(value) else value
