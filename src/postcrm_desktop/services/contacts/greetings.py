"""Greeting templates and greetings: text ready to copy, SMS lists, greetings sent.

A template is plain text with placeholders in braces, English or Chinese:

    {salutation}您好！今天是您的{kind}，{branch}祝您生日快乐！
    尊敬的{姓名}（{等级}客户），祝您{周年}周年快乐。

Unknown placeholders, format specs and stray braces are refused when the template is
saved, with a message naming them. Each greeting sent is recorded as a contact (SMS by
default), so it shows in the customer's timeline and in the statistics.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from postcrm_desktop.core.contact_enums import CareKind, ContactChannel
from postcrm_desktop.core.customer_enums import Tier, parse_enum
from postcrm_desktop.core.errors import NotFound, ValidationError
from postcrm_desktop.core.pinyin_keys import COMPOUND_SURNAMES
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts import care
from postcrm_desktop.services.contacts.common import (
    Collector,
    load_customer,
    moment,
    user_names,
    write_audit,
)
from postcrm_desktop.services.contacts.records import add_contact
from postcrm_desktop.services.contacts.types import (
    CareItem,
    ContactResult,
    GreetingLine,
    TemplateInput,
    TemplateRow,
)
from postcrm_desktop.services.customers.access import shown_phone
from postcrm_desktop.services.customers.validation import clean_text
from postcrm_desktop.services.exports import table_csv, write_table
from postcrm_desktop.services.tx import reading, transaction
from postcrm_desktop.store.models.contacts import CareDate, GreetingTemplate
from postcrm_desktop.store.models.customers import Customer
from postcrm_desktop.store.types import utcnow

BODY_MAX = 500  # a long SMS is split by the carrier; 500 characters is plenty

# Placeholder -> (Chinese name, what it becomes).
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "name": ("姓名", "客户姓名或单位名称"),
    "surname": ("姓", "个人客户的姓"),
    "salutation": ("称呼", "如“王先生”“李女士”，单位客户为单位名称"),
    "tier": ("等级", "客户等级，如“金卡”"),
    "date": ("日期", "关怀日的公历日期，如“11月24日”"),
    "care_date": ("关怀日", "关怀日本身，如“农历八月十五”"),
    "kind": ("事由", "生日、合作纪念日或自定义关怀日的名称"),
    "years": ("周年", "岁数或合作年数（未登记年份时为空）"),
    "owner": ("客户经理", "客户经理姓名"),
    "branch": ("网点", "本网点名称"),
}
ALIASES: dict[str, str] = {zh: key for key, (zh, _) in PLACEHOLDERS.items()}

DEFAULT_TEMPLATES = (
    TemplateInput("生日祝福", "{salutation}您好！今天是您的生日，{branch}全体员工祝您生日快乐，"
                              "身体健康，万事如意！", "birthday"),
    TemplateInput("合作纪念日", "{salutation}您好！感谢您与{branch}合作{years}周年，"
                               "我们将继续竭诚为您服务。", "anniversary"),
    TemplateInput("通用关怀", "{salutation}您好！{kind}到了，{branch}祝您一切顺利！", None),
)


def placeholders_of(body: str) -> list[str]:
    """The placeholder names in `body` (Chinese ones as written), or `ValidationError`
    for stray braces, format specs or unknown names."""
    try:
        parsed = list(string.Formatter().parse(body))
    except ValueError:
        raise ValidationError("body", "花括号不成对；要显示花括号本身请写成{{或}}") from None
    names: list[str] = []
    unknown: list[str] = []
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if spec or conversion:
            raise ValidationError("body", f"占位符{{{field}}}不能带格式说明")
        if field not in PLACEHOLDERS and field not in ALIASES:
            unknown.append(field or "（空）")
        names.append(field)
    if unknown:
        allowed = "、".join(f"{{{k}}}/{{{zh}}}" for k, (zh, _) in PLACEHOLDERS.items())
        raise ValidationError("body", f"未知的占位符：{'、'.join('{' + u + '}' for u in unknown)}。"
                                      f"可用：{allowed}")
    return names


def render(body: str, values: Mapping[str, str]) -> str:
    """Fill a checked template; `values` by English placeholder name."""
    placeholders_of(body)
    full = {key: values.get(key, "") for key in PLACEHOLDERS}
    full.update({zh: full[key] for zh, key in ALIASES.items()})
    return body.format_map(full)


def surname_of(name: str) -> str:
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2]
    return name[:1]


def values_for(customer: Customer, *, on: date | None = None, item: CareItem | None = None,
               owner_name: str = "", branch_name: str = "") -> dict[str, str]:
    """Placeholder values for a customer (and a care date falling on `on`)."""
    individual = customer.customer_type == "individual"
    surname = surname_of(customer.name) if individual else ""
    title = {"M": "先生", "F": "女士"}.get(customer.gender or "", "")
    try:
        tier = Tier(customer.tier).label
    except ValueError:
        tier = customer.tier
    when = on or (item.on if item else None)
    return {
        "name": customer.name,
        "surname": surname,
        "salutation": (surname + title if title else customer.name) if individual
        else customer.name,
        "tier": tier,
        "date": f"{when.month}月{when.day}日" if when else "",
        "care_date": item.date_text if item else "",
        "kind": item.kind_label if item else "",
        "years": str(item.years) if item and item.years is not None else "",
        "owner": owner_name,
        "branch": branch_name,
    }


# --- templates --------------------------------------------------------------------------


def _row(t: GreetingTemplate) -> TemplateRow:
    return TemplateRow(t.id, t.name, t.kind, t.body, t.active)


def _clean(data: TemplateInput) -> dict[str, object]:
    errors = Collector()
    name = errors.run(lambda: clean_text(data.name, "name", 50, label="模板名称"))
    if name == "":
        errors.add("name", "请填写模板名称")
    body = errors.run(lambda: clean_text(data.body, "body", BODY_MAX, multiline=True,
                                         label="模板内容"))
    if body == "":
        errors.add("body", "请填写模板内容")
    elif body:
        errors.run(lambda: placeholders_of(body))
    kind = None
    if data.kind:
        kind = errors.run(lambda: str(parse_enum(CareKind, data.kind)))
    errors.raise_if_any()
    return {"name": name, "body": body, "kind": kind, "active": bool(data.active)}


def _unique(s: Session, name: object, exclude: str | None = None) -> None:
    query = select(GreetingTemplate.id).where(GreetingTemplate.name == name)
    if exclude:
        query = query.where(GreetingTemplate.id != exclude)
    if s.execute(query).first():
        raise ValidationError("name", f"模板名称“{name}”已存在")


def list_templates(branch: Branch, kind: str | None = None) -> list[TemplateRow]:
    """Templates by name; with `kind`, the active ones for that kind and the generic ones."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    query = select(GreetingTemplate).order_by(GreetingTemplate.name)
    if kind:
        kind = str(parse_enum(CareKind, kind))
        query = query.where(GreetingTemplate.active.is_(True),
                            (GreetingTemplate.kind == kind) | GreetingTemplate.kind.is_(None))
    with branch.session() as s, reading(s):
        rows = [_row(t) for t in s.execute(query).scalars()]
    # Templates made for the kind first, generic ones after.
    return sorted(rows, key=lambda r: r.kind is None) if kind else rows


