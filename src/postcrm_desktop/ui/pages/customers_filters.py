"""The customer list's filter bar (type, tier, stage, tag, owner, industry, activity,
district, created range) and the saved-views menu.

The search text itself lives in the list's search box; `FilterBar.values()` gives the
rest as keyword arguments of `CustomerFilters`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from postcrm_desktop.core.customer_enums import CustomerType, Stage, Tier
from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.services.customers.types import CustomerFilters, SavedViewRow
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.customer_labels import group_label, owner_choices
from postcrm_desktop.ui.pages.customer_common import confirm, fill_enum_combo, select_data
from postcrm_desktop.ui.qt import QAction, QMessageBox, Qt, QtCore, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.widgets.clock_fields import qdate
from postcrm_desktop.ui.widgets.date_range import optional_date_range
from postcrm_desktop.ui.worker import error_message

ACTIVITY = (("active", "近90天有活动"), ("dormant", "90天以上无活动"), ("never", "从无活动"))


class FilterBar(QtWidgets.QWidget):
    """Emits `changed` whenever a filter changes (typed fields: when editing ends or a
    value is picked). Industry and district offer the values in use (`choices`), read
    when the bar is built and again whenever the list hears customers changed."""

    changed = Signal()

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._quiet = False
        rows = QtWidgets.QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        # Two rows: choice lists, then the free-text choices and dates, so no box has
        # to be squeezed below its text (English labels are long).
        row, second = QtWidgets.QHBoxLayout(), QtWidgets.QHBoxLayout()
        rows.addLayout(row)
        rows.addLayout(second)
        self.customer_type = QtWidgets.QComboBox()
        fill_enum_combo(self.customer_type, CustomerType, blank=self.tr("全部类型"))
        self.tier = QtWidgets.QComboBox()
        fill_enum_combo(self.tier, Tier, blank=self.tr("全部等级"))
        self.stage = QtWidgets.QComboBox()
        fill_enum_combo(self.stage, Stage, blank=self.tr("全部阶段"))
        self.tag = QtWidgets.QComboBox()
        self.tag.setMinimumContentsLength(8)
        self.owner = QtWidgets.QComboBox()
        self.owner.setMinimumContentsLength(6)
        self.activity = QtWidgets.QComboBox()
        self.activity.addItem(self.tr("全部活跃度"), None)
        for code, text in ACTIVITY:
            self.activity.addItem(self.tr(text), code)
        # Editable: pick one of the values in use, or type one (matched exactly).
        self.applied: dict[str, str] = {"industry": "", "district": ""}
        self.industry = self._choice_box("industry", self.tr("行业"))
        self.district = self._choice_box("district", self.tr("区县"))
        self.use_dates, self.created_from, self.created_to = optional_date_range(
            self.tr("创建于"), qdate(ctx.clock.today()).addMonths(-1), self._on_changed,
            qdate(ctx.clock.today()))
        self.clear_button = QtWidgets.QPushButton(self.tr("清除筛选"))
        self.clear_button.clicked.connect(self.clear)
        for combo in self.combos():
            combo.currentIndexChanged.connect(lambda _i: self._on_changed())
            # As wide as the longest choice ("全部负责人", an owner's name), never clipped.
            combo.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToContents)
        for w in (*self.combos()[:4], self.owner, self.activity):
            w.setSizePolicy(QtWidgets.QSizePolicy.Policy.Minimum,
                            QtWidgets.QSizePolicy.Policy.Fixed)
            row.addWidget(w)
        row.addStretch(1)
        for w in (self.industry, self.district):
            w.setMinimumWidth(140)
        for w in (self.industry, self.district, self.use_dates, self.created_from,
                  QtWidgets.QLabel(self.tr("至")), self.created_to, self.clear_button):
            second.addWidget(w)
        second.addStretch(1)
        self.reload_choices()

    def _choice_box(self, key: str, placeholder: str) -> QtWidgets.QComboBox:
        box = QtWidgets.QComboBox()
        box.setObjectName(f"filter_{key}")
        box.setEditable(True)
        box.setInsertPolicy(QtWidgets.QComboBox.InsertPolicy.NoInsert)
        box.setMinimumContentsLength(6)
        box.setMaximumWidth(140)
        edit = box.lineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        completer = box.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QtWidgets.QCompleter.CompletionMode.PopupCompletion)
        edit.editingFinished.connect(lambda: self._on_choice_done(key))
        box.activated.connect(lambda _i: self._on_choice_done(key))
        return box

    def _on_choice_done(self, key: str) -> None:
        """Typing ends or a value is picked: filter again when the text really changed
        (both signals come for one pick)."""
        text = getattr(self, key).currentText().strip()
        if text != self.applied[key]:
            self.applied[key] = text
            self._on_changed()

    def _set_choice_text(self, key: str, text: str) -> None:
        box: QtWidgets.QComboBox = getattr(self, key)
        box.setCurrentIndex(-1)
        box.setEditText(text)
        self.applied[key] = text.strip()

    def _fill_choices(self) -> None:
        from postcrm_desktop.services.customers import choices

        try:
            found = choices.filter_choices(self.ctx.branch)
        except PostCrmError:
            return  # typed values still filter
        for key, values in (("industry", found.industries), ("district", found.districts)):
            box: QtWidgets.QComboBox = getattr(self, key)
            text = box.currentText()
            box.clear()
            box.addItems(values)
            self._set_choice_text(key, text)

    def combos(self) -> list[QtWidgets.QComboBox]:
        return [self.customer_type, self.tier, self.stage, self.tag, self.owner, self.activity]

    def reload_choices(self) -> None:
        """Fill the tag, owner, industry and district lists from the services (keeps what
        is selected or typed)."""
        from postcrm_desktop.services.customers import records, tags

        self._quiet = True
        try:
            current = self.tag.currentData()
            self.tag.clear()
            self.tag.addItem(self.tr("全部标签"), None)
            try:
                for t in tags.list_tags(self.ctx.branch):
                    self.tag.addItem(f"{group_label(t.tag_group)} · {t.name}", t.id)
            except PostCrmError:
                pass  # a role that may not list tags filters without them
            select_data(self.tag, current)
            current = self.owner.currentData()
            self.owner.clear()
            self.owner.addItem(self.tr("全部负责人"), None)
            try:
                for oid, name in owner_choices(records.list_owners(self.ctx.branch)):
                    self.owner.addItem(name, oid)
            except PostCrmError:
                pass
            select_data(self.owner, current)
            self._fill_choices()
        finally:
            self._quiet = False

    def _on_changed(self) -> None:
        if not self._quiet:
            self.changed.emit()

    def values(self) -> dict[str, Any]:
        """Keyword arguments of `CustomerFilters` (without the query)."""
        since: date | None = None
        until: date | None = None
        if self.use_dates.isChecked():
            since = self.created_from.date().toPython()
            until = self.created_to.date().toPython()
        return {
            "customer_type": self.customer_type.currentData(),
            "tier": self.tier.currentData(),
            "stage": self.stage.currentData(),
            "tag_id": self.tag.currentData(),
            "owner_id": self.owner.currentData(),
            "activity": self.activity.currentData(),
            "industry": self.industry.currentText().strip() or None,
            "district": self.district.currentText().strip() or None,
            "created_from": since,
            "created_to": until,
        }

    def set_values(self, f: CustomerFilters) -> None:
        """Show `f` (without emitting `changed`)."""
        self._quiet = True
        try:
            select_data(self.customer_type, f.customer_type)
            select_data(self.tier, f.tier)
            select_data(self.stage, f.stage)
            select_data(self.tag, f.tag_id)
            select_data(self.owner, f.owner_id)
            select_data(self.activity, f.activity)
            self._set_choice_text("industry", f.industry or "")
            self._set_choice_text("district", f.district or "")
            dates = f.created_from is not None or f.created_to is not None
            self.use_dates.setChecked(dates)
            if f.created_from is not None:
                self.created_from.setDate(QtCore.QDate(f.created_from))
            if f.created_to is not None:
                self.created_to.setDate(QtCore.QDate(f.created_to))
            self.created_from.setEnabled(dates)
            self.created_to.setEnabled(dates)
        finally:
            self._quiet = False

    def clear(self) -> None:
        self.set_values(CustomerFilters())
        self.changed.emit()

    def active_count(self) -> int:
        return sum(1 for v in self.values().values() if v is not None)


class SavedViewsButton(QtWidgets.QToolButton):
    """视图 menu: apply a saved view, save the current filters under a name, delete one."""

    view_applied = Signal(object)  # CustomerFilters

    def __init__(self, ctx: PageContext, current: Callable[[], CustomerFilters],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current = current
        self.views: list[SavedViewRow] = []
        self.setText(self.tr("视图"))
        self.setToolTip(self.tr("已保存的筛选视图"))
        self.setPopupMode(QtWidgets.QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QtWidgets.QMenu(self)
        self.setMenu(self.menu_)
        self.menu_.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def reload(self) -> list[SavedViewRow]:
        from postcrm_desktop.services.customers import search

        try:
            self.views = search.list_views(self.ctx.branch)
        except PostCrmError:
            self.views = []
        return self.views

    def rebuild(self) -> None:
        self.reload()
        menu = self.menu_
        menu.clear()
        for view in self.views:
            act = QAction(view.name, menu)
            act.triggered.connect(lambda _c=False, v=view: self.apply(v))
            menu.addAction(act)
        if not self.views:
            empty = menu.addAction(self.tr("（还没有保存的视图）"))
            empty.setEnabled(False)
        menu.addSeparator()
        save = menu.addAction(self.tr("将当前筛选保存为视图…"))
        save.triggered.connect(self.ask_save)
        if self.views:
            remove = menu.addMenu(self.tr("删除视图"))
            for view in self.views:
                act = QAction(view.name, remove)
                act.triggered.connect(lambda _c=False, v=view: self.ask_delete(v))
                remove.addAction(act)

    def apply(self, view: SavedViewRow) -> None:
        self.view_applied.emit(view.filters)

    def apply_named(self, name: str) -> bool:
        for view in self.reload():
            if view.name == name:
                self.apply(view)
                return True
        return False

    def ask_save(self) -> None:
        name, ok = QtWidgets.QInputDialog.getText(
            self, self.tr("保存视图"), self.tr("视图名称："))
        if ok and name.strip():
            self.save(name.strip())

    def save(self, name: str) -> str | None:
        from postcrm_desktop.services.customers import search

        try:
            view_id = search.save_view(self.ctx.branch, name, self.current())
        except PostCrmError as exc:
            QMessageBox.warning(self, self.tr("保存视图"), error_message(exc))
            return None
        self.rebuild()
        return view_id

    def ask_delete(self, view: SavedViewRow) -> None:
        if confirm(self, self.tr("删除视图"),
                   self.tr("删除视图“{0}”？客户资料不受影响。").format(view.name)):
            self.delete(view)

    def delete(self, view: SavedViewRow) -> None:
        from postcrm_desktop.services.customers import search

        try:
            search.delete_view(self.ctx.branch, view.id)
        except PostCrmError as exc:
            QMessageBox.warning(self, self.tr("删除视图"), error_message(exc))
        self.rebuild()
