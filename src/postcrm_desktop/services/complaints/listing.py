"""The complaint list: filters, overdue first, keyset pages, counts.

Order: open complaints (new, assigned, in progress) first, by deadline, so the overdue
ones lead and the next due follow; then the resolved, revisited and closed ones, newest
first. Pages are keyset pages (`ComplaintCursor`): no OFFSET, so a page deep in a long
list costs what the first one does, and a row added meanwhile never repeats a row.

A column sort (`sort=(column, descending)`, columns in `SORT_COLUMNS`) orders the whole
list by that column's value, then id, in the same keyset pages; the cursor carries the
sort. Priority, status and type sort by their rank (urgent first, workflow order, code
order), the category by its name, as the list shows them.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from postcrm_desktop.core.complaint_enums import (
    OPEN_STATUSES,
    ComplaintType,
    Priority,
    Status,
    parse_choice,
)
from postcrm_desktop.core.errors import ValidationError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.core.sla import DEFAULT_ZONE, require_aware
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.complaints.categories import category_names
from postcrm_desktop.services.complaints.rows import (
    complaint_row,
    user_names,
    visible_complaints,
)
from postcrm_desktop.services.complaints.types import (
    ComplaintCursor,
    ComplaintFilters,
    ComplaintPage,
    ComplaintRow,
)
from postcrm_desktop.services.tx import reading
from postcrm_desktop.store.models.complaints import Complaint, ComplaintCategory
from postcrm_desktop.store.models.customers import Customer
from postcrm_desktop.store.types import utcnow

MAX_PAGE = 500
_OPEN = [str(s) for s in Status if s in OPEN_STATUSES]
_DONE = [str(s) for s in Status if s not in OPEN_STATUSES]
SORT_COLUMNS = ("number", "received_at", "due_at", "priority", "status", "category",
                "complaint_type")


def _rank(column: Any, enum_cls: Any, rank: Any) -> ColumnElement[Any]:
    """The enum's rank for a code column; unknown codes after every known one."""
    return case({str(e): rank(e) for e in enum_cls}, value=column, else_=len(enum_cls))


def _sort_expr(column: str) -> ColumnElement[Any]:
    if column == "number":
        return Complaint.number
    if column == "received_at":
        return Complaint.received_at
    if column == "due_at":
        return Complaint.due_at
    if column == "priority":  # urgent first when ascending, as the list's header sorts
        return _rank(Complaint.priority, Priority, lambda e: 2 - e.rank)
    if column == "status":
        return _rank(Complaint.status, Status, lambda e: e.rank)
    if column == "complaint_type":
        return _rank(Complaint.complaint_type, ComplaintType,
                     lambda e: list(ComplaintType).index(e))
    if column == "category":
        name = (select(ComplaintCategory.name)
                .where(ComplaintCategory.code == Complaint.category)
                .correlate(Complaint).scalar_subquery())
        return func.coalesce(name, Complaint.category)
    raise ValidationError("sort", f"不能按“{column}”排序")


def _check_sort(sort: tuple[str, bool] | None) -> tuple[str, bool] | None:
    if sort is None:
        return None
    column, descending = sort
    if column not in SORT_COLUMNS:
        raise ValidationError("sort", f"不能按“{column}”排序")
    return column, bool(descending)


def _sorted_page(s: Session, query: Select[Any], sort: tuple[str, bool],
                 after: ComplaintCursor | None, limit: int
                 ) -> list[tuple[Complaint, Customer, Any]]:
    """`limit` rows in (sort value, id) order after the cursor."""
    column, descending = sort
    key = _sort_expr(column)
    if after is not None:  # the plain bound lets SQLite seek an index to the cursor
        if descending:
            query = query.where(key <= after.key, or_(
                key < after.key, and_(key == after.key, Complaint.id < after.id)))
        else:
            query = query.where(key >= after.key, or_(
                key > after.key, and_(key == after.key, Complaint.id > after.id)))
    order = (key.desc(), Complaint.id.desc()) if descending else (key, Complaint.id)
    rows = s.execute(query.add_columns(key.label("sort_value"))
                     .order_by(*order).limit(limit)).all()
    return [(r[0], r[1], r[2]) for r in rows]


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _statuses(filters: ComplaintFilters) -> list[str] | None:
    wanted: set[str] | None = None
    if filters.statuses:
        wanted = {str(parse_choice(Status, s, "statuses")) for s in filters.statuses}
    if filters.open_only or filters.overdue_only:
        wanted = set(_OPEN) if wanted is None else wanted & set(_OPEN)
    return sorted(wanted) if wanted is not None else None