def create_template(branch: Branch, data: TemplateInput) -> str:
    branch.actor.require(Perm.CAMPAIGN_EDIT)
    values = _clean(data)
    with branch.session() as s, transaction(s, branch.actor):
        _unique(s, values["name"])
        template = GreetingTemplate(**values)
        s.add(template)
        s.flush()
        write_audit(s, branch, "greeting_template.created", "greeting_template", template.id)
        return template.id


def update_template(branch: Branch, template_id: str, data: TemplateInput) -> None:
    branch.actor.require(Perm.CAMPAIGN_EDIT)
    values = _clean(data)
    with branch.session() as s, transaction(s, branch.actor):
        template = _template(s, template_id)
        _unique(s, values["name"], exclude=template.id)
        changed = [k for k, v in values.items() if getattr(template, k) != v]
        for key in changed:
            setattr(template, key, values[key])
        if changed:
            write_audit(s, branch, "greeting_template.updated", "greeting_template",
                        template.id, {"fields": changed})


def delete_template(branch: Branch, template_id: str) -> None:
    branch.actor.require(Perm.CAMPAIGN_EDIT)
    with branch.session() as s, transaction(s, branch.actor):
        template = _template(s, template_id)
        s.delete(template)
        write_audit(s, branch, "greeting_template.deleted", "greeting_template", template_id)


def add_default_templates(branch: Branch) -> list[str]:
    """The default templates whose names are not taken yet."""
    existing = {t.name for t in list_templates(branch)}
    return [create_template(branch, t) for t in DEFAULT_TEMPLATES if t.name not in existing]


def _template(s: Session, template_id: str) -> GreetingTemplate:
    template = s.get(GreetingTemplate, template_id) if template_id else None
    if template is None:
        raise NotFound("祝福模板不存在")
    return template


# --- greetings --------------------------------------------------------------------------


def _pick(templates: list[GreetingTemplate], kind: str) -> GreetingTemplate | None:
    for wanted in (kind, None):
        for t in templates:
            if t.active and t.kind == wanted:
                return t
    return None


