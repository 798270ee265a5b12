"""The customer list and the search box: filters, sorting, keyset pages, counts, quick search.

- `quick_search` answers the search box as the user types: up to `limit` rows, read from
  the search index in its own order (exact name first, then newest) and stopping early.
- `search_page` is the list: every filter, any `SORTABLE` column, pages by keyset on
  (sort value, row) so scrolling never repeats or skips a row and never loads every row.
- `count` counts matches up to a cap (the header shows "1000+").
- Saved views (named filter sets, per user) are in `saved_views` and re-exported here.

Everyone needs `Perm.CUSTOMER_VIEW`; account managers see only their own customers unless
granted `Perm.CUSTOMER_VIEW_ALL` (`access.visible_clause`). Phone numbers in rows are
always masked (`138****8000`); showing one in clear is `records.reveal_field`, audited.
Deleted and merged customers are only listed with `in_recycle_bin`.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    case,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    type_coerce,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from postcrm_desktop.core.customer_enums import CustomerType, Stage, Tier
from postcrm_desktop.core.errors import ValidationError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.actor import Actor
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers import number_search, search_query, search_sql
from postcrm_desktop.services.customers.access import (
    sees_whole_branch,
    shown_phone,
)
from postcrm_desktop.services.customers.saved_views import delete_view, list_views, save_view
from postcrm_desktop.services.customers.types import (
    SORTABLE,
    Count,
    CustomerFilters,
    CustomerRow,
    Page,
    Sort,
)
from postcrm_desktop.services.tx import reading, transaction
from postcrm_desktop.store import search_index
from postcrm_desktop.store.models.customers import Customer, CustomerTag
from postcrm_desktop.store.models.system import User
from postcrm_desktop.store.types import utcnow

ACTIVE_DAYS = 90
MAX_LIMIT = 1000
QUICK_MAX = 1000
# How a list page or count is read is chosen by a small cost model (microseconds per row,
# measured on an encrypted branch of a million customers): fetch the rows of the
# condition with the fewest matches and sort them ("lead"), or walk the sort column's
# index checking every row ("walk"). Rows fetched one by one cost a random page read;
# walking creation order reads neighbouring rows; a column without an index means the
# whole table. Leading first reads the lead's matches into a set ("materialize"). A walk
# in an order that jumps about (name, district, company) may meet the matches late, as
# filters correlate with it (a district and company names starting with the city):
# priced `correlated` times higher, and text matches, which cluster in name and address
# order, `clustered` times.
COST = {"lookup": 15.0, "materialize": 0.3, "walk_row_order": 2.0, "walk_random": 15.0,
        "scan": 2.0, "correlated": 20.0, "clustered": 100.0,
        # a row's pinyin keys computed to check it, per entry of a set of matches built
        "row_check": 6.0}
KEYS_PER_MATCH = 2.0  # index rows of one customer in one prefix range (full, mixed...)
PROBE_CAPS = (5000, 100_000)  # matches counted per condition to price the plans
ACTIVITY_CHOICES = ("active", "dormant", "never")
CURSOR_VERSION = 1
DEFAULT_SORT = Sort()

T = Customer.__table__
U = User.__table__
rowid_col = literal_column("customers.rowid", Integer)

# Enumerated columns sort in their natural order (tier by rank, stage by progress).
_ENUM_ORDER: dict[str, tuple[str, ...]] = {
    "customer_type": tuple(str(m) for m in CustomerType),
    "tier": tuple(str(m) for m in Tier),
    "stage": tuple(str(m) for m in Stage),
}
# Sorts whose walk follows the rows' own order (creation order; each group's rows).
_ROW_ORDER_SORTS = frozenset({"number", "created_at"})
_TEXT_SORTS = frozenset({"name", "district", "company"})  # searched texts (or part of one)
# Sources that look at the name alone: one character, pinyin, the whole name.
_NAME_ONLY = frozenset({search_query.PINYIN, search_query.NAME_EXACT})


def _clustering_sorts(query: _Query) -> frozenset[str]:
    """Sort columns in whose order the text's matches may come late, bunched together: the
    name's for a text found in names only (a surname, initials), else also the address's
    and company's."""
    name_only = all(src.kind in _NAME_ONLY
                    or (src.kind == search_query.SHORT and len(src.value) == 1)
                    for part in query.parts for src in part.sources)
    return frozenset({"name"}) if name_only else _TEXT_SORTS