def _local_bound(day: date, zone: str, end: bool) -> datetime:
    moment = datetime.combine(day + timedelta(days=1) if end else day, time(0),
                              tzinfo=ZoneInfo(zone))
    return require_aware(moment)


def _filtered(query: Select[Any], branch: Branch, filters: ComplaintFilters,
              now: datetime, zone: str) -> Select[Any]:
    query = query.where(visible_complaints(branch.actor))
    statuses = _statuses(filters)
    if statuses is not None:
        query = query.where(Complaint.status.in_(statuses))
    if filters.overdue_only:
        query = query.where(Complaint.due_at < now)
    if filters.priority:
        query = query.where(Complaint.priority == str(parse_choice(Priority, filters.priority)))
    if filters.complaint_type:
        query = query.where(Complaint.complaint_type
                            == str(parse_choice(ComplaintType, filters.complaint_type)))
    if filters.category:
        query = query.where(Complaint.category == filters.category)
    if filters.assignee_id:
        query = query.where(Complaint.assignee_id == filters.assignee_id)
    if filters.customer_id:
        query = query.where(Complaint.customer_id == filters.customer_id)
    if filters.escalated is not None:
        query = query.where(Complaint.escalated.is_(filters.escalated))
    if filters.received_from:
        query = query.where(Complaint.received_at >= _local_bound(filters.received_from, zone,
                                                                  end=False))
    if filters.received_to:
        query = query.where(Complaint.received_at < _local_bound(filters.received_to, zone,
                                                                 end=True))
    text = " ".join((filters.query or "").split())
    if text:
        pattern = _like(text)
        upper = text.upper().replace(" ", "")
        query = query.where(or_(
            Complaint.number.like(_like(upper), escape="\\"),
            Complaint.waybill_no == upper,
            Customer.number.like(_like(upper), escape="\\"),
            Customer.name.like(pattern, escape="\\"),
            Complaint.description.like(pattern, escape="\\"),
        ))
    return query


def _merged(s: Session, query: Select[Any], statuses: list[str], key: Any,
            after: ComplaintCursor | None, limit: int, *, descending: bool
            ) -> list[tuple[Complaint, Customer]]:
    """Rows of `statuses` in `key` order after the cursor: one index range per status
    (`ix_complaints_status_due` / `_status_received`), merged, so no query sorts a
    whole status's rows to return one page."""
    streams = []
    for status in statuses:
        part = query.where(Complaint.status == status)
        if after is not None:
            if descending:
                part = part.where(or_(key < after.key,
                                      and_(key == after.key, Complaint.id < after.id)))
            else:
                part = part.where(or_(key > after.key,
                                      and_(key == after.key, Complaint.id > after.id)))
        order = (key.desc(), Complaint.id.desc()) if descending else (key, Complaint.id)
        rows = s.execute(part.order_by(*order).limit(limit)).all()
        streams.append([(r[0], r[1]) for r in rows])
    merged = heapq.merge(*streams, key=lambda pair: (getattr(pair[0], key.key), pair[0].id),
                         reverse=descending)
    return list(islice(merged, limit))


def _base() -> Select[Any]:
    return select(Complaint, Customer).join(Customer, Customer.id == Complaint.customer_id)


def _check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_PAGE:
        raise ValidationError("limit", f"每页行数必须在 1 到 {MAX_PAGE} 之间")
    return limit