def greeting_text(branch: Branch, template_id: str, customer_id: str, *,
                  on: date | None = None) -> str:
    """One greeting for a customer, ready to copy."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    with branch.session() as s, reading(s):
        template = _template(s, template_id)
        customer = load_customer(s, branch.actor, customer_id)
        owner = user_names(s, [customer.owner_id]).get(customer.owner_id or "", "")
        return render(template.body, values_for(customer, on=on or date.today(),
                                                owner_name=owner,
                                                branch_name=branch.db.info.branch_name))


def greeting_list(branch: Branch, start: date, days: int = 1, *,
                  template_id: str | None = None, mine: bool = False,
                  for_export: bool = False) -> list[GreetingLine]:
    """A greeting for every care date in the window. `template_id` None picks, per date,
    the first active template of its kind, else a generic one (dates without any are
    left out). `for_export` gives mobile numbers in clear for an SMS list: needs the
    reveal and export permissions and is audited."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    if for_export:
        branch.actor.require(Perm.CUSTOMER_REVEAL)
        branch.actor.require(Perm.CUSTOMER_EXPORT)
    items = care.upcoming(branch, start, days, mine=mine)
    lines: list[GreetingLine] = []
    with branch.session() as s, reading(s):
        if template_id:
            templates = [_template(s, template_id)]
        else:
            templates = list(s.execute(select(GreetingTemplate)
                                       .order_by(GreetingTemplate.name)).scalars())
        customers = {c.id: c for c in s.execute(
            select(Customer).where(Customer.id.in_({i.customer_id for i in items})))
            .scalars()} if items else {}
        owners = user_names(s, (c.owner_id for c in customers.values()))
        for item in items:
            template = templates[0] if template_id else _pick(templates, item.kind)
            if template is None:
                continue
            customer = customers[item.customer_id]
            text = render(template.body, values_for(
                customer, item=item, owner_name=owners.get(customer.owner_id or "", ""),
                branch_name=branch.db.info.branch_name))
            lines.append(GreetingLine(customer.id, customer.name,
                                      shown_phone(customer.mobile, for_export), item.on,
                                      item.care_date_id, text))
    if for_export:
        with branch.session() as s, transaction(s, branch.actor):
            write_audit(s, branch, "greeting.exported", "care_date", "",
                        {"lines": len(lines), "start": start.isoformat(), "days": days})
    return lines


def sms_csv(lines: list[GreetingLine]) -> str:
    """The list as CSV text (手机号码, 姓名, 短信内容) for an SMS platform; lines without
    a mobile number are left out. Saving it is the caller's (audited) export."""
    return table_csv(SMS_HEADER, sms_rows(lines))


SMS_HEADER = ("手机号码", "姓名", "短信内容")


def sms_rows(lines: list[GreetingLine]) -> list[tuple[str, str, str]]:
    """The rows of the SMS list: lines with a mobile number only."""
    return [(line.mobile, line.customer_name, line.text) for line in lines if line.mobile]


def write_sms_list(lines: list[GreetingLine], path: Path) -> int:
    """Write the SMS list to `path` (.xlsx or CSV) through the one export writer, which
    keeps a text like `=HYPERLINK(...)` from becoming a live formula; returns how many."""
    return write_table(path, SMS_HEADER, sms_rows(lines), sheet_title="短信名单",
                       widths={"A": 16, "C": 80})


def record_greeting_sent(branch: Branch, customer_id: str, text: str, *,
                         care_date_id: str | None = None, at: datetime | None = None,
                         channel: str = "sms") -> ContactResult:
    """Record a greeting sent as a contact (SMS unless said otherwise)."""
    branch.actor.require(Perm.CONTACT_EDIT)
    now = utcnow()
    body = clean_text(text, "text", 1900, multiline=True, label="祝福内容")
    if not body:
        raise ValidationError("text", "请填写祝福内容")
    when = now if at is None else moment(at, "at", "发送时间")
    if when > now:
        raise ValidationError("at", "发送时间不能晚于当前时间")
    with branch.session() as s, transaction(s, branch.actor):
        customer = load_customer(s, branch.actor, customer_id, write=True)
        kind = ""
        if care_date_id:
            care_date = s.get(CareDate, care_date_id)
            if care_date is None or care_date.customer_id != customer.id:
                raise ValidationError("care_date_id", "关怀日不属于该客户")
            kind = care_date.label or CareKind(care_date.kind).label
        values = {"channel": str(parse_enum(ContactChannel, channel)), "content": body,
                  "feedback": "", "person": "", "at": when,
                  "owner_id": branch.actor.user_id, "next_step": "",
                  "next_due_at": None}
        if kind:
            values["content"] = f"【{kind}祝福】{body}"
        return add_contact(s, branch, customer, values, [], [])


__all__ = [
    "ALIASES",
    "DEFAULT_TEMPLATES",
    "PLACEHOLDERS",
    "add_default_templates",
    "create_template",
    "delete_template",
    "greeting_list",
    "greeting_text",
    "list_templates",
    "placeholders_of",
    "record_greeting_sent",
    "render",
    "sms_csv",
    "update_template",
    "values_for",
    "write_sms_list",
]
