"""Contacts and tasks read by time both ways: keyset pages over (time, id) equal a full
sort, no row repeated or skipped, even with equal times; the default orders stay."""

from __future__ import annotations

from datetime import timedelta

import pytest

from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts import records, tasks
from postcrm_desktop.services.contacts.types import ContactFilters, TaskFilters
from tests.unit.contact_data import customer
from tests.unit.test_contacts import NOW as CONTACT_NOW
from tests.unit.test_contacts import _log
from tests.unit.test_tasks import NOW as TASK_NOW
from tests.unit.test_tasks import _task


@pytest.mark.parametrize("ascending", [False, True])
def test_contacts_page_by_time_both_ways(branch: Branch, ascending: bool) -> None:
    cid = customer(branch)
    same = CONTACT_NOW - timedelta(days=1)
    for i in range(17):
        _log(branch, cid, at=same if i % 3 == 0 else CONTACT_NOW - timedelta(minutes=7 * i))
    f = ContactFilters(customer_id=cid)
    everything = records.list_contacts(branch, f, limit=100).rows
    want = sorted(everything, key=lambda r: (r.at, r.id), reverse=not ascending)
    seen = []
    page = records.list_contacts(branch, f, limit=4, ascending=ascending)
    while True:
        seen += page.rows
        if page.next_cursor is None:
            break
        page = records.list_contacts(branch, f, limit=4, ascending=ascending,
                                     after=page.next_cursor)
    assert len(seen) == len({r.id for r in seen}) == 17
    assert [r.id for r in seen] == [r.id for r in want]
    if not ascending:  # the default order is unchanged: newest first
        assert [r.id for r in everything] == [r.id for r in want]


@pytest.mark.parametrize("descending", [False, True])
def test_tasks_page_by_due_time_both_ways(branch: Branch, descending: bool) -> None:
    cid = customer(branch)
    for i in range(11):
        _task(branch, cid, f"任务{i}", TASK_NOW + timedelta(hours=i % 4))
    f = TaskFilters(customer_id=cid)
    everything = tasks.list_tasks(branch, f, limit=100).rows
    want = sorted(everything, key=lambda r: (r.due_at, r.id), reverse=descending)
    seen = []
    page = tasks.list_tasks(branch, f, limit=3, descending=descending)
    while True:
        seen += page.rows
        if page.next_cursor is None:
            break
        page = tasks.list_tasks(branch, f, limit=3, descending=descending,
                                after=page.next_cursor)
    assert len(seen) == len({r.id for r in seen}) == 11
    assert [r.id for r in seen] == [r.id for r in want]
    if not descending:  # the default order is unchanged: earliest due first
        assert [r.id for r in everything] == [r.id for r in want]
