"""What the customer list's filter bar offers: the industries and districts in use.

Read from indexes with a skip scan, never by reading every customer: each step is one
index seek to the next distinct value, so the cost follows the number of values (tens,
a few hundred at most), not the number of customers.

- A user who sees the whole branch: the industry and district indexes are walked value
  by value, and a value is kept when a live (not deleted) customer has it; that check
  stops at the first such customer.
- An account manager: the (owner, deleted, district, industry) index holds exactly their
  live customers' pairs in order, so the walk reads only their values, index-only. (With
  the column indexes instead, a district where they have no customer would be searched
  to its end, row by row: seconds at a million customers.)
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Column, func, literal, select
from sqlalchemy.orm import Session

from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.actor import Actor
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers.access import sees_whole_branch
from postcrm_desktop.services.tx import reading
from postcrm_desktop.store.models.customers import Customer

# Values offered per list at most (free text: a branch may have typed many variants).
MAX_CHOICES = 500
# Distinct values walked per column at most before the walk stops.
MAX_STEPS = MAX_CHOICES * 4

T = Customer.__table__


@dataclass(frozen=True)
class FilterChoices:
    """Distinct non-empty values among the customers the user may see, in pinyin order
    (`sort_key`)."""

    industries: list[str]
    districts: list[str]


def sort_key(value: str) -> tuple[bytes, str]:
    """Chinese text in pinyin order without a pinyin dictionary: GB2312 lists its common
    characters by pinyin (白云区, 朝阳区, 福田区 ... 越秀区), so their GB18030 bytes sort
    that way; rarer characters follow, ASCII comes first."""
    return value.encode("gb18030", errors="replace"), value


def _ordered(values: set[str]) -> list[str]:
    return sorted(values, key=sort_key)[:MAX_CHOICES]


def _branch_values(s: Session, column: Column[str]) -> set[str]:
    """Distinct non-empty values of `column` among live customers, hopping along the
    column's index and checking each value has a customer not deleted."""
    first = select(func.min(column)).where(column > "").scalar_subquery()
    hops = select(first.label("value"), literal(1).label("n")).cte("hops", recursive=True)
    after = select(func.min(column)).where(column > hops.c.value).scalar_subquery()
    hops = hops.union_all(
        select(after, hops.c.n + 1).where(hops.c.value.is_not(None), hops.c.n < MAX_STEPS))
    live = select(literal(1)).where(column == hops.c.value,
                                    T.c.deleted_at.is_(None)).exists()
    query = select(hops.c.value).where(hops.c.value.is_not(None), live)
    return set(s.execute(query).scalars())


def _owner_values(s: Session, owner_id: str) -> tuple[set[str], set[str]]:
    """(industries, districts) of one owner's live customers: the owner's districts one
    seek each, then within each district its industries one seek each (index
    `ix_customers_owner_district_industry`, never a customer row)."""
    own = (T.c.owner_id == owner_id, T.c.deleted_at.is_(None))
    districts = select(literal("").label("d"), literal(0).label("n")).cte(
        "districts", recursive=True)
    next_district = select(func.min(T.c.district)).where(
        *own, T.c.district > districts.c.d).scalar_subquery()
    districts = districts.union_all(
        select(next_district, districts.c.n + 1)
        .where(districts.c.d.is_not(None), districts.c.n < MAX_STEPS))
    # Each district (and "" for customers without one) starts its own walk of industries.
    pairs = select(districts.c.d.label("d"), literal("").label("i")).where(
        districts.c.d.is_not(None)).cte("pairs", recursive=True)
    next_industry = select(func.min(T.c.industry)).where(
        *own, T.c.district == pairs.c.d, T.c.industry > pairs.c.i).scalar_subquery()
    pairs = pairs.union_all(
        select(pairs.c.d, next_industry).where(pairs.c.i.is_not(None)))
    industries: set[str] = set()
    found: set[str] = set()
    for district, industry in s.execute(select(pairs.c.d, pairs.c.i)
                                        .where(pairs.c.i.is_not(None))):
        if district:
            found.add(district)
        if industry:
            industries.add(industry)
    return industries, found


def _values(s: Session, actor: Actor) -> tuple[set[str], set[str]]:
    if sees_whole_branch(actor):
        return _branch_values(s, T.c.industry), _branch_values(s, T.c.district)
    if actor.user_id is None:
        return set(), set()
    return _owner_values(s, actor.user_id)


def filter_choices(branch: Branch) -> FilterChoices:
    """The industries and districts the filter bar offers: every distinct non-empty value
    among the customers the user may see, not deleted (at most `MAX_CHOICES` each)."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    with branch.session() as s, reading(s):
        industries, districts = _values(s, branch.actor)
    return FilterChoices(_ordered(industries), _ordered(districts))


__all__ = ["MAX_CHOICES", "FilterChoices", "filter_choices", "sort_key"]
