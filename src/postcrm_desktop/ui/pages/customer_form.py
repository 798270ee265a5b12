"""新建/编辑客户: every field of a customer file, each with its error line beside it.

Opened with `open()` (never a blocking `exec()`); a test fills the fields and calls
`accept()`. The service checks everything (`ValidationErrors.by_field()`), and each
message appears under its field; the first tab with a problem comes to the front.
Saving a new customer that looks like an existing one shows the candidates first.
Phone and ID numbers of a stored customer arrive masked: left as shown, they are sent
as None so the service keeps the stored numbers.
"""

from __future__ import annotations

from postcrm_desktop.core.customer_enums import (
    CustomerType,
    Gender,
    SourceChannel,
    Stage,
    Tier,
)
from postcrm_desktop.core.errors import PostCrmError, ValidationError, ValidationErrors
from postcrm_desktop.services.customers.types import CustomerDetail, CustomerInput
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.customer_labels import owner_choices
from postcrm_desktop.ui.pages.customer_common import confirm, fill_enum_combo, select_data
from postcrm_desktop.ui.pages.customer_form_parts import (
    DuplicatePanel,
    OptionalDateEdit,
    PeopleEditor,
    TagPicker,
)
from postcrm_desktop.ui.qt import QT_TRANSLATE_NOOP, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.widgets.form_errors import add_error_row, error_label
from postcrm_desktop.ui.worker import error_message

MASKED = ("id_number", "mobile", "landline")
TABS = ("基本信息", "联系方式与地址", "单位与联系人", "归属与标签", "需求与备注")
# The texts above, marked for the translation scanner: they are translated
# through a variable, in the context "CustomerForm".
_TABS_TEXTS = (
    QT_TRANSLATE_NOOP("CustomerForm", "基本信息"),
    QT_TRANSLATE_NOOP("CustomerForm", "联系方式与地址"),
    QT_TRANSLATE_NOOP("CustomerForm", "单位与联系人"),
    QT_TRANSLATE_NOOP("CustomerForm", "归属与标签"),
    QT_TRANSLATE_NOOP("CustomerForm", "需求与备注"),
)