_FILTER_COLUMNS = ("district", "owner_id", "tier", "industry", "customer_type", "stage")
_leading: weakref.WeakKeyDictionary[Any, frozenset[str]] = weakref.WeakKeyDictionary()


def _indexed_columns(s: Session) -> frozenset[str]:
    """Customer columns that lead an index (its entries end in the rowid, so walking it
    gives (column, rowid) order), read once per database."""
    key = s.get_bind()
    found = _leading.get(key)
    if found is None:
        names = s.execute(text("SELECT name FROM pragma_index_list('customers')")).scalars()
        found = frozenset(
            s.execute(text("SELECT name FROM pragma_index_info(:n) WHERE seqno = 0"),
                      {"n": n}).scalar() or "" for n in list(names))
        _leading[key] = found
    return found


def _walk_kind(column: str, indexed: frozenset[str]) -> str:
    """How the list walks in this column's order: "row_order" (creation order, or each
    group's rows), "random" (an index that jumps about the table) or "scan" (no index)."""
    if column in _ROW_ORDER_SORTS or column in _ENUM_ORDER or column == "owner_name":
        return "row_order"
    return "random" if column in indexed else "scan"


_COLUMNS = (T.c.id, T.c.number, T.c.name, T.c.customer_type, T.c.tier, T.c.stage, T.c.mobile,
            T.c.landline, T.c.province, T.c.city, T.c.district, T.c.address, T.c.company,
            T.c.industry, T.c.owner_id, U.c.display_name, T.c.created_at,
            T.c.last_activity_at, T.c.deleted_at)


def _row(r: Any) -> CustomerRow:
    return CustomerRow(
        id=r[0], number=r[1], name=r[2], customer_type=r[3], tier=r[4], stage=r[5],
        mobile=shown_phone(r[6], False), landline=shown_phone(r[7], False), province=r[8],
        city=r[9], district=r[10], address=r[11], company=r[12], industry=r[13],
        owner_id=r[14], owner_name=r[15] or "", created_at=r[16], last_activity_at=r[17],
        deleted_at=r[18],
    )


# -- filters -----------------------------------------------------------------------------


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


def _unindexed(col: Any) -> Any:
    """`col` behind SQLite's unary `+`: same value, but the planner will not use its index."""
    return type_coerce(literal_column(f"+customers.{col.name}"), col.type)


@dataclass(frozen=True)
class _Cond:
    """A condition in two spellings: `indexed`, which SQLite may answer from an index, and
    `plain`, which it may not (so it only filters rows found another way). `probe` selects
    the matching rows through the index, to count a few of them cheaply."""

    indexed: ColumnElement[bool]
    plain: ColumnElement[bool]
    probe: Any
    # For a search text: a check of each row, for when the text matches too many
    # customers for `plain` (which first builds the set of all matches), and a count of
    # the pinyin index rows it reads (cheap: not made distinct), to tell how many.
    row_check: ColumnElement[bool] | None = None
    wide: Any = None


@dataclass
class _Where:
    """The list's conditions: `fixed` ones, and `choices` one of which may lead the query."""

    fixed: list[ColumnElement[bool]]
    choices: list[_Cond]

    def all_plain(self) -> list[ColumnElement[bool]]:
        return [*self.fixed, *(c.plain for c in self.choices)]

    def led_by(self, lead: _Cond | None) -> list[ColumnElement[bool]]:
        return [*self.fixed, *(c.indexed if c is lead else c.plain for c in self.choices)]

    def checking_broad_rows(self, s: Session, est: _Estimate | None, wanted: int) -> _Where:
        """The same conditions, where a search text matching so much of the branch (two
        initials, `zh`) that building the set of its matches costs more than checking the
        rows read for `wanted` matches is checked row by row when it does not lead."""
        if est is None:
            return self
        out = []
        for c, size in zip(self.choices, est.sizes, strict=True):
            if c.row_check is not None and c.wide is None and size >= est.cap:
                c = replace(c, plain=c.row_check)  # a check in the row's own text: cheap
            elif c.row_check is not None and c.wide is not None and size >= est.cap:
                # Worth it once the matches outnumber sqrt(rows walked x branch x cost):
                # count the index rows only that far.
                needed = math.ceil(math.sqrt(wanted * est.total * COST["row_check"])
                                   * KEYS_PER_MATCH)
                keys = int(s.execute(c.wide, {"wide_cap": needed}).scalar_one())
                if keys >= needed:
                    c = replace(c, plain=c.row_check)
            out.append(c)
        return _Where(self.fixed, out)


