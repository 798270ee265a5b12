"""An optional date range for filter bars: a check box that switches on a from/to pair."""

from __future__ import annotations

from collections.abc import Callable

from postcrm_desktop.ui.qt import QtCore, QtWidgets


def optional_date_range(
    label: str, start: QtCore.QDate, on_changed: Callable[[], None],
    end: QtCore.QDate | None = None,
) -> tuple[QtWidgets.QCheckBox, QtWidgets.QDateEdit, QtWidgets.QDateEdit]:
    """(check box, from, to): the dates stay disabled, and unused, until the box is ticked.

    `end` (the "to" date; `start` when not given) is the branch's today from its clock.

    `on_changed` runs when the box is toggled or either date changes.
    """
    use = QtWidgets.QCheckBox(label)
    edits = (QtWidgets.QDateEdit(start), QtWidgets.QDateEdit(end if end is not None else start))
    for edit in edits:
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        edit.dateChanged.connect(lambda _d: on_changed())

    def toggled(on: bool) -> None:
        for edit in edits:
            edit.setEnabled(on)
        on_changed()

    use.toggled.connect(toggled)
    return use, edits[0], edits[1]


__all__ = ["optional_date_range"]
