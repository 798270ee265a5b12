"""The complaint workflow: which status may follow which, and what each step needs.

    new -> assigned -> in progress -> resolved -> revisited -> closed
                            ^            |           |          |
                            +------------+-----------+----------+  (reopen)

Each step is an `Action`; `check_transition` refuses a step the table does not allow
with a `Conflict` whose Chinese message says what is possible instead, and
`check_requirements` refuses a step whose input is missing (a resolution without
text, a revisit score outside 1-5) with a `ValidationError` naming the field.
`apply` does both on a `WorkflowState` and returns the next state with the step
appended to its history: the pure model the service and the property tests share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from postcrm_desktop.core.complaint_enums import Status
from postcrm_desktop.core.customer_enums import LabelledEnum
from postcrm_desktop.core.errors import Conflict, ValidationError

SCORE_MIN, SCORE_MAX = 1, 5
MAX_RESOLUTION = 2000


class Action(LabelledEnum):
    ASSIGN = "assign", "分派", "Assign"
    START = "start", "开始处理", "Start work"
    RESOLVE = "resolve", "办结", "Resolve"
    REVISIT = "revisit", "回访", "Revisit"
    CLOSE = "close", "关闭", "Close"
    REOPEN = "reopen", "重新打开", "Reopen"


# action -> (statuses it starts from, status it leads to)
ACTIONS: dict[Action, tuple[frozenset[Status], Status]] = {
    Action.ASSIGN: (frozenset({Status.NEW}), Status.ASSIGNED),
    Action.START: (frozenset({Status.ASSIGNED}), Status.IN_PROGRESS),
    Action.RESOLVE: (frozenset({Status.IN_PROGRESS}), Status.RESOLVED),
    Action.REVISIT: (frozenset({Status.RESOLVED}), Status.REVISITED),
    Action.CLOSE: (frozenset({Status.REVISITED}), Status.CLOSED),
    Action.REOPEN: (frozenset({Status.RESOLVED, Status.REVISITED, Status.CLOSED}),
                    Status.IN_PROGRESS),
}

# status -> statuses it may move to
ALLOWED: dict[Status, frozenset[Status]] = {
    s: frozenset(to for froms, to in ACTIONS.values() if s in froms) for s in Status
}


def action_for(current: Status, target: Status) -> Action:
    """The action that moves `current` to `target`; `Conflict` when none does."""
    check_transition(current, target)
    for action, (froms, to) in ACTIONS.items():
        if current in froms and to == target:
            return action
    raise AssertionError("ALLOWED and ACTIONS disagree")  # pragma: no cover


def allowed_actions(current: Status) -> list[Action]:
    """Actions offered for a complaint in `current` (for buttons), in workflow order."""
    return [a for a, (froms, _to) in ACTIONS.items() if current in froms]


def check_transition(current: Status | str, target: Status | str) -> None:
    """Refuse (with `Conflict`) a status change the workflow does not allow."""
    cur, tgt = Status(current), Status(target)
    if tgt in ALLOWED[cur]:
        return
    if cur == tgt:
        raise Conflict(f"投诉已经是“{cur.label}”状态")
    if tgt == Status.CLOSED and cur == Status.RESOLVED:
        raise Conflict("关闭前必须先完成回访（记录客户满意度）")
    if tgt == Status.CLOSED and cur.is_open:
        raise Conflict(f"投诉尚未办结（当前“{cur.label}”），需办结并回访后才能关闭")
    if tgt == Status.REVISITED and cur.is_open:
        raise Conflict(f"投诉尚未办结（当前“{cur.label}”），办结后才能回访")
    if tgt == Status.RESOLVED and cur in (Status.NEW, Status.ASSIGNED):
        raise Conflict(f"投诉当前为“{cur.label}”，需先分派并开始处理才能办结")
    if cur == Status.CLOSED:
        raise Conflict("投诉已关闭；如需继续处理，请先重新打开")
    options = "、".join(f"“{s.label}”" for s in sorted(ALLOWED[cur], key=lambda s: s.rank))
    raise Conflict(f"投诉当前为“{cur.label}”，不能变为“{tgt.label}”（可变为：{options}）")


def check_score(score: object) -> int:
    """A revisit satisfaction score, 1 (very unsatisfied) to 5 (very satisfied)."""
    if isinstance(score, bool) or not isinstance(score, int | str):
        raise ValidationError("satisfaction", "请填写 1 到 5 分的满意度评分")
    try:
        value = int(str(score).strip())
    except ValueError:
        raise ValidationError("satisfaction", "满意度评分必须是 1 到 5 的整数") from None
    if not SCORE_MIN <= value <= SCORE_MAX:
        raise ValidationError("satisfaction", f"满意度评分必须在 {SCORE_MIN} 到 {SCORE_MAX} 之间")
    return value


def check_requirements(target: Status | str, *, resolution: str | None = None,
                       satisfaction: object = None, note: str | None = None,
                       current: Status | str | None = None) -> None:
    """Refuse (with `ValidationError`) a step whose required input is missing."""
    tgt = Status(target)
    if tgt == Status.RESOLVED:
        text = (resolution or "").strip()
        if not text:
            raise ValidationError("resolution", "办结时必须填写处理结果")
        if len(text) > MAX_RESOLUTION:
            raise ValidationError("resolution", f"处理结果不能超过{MAX_RESOLUTION}个字")
    elif tgt == Status.REVISITED:
        check_score(satisfaction)
    elif (tgt == Status.IN_PROGRESS and current is not None
          and Status(current) in ACTIONS[Action.REOPEN][0] and not (note or "").strip()):
        raise ValidationError("note", "重新打开时必须说明原因")


@dataclass(frozen=True)
class Step:
    """One recorded status change: who moved the complaint, when, from what to what."""

    from_status: Status
    to_status: Status
    by: str | None
    at: datetime | None
    note: str = ""


@dataclass(frozen=True)
class WorkflowState:
    status: Status = Status.NEW
    history: tuple[Step, ...] = field(default_factory=tuple)

    def apply(self, target: Status | str, *, by: str | None = None,
              at: datetime | None = None, resolution: str | None = None,
              satisfaction: object = None, note: str = "") -> WorkflowState:
        """The state after moving to `target`; raises and leaves `self` as it was."""
        tgt = Status(target)
        check_transition(self.status, tgt)
        check_requirements(tgt, resolution=resolution, satisfaction=satisfaction, note=note,
                           current=self.status)
        step = Step(self.status, tgt, by, at, note or (resolution or ""))
        return WorkflowState(tgt, (*self.history, step))


__all__ = [
    "ACTIONS",
    "ALLOWED",
    "SCORE_MAX",
    "SCORE_MIN",
    "Action",
    "Step",
    "WorkflowState",
    "action_for",
    "allowed_actions",
    "check_requirements",
    "check_score",
    "check_transition",
]
