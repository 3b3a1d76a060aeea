"""Follow-up steps: list them, and act on them (done, skip, reopen, snooze, a new due time).

Every action re-plans the step's interview in the same transaction (the second follow-up is
anchored on when the first one was done), and ends through the one write path.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from afterview.domain import records as r
from afterview.store import steps
from afterview.store.changes import Changes, Kind, Outcome
from afterview.store.derived import step_due
from afterview.store.models import StepRow
from afterview.store.operations.core import Core
from afterview.store.types import NaiveDatetimeError
from afterview.store.values import StepView

_ACTED = (Kind.STEPS, Kind.INTERVIEWS)


def view(row: StepRow) -> StepView:
    """A stored step as a plain value (its interview loaded with it)."""
    interview = row.interview
    return StepView(
        id=row.id,
        key=row.key,
        kind=row.kind,
        title=row.title,
        reason=row.reason,
        person=row.person,
        channel=row.channel,
        optional=row.optional,
        status=row.status,
        due=step_due(row),
        planned_due=row.planned_due,
        due_override=row.due_override,
        snoozed_until=row.snoozed_until,
        done_at=row.done_at,
        auto_done=row.auto_done,
        notified_at=row.notified_at,
        interview_id=row.interview_id,
        contact_id=row.contact_id,
        reference_id=row.reference_id,
        interview_key=interview.key if interview is not None else None,
        company=interview.company if interview is not None else "",
        position=interview.position if interview is not None else "",
        interview_round=interview.round if interview is not None else "",
        time_zone=interview.time_zone if interview is not None else None,
        rule=row.rule,
        rule_params=row.rule_params,
        answered=row.answered,
        application_id=row.application_id,
    )


class Steps:
    def __init__(self, core: Core) -> None:
        self._core = core

    # --- queries ------------------------------------------------------------------------

    def all(self, status: r.StepStatus | None = None) -> list[StepView]:
        """Every step (or those with ``status``), by effective due, then id."""
        return self._core.read(lambda s: [view(row) for row in steps.list_steps(s, status)])

    def open(self) -> list[StepView]:
        """The pending and snoozed steps, by effective due, then id."""

        def work(session: Session) -> list[StepView]:
            query = (
                select(StepRow)
                .options(selectinload(StepRow.interview))
                .where(StepRow.status.in_(steps.OPEN))
                .order_by(StepRow.due, StepRow.id)
            )
            return [view(row) for row in session.scalars(query)]

        return self._core.read(work)

    def due(self, at: datetime) -> list[StepView]:
        """Open steps due at or before ``at`` (aware; NaiveDatetimeError otherwise)."""
        if at.tzinfo is None:
            raise NaiveDatetimeError("the instant to check must have a UTC offset")
        return self._core.read(lambda s: [view(row) for row in steps.due_steps(s, at)])

    def of_interview(self, interview_id: int) -> list[StepView]:
        """One interview's steps: the open ones by due time first, then the finished ones."""
        return self._core.read(
            lambda s: [view(row) for row in steps.interview_steps(s, interview_id)]
        )

    def get(self, step_id: int) -> StepView:
        return self._core.read(lambda s: view(steps.get_step(s, step_id)))

    # --- commands -----------------------------------------------------------------------

    def done(self, step_id: int, answered: bool | None = None) -> Outcome[StepView]:
        """Mark a step done; for a follow-up, ``answered`` says whether it got an answer
        (None: not said). RecordError for an unknown step, or an answer to another kind."""
        return self._act(step_id, lambda s, i, now: steps.mark_done(s, i, now, answered))

    def skip(self, step_id: int) -> Outcome[StepView]:
        return self._act(step_id, steps.skip)

    def reopen(self, step_id: int) -> Outcome[StepView]:
        return self._act(step_id, steps.reopen)

    def set_due(self, step_id: int, due: datetime | None) -> Outcome[StepView]:
        """A due time of the user's (aware); None goes back to the playbook's time."""
        return self._act(step_id, lambda s, i, now: steps.set_due(s, i, due, now))

    def snooze(self, step_ids: Sequence[int], until: datetime) -> Outcome[list[StepView]]:
        """Snooze every one of ``step_ids`` until ``until`` (aware), or none of them: a step
        that is unknown, done or skipped, or that ``until`` would not move later than both now
        and its due, is refused by name (afterview.store.steps.snooze)."""

        def work(session: Session, now: datetime) -> list[StepView]:
            return [view(row) for row in steps.snooze(session, step_ids, until, now)]

        return self._core.write(work, Changes.of(*_ACTED))

    def _act(self, step_id: int, action: Any) -> Outcome[StepView]:
        def work(session: Session, now: datetime) -> StepView:
            return view(action(session, step_id, now))

        return self._core.write(
            work,
            lambda step: Changes.of(
                *_ACTED, interviews=[step.interview_id] if step.interview_id else None
            ),
        )
