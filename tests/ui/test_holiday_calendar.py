"""节假日 on the complaint settings tab and the warning on the workbench: the admin enters
or imports a year's arrangement; while the year is missing both screens say so."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from postcrm_desktop.core.clock import FixedClock
from postcrm_desktop.core.holidays import WORKDAY
from postcrm_desktop.services.complaints import workdays
from postcrm_desktop.ui.pages import complaints, workbench
from postcrm_desktop.ui.pages.complaint_holidays import HolidayEditor
from postcrm_desktop.ui.qt import QtCore, QtWidgets
from tests.ui.fakes import make_context

SH = ZoneInfo("Asia/Shanghai")
IN_2027 = FixedClock(datetime(2027, 1, 5, 10, 0, tzinfo=SH))
OCTOBER_2026 = FixedClock(datetime(2026, 10, 20, 10, 0, tzinfo=SH))


def _settings(qtbot, branch, clock: FixedClock):
    ctx = make_context(branch, clock=clock)
    page = complaints.create_page(ctx)
    assert isinstance(page, complaints.ComplaintsPage)
    qtbot.addWidget(page)
    page.show_tab("settings")
    return page.settings.holidays


def test_building_the_editor_opens_no_window_of_its_own(qtbot, branch) -> None:
    # A button shown before it has a parent is a window for a moment, and takes the
    # keyboard focus from the main window (its shortcuts, e.g. Ctrl+L, stop working).
    shown: list[QtWidgets.QWidget] = []

    class Spy(QtCore.QObject):
        def eventFilter(self, obj: QtCore.QObject, event: QtCore.QEvent) -> bool:
            if event.type() == QtCore.QEvent.Type.Show and isinstance(obj, QtWidgets.QWidget) \
                    and obj.isWindow():
                shown.append(obj)
            return False

    spy = Spy()
    app = QtWidgets.QApplication.instance()
    app.installEventFilter(spy)
    try:
        editor = HolidayEditor(make_context(branch, clock=IN_2027))
        qtbot.addWidget(editor)
    finally:
        app.removeEventFilter(spy)
    assert shown == []


def test_warning_while_the_year_is_missing_and_gone_after_import(qtbot, branch, tmp_path
                                                                 ) -> None:
    editor = _settings(qtbot, branch, IN_2027)
    assert editor.warning.isVisibleTo(editor)
    assert "2027 年" in editor.warning.text()
    assert editor.year.value() == 2027 and "尚未录入" in editor.summary.text()

    bad = tmp_path / "2027.csv"
    bad.write_text("2027-02-10,holiday,春节\n2027-02-11,假日,春节\n", encoding="utf-8")
    assert not editor.import_file(bad)
    assert editor.error.text().startswith("第 2 行：") and "假日" in editor.error.text()
    assert not workdays.calendar(branch).knows(2027)

    good = tmp_path / "2027-gbk.csv"  # as saved by Excel on a Chinese Windows
    good.write_bytes("2027-02-10,holiday,春节\n2027-02-07,workday,春节调休\n"
                     .encode("gb18030"))
    assert editor.import_file(good)
    assert not editor.warning.isVisibleTo(editor)
    assert editor.table.rowCount() == 2 and "放假 1 天，调休上班 1 天" in editor.summary.text()
    assert workdays.year_entries(branch, 2027)[0].name == "春节调休"


def test_a_year_is_entered_row_by_row(qtbot, branch) -> None:
    editor = _settings(qtbot, branch, IN_2027)
    row = editor.add_row()
    editor.table.item(row, 0).setText("2027-10-01")
    editor.table.item(row, 2).setText("国庆节")
    row = editor.add_row()
    editor.table.item(row, 0).setText("2027-10-05")  # a Tuesday: not a make-up day
    combo = editor.table.cellWidget(row, 1)
    assert isinstance(combo, QtWidgets.QComboBox)
    combo.setCurrentIndex(combo.findData(WORKDAY))
    assert not editor.save()
    assert "第 2 项" in editor.error.text() and "周二" in editor.error.text()
    editor.table.item(row, 0).setText("2027-09-26")  # a Sunday
    assert editor.save()
    assert [e.day for e in workdays.year_entries(branch, 2027)] == [
        date(2027, 9, 26), date(2027, 10, 1)]
    assert not editor.warning.isVisibleTo(editor)


def test_no_warning_before_november_when_the_year_is_known(qtbot, branch) -> None:
    editor = _settings(qtbot, branch, OCTOBER_2026)
    assert editor.warning.text() == "" and editor.year.value() == 2026
    assert "放假" in editor.summary.text()


def test_the_workbench_warns_too(qtbot, branch) -> None:
    ctx = make_context(branch, clock=IN_2027)
    page = workbench.WorkbenchPage(ctx, apply_rules=False)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=5000)
    assert page.holiday_warning.isVisibleTo(page) and "2027 年" in page.holiday_warning.text()
    workdays.import_text(branch, "2027-01-01,holiday,元旦\n")
    page.refresh()
    assert not page.holiday_warning.isVisibleTo(page)
