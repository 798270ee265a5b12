"""Complaint list sorted by a column: keyset pages over (value, id) equal a full sort,
with no row repeated or skipped, and the default order stays overdue first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from postcrm_desktop.core.complaint_enums import ComplaintType, Priority, Status
from postcrm_desktop.core.errors import ValidationError
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.complaints import listing
from postcrm_desktop.services.complaints.types import ComplaintFilters, ComplaintRow
from postcrm_desktop.store.types import utcnow
from tests.unit.complaint_support import add_customer, file_complaint, walk

KEYS: dict[str, Callable[[ComplaintRow], Any]] = {
    "number": lambda r: r.number,
    "received_at": lambda r: r.received_at,
    "due_at": lambda r: r.due_at,
    "priority": lambda r: 2 - Priority(r.priority).rank,
    "status": lambda r: Status(r.status).rank,
    "category": lambda r: r.category_name,
    "complaint_type": lambda r: list(ComplaintType).index(ComplaintType(r.complaint_type)),
}


@pytest.fixture
def filed(branch: Branch) -> list[str]:
    cust = add_customer(branch)
    now = utcnow()
    kinds = ["投诉", "咨询", "建议"]
    cats = ["延误", "丢失", "破损", "其他"]
    ids = []
    for i in range(13):
        cid = file_complaint(branch, cust, received_at=now - timedelta(hours=7 * (i % 5) + i),
                             complaint_type=kinds[i % 3], category=cats[i % 4],
                             priority="urgent" if i % 4 == 0 else None)
        if i % 3 == 1:
            walk(branch, cid, ["assigned", "in_progress", "resolved", "closed"][i % 4])
        ids.append(cid)
    return ids


def _all_pages(branch: Branch, sort: tuple[str, bool] | None, limit: int,
               filters: ComplaintFilters | None = None) -> list[ComplaintRow]:
    now = utcnow()
    rows: list[ComplaintRow] = []
    page = listing.list_complaints(branch, filters, limit=limit, sort=sort, now=now)
    rows += page.rows
    while page.next_cursor is not None:
        assert page.next_cursor.sort == sort
        page = listing.list_complaints(branch, filters, limit=limit, sort=sort, now=now,
                                       after=page.next_cursor)
        rows += page.rows
    return rows


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("column", listing.SORT_COLUMNS)
def test_each_sort_column_pages_equal_a_full_sort(branch: Branch, filed: list[str],
                                                  column: str, descending: bool) -> None:
    everything = list(listing.iter_complaints(branch))
    key = KEYS[column]
    expected = [r.id for r in sorted(everything, key=lambda r: (key(r), r.id),
                                     reverse=descending)]
    got = [r.id for r in _all_pages(branch, (column, descending), limit=3)]
    assert len(got) == len(set(got)) == len(filed)  # no repeats, no gaps
    assert got == expected


def test_sort_respects_filters(branch: Branch, filed: list[str]) -> None:
    filters = ComplaintFilters(open_only=True)
    got = _all_pages(branch, ("received_at", True), limit=2, filters=filters)
    open_rows = [r for r in listing.iter_complaints(branch, filters)]
    assert [r.id for r in got] == [r.id for r in sorted(
        open_rows, key=lambda r: (r.received_at, r.id), reverse=True)]


def test_default_order_is_unchanged(branch: Branch, filed: list[str]) -> None:
    paged = [r.id for r in _all_pages(branch, None, limit=4)]
    rows = list(listing.iter_complaints(branch, page_size=500))
    assert paged == [r.id for r in rows]
    open_rows = [r for r in rows if Status(r.status).is_open]
    done_rows = [r for r in rows if not Status(r.status).is_open]
    assert rows == open_rows + done_rows
    assert open_rows == sorted(open_rows, key=lambda r: (r.due_at, r.id))
    assert done_rows == sorted(done_rows, key=lambda r: (r.received_at, r.id), reverse=True)


def test_unknown_sort_column_and_mismatched_cursor_are_refused(branch: Branch,
                                                               filed: list[str]) -> None:
    with pytest.raises(ValidationError):
        listing.list_complaints(branch, sort=("summary", False))
    page = listing.list_complaints(branch, limit=2, sort=("number", False))
    assert page.next_cursor is not None
    with pytest.raises(ValidationError):
        listing.list_complaints(branch, limit=2, after=page.next_cursor)


def test_whole_list_by_deadline_reads_the_due_index(branch: Branch) -> None:
    from sqlalchemy import text

    from postcrm_desktop.store.models.complaints import Complaint

    key = listing._sort_expr("due_at")
    query = listing._filtered(listing._base(), branch, ComplaintFilters(), utcnow(),
                              "Asia/Shanghai").order_by(key, Complaint.id).limit(101)
    with branch.session() as s:
        sql = str(query.compile(s.bind, compile_kwargs={"literal_binds": True}))
        plan = " ".join(row[3] for row in s.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert "ix_complaints_due" in plan and "TEMP B-TREE" not in plan
