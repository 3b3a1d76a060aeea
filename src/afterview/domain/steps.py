"""Follow-up steps: what the playbook plans, and what the user has done with them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from afterview.domain.records import Channel, StepKind, StepStatus


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
    person: str | None = None
    channel: Channel | None = None
    optional: bool = False
    #: The step is already satisfied by the records (every contact card complete).
    satisfied: bool = False


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
        """When the step is due now: a snooze wins over an edit, an edit over the plan."""
        if self.status is StepStatus.SNOOZED and self.snoozed_until is not None:
            return self.snoozed_until
        if self.due_override is not None:
            return self.due_override
        return self.planned_due
