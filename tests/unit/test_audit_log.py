"""The audit log as the admin page reads it: keyset pages, filters, permission, chain check."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from postcrm_desktop.core.errors import PermissionDenied
from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import audit_log, auth, users
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.store import audit


def _history(branch: Branch, n: int) -> None:
    for i in range(n):
        users.add_user(branch, f"u{i}", f"用户{i}", Role.COUNTER_CLERK, "Clerk1234")


def _all_pages(branch: Branch, limit: int, **filters: object) -> list[audit_log.AuditRow]:
    rows: list[audit_log.AuditRow] = []
    after = None
    while True:
        batch = audit_log.page(branch, after_seq=after, limit=limit,
                               **filters)  # type: ignore[arg-type]
        assert len(batch) <= limit
        if not batch:
            return rows
        rows += batch
        after = batch[-1].seq


def test_pages_newest_first_without_gaps_or_repeats(branch: Branch) -> None:
    _history(branch, 12)
    seen = [r.seq for r in _all_pages(branch, 5)]
    assert seen == sorted(seen, reverse=True)
    assert seen == list(range(seen[0], 0, -1))
    first = audit_log.page(branch, limit=5)
    assert [r.seq for r in first] == seen[:5]


def test_page_size_is_bounded(branch: Branch) -> None:
    _history(branch, 3)
    assert len(audit_log.page(branch, limit=2)) == 2
    assert len(audit_log.page(branch, limit=0)) == 1
    assert audit_log.MAX_PAGE <= 1000


def test_filters_by_action_and_user_across_pages(branch: Branch) -> None:
    _history(branch, 7)
    users.set_role(branch, "u1", Role.ACCOUNT_MANAGER)
    added = _all_pages(branch, 3, action="user.added")
    assert len(added) == 7
    assert {r.action for r in added} == {"user.added"}
    assert all(r.action_label == "新增用户" for r in added)
    assert [r.seq for r in added] == sorted((r.seq for r in added), reverse=True)
    changed = audit_log.page(branch, action="user.role_changed")
    assert len(changed) == 1 and changed[0].detail == {"from": "counter_clerk",
                                                       "to": "account_manager"}
    assert changed[0].target == "用户 u1"  # the object by its username, not a bare id
    assert {r.username for r in audit_log.page(branch, username=" ADMIN ")} == {"admin"}
    assert audit_log.page(branch, username="nobody") == []
    acts = audit_log.actions(branch)
    assert acts == sorted(set(acts))
    assert {"branch.init", "user.added", "user.role_changed"} <= set(acts)


def test_filters_by_time_range(branch: Branch) -> None:
    _history(branch, 2)
    rows = audit_log.page(branch)
    newest = rows[0].at
    assert newest.tzinfo is not None
    assert audit_log.page(branch, since=newest + timedelta(seconds=1)) == []
    assert audit_log.page(branch, since=newest)[0].seq == rows[0].seq  # since is inclusive
    assert audit_log.page(branch, until=newest + timedelta(seconds=1))[0].seq == rows[0].seq
    assert all(r.at < newest for r in audit_log.page(branch, until=newest))  # until exclusive
    past = datetime.now(UTC) - timedelta(days=3650)
    assert len(audit_log.page(branch, since=past, until=newest + timedelta(days=1))) == len(rows)


def test_needs_audit_permission(branch_path: Path, branch: Branch) -> None:
    users.add_user(branch, "clerk", "柜员", Role.COUNTER_CLERK, "Clerk1234")
    branch.close()
    clerk = auth.login(branch_path, "clerk", "Clerk1234")
    try:
        for call in (audit_log.page, audit_log.actions, audit_log.verify):
            with pytest.raises(PermissionDenied):
                call(clerk)
    finally:
        clerk.close()


def test_analyst_may_read(demo_login: Callable[[str], Branch]) -> None:
    analyst = demo_login("analyst1")
    assert audit_log.page(analyst, limit=3)
    assert audit_log.verify(analyst).ok


def test_verify_reports_ok(branch: Branch) -> None:
    _history(branch, 2)
    result = audit_log.verify(branch)
    assert isinstance(result, audit.VerifyResult)
    assert result.ok and result.rows >= 3 and result.first_bad_seq is None


def test_verify_names_the_first_broken_row(branch: Branch) -> None:
    _history(branch, 4)
    with branch.db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        conn.execute(text("UPDATE audit_log SET username='someone' WHERE seq=3"))
    result = audit_log.verify(branch)
    assert not result.ok and result.first_bad_seq == 3 and "3" in result.reason


# --- in words -----------------------------------------------------------------------


def _writers_codes() -> dict[str, str]:
    """Every action code passed to a function that writes the audit log, anywhere in
    src (literals, either branch of a conditional, or a module constant)."""
    import ast
    import re

    import postcrm_desktop

    writers = {"append", "write_audit", "_audit", "_record", "_record_refusal",
               "record_event"}
    code = re.compile(r"[a-z_]+\.[a-z_]+")
    found: dict[str, str] = {}
    for path in Path(postcrm_desktop.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
                     for t in n.targets if isinstance(t, ast.Name)
                     and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in writers or (name == "append" and not (
                    isinstance(func, ast.Attribute)
                    and getattr(func.value, "id", "") == "audit")):
                continue
            for arg in node.args[:3]:
                for sub in ast.walk(arg):
                    value = sub.value if isinstance(sub, ast.Constant) else \
                        constants.get(sub.id) if isinstance(sub, ast.Name) else None
                    if isinstance(value, str) and code.fullmatch(value):
                        found.setdefault(value, path.name)
    return found


def test_every_audit_action_written_in_src_has_a_label_in_both_languages() -> None:
    from postcrm_desktop.services import audit_words

    written = _writers_codes()
    assert {"login.failed", "rule.applied", "greeting.exported",
            "customer.number_searched", "user.locked"} <= set(written)
    missing = {c: f for c, f in written.items() if c not in audit_words.ACTIONS}
    assert not missing, f"audit actions without a label: {missing}"
    for code in written:
        zh, en = audit_words.ACTIONS[code]
        assert zh and en and zh != code and en != code


def test_rows_read_in_words_with_names_looked_up_for_readers_allowed_to_see_them(
        branch: Branch, tmp_path: Path) -> None:
    from postcrm_desktop.core.roles import DEFAULT_GRANTS, Perm
    from postcrm_desktop.services.actor import Actor
    from postcrm_desktop.services.contacts import rules
    from postcrm_desktop.services.contacts.types import RuleInput
    from postcrm_desktop.services.customers.records import create_customer
    from tests.unit.customer_data import individual

    cid = create_customer(branch, individual(name="邵欣琪", stage="prospect"))
    rid = rules.create_rule(branch, RuleInput("prospect", "every", 30, "phone", "每月电话"))
    [created] = audit_log.page(branch, action="customer.created")
    number = created.detail["number"]
    assert created.entity_id == cid
    # Stored: codes and ids only; shown: words and the name, looked up now.
    with branch.db.connect() as conn:
        stored = conn.exec_driver_sql("SELECT detail FROM audit_log WHERE action = "
                                      "'customer.created'").scalar()
    assert "邵欣琪" not in stored
    assert created.summary() == f"新建客户 邵欣琪（{number}）"
    assert created.target_text() == f"客户 邵欣琪（{number}）"
    assert created.target_text("en") == f"Customer 邵欣琪（{number}）"
    words = created.detail_text()
    assert "类型：个人" in words and "阶段：潜在" in words and "individual" not in words
    assert "Type: Individual" in created.detail_text("en")
    [rule] = audit_log.page(branch, action="rule.created")
    assert rule.target_text() == "跟进规则 每月电话" and rule.entity_id == rid
    assert "方式：每" in rule.detail_text() or "方式：" in rule.detail_text()
    # A reader who may audit but not see customers gets the number, not the name.
    grants = frozenset(str(p) for p in DEFAULT_GRANTS[Role.HQ_ANALYST]) - {
        str(Perm.CUSTOMER_VIEW), str(Perm.CUSTOMER_VIEW_ALL)}
    auditor = Branch(branch.db, Actor("x", "auditor", "审计员", Role.HQ_ANALYST, grants),
                     branch.master)
    [seen] = audit_log.page(auditor, action="customer.created")
    assert seen.target_text() == f"客户 {number}" and "邵欣琪" not in seen.summary()


def test_a_failed_login_reads_as_one(branch_path: Path) -> None:
    from postcrm_desktop.store.keyslots import WrongPassword
    from tests.conftest import ADMIN_PASSWORD

    start = datetime.now(UTC)
    with pytest.raises(WrongPassword):
        auth.login(branch_path, "admin", "wrong-password-1", now=lambda: start)
    later = start + timedelta(minutes=5)
    b = auth.login(branch_path, "admin", ADMIN_PASSWORD, now=lambda: later)
    try:
        [failed] = audit_log.page(b, action="login.failed")
        assert failed.action_text() == "登录失败（密码错误）"
        assert failed.action_text("en") == "Login failed (wrong password)"
        assert failed.detail == {"source": "keyfile"} and failed.detail_text() == ""
    finally:
        b.close()
