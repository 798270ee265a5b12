"""节假日: the branch's holiday calendar on the complaint settings tab.

Working-hours deadlines skip the public holidays and count the make-up working days kept
here. A year is entered from the State Council notice, row by row or by importing a
file of lines `2027-02-10,holiday,春节` / `2027-02-07,workday,春节调休`; wrong rows are
named with their line. While the current year (from November also the next) is
missing, a warning says so here and on the workbench.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from postcrm_desktop.core.errors import PostCrmError, ValidationError, ValidationErrors
from postcrm_desktop.core.holidays import HOLIDAY, WORKDAY, HolidayEntry
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.pages.complaint_forms import ERROR_STYLE, MUTED_STYLE, OK_STYLE
from postcrm_desktop.ui.qt import QtWidgets, QWidget, Signal, translate
from postcrm_desktop.ui.worker import error_message

WARNING_STYLE = "color: #b00020; font-weight: bold;"


def missing_warning(years: list[int]) -> str:
    """The visible warning for years without a holiday calendar; empty when none."""
    if not years:
        return ""
    listed = translate("HolidayCalendar", "、").join(
        translate("HolidayCalendar", "{0} 年").format(y) for y in years)
    return translate(
        "HolidayCalendar",
        "⚠ 尚未录入 {0}的法定节假日和调休安排：按工作时间计算的投诉期限暂按周一至周五计算，"
        "春节、国庆等假期会算错。请网点管理员在“投诉 → 设置 → 节假日”中录入或导入。"
    ).format(listed)


def holiday_warning(ctx: PageContext) -> str:
    """The warning for the branch's calendar on the branch's today (from the clock)."""
    from postcrm_desktop.services.complaints import workdays

    return missing_warning(workdays.missing(ctx.branch, ctx.clock.today()))


class HolidayEditor(QtWidgets.QGroupBox):
    sig_saved = Signal()

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("节假日（法定假日与调休）"))
        self.setObjectName("holiday_editor")
        self.ctx = ctx
        self.editable = ctx.branch.actor.can(Perm.COMPLAINT_MANAGE)
        layout = QtWidgets.QVBoxLayout(self)
        self.warning = QtWidgets.QLabel()
        self.warning.setObjectName("holiday_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        layout.addWidget(self.warning)
        note = QtWidgets.QLabel(self.tr(
            "按工作时间计时的期限跳过这里的放假日，并计入调休上班日。每年按国务院办公厅的"
            "通知录入；导入文件每行一天：日期,类型,名称，如 2027-02-10,holiday,春节 或 "
            "2027-02-07,workday,春节调休。") if self.editable else self.tr(
            "只有网点管理员可以修改节假日安排，这里仅供查看。"))
        note.setWordWrap(True)
        note.setStyleSheet(MUTED_STYLE)
        layout.addWidget(note)

        top = QtWidgets.QHBoxLayout()
        self.year = QtWidgets.QSpinBox()
        self.year.setObjectName("holiday_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(ctx.clock.today().year)
        self.year.valueChanged.connect(lambda _y: self.load_year())
        self.summary = QtWidgets.QLabel()
        self.summary.setObjectName("holiday_summary")
        top.addWidget(QtWidgets.QLabel(self.tr("年份：")))
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        layout.addLayout(top)

        self.table = QtWidgets.QTableWidget(0, 3)
        self.table.setObjectName("holiday_table")
        self.table.setHorizontalHeaderLabels([self.tr("日期"), self.tr("类型"), self.tr("名称")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(180)
        layout.addWidget(self.table)
        self.error = QtWidgets.QLabel()
        self.error.setObjectName("holiday_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.error)

        buttons = QtWidgets.QHBoxLayout()
        self.add_button = QtWidgets.QPushButton(self.tr("添加一天"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QtWidgets.QPushButton(self.tr("删除所选"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.save_button = QtWidgets.QPushButton(self.tr("保存本年安排"))
        self.save_button.setObjectName("holiday_save")
        self.save_button.clicked.connect(self.save)
        self.import_button = QtWidgets.QPushButton(self.tr("从文件导入…"))
        self.import_button.setObjectName("holiday_import")
        self.import_button.clicked.connect(self.choose_file)
        self.status = QtWidgets.QLabel()
        self.status.setStyleSheet(OK_STYLE)
        edit_buttons = (self.add_button, self.remove_button, self.save_button,
                        self.import_button)
        for b in edit_buttons:
            buttons.addWidget(b)
        buttons.addWidget(self.status, 1)
        layout.addLayout(buttons)
        for b in edit_buttons:  # only once parented: a parentless show opens a window
            b.setVisible(self.editable)
        triggers = QtWidgets.QAbstractItemView.EditTrigger
        self.table.setEditTriggers(
            triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
            if self.editable else triggers.NoEditTriggers)
        self.load()

    # -- reading ----------------------------------------------------------------------

    def load(self) -> None:
        try:
            self.warning.setText(holiday_warning(self.ctx))
        except PostCrmError as exc:
            self.warning.setText(error_message(exc))
        self.warning.setVisible(bool(self.warning.text()))
        self.load_year()

    def load_year(self) -> None:
        from postcrm_desktop.services.complaints import workdays

        self.error.clear()
        self.status.clear()
        try:
            entries = workdays.year_entries(self.ctx.branch, self.year.value())
        except PostCrmError as exc:
            self.error.setText(error_message(exc))
            return
        self.table.setRowCount(0)
        for e in entries:
            self.add_row(e)
        self._summarise(entries)

    def _summarise(self, entries: list[HolidayEntry]) -> None:
        year = self.year.value()
        if not entries:
            self.summary.setText(self.tr("{0} 年尚未录入").format(year))
            self.summary.setStyleSheet(ERROR_STYLE)
            return
        off = sum(1 for e in entries if e.kind == HOLIDAY)
        self.summary.setText(self.tr("{0} 年：放假 {1} 天，调休上班 {2} 天").format(
            year, off, len(entries) - off))
        self.summary.setStyleSheet(MUTED_STYLE)

    def add_row(self, entry: HolidayEntry | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        day = entry.day.isoformat() if entry else f"{self.year.value()}-"
        self.table.setItem(row, 0, QtWidgets.QTableWidgetItem(day))
        kind = QtWidgets.QComboBox()
        kind.addItem(self.tr("放假"), HOLIDAY)
        kind.addItem(self.tr("调休上班"), WORKDAY)
        kind.setCurrentIndex(1 if entry and entry.kind == WORKDAY else 0)
        kind.setEnabled(self.editable)
        self.table.setCellWidget(row, 1, kind)
        self.table.setItem(row, 2, QtWidgets.QTableWidgetItem(entry.name if entry else ""))
        return row

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def entries(self) -> list[HolidayEntry]:
        """The rows as entries; raises `ValidationErrors` naming rows with a bad date."""
        out: list[HolidayEntry] = []
        errors: list[ValidationError] = []
        for row in range(self.table.rowCount()):
            day_item, name_item = self.table.item(row, 0), self.table.item(row, 2)
            text = day_item.text().strip() if day_item else ""
            combo = self.table.cellWidget(row, 1)
            kind = combo.currentData() if isinstance(combo, QtWidgets.QComboBox) else HOLIDAY
            try:
                day = date.fromisoformat(text)
            except ValueError:
                errors.append(ValidationError("day", self.tr(
                    "第 {0} 项：日期“{1}”无效，格式应为 YYYY-MM-DD，如 2027-02-10").format(
                    row + 1, text)))
                continue
            out.append(HolidayEntry(day, kind, name_item.text() if name_item else ""))
        if errors:
            raise ValidationErrors(errors)
        return out

    # -- writing ----------------------------------------------------------------------

    def save(self) -> bool:
        from postcrm_desktop.services.complaints import workdays

        if not self.editable:
            return False
        self.error.clear()
        try:
            stored = workdays.set_year(self.ctx.branch, self.year.value(), self.entries())
        except (ValidationError, ValidationErrors) as exc:
            self._show_errors(exc)
            return False
        except PostCrmError as exc:
            self.error.setText(error_message(exc))
            return False
        self.load()
        self.status.setText(self.tr("已保存 {0} 年的 {1} 天").format(
            self.year.value(), len(stored)))
        self.sig_saved.emit()
        return True

    def choose_file(self) -> None:
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, self.tr("导入节假日安排"), "",
            self.tr("文本或 CSV 文件 (*.txt *.csv);;所有文件 (*)"))
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> bool:
        from postcrm_desktop.services.complaints import workdays

        if not self.editable:
            return False
        self.error.clear()
        self.status.clear()
        try:
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("gb18030")  # saved from Excel on a Chinese Windows
            summary = workdays.import_text(self.ctx.branch, text)
        except (ValidationError, ValidationErrors) as exc:
            self._show_errors(exc)
            return False
        except (OSError, UnicodeDecodeError) as exc:
            self.error.setText(self.tr("无法读取文件：{0}").format(exc))
            return False
        except PostCrmError as exc:
            self.error.setText(error_message(exc))
            return False
        if summary:
            self.year.blockSignals(True)
            self.year.setValue(summary[0].year)
            self.year.blockSignals(False)
        self.load()
        self.status.setText("；".join(
            self.tr("{0} 年：放假 {1} 天，调休上班 {2} 天").format(s.year, s.holidays, s.workdays)
            for s in summary))
        self.sig_saved.emit()
        return True

    def _show_errors(self, exc: ValidationError | ValidationErrors) -> None:
        errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
        self.error.setText("\n".join(e.message for e in errors))


__all__ = ["HolidayEditor", "holiday_warning", "missing_warning"]
