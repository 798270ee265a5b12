"""The complaint workflow table: every allowed and every refused status change."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postcrm_desktop.core.complaint_enums import OPEN_STATUSES, Status, parse_choice
from postcrm_desktop.core.complaint_workflow import (
    ACTIONS,
    ALLOWED,
    Action,
    WorkflowState,
    action_for,
    allowed_actions,
    check_requirements,
    check_score,
    check_transition,
)
from postcrm_desktop.core.errors import Conflict, ValidationError

S = Status
EXPECTED: set[tuple[Status, Status]] = {
    (S.NEW, S.ASSIGNED),
    (S.ASSIGNED, S.IN_PROGRESS),
    (S.IN_PROGRESS, S.RESOLVED),
    (S.RESOLVED, S.REVISITED),
    (S.REVISITED, S.CLOSED),
    # reopen
    (S.RESOLVED, S.IN_PROGRESS),
    (S.REVISITED, S.IN_PROGRESS),
    (S.CLOSED, S.IN_PROGRESS),
}
ALL_PAIRS = list(product(Status, Status))


def test_table_is_exactly_the_expected_one() -> None:
    table = {(a, b) for a, targets in ALLOWED.items() for b in targets}
    assert table == EXPECTED


@pytest.mark.parametrize(("current", "target"), sorted(EXPECTED))
def test_allowed_transition_passes(current: Status, target: Status) -> None:
    check_transition(current, target)
    action = action_for(current, target)
    froms, to = ACTIONS[action]
    assert current in froms and to == target


@pytest.mark.parametrize(("current", "target"),
                         [p for p in ALL_PAIRS if p not in EXPECTED])
def test_refused_transition_says_why_in_chinese(current: Status, target: Status) -> None:
    with pytest.raises(Conflict) as caught:
        check_transition(current, target)
    message = str(caught.value)
    assert message and any("\u4e00" <= ch <= "\u9fff" for ch in message)
    with pytest.raises(Conflict):
        action_for(current, target)


def test_specific_messages() -> None:
    with pytest.raises(Conflict, match="必须先完成回访"):
        check_transition(S.RESOLVED, S.CLOSED)
    with pytest.raises(Conflict, match="尚未办结"):
        check_transition(S.IN_PROGRESS, S.CLOSED)
    with pytest.raises(Conflict, match="办结后才能回访"):
        check_transition(S.NEW, S.REVISITED)
    with pytest.raises(Conflict, match="已关闭"):
        check_transition(S.CLOSED, S.RESOLVED)
    with pytest.raises(Conflict, match="已经是"):
        check_transition(S.NEW, S.NEW)
    with pytest.raises(Conflict, match="可变为"):
        check_transition(S.ASSIGNED, S.NEW)


def test_reopen_leads_back_to_in_progress() -> None:
    froms, to = ACTIONS[Action.REOPEN]
    assert froms == {S.RESOLVED, S.REVISITED, S.CLOSED}
    assert to == S.IN_PROGRESS
    assert action_for(S.CLOSED, S.IN_PROGRESS) == Action.REOPEN
    assert action_for(S.ASSIGNED, S.IN_PROGRESS) == Action.START


def test_allowed_actions_for_buttons() -> None:
    assert allowed_actions(S.NEW) == [Action.ASSIGN]
    assert allowed_actions(S.RESOLVED) == [Action.REVISIT, Action.REOPEN]
    assert allowed_actions(S.CLOSED) == [Action.REOPEN]


def test_requirements() -> None:
    with pytest.raises(ValidationError) as caught:
        check_requirements(S.RESOLVED, resolution="  ")
    assert caught.value.field == "resolution"
    check_requirements(S.RESOLVED, resolution="已赔偿")
    with pytest.raises(ValidationError) as caught:
        check_requirements(S.RESOLVED, resolution="字" * 2001)
    assert caught.value.field == "resolution"
    for bad in (0, 6, -1, None, "五", 3.5, True):
        with pytest.raises(ValidationError) as caught:
            check_requirements(S.REVISITED, satisfaction=bad)
        assert caught.value.field == "satisfaction"
    for good in (1, 3, 5, "4"):
        check_requirements(S.REVISITED, satisfaction=good)
    assert check_score(" 2 ") == 2
    with pytest.raises(ValidationError, match="原因"):
        check_requirements(S.IN_PROGRESS, current=S.CLOSED, note="")
    check_requirements(S.IN_PROGRESS, current=S.ASSIGNED)  # starting work needs no note


def test_status_labels_and_order() -> None:
    assert [s.rank for s in Status] == list(range(6))
    assert {s for s in Status if s.is_open} == OPEN_STATUSES
    assert parse_choice(Status, "处理中") == S.IN_PROGRESS
    assert parse_choice(Status, "待分派") == S.NEW


def test_full_walk_records_every_step() -> None:
    state = WorkflowState()
    for target, kw in ((S.ASSIGNED, {}), (S.IN_PROGRESS, {}),
                       (S.RESOLVED, {"resolution": "已处理"}),
                       (S.REVISITED, {"satisfaction": 4}), (S.CLOSED, {}),
                       (S.IN_PROGRESS, {"note": "客户反映未解决"})):
        state = state.apply(target, by="u1", **kw)  # type: ignore[arg-type]
    assert state.status == S.IN_PROGRESS
    assert [(h.from_status, h.to_status) for h in state.history][-1] == (S.CLOSED,
                                                                         S.IN_PROGRESS)
    assert len(state.history) == 6


# Inputs that satisfy any step's requirements, so only the table decides.
_GOOD = {"resolution": "已处理", "satisfaction": 5, "note": "原因"}


@given(st.lists(st.sampled_from(list(Status)), max_size=40))
def test_random_sequences_keep_a_valid_status(targets: list[Status]) -> None:
    state = WorkflowState()
    applied = 0
    for target in targets:
        before = state
        try:
            state = state.apply(target, **_GOOD)  # type: ignore[arg-type]
        except Conflict:
            assert state is before  # a refused step changes nothing
            assert target not in ALLOWED[before.status]
            continue
        applied += 1
        assert (before.status, target) in EXPECTED
        assert state.status == target
    assert state.status in set(Status)
    assert len(state.history) == applied
    # The history chains: each step starts where the one before ended.
    current = S.NEW
    for step in state.history:
        assert step.from_status == current
        current = step.to_status
    assert current == state.status


@given(st.lists(st.tuples(st.sampled_from(list(Status)),
                          st.sampled_from([None, "", "已处理"]),
                          st.sampled_from([None, 0, 1, 5, 6])), max_size=30))
def test_random_inputs_never_skip_requirements(
        steps: list[tuple[Status, str | None, int | None]]) -> None:
    state = WorkflowState()
    for target, text, score in steps:
        try:
            state = state.apply(target, resolution=text, satisfaction=score, note=text or "")
        except (Conflict, ValidationError):
            continue
    for step in state.history:
        if step.to_status == S.RESOLVED:
            assert step.note == "已处理"
        if step.from_status in (S.RESOLVED, S.REVISITED, S.CLOSED) \
                and step.to_status == S.IN_PROGRESS:
            assert step.note  # a reopen always says why