def _row_cond(build: Callable[[Callable[[str], Any]], ColumnElement[bool]], tag: str) -> _Cond:
    """A condition on customer columns (`build(column_of)`). Leading, it is spelled as
    `rowid IN (rows matching it through its index)`, which SQLite always reads first."""
    lead = T.alias(f"lead_{tag}")
    matching = build(lambda name: lead.c[name])
    rows = select(literal_column(f"lead_{tag}.rowid")).select_from(lead).where(matching)
    return _Cond(rowid_col.in_(rows), build(lambda name: _unindexed(T.c[name])),
                 select(literal(1)).select_from(lead).where(matching))


def _column_cond(name: str, value: Any) -> _Cond:
    return _row_cond(lambda col: col(name) == value, name)


def _visibility(actor: Actor) -> tuple[list[ColumnElement[bool]], list[_Cond]]:
    """`access.visible_clause`, spelled so the owner index is only used when it helps."""
    if sees_whole_branch(actor):
        return [], []
    if actor.user_id is None or not actor.can(Perm.CUSTOMER_VIEW):
        return [false()], []
    return [], [_row_cond(lambda col: col("owner_id") == actor.user_id, "mine")]


def _where(actor: Actor, f: CustomerFilters, query: _Query | None,
           indexed: frozenset[str]) -> _Where:
    if f.activity is not None and f.activity not in ACTIVITY_CHOICES:
        raise ValidationError("activity", "活跃状态只能是：近期活跃、沉睡、从未联系")
    # `choices` in the order they are tried as the lead: likely the fewest rows first.
    fixed, mine = _visibility(actor)
    choices: list[_Cond] = []
    if query is not None:
        for i, part in enumerate(query.parts):
            matches = search_sql.part_textual(part, query.ctx, f"q{i}_")
            wp = search_sql.Params(f"w{i}_")
            keys = search_sql.wide_keys(part, wp)
            wide = None if keys is None else text(
                f"SELECT count(*) FROM ({keys} LIMIT :wide_cap)").bindparams(**wp.values)
            choices.append(_Cond(T.c.search_no.in_(matches), (T.c.search_no + 0).in_(matches),
                                 # each customer once: a name has several keys
                                 select(literal(1)).select_from(
                                     select(matches.subquery().c.search_no).distinct()
                                     .subquery()),
                                 search_sql.part_row_check(part, query.ctx, f"r{i}_"), wide))
    if f.tag_id:
        tagged = select(CustomerTag.customer_id).where(CustomerTag.tag_id == f.tag_id)
        choices.append(_Cond(T.c.id.in_(tagged), _unindexed(T.c.id).in_(tagged), tagged))
    if f.in_recycle_bin:
        choices.append(_row_cond(lambda col: col("deleted_at").is_not(None), "bin"))
    else:
        # Almost no row has deleted_at set: that index would only slow the list down.
        fixed += [_unindexed(T.c.deleted_at).is_(None), T.c.merged_into.is_(None)]
    for name in _FILTER_COLUMNS:
        value = getattr(f, name)
        if not value:
            continue
        if name in indexed:  # it may lead; counting its rows is an index range
            choices.append(_column_cond(name, value))
        else:
            fixed.append(T.c[name] == value)
    if f.activity is not None:
        cutoff = utcnow() - timedelta(days=ACTIVE_DAYS)
        fixed.append({
            "active": T.c.last_activity_at >= cutoff,
            "dormant": T.c.last_activity_at < cutoff,
            "never": T.c.last_activity_at.is_(None),
        }[f.activity])
    if f.created_from is not None or f.created_to is not None:
        low = _local_midnight(f.created_from) if f.created_from else None
        high = _local_midnight(f.created_to + timedelta(days=1)) if f.created_to else None

        def within(col: Callable[[str], Any]) -> ColumnElement[bool]:
            created = col("created_at")
            parts = [created >= low] if low is not None else []
            return and_(*parts, *([created < high] if high is not None else []))

        choices.append(_row_cond(within, "created"))
    return _Where(fixed, choices + mine)


