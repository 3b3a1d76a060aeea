"""Follow-up steps: what the playbook plans, what the user has done with them, and the rules
every reader of steps shares (which are open, when one is due, which comes next).

These rules are written here once. The store keeps a step's effective due in its own column,
computed by :func:`effective_due` whenever a step is written, so SQL (the window's lists, the
tray's next wake-up) orders by that column instead of restating the rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from afterview.domain.records import Channel, StepKind, StepStatus

#: A step the user has not dealt with yet: it can fall due, be notified, and be the next step.
OPEN_STATUSES = frozenset({StepStatus.PENDING, StepStatus.SNOOZED})


def is_open(status: StepStatus | str) -> bool:
    return status in OPEN_STATUSES


def effective_due(
    status: StepStatus | str,
    planned_due: datetime,
    due_override: datetime | None,
    snoozed_until: datetime | None,
) -> datetime:
    """When a step is due now: a snooze wins over an edited time, an edited time over the
    playbook's plan. Aware instants in, the chosen one out (its zone unchanged)."""
    if status == StepStatus.SNOOZED and snoozed_until is not None:
        return snoozed_until
    if due_override is not None:
        return due_override
    return planned_due


class _Ordered(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def status(self) -> StepStatus | str: ...
    @property
    def due(self) -> datetime: ...


_S = TypeVar("_S", bound=_Ordered)


def step_order(step: _Ordered) -> tuple[datetime, int]:
    """The order steps are listed and done in: by effective due, then by id (the order the
    playbook planned them in, so on a tie the debrief comes before the contact cards)."""
    return (step.due, step.id)


def next_step(steps: Iterable[_S]) -> _S | None:
    """The open step that comes first in :func:`step_order`; None when none is open."""
    return min((s for s in steps if is_open(s.status)), key=step_order, default=None)


@dataclass(frozen=True)
class PlannedStep:
    """One step as the playbook sees it.

    ``key`` identifies the step across re-plans (the same rule for the same
    interview and person gives the same key), so what the user did with it
    survives a change to the records. ``due`` is an aware UTC instant.
    """

    key: str
    kind: StepKind
    title: str
    due: datetime
    reason: str
    interview_id: int | None = None
    contact_id: int | None = None
    reference_id: int | None = None
    referral_id: int | None = None
    #: The application a step of no interview is about (its follow-up, issue 17).
    application_id: int | None = None
    person: str | None = None
    channel: Channel | None = None
    optional: bool = False
    #: The step is already satisfied by the records (every contact card complete).
    satisfied: bool = False
    #: The rule that planned it (a key of afterview.domain.rules.RULES) and its parameters
    #: as JSON text (afterview.domain.rules.params_json): the window words the step from these.
    rule: str = ""
    rule_params: str = "{}"


@dataclass(frozen=True)
class StepState:
    """A step as stored: the planned values plus what the user did with it."""

    id: int
    key: str
    kind: StepKind
    status: StepStatus
    planned_due: datetime
    due_override: datetime | None = None
    snoozed_until: datetime | None = None
    done_at: datetime | None = None
    #: True when the playbook (not the user) marked it done because the records satisfied it.
    auto_done: bool = False

    @property
    def due(self) -> datetime:
        """When the step is due now (:func:`effective_due`)."""
        return effective_due(self.status, self.planned_due, self.due_override, self.snoozed_until)
