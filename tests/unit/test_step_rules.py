"""The rules every reader of steps shares (afterview.domain.steps), case by case: which
statuses are open, when a step is due (README: "a snooze wins over an edited time, an edited
time over the plan"), and which step comes next (by due, then by id: the plan's order)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from afterview.domain.records import StepStatus
from afterview.domain.steps import OPEN_STATUSES, effective_due, is_open, next_step, step_order

PLAN = datetime(2026, 11, 20, 20, tzinfo=UTC)
EDIT = PLAN + timedelta(hours=5)
SNOOZE = PLAN + timedelta(days=2)


@pytest.mark.parametrize(
    ("status", "override", "snoozed", "due"),
    [
        ("pending", None, None, PLAN),
        ("pending", EDIT, None, EDIT),
        ("snoozed", EDIT, SNOOZE, SNOOZE),  # a snooze wins over an edit
        ("snoozed", None, SNOOZE, SNOOZE),
        ("snoozed", EDIT, None, EDIT),  # snoozed with no time: the edit stands
        ("snoozed", None, None, PLAN),
        ("done", EDIT, SNOOZE, EDIT),  # a snooze counts only while the step is snoozed
        ("skipped", None, SNOOZE, PLAN),
        (StepStatus.SNOOZED, None, SNOOZE, SNOOZE),
    ],
)
def test_effective_due(
    status: str, override: datetime | None, snoozed: datetime | None, due: datetime
) -> None:
    assert effective_due(status, PLAN, override, snoozed) == due


def test_open_statuses() -> None:
    assert {StepStatus.PENDING, StepStatus.SNOOZED} == OPEN_STATUSES
    assert [is_open(s) for s in ("pending", "snoozed", "done", "skipped")] == [
        True,
        True,
        False,
        False,
    ]


@dataclass
class Step:
    id: int
    status: str
    due: datetime


def test_the_next_step_is_the_earliest_open_one_then_the_first_planned() -> None:
    steps = [
        Step(5, "pending", PLAN + timedelta(hours=2)),
        Step(3, "done", PLAN),  # finished: never next
        Step(4, "snoozed", PLAN + timedelta(hours=1)),
        Step(2, "pending", PLAN + timedelta(hours=1)),  # the same due: the lower id first
        Step(1, "skipped", PLAN - timedelta(days=1)),
    ]
    chosen = next_step(steps)
    assert chosen is not None and chosen.id == 2
    assert step_order(steps[0]) == (PLAN + timedelta(hours=2), 5)
    assert next_step([Step(1, "done", PLAN)]) is None
    assert next_step([]) is None