@dataclass(frozen=True)
class _Estimate:
    """Matches of each condition (counted up to a cap) and of all of them together
    (assuming they are independent), out of `total` rows."""

    sizes: list[int]
    total: int
    cap: int  # a size this big means "at least": too many to lead with

    def lead_size(self) -> float:
        """Rows the smallest condition leads with (infinite when only known as capped)."""
        smallest = self.sizes[self.smallest()]
        return float("inf") if smallest >= self.cap else smallest

    @property
    def density(self) -> float:
        out = 1.0
        for size in self.sizes:
            out *= max(size, 1) / self.total
        return out

    def smallest(self) -> int:
        return min(range(len(self.sizes)), key=self.sizes.__getitem__)


def _estimate(s: Session, where: _Where, *, detail: bool) -> _Estimate | None:
    """Count each condition's matches, first up to a few thousand; with `detail` (when
    the choice depends on how big the big ones are) again up to `PROBE_CAPS[1]`."""
    if not where.choices:
        return None
    total = s.execute(select(func.max(rowid_col)).select_from(T)).scalar() or 1

    def counted(cap: int) -> list[int]:
        return [int(s.execute(select(func.count()).select_from(
            c.probe.limit(cap).subquery())).scalar_one()) for c in where.choices]

    cap = PROBE_CAPS[0]
    sizes = counted(cap)
    if detail and min(sizes) >= cap:
        cap = PROBE_CAPS[1]
        sizes = counted(cap)
    return _Estimate(sizes, max(total, 1, *sizes), cap)


def _page_lead(est: _Estimate | None, where: _Where, walk: str, risk: float,
               limit: int) -> _Cond | None:
    """The condition to lead a list page, or None to walk in the sort order (`risk`:
    how much likelier than chance the walk meets the matches late)."""
    if est is None:
        return None
    lead_cost = est.lead_size() * (COST["lookup"] + COST["materialize"])
    if walk == "scan":
        walk_cost = est.total * COST["scan"]
    else:
        per_row = COST["walk_row_order" if walk == "row_order" else "walk_random"]
        walk_cost = min((limit + 1) / est.density * risk, est.total * risk) * per_row
    return where.choices[est.smallest()] if lead_cost <= walk_cost else None


def _count_lead(est: _Estimate | None, where: _Where, cap: int) -> _Cond | None:
    """The condition to lead a count, or None to read rows in order until the cap."""
    if est is None:
        return None
    smallest = est.lead_size()
    if smallest == float("inf"):
        return None
    share = smallest / est.total  # the lead's matches that pass the other conditions
    needed = min(smallest, (cap + 1) * share / est.density)
    lead_cost = needed * COST["lookup"] + smallest * COST["materialize"]
    scan_cost = min((cap + 1) / est.density, est.total) * COST["scan"]
    return where.choices[est.smallest()] if lead_cost < scan_cost else None


@dataclass(frozen=True)
class _Query:
    """A search text ready for SQL: its parts, and the branch's customer-number facts."""

    parts: list[search_query.Part]
    ctx: search_sql.NumberContext


def _parts(branch: Branch, text_: str) -> list[search_query.Part] | None:
    """The search text's parts; phones match only whole or by their last 4 digits for a
    role without the reveal permission."""
    return search_query.parse(text_, fragments=branch.actor.can(Perm.CUSTOMER_REVEAL))


def _parse(s: Session, branch: Branch, text_: str) -> _Query | bool | None:
    """None: no search text; False: a text nothing can match; else the parsed query."""
    parts = _parts(branch, text_)
    if parts is None:
        return None
    if not parts:
        return False
    return _Query(parts, search_sql.number_context(s, branch.db.info.branch_code, parts))


# -- sorting and keyset pages -------------------------------------------------------------


def _owner_order(s: Session) -> list[str | None]:
    """Owner ids in the list's owner-name order: unassigned first, then by display name."""
    users = s.execute(select(U.c.id, U.c.display_name)).all()
    return [None, *[u[0] for u in sorted(users, key=lambda u: (u[1] or "", u[0]))]]