class CustomerForm(QtWidgets.QDialog):
    sig_saved = Signal(str)  # customer id, after a create or an edit
    sig_open_customer = Signal(str)  # the user chose an existing possible duplicate

    def __init__(self, ctx: PageContext, customer_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.detail: CustomerDetail | None = None
        self.saved_id: str | None = None
        self.duplicates_confirmed = False
        self.shown: dict[str, str] = {}  # masked numbers as loaded
        self.birthday_hidden = False  # only month and day shown (no reveal permission)
        self.errors: dict[str, tuple[QtWidgets.QLabel, int]] = {}
        self.setWindowTitle(self.tr("编辑客户") if customer_id else self.tr("新建客户"))
        self.setObjectName("customer_form")
        self.setMinimumSize(620, 560)
        layout = QtWidgets.QVBoxLayout(self)
        self.tabs = QtWidgets.QTabWidget()
        self.forms: list[QtWidgets.QFormLayout] = []
        for title in TABS:
            page = QtWidgets.QWidget()
            self.forms.append(QtWidgets.QFormLayout(page))
            self.tabs.addTab(page, self.tr(title))
        layout.addWidget(self.tabs, 1)
        self._build_fields()
        self.duplicates = DuplicatePanel()
        self.duplicates.sig_open.connect(self._on_open_duplicate)
        self.duplicates.sig_save_anyway.connect(self._on_save_anyway)
        layout.addWidget(self.duplicates)
        self.general_error = error_label("form_general_error")
        layout.addWidget(self.general_error)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._load()
        self.snapshot = self.to_input()

    # -- building -----------------------------------------------------------------------

    def _add(self, tab: int, field: str, label: str, widget: QWidget) -> QWidget:
        self.errors[field] = (add_error_row(self.forms[tab], field, label, widget), tab)
        return widget

    def _line(self, tab: int, field: str, label: str, placeholder: str = "",
              max_len: int = 0) -> QtWidgets.QLineEdit:
        edit = QtWidgets.QLineEdit()
        edit.setObjectName(f"field_{field}")
        if placeholder:
            edit.setPlaceholderText(placeholder)
        if max_len:
            edit.setMaxLength(max_len)
        self._add(tab, field, label, edit)
        return edit

    def _build_fields(self) -> None:
        self.customer_type = QtWidgets.QComboBox()
        fill_enum_combo(self.customer_type, CustomerType)
        self._add(0, "customer_type", self.tr("客户类型："), self.customer_type)
        self.name = self._line(0, "name", self.tr("姓名："), max_len=100)
        self.name_label = self.forms[0].labelForField(self.name)
        self.gender = QtWidgets.QComboBox()
        fill_enum_combo(self.gender, Gender, blank=self.tr("（未填）"))
        self._add(0, "gender", self.tr("性别："), self.gender)
        self.birthday = OptionalDateEdit(self.ctx.clock.today())
        self._add(0, "birthday", self.tr("生日："), self.birthday)
        self.id_number = self._line(0, "id_number", self.tr("身份证号码："),
                                    self.tr("18位，末位可为X"), 18)
        self.tier = QtWidgets.QComboBox()
        fill_enum_combo(self.tier, Tier)
        self._add(0, "tier", self.tr("客户等级："), self.tier)
        self.stage = QtWidgets.QComboBox()
        fill_enum_combo(self.stage, Stage)
        self._add(0, "stage", self.tr("发展阶段："), self.stage)
        self.source_channel = QtWidgets.QComboBox()
        fill_enum_combo(self.source_channel, SourceChannel, blank=self.tr("（未填）"))
        self._add(0, "source_channel", self.tr("来源渠道："), self.source_channel)

        self.mobile = self._line(1, "mobile", self.tr("手机号码："), self.tr("11位手机号"), 20)
        self.landline = self._line(1, "landline", self.tr("固定电话："),
                                   self.tr("如 020-12345678"), 24)
        self.email = self._line(1, "email", self.tr("电子邮箱："), max_len=254)
        self.province = self._line(1, "province", self.tr("省份："), max_len=32)
        self.city = self._line(1, "city", self.tr("城市："), max_len=32)
        self.district = self._line(1, "district", self.tr("区县："), max_len=32)
        self.address = self._line(1, "address", self.tr("详细地址："), max_len=200)
        self.postal_code = self._line(1, "postal_code", self.tr("邮政编码："),
                                      self.tr("6位数字"), 6)

        self.industry = self._line(2, "industry", self.tr("行业："), max_len=64)
        self.company = self._line(2, "company", self.tr("工作单位："), max_len=100)
        self.company_label = self.forms[2].labelForField(self.company)
        self.people = PeopleEditor()
        self._add(2, "people", self.tr("企业联系人："), self.people)

        self.owner = QtWidgets.QComboBox()
        self.owner.setObjectName("field_owner_id")
        self._add(3, "owner_id", self.tr("负责客户经理："), self.owner)
        self.department = self._line(3, "department", self.tr("部门："),
                                     self.tr("留空则取负责人的部门"), 64)
        self.tags = TagPicker()
        self._add(3, "tag_ids", self.tr("标签："), self.tags)

        self.needs = QtWidgets.QPlainTextEdit()
        self.needs.setObjectName("field_needs")
        self._add(4, "needs", self.tr("需求描述："), self.needs)
        self.notes = QtWidgets.QPlainTextEdit()
        self.notes.setObjectName("field_notes")
        self._add(4, "notes", self.tr("备注："), self.notes)
        self.customer_type.currentIndexChanged.connect(lambda _i: self._on_type_changed())

    def _on_type_changed(self) -> None:
        individual = self.customer_type.currentData() == str(CustomerType.INDIVIDUAL)
        for w in (self.gender, self.birthday, self.id_number):
            w.setEnabled(individual)
        if self.birthday_hidden:
            self.birthday.setEnabled(False)
        self.people.setEnabled(not individual)
        if isinstance(self.name_label, QtWidgets.QLabel):
            self.name_label.setText(self.tr("姓名：") if individual else self.tr("客户名称："))
        if isinstance(self.company_label, QtWidgets.QLabel):
            self.company_label.setText(self.tr("工作单位：") if individual
                                       else self.tr("单位名称："))

    # -- loading ------------------------------------------------------------------------

    def _load(self) -> None:
        from postcrm_desktop.services.customers import records, tags

        branch = self.ctx.branch
        self.owner.addItem(self.tr("（未指定）"), None)
        try:
            for oid, name in owner_choices(records.list_owners(branch)):
                self.owner.addItem(name, oid)
        except PostCrmError:
            pass
        try:
            catalogue = tags.list_tags(branch)
        except PostCrmError:
            catalogue = []
        if self.customer_id is None:
            self.tags.set_tags(catalogue)
            select_data(self.owner, branch.actor.user_id)
            self._on_type_changed()
            return
        d = records.get_customer(branch, self.customer_id)
        self.detail = d
        select_data(self.customer_type, d.customer_type)
        self.name.setText(d.name)
        select_data(self.gender, d.gender)
        self.birthday.set_value(d.birthday)
        # Without the reveal permission only month and day are shown; the stored
        # birthday is kept as it is.
        self.birthday_hidden = d.birthday is None and bool(d.birthday_masked)
        if self.birthday_hidden:
            self.birthday.setToolTip(self.tr("生日：{0}（无查看权限，不能修改）")
                                     .format(d.birthday_masked))
        for field in MASKED:
            self.shown[field] = getattr(d, field) or ""
            getattr(self, field).setText(self.shown[field])
        select_data(self.tier, d.tier)
        select_data(self.stage, d.stage)
        select_data(self.source_channel, d.source_channel or None)
        for field in ("email", "province", "city", "district", "address", "postal_code",
                      "industry", "company", "department"):
            getattr(self, field).setText(getattr(d, field) or "")
        self.people.set_people(d.people)
        if d.owner_id and self.owner.findData(d.owner_id) < 0:
            self.owner.addItem(d.owner_name or d.owner_id, d.owner_id)  # e.g. disabled user
        select_data(self.owner, d.owner_id)
        offered = {t.id for t in catalogue}
        # Retired tags the customer still carries stay shown (and kept when saved).
        self.tags.set_tags(catalogue + [t for t in d.tags if t.id not in offered],
                           {t.id for t in d.tags})
        self.needs.setPlainText(d.needs)
        self.notes.setPlainText(d.notes)
        self._on_type_changed()

    # -- the input ----------------------------------------------------------------------

    def to_input(self) -> CustomerInput:
        individual = self.customer_type.currentData() == str(CustomerType.INDIVIDUAL)
        numbers: dict[str, str | None] = {}
        for field in MASKED:
            text = getattr(self, field).text().strip()
            shown = self.shown.get(field)
            numbers[field] = None if shown and text == shown else text
        return CustomerInput(
            customer_type=self.customer_type.currentData(),
            name=self.name.text(),
            gender=self.gender.currentData() if individual else None,
            birthday=self.birthday.value() if individual else None,  # type: ignore[arg-type]
            id_number=numbers["id_number"] if individual or numbers["id_number"] is None
            else "",
            mobile=numbers["mobile"], landline=numbers["landline"],
            email=self.email.text(), province=self.province.text(), city=self.city.text(),
            district=self.district.text(), address=self.address.text(),
            postal_code=self.postal_code.text(), industry=self.industry.text(),
            company=self.company.text(), source_channel=self.source_channel.currentData() or "",
            owner_id=self.owner.currentData(), department=self.department.text(),
            tier=self.tier.currentData(), stage=self.stage.currentData(),
            needs=self.needs.toPlainText(), notes=self.notes.toPlainText(),
            tag_ids=self.tags.checked_ids(),
            people=[] if individual else self.people.people(),
        )

    def is_dirty(self) -> bool:
        return self.to_input() != self.snapshot

    # -- errors -------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for label, _tab in self.errors.values():
            label.clear()
            label.setVisible(False)
        self.general_error.clear()
        self.general_error.setVisible(False)
        self.people.mark_rows(set())

    def show_errors(self, by_field: dict[str, str]) -> None:
        first_tab: int | None = None
        general: list[str] = []
        bad_people: set[int] = set()
        people_messages: list[str] = []
        for field, message in by_field.items():
            if field.startswith("people["):
                bad_people.add(int(field[len("people["):field.index("]")]))
                people_messages.append(message)
                field = "people"
            entry = self.errors.get(field)
            if entry is None:
                general.append(message)
                continue
            label, tab = entry
            label.setText("\n".join(people_messages) if field == "people" and people_messages
                          else message)
            label.setVisible(True)
            first_tab = tab if first_tab is None else min(first_tab, tab)
        self.people.mark_rows(bad_people)
        if general:
            self.show_general("\n".join(general))
        if first_tab is not None:
            self.tabs.setCurrentIndex(first_tab)

    def show_general(self, message: str) -> None:
        self.general_error.setText(message)
        self.general_error.setVisible(True)

    def error_text(self, field: str) -> str:
        """What the form says about `field` now ('' when nothing)."""
        label = self.errors[field][0]
        return label.text() if not label.isHidden() else ""

    # -- saving -------------------------------------------------------------------------

    def submit(self) -> None:
        from postcrm_desktop.services.customers import records

        data = self.to_input()
        branch = self.ctx.branch
        if self.customer_id is None:
            self.saved_id = records.create_customer(
                branch, data, refuse_duplicates=not self.duplicates_confirmed)
        else:
            records.update_customer(branch, self.customer_id, data)
            self.saved_id = self.customer_id

    def accept(self) -> None:
        from postcrm_desktop.services.customers.records import PossibleDuplicates

        self.clear_errors()
        try:
            self.submit()
        except ValidationError as exc:
            self.show_errors({exc.field: exc.message})
            return
        except ValidationErrors as exc:
            self.show_errors(exc.by_field())
            return
        except PossibleDuplicates as exc:
            self.duplicates.show_candidates(exc.candidates)
            return
        except PostCrmError as exc:
            self.show_general(error_message(exc))
            return
        self.snapshot = self.to_input()
        super().accept()
        if self.saved_id is not None:
            self.sig_saved.emit(self.saved_id)

    def _on_save_anyway(self) -> None:
        self.duplicates_confirmed = True
        self.duplicates.setVisible(False)
        self.accept()

    def _on_open_duplicate(self, customer_id: str) -> None:
        self.discard()
        self.sig_open_customer.emit(customer_id)

    # -- leaving ------------------------------------------------------------------------

    def discard(self) -> None:
        """Close without asking (the caller already decided)."""
        self.snapshot = self.to_input()
        super().reject()

    def maybe_discard(self) -> bool:
        """Ask before throwing typed changes away; True when the form may close."""
        if self.is_dirty() and not confirm(
                self, self.windowTitle(), self.tr("放弃尚未保存的修改？")):
            return False
        self.discard()
        return True

    def reject(self) -> None:
        self.maybe_discard()
