"""The optional date range of the filter bars: off until ticked, every change reported."""

from __future__ import annotations

from postcrm_desktop.ui.qt import QtCore
from postcrm_desktop.ui.widgets.date_range import optional_date_range


def test_dates_are_off_until_ticked_and_every_change_is_reported(qtbot) -> None:
    calls: list[int] = []
    end = QtCore.QDate(2027, 2, 10)
    start = end.addDays(-30)
    use, date_from, date_to = optional_date_range("日期", start, lambda: calls.append(1), end)
    for w in (use, date_from, date_to):
        qtbot.addWidget(w)
    assert not use.isChecked() and not date_from.isEnabled() and not date_to.isEnabled()
    assert date_from.date() == start and date_to.date() == end

    use.setChecked(True)
    assert date_from.isEnabled() and date_to.isEnabled() and len(calls) == 1
    date_from.setDate(start.addDays(-1))
    assert len(calls) == 2
    use.setChecked(False)
    assert not date_from.isEnabled() and not date_to.isEnabled() and len(calls) == 3