def _group_keys(s: Session, column: str) -> list[str | None]:
    return _owner_order(s) if column == "owner_name" else list(_ENUM_ORDER[column])


def _group_column(column: str) -> Any:
    return T.c.owner_id if column == "owner_name" else T.c[column]


def _unknown_rank(keys: list[str | None], descending: bool) -> int:
    """Values outside `keys` (a code from a newer version) come last either way."""
    return -1 if descending else len(keys)


def _rank_expr(column: str, keys: list[str | None], descending: bool) -> Any:
    col = _group_column(column)
    other = _unknown_rank(keys, descending)
    mapping = {k: i for i, k in enumerate(keys) if k is not None}
    ranked = case(mapping, value=col, else_=other) if mapping else literal(other)
    if None in keys:
        return case((col.is_(None), keys.index(None)), else_=ranked)
    return ranked


def _rank_of(value: Any, keys: list[str | None], descending: bool) -> int:
    return keys.index(value) if value in keys else _unknown_rank(keys, descending)


def _after(expr: Any, value: Any, rowid: int, descending: bool,
           nulls_possible: bool) -> ColumnElement[bool]:
    """Rows after (value, rowid) in SQLite's order: NULL sorts first ascending, last
    descending; ties go by rowid in the same direction."""
    if descending:
        if value is None:
            return and_(expr.is_(None), rowid_col < rowid)
        later = and_(expr <= value, or_(expr < value, rowid_col < rowid))
        return or_(later, expr.is_(None)) if nulls_possible else later
    if value is None:
        return or_(and_(expr.is_(None), rowid_col > rowid), expr.is_not(None))
    return and_(expr >= value, or_(expr > value, rowid_col > rowid))


def _base(conds: Sequence[ColumnElement[bool]]) -> Select[Any]:
    return (select(*_COLUMNS, rowid_col.label("rid"))
            .select_from(T.outerjoin(U, U.c.id == T.c.owner_id)).where(*conds))


def _cursor(sort: Sort, value: Any, rowid: int) -> tuple[Any, ...]:
    if isinstance(value, datetime):
        value = value.isoformat()
    return (CURSOR_VERSION, sort.column, sort.descending, value, rowid)


def _read_cursor(sort: Sort, after: Any) -> tuple[Any, int] | None:
    if after is None:
        return None
    try:
        version, column, descending, value, rowid = after
    except (TypeError, ValueError):
        raise ValidationError("after", "翻页位置无效，请刷新列表") from None
    if version != CURSOR_VERSION or column != sort.column or descending != sort.descending \
            or not isinstance(rowid, int):
        raise ValidationError("after", "翻页位置与当前排序不符，请刷新列表")
    if column in ("created_at", "last_activity_at") and isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value, rowid


# Where each sortable column's value sits in a row of `_COLUMNS` (owner name: owner id).
_ROW_INDEX = {c.name: i for i, c in enumerate(_COLUMNS) if c.table is T} | {"owner_name": 14}


def _cursor_value(column: str, r: Any) -> Any:
    return r[_ROW_INDEX[column]]


def _sorted_page(s: Session, conds: list[ColumnElement[bool]], sort: Sort,
                 after: tuple[Any, int] | None, limit: int, *, use_index: bool) -> list[Any]:
    """One statement: ORDER BY the column (or its rank), rowid; keyset after the cursor."""
    column = sort.column
    nulls = column == "last_activity_at"
    if column in _ENUM_ORDER or column == "owner_name":
        keys = _group_keys(s, column)
        expr = _rank_expr(column, keys, sort.descending)
        if after is not None:
            after = (_rank_of(after[0], keys, sort.descending), after[1])
        nulls = False
    else:
        expr = T.c[column] if use_index else _unindexed(T.c[column])
    query = _base(conds)
    if after is not None:
        query = query.where(_after(expr, after[0], after[1], sort.descending, nulls))
    if sort.descending:
        query = query.order_by(expr.desc(), rowid_col.desc())
    else:
        query = query.order_by(expr.asc(), rowid_col.asc())
    return list(s.execute(query.limit(limit + 1)).all())


