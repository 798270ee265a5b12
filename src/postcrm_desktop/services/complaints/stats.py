"""Complaint statistics for a period: counts, on-time rate, satisfaction, trends, the most
frequent problems, cross-tabs.

The period is a range of local days in `zone` (Asia/Shanghai by default) over the time
complaints were received. Definitions:

- on-time resolution rate = complaints resolved by their deadline / complaints whose
  outcome is known (resolved, or still open past the deadline: those cannot be on time
  any more). Open complaints still within their deadline are left out. None when there
  is nothing to rate.
- average satisfaction = mean revisit score (1-5) of the complaints revisited.
- trends count complaints received per ISO week (`2026-W48`) and per month (`2026-11`),
  every week and month of the period listed, empty ones as 0.
- frequent problems: see `phrases`; each phrase also counted by category, district and
  customer type.

Needs `report.view`; counts only what the actor may see.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from postcrm_desktop.core.complaint_enums import ComplaintType, Priority, Status
from postcrm_desktop.core.customer_enums import CustomerType
from postcrm_desktop.core.errors import ValidationError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.core.sla import DEFAULT_ZONE, require_aware
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.complaints.phrases import phrases_of, rank_phrases
from postcrm_desktop.services.complaints.rows import visible_complaints
from postcrm_desktop.services.tx import reading
from postcrm_desktop.store.models.complaints import Complaint, ComplaintCategory
from postcrm_desktop.store.models.customers import Customer
from postcrm_desktop.store.types import utcnow

NO_DISTRICT = "未填写"
MAX_PERIOD_DAYS = 3 * 366


@dataclass(frozen=True)
class Count:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class TrendPoint:
    period: str  # "2026-W48" or "2026-11"
    start: date  # first day of the week or month
    count: int


@dataclass(frozen=True)
class CrossTab:
    """Counts of complaints by two attributes: `cells[i][j]` is rows[i] x columns[j]."""

    rows: list[str]
    columns: list[str]
    cells: list[list[int]]

    def cell(self, row: str, column: str) -> int:
        return self.cells[self.rows.index(row)][self.columns.index(column)]

    @property
    def row_totals(self) -> list[int]:
        return [sum(r) for r in self.cells]

    @property
    def column_totals(self) -> list[int]:
        return [sum(col) for col in zip(*self.cells, strict=True)] if self.cells else []


@dataclass(frozen=True)
class Phrase:
    """A recurring word or phrase and how many complaints use it, overall and by
    category, district and customer type (labels as keys)."""

    text: str
    count: int
    by_category: dict[str, int] = field(default_factory=dict)
    by_district: dict[str, int] = field(default_factory=dict)
    by_customer_type: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ComplaintStats:
    period_from: date
    period_to: date
    total: int
    by_type: list[Count]
    by_category: list[Count]
    by_status: list[Count]
    by_priority: list[Count]
    resolved: int
    resolved_on_time: int
    overdue_open: int
    on_time_rate: float | None
    revisited: int
    average_satisfaction: float | None
    satisfaction_counts: dict[int, int]
    weekly: list[TrendPoint]
    monthly: list[TrendPoint]
    top_phrases: list[Phrase]
    category_by_district: CrossTab
    category_by_customer_type: CrossTab


@dataclass
class _Item:
    complaint_type: str
    category: str
    status: str
    priority: str
    received_local: date
    due_at: datetime
    resolved_at: datetime | None
    satisfaction: int | None
    description: str
    district: str
    customer_type: str


def _weeks(start: date, end: date, counts: Counter[tuple[int, int]]) -> list[TrendPoint]:
    out = []
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        year, week, _ = monday.isocalendar()
        out.append(TrendPoint(f"{year}-W{week:02d}", monday, counts.get((year, week), 0)))
        monday += timedelta(days=7)
    return out


def _months(start: date, end: date, counts: Counter[tuple[int, int]]) -> list[TrendPoint]:
    out = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append(TrendPoint(f"{year}-{month:02d}", date(year, month, 1),
                              counts.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _crosstab(items: list[_Item], cat_codes: list[str], cat_label: dict[str, str],
              column_of: Callable[[_Item], str], columns: list[str]) -> CrossTab:
    """Category x another attribute; `columns` come first (even when empty), then any
    other value found, in character order."""
    counts = Counter((it.category, column_of(it)) for it in items)
    found = sorted({column_of(it) for it in items} - set(columns),
                   key=lambda c: (c == NO_DISTRICT, c))
    cols = [*columns, *found]
    return CrossTab([cat_label.get(c, c) for c in cat_codes], cols,
                    [[counts[(code, col)] for col in cols] for code in cat_codes])


def complaint_stats(branch: Branch, period_from: date, period_to: date, *,
                    zone: str = DEFAULT_ZONE, top: int = 20, min_phrase_count: int = 2,
                    now: datetime | None = None) -> ComplaintStats:
    """Statistics of the complaints received from `period_from` to `period_to`
    (inclusive local days); see the module doc for the definitions."""
    branch.actor.require(Perm.REPORT_VIEW)
    if period_to < period_from:
        raise ValidationError("period_to", "结束日期不能早于开始日期")
    if (period_to - period_from).days > MAX_PERIOD_DAYS:
        raise ValidationError("period_to", "统计期间不能超过三年")
    tz = ZoneInfo(zone)
    at = require_aware(now, "now") if now is not None else utcnow()
    lo = datetime.combine(period_from, time(0), tzinfo=tz)
    hi = datetime.combine(period_to + timedelta(days=1), time(0), tzinfo=tz)
    with branch.session() as s, reading(s):
        cats = s.execute(select(ComplaintCategory.code, ComplaintCategory.name,
                                ComplaintCategory.active)
                         .order_by(ComplaintCategory.position, ComplaintCategory.code)).all()
        result = s.execute(
            select(Complaint.complaint_type, Complaint.category, Complaint.status,
                   Complaint.priority, Complaint.received_at, Complaint.due_at,
                   Complaint.resolved_at, Complaint.satisfaction, Complaint.description,
                   Customer.district, Customer.customer_type)
            .join(Customer, Customer.id == Complaint.customer_id)
            .where(Complaint.received_at >= lo, Complaint.received_at < hi,
                   visible_complaints(branch.actor))
        ).all()
        items = [
            _Item(r[0], r[1], r[2], r[3], r[4].astimezone(tz).date(), r[5], r[6], r[7], r[8],
                  (r[9] or "").strip(), r[10])
            for r in result
        ]

    cat_label = {c.code: c.name for c in cats}
    used_cats = {it.category for it in items}
    cat_codes = [c.code for c in cats if c.active or c.code in used_cats]
    cat_codes += sorted(used_cats - set(cat_codes))

    def counted(codes: list[str], labels: dict[str, str], attr: str) -> list[Count]:
        tally = Counter(getattr(it, attr) for it in items)
        return [Count(code, labels.get(code, code), tally.get(code, 0)) for code in codes]

    by_type = counted([str(t) for t in ComplaintType], {str(t): t.label for t in ComplaintType},
                      "complaint_type")
    by_status = counted([str(t) for t in Status], {str(t): t.label for t in Status}, "status")
    by_priority = counted([str(p) for p in Priority], {str(p): p.label for p in Priority},
                          "priority")
    by_category = counted(cat_codes, cat_label, "category")

    resolved = [it for it in items if it.resolved_at is not None]
    on_time = sum(1 for it in resolved if it.resolved_at is not None
                  and it.resolved_at <= it.due_at)
    overdue_open = sum(1 for it in items if it.resolved_at is None
                       and Status(it.status).is_open and it.due_at < at)
    rated = len(resolved) + overdue_open
    scores = [it.satisfaction for it in items if it.satisfaction is not None]

    week_counts: Counter[tuple[int, int]] = Counter(
        it.received_local.isocalendar()[:2] for it in items)
    month_counts: Counter[tuple[int, int]] = Counter(
        (it.received_local.year, it.received_local.month) for it in items)

    type_label = {str(t): t.label for t in CustomerType}
    category_by_district = _crosstab(items, cat_codes, cat_label,
                                     lambda it: it.district or NO_DISTRICT, [])
    category_by_type = _crosstab(items, cat_codes, cat_label,
                                 lambda it: type_label.get(it.customer_type, it.customer_type),
                                 list(type_label.values()))

    return ComplaintStats(
        period_from=period_from, period_to=period_to, total=len(items),
        by_type=by_type, by_category=by_category, by_status=by_status,
        by_priority=by_priority, resolved=len(resolved), resolved_on_time=on_time,
        overdue_open=overdue_open, on_time_rate=(on_time / rated) if rated else None,
        revisited=len(scores),
        average_satisfaction=(sum(scores) / len(scores)) if scores else None,
        satisfaction_counts={n: scores.count(n) for n in range(1, 6)},
        weekly=_weeks(period_from, period_to, week_counts),
        monthly=_months(period_from, period_to, month_counts),
        top_phrases=_phrases(items, cat_label, type_label, top, min_phrase_count),
        category_by_district=category_by_district,
        category_by_customer_type=category_by_type,
    )


def _phrases(items: list[_Item], cat_label: dict[str, str], type_label: dict[str, str],
             top: int, min_count: int) -> list[Phrase]:
    found = [phrases_of(it.description) for it in items]
    out = []
    for text, count in rank_phrases(found, limit=top, min_count=min_count):
        cat: Counter[str] = Counter()
        district: Counter[str] = Counter()
        ctype: Counter[str] = Counter()
        for it, phrases in zip(items, found, strict=True):
            if text in phrases:
                cat[cat_label.get(it.category, it.category)] += 1
                district[it.district or NO_DISTRICT] += 1
                ctype[type_label.get(it.customer_type, it.customer_type)] += 1
        out.append(Phrase(text, count, dict(cat.most_common()), dict(district.most_common()),
                          dict(ctype.most_common())))
    return out


__all__ = ["ComplaintStats", "Count", "CrossTab", "Phrase", "TrendPoint", "complaint_stats"]