def list_complaints(branch: Branch, filters: ComplaintFilters | None = None, *,
                    limit: int = 100, after: ComplaintCursor | None = None,
                    now: datetime | None = None, zone: str = DEFAULT_ZONE,
                    sort: tuple[str, bool] | None = None) -> ComplaintPage:
    """One page of complaints the actor may see, overdue first (see the module doc), or
    by `sort` = (column, descending), a column of `SORT_COLUMNS`.

    `zone` is where the `received_from`/`received_to` dates are local days. Pass the
    page's `next_cursor` as `after` to get the next page (it keeps the page's sort).
    """
    branch.actor.require(Perm.CUSTOMER_VIEW)
    filters = filters or ComplaintFilters()
    _check_limit(limit)
    sort = _check_sort(sort)
    if after is not None and after.sort != sort:
        raise ValidationError("after", "翻页位置与排序不一致，请从第一页重新读取")
    at = require_aware(now, "now") if now is not None else utcnow()
    if sort is not None:
        return _list_sorted(branch, filters, sort, limit, after, at, zone)
    with branch.session() as s, reading(s):
        wanted = _statuses(filters)
        open_statuses = [st for st in _OPEN if wanted is None or st in wanted]
        done_statuses = [st for st in _DONE if wanted is None or st in wanted]
        picked: list[tuple[Complaint, Customer]] = []
        group = after.group if after is not None else 0
        if group == 0:
            picked = _merged(s, _filtered(_base(), branch, filters, at, zone), open_statuses,
                             Complaint.due_at, after, limit + 1, descending=False)
            after = None
        if len(picked) <= limit:
            picked += _merged(s, _filtered(_base(), branch, filters, at, zone), done_statuses,
                              Complaint.received_at, after, limit + 1 - len(picked),
                              descending=True)
        more = len(picked) > limit
        picked = picked[:limit]
        cats = category_names(s)
        names = user_names(s, (c.assignee_id for c, _ in picked))
        rows = [complaint_row(c, cust, cats, names, at) for c, cust in picked]
    cursor = None
    if more and rows:
        last = rows[-1]
        is_open = Status(last.status).is_open
        cursor = ComplaintCursor(0 if is_open else 1,
                                 last.due_at if is_open else last.received_at, last.id)
    return ComplaintPage(rows, cursor)


def _list_sorted(branch: Branch, filters: ComplaintFilters, sort: tuple[str, bool],
                 limit: int, after: ComplaintCursor | None, at: datetime,
                 zone: str) -> ComplaintPage:
    with branch.session() as s, reading(s):
        picked = _sorted_page(s, _filtered(_base(), branch, filters, at, zone), sort, after,
                              limit + 1)
        more = len(picked) > limit
        picked = picked[:limit]
        cats = category_names(s)
        names = user_names(s, (c.assignee_id for c, _, _ in picked))
        rows = [complaint_row(c, cust, cats, names, at) for c, cust, _ in picked]
    cursor = None
    if more and rows:
        cursor = ComplaintCursor(0, picked[-1][2], rows[-1].id, sort)
    return ComplaintPage(rows, cursor)


def iter_complaints(branch: Branch, filters: ComplaintFilters | None = None, *,
                    page_size: int = 200, now: datetime | None = None,
                    zone: str = DEFAULT_ZONE) -> Iterator[ComplaintRow]:
    """Every matching row, page by page (for exports and the CLI)."""
    after: ComplaintCursor | None = None
    at = now or utcnow()
    while True:
        page = list_complaints(branch, filters, limit=page_size, after=after, now=at, zone=zone)
        yield from page.rows
        if page.next_cursor is None:
            return
        after = page.next_cursor


def count_complaints(branch: Branch, filters: ComplaintFilters | None = None, *,
                     now: datetime | None = None, zone: str = DEFAULT_ZONE) -> int:
    branch.actor.require(Perm.CUSTOMER_VIEW)
    filters = filters or ComplaintFilters()
    at = require_aware(now, "now") if now is not None else utcnow()
    with branch.session() as s, reading(s):
        query = _filtered(select(func.count()).select_from(Complaint).join(
            Customer, Customer.id == Complaint.customer_id), branch, filters, at, zone)
        return int(s.execute(query).scalar_one())


def overdue_count(branch: Branch, *, now: datetime | None = None) -> int:
    """Open complaints past their deadline (for a badge on the navigation)."""
    return count_complaints(branch, ComplaintFilters(overdue_only=True), now=now)


def complaints_of_customer(branch: Branch, customer_id: str, *,
                           now: datetime | None = None) -> list[ComplaintRow]:
    """Every complaint of one customer (the profile page's complaint tab)."""
    return list(iter_complaints(branch, ComplaintFilters(customer_id=customer_id), now=now))


__all__ = [
    "MAX_PAGE",
    "SORT_COLUMNS",
    "complaints_of_customer",
    "count_complaints",
    "iter_complaints",
    "list_complaints",
    "overdue_count",
]