def _grouped_page(s: Session, conds: list[ColumnElement[bool]], sort: Sort,
                  after: tuple[Any, int] | None, limit: int, *, only: Any = None,
                  live: bool = True) -> list[Any]:
    """Sort by an enumerated column or owner name without sorting: read each group (tier
    `normal`, then `silver`...) in rowid order through its index, until the page is full.

    `only`: the one value a filter allows (the other groups are empty). `live`: the list
    of live customers, whose owner index entries are in rowid order per owner.
    """
    column = sort.column
    keys = _group_keys(s, column)
    col = _group_column(column)
    known = [k for k in keys if k is not None]
    # (value, condition) per group in the list's order; unknown values last.
    groups: list[tuple[Any, ColumnElement[bool]]] = []
    for key in reversed(keys) if sort.descending else keys:
        cond = col.is_(None) if key is None else col == key
        if column == "owner_name" and live:
            cond = and_(cond, T.c.deleted_at.is_(None))  # (owner, deleted_at, rowid) order
        groups.append((key, cond))
    groups.append(("\x00unknown", col.not_in(known) if known else col.is_not(None)))
    if only is not None:
        groups = [g for g in groups if g[0] == only] or groups[-1:]
    start = 0
    if after is not None:
        at = after[0] if after[0] in keys else "\x00unknown"
        start = next((i for i, g in enumerate(groups) if g[0] == at), len(groups))
    rows: list[Any] = []
    for i in range(start, len(groups)):
        query = _base([*conds, groups[i][1]])
        if after is not None and i == start:
            query = query.where(rowid_col < after[1] if sort.descending else rowid_col > after[1])
        query = query.order_by(rowid_col.desc() if sort.descending else rowid_col.asc())
        rows += s.execute(query.limit(limit + 1 - len(rows))).all()
        if len(rows) > limit:
            break
    return rows


def search_page(branch: Branch, filters: CustomerFilters, sort: Sort = DEFAULT_SORT,
                after: Any = None, limit: int = 100, *, now: datetime | None = None) -> Page:
    """One page of the customer list: every filter, sorted by `sort` (any of `SORTABLE`).

    `after` is the `next_cursor` of the page before (None for the first page); a cursor
    only continues the same sort. Pages never repeat or skip a row of an unchanged list.

    How it is read: when one condition (the search text, a tag, the recycle bin...)
    matches few customers, those are read and sorted; otherwise the sort column's index is
    walked (or, for tier, stage, type and owner, each value's rows in turn), checking the
    conditions row by row until the page is full.

    A first page searched by phone or ID number without the reveal permission is audited
    and counted (`number_search`, at `now`); past the limit it raises `SearchThrottled`.
    """
    branch.actor.require(Perm.CUSTOMER_VIEW)
    if sort.column not in SORTABLE:
        raise ValidationError("sort", f"不能按此列排序：{sort.column}")
    limit = max(1, min(int(limit), MAX_LIMIT))
    position = _read_cursor(sort, after)
    guard = after is None and number_search.guarded(branch.actor, _parts(branch, filters.query))
    now = now or utcnow()
    with branch.session() as s, (transaction(s, branch.actor) if guard else reading(s)):
        if guard and number_search.over_limit(s, branch.actor, now):
            number_search.refuse(s, branch, _parts(branch, filters.query) or [], "list", now)
            rows = None
        else:
            rows = _page_rows(s, branch, filters, sort, position, limit)
            if guard:
                number_search.record(s, branch, _parts(branch, filters.query) or [],
                                     min(len(rows), limit), "list", now)
    if rows is None:
        raise number_search.SearchThrottled()
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = None
    if more and rows:
        last = rows[-1]
        cursor = _cursor(sort, _cursor_value(sort.column, last), last.rid)
    return Page([_row(r) for r in rows], cursor)


def _page_rows(s: Session, branch: Branch, filters: CustomerFilters, sort: Sort,
               position: tuple[Any, int] | None, limit: int) -> list[Any]:
    """Up to `limit + 1` rows of the list page (see `search_page`)."""
    search_sql.register_functions(s)
    query = _parse(s, branch, filters.query)
    if query is False:
        return []
    indexed = _indexed_columns(s)
    where = _where(branch.actor, filters, query if isinstance(query, _Query) else None,
                   indexed)
    grouped = sort.column in _ENUM_ORDER or sort.column == "owner_name"
    walk = _walk_kind(sort.column, indexed)
    text_ = isinstance(query, _Query)
    risk = 1.0
    if walk == "random":
        # Text matches cluster in the order of the texts they are found in.
        clusters = _clustering_sorts(query) if isinstance(query, _Query) else frozenset()
        risk = COST["clustered" if sort.column in clusters else "correlated"]
    elif grouped and sort.column not in indexed and sort.column != "owner_name":
        # Each type or stage group is a walk of the whole table, and a text's matches
        # may all be in one group (names are individuals'): an empty group is a full scan.
        risk = float("inf") if text_ else len(_ENUM_ORDER[sort.column])
    # One big condition walked in creation order needs no closer count.
    detail = len(where.choices) > 1 or walk != "row_order" or risk > 1
    est = _estimate(s, where, detail=detail)
    where = where.checking_broad_rows(s, est, limit + 1)
    lead = _page_lead(est, where, walk, risk, limit)
    if lead is not None:
        rows = _sorted_page(s, where.led_by(lead), sort, position, limit, use_index=False)
    elif grouped:
        only = getattr(filters, "owner_id" if sort.column == "owner_name" else sort.column)
        rows = _grouped_page(s, where.all_plain(), sort, position, limit, only=only,
                             live=not filters.in_recycle_bin)
    else:  # walk the sort index, or read the whole table keeping the first rows
        rows = _sorted_page(s, where.all_plain(), sort, position, limit,
                            use_index=sort.column in indexed)
    return rows


def count(branch: Branch, filters: CustomerFilters, cap: int = 1000, *,
          now: datetime | None = None) -> Count:
    """How many customers the list shows, counted up to `cap` ("1000+" above it).

    A count by phone or ID number without the reveal permission goes with the list's
    first page (which is audited and counted); past the limit it is refused too."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    cap = max(0, int(cap))
    guard = number_search.guarded(branch.actor, _parts(branch, filters.query))
    with branch.session() as s, reading(s):
        if guard and number_search.over_limit(s, branch.actor, now or utcnow()):
            raise number_search.SearchThrottled()
        search_sql.register_functions(s)
        query = _parse(s, branch, filters.query)
        if query is False:
            return Count(0, True)
        if isinstance(query, _Query) and _text_only(branch.actor, filters):
            counted = _count_from_index(s, query, cap)
            if counted is not None:
                return counted
        where = _where(branch.actor, filters, query if isinstance(query, _Query) else None,
                       _indexed_columns(s))
        # Few matches of one condition: read those. Else read rows in order and stop at
        # the cap (a big set is dense enough to reach the cap quickly).
        est = _estimate(s, where, detail=len(where.choices) > 1)
        where = where.checking_broad_rows(s, est, cap + 1)
        conds = where.led_by(_count_lead(est, where, cap))
        inner = select(literal(1)).select_from(T).where(*conds).limit(cap + 1).subquery()
        found = int(s.execute(select(func.count()).select_from(inner)).scalar_one())
    if found > cap:
        return Count(cap, False)
    return Count(found, True)


DEAD_MAX = 20_000  # deleted customers the index-only count allows for


def _text_only(actor: Actor, f: CustomerFilters) -> bool:
    """Only the search text narrows the list (the whole branch, live customers)."""
    return sees_whole_branch(actor) and not f.in_recycle_bin and not f.tag_id \
        and f.activity is None and f.created_from is None and f.created_to is None \
        and not any(getattr(f, name) for name in _FILTER_COLUMNS)


def _count_from_index(s: Session, query: _Query, cap: int) -> Count | None:
    """Count the search text's matches in the search index alone, without reading a
    customer row: every match, less those in the recycle bin (deleted or merged: a merge
    deletes too), which are few and have their own index. None when the recycle bin is
    too big for that."""
    dead_total = int(s.execute(text(
        "SELECT count(*) FROM (SELECT 1 FROM customers WHERE deleted_at IS NOT NULL "
        "LIMIT :n)"), {"n": DEAD_MAX + 1}).scalar_one())
    if dead_total > DEAD_MAX:
        return None
    p = search_sql.Params()
    # Each customer once (a name has several pinyin keys in one prefix range).
    matches = " INTERSECT ".join(
        f"SELECT DISTINCT * FROM ({search_sql.part_set(part, p, query.ctx)})"
        for part in query.parts)
    limit = p.add(cap + 1 + dead_total)
    found = int(s.execute(text(f"SELECT count(*) FROM ({matches} LIMIT {limit})"),
                          p.values).scalar_one())
    if found - dead_total > cap:
        return Count(cap, False)
    dead = int(s.execute(text(
        "SELECT count(*) FROM customers WHERE deleted_at IS NOT NULL AND search_no IN "
        f"({matches})"), p.values).scalar_one()) if dead_total else 0
    live = found - dead
    return Count(cap, False) if live > cap else Count(live, True)


# -- the search box ----------------------------------------------------------------------

_QUICK_SELECT = (
    "SELECT c.id, c.number, c.name, c.customer_type, c.tier, c.stage, c.mobile, c.landline, "
    "c.province, c.city, c.district, c.address, c.company, c.industry, c.owner_id, "
    "u.display_name, c.created_at, c.last_activity_at, c.deleted_at FROM "
)


def _quick_rows(s: Session, sql: str, params: dict[str, Any], seen: set[str],
                out: list[CustomerRow], limit: int) -> None:
    result = s.execute(text(sql).columns(*_COLUMNS), params)
    try:
        for r in result:
            if r[0] in seen:
                continue
            seen.add(r[0])
            out.append(_row(r))
            if len(out) >= limit:
                break
    finally:
        result.close()


def quick_search(branch: Branch, query: str, limit: int = 20, *,
                 now: datetime | None = None) -> list[CustomerRow]:
    """Customers matching the search box text, for the drop-down as the user types and the
    CLI: exact name matches first, then each index's own order (newest first for text and
    phone fragments, by pinyin for letters). Deleted and merged customers are left out.

    Without the reveal permission a phone matches only whole or by its last 4 digits, and
    such a search is audited and counted (`number_search`, at `now`); past the limit it
    raises `SearchThrottled`."""
    actor = branch.actor
    actor.require(Perm.CUSTOMER_VIEW)
    limit = max(0, min(int(limit), QUICK_MAX))
    parts = _parts(branch, query)
    if not parts or not limit:
        return []
    if not sees_whole_branch(actor) and actor.user_id is None:
        return []
    guard = number_search.guarded(actor, parts)
    now = now or utcnow()
    with branch.session() as s, (transaction(s, actor) if guard else reading(s)):
        if guard and number_search.over_limit(s, actor, now):
            number_search.refuse(s, branch, parts, "quick", now)
            found = None
        else:
            found = _quick(s, branch, parts, limit)
            if guard:
                number_search.record(s, branch, parts, len(found), "quick", now)
    if found is None:
        raise number_search.SearchThrottled()
    return found


def _quick(s: Session, branch: Branch, parts: list[search_query.Part],
           limit: int) -> list[CustomerRow]:
    actor = branch.actor
    out: list[CustomerRow] = []
    seen: set[str] = set()
    ctx = search_sql.number_context(s, branch.db.info.branch_code, parts)
    for src in parts[0].sources:
        p = search_sql.Params()
        d = search_sql.driver(src, p, ctx)
        # `+`: these only filter; the source's own index leads.
        where = [d.where, "+c.deleted_at IS NULL", "c.merged_into IS NULL"]
        if not sees_whole_branch(actor):
            where.append(f"+c.owner_id = {p.add(actor.user_id)}")
        for i, part in enumerate(parts[1:]):
            sub = search_sql.Params(f"o{i}_")
            where.append(f"c.search_no IN ({search_sql.part_set(part, sub, ctx)})")
            p.values.update(sub.values)
        sql = (f"{_QUICK_SELECT}{d.from_} LEFT JOIN users u ON u.id = c.owner_id "
               f"WHERE {' AND '.join(where)} ORDER BY {d.order}")
        _quick_rows(s, sql, p.values, seen, out, limit)
        if len(out) >= limit:
            break
    return out


def warm_up() -> None:
    """Load the pinyin tables now (about half a second, once per process), so the first
    search with Chinese and letters, or the first customer saved, does not wait for them.
    Safe to call from a background thread."""
    search_index.pinyin_keys("张三")


__all__ = [
    "ACTIVE_DAYS",
    "count",
    "delete_view",
    "list_views",
    "quick_search",
    "save_view",
    "search_page",
    "warm_up",
]
