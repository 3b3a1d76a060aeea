"""What moving an application by hand does to its rounds (issue 17 §3; found by a fresh
tester: closing an application left its follow-ups to the employer running).

The stage moves with the rounds (afterview.store.applications.restage); this is the other
way. Closing as rejected, withdrawn or unanswered, or an offer, is recorded on the latest
round when it still awaits its answer (afterview.domain.applications.round_status_for), and
the playbook's per-interview rules then plan as they do when the user sets that status on the
interview. Position closed and cancelled by the employer have no round status: the rounds'
open follow-ups end (skipped) instead. Both are put back by :func:`put_back` when the move is
undone.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain.applications import Outcome, Standing, round_status_for
from afterview.domain.records import UNDECIDED, Status, StepKind, StepStatus
from afterview.store import claims, steps
from afterview.store.application_values import RoundsBefore
from afterview.store.models import InterviewRow, StepRow

#: Outcomes that end the rounds' follow-ups, having no round status of their own.
ENDS_FOLLOW_UPS = frozenset({Outcome.POSITION_CLOSED, Outcome.CANCELLED})
_OPEN = (StepStatus.PENDING.value, StepStatus.SNOOZED.value)


def _rounds(session: Session, application_id: int) -> list[InterviewRow]:
    query = select(InterviewRow).where(InterviewRow.application_id == application_id)
    # The latest round as domain.applications.latest_round has it: last start, then last id.
    return sorted(session.scalars(query), key=lambda row: (row.start, row.id))


def follow(
    session: Session, application_id: int, standing: Standing, now: datetime
) -> RoundsBefore:
    """Record the hand move to ``standing`` on the application's rounds and re-plan them;
    returns what :func:`put_back` needs. Nothing changes for an application with no round."""
    rounds = _rounds(session, application_id)
    if not rounds:
        return RoundsBefore()
    before = RoundsBefore()
    latest = rounds[-1]
    status = round_status_for(standing)
    # Only a round still waiting for its answer takes one: a next round or an offer already
    # recorded is a fact of the search (the Insight funnel counts it), never written over.
    if status is not None and Status(latest.status) in UNDECIDED:
        before = RoundsBefore(latest.id, latest.status, latest.status_changed_at, status.value)
        latest.status, latest.status_changed_at = status.value, now
        claims.raise_version(latest)  # an editor open on the interview is asked at its save
    if standing.outcome in ENDS_FOLLOW_UPS:
        query = select(StepRow).where(
            StepRow.interview_id.in_([row.id for row in rounds]),
            StepRow.kind == StepKind.FOLLOW_UP.value,
            StepRow.status.in_(_OPEN),
        )
        ended = []
        for step in session.scalars(query):
            ended.append((step.id, step.status, step.snoozed_until))
            step.status, step.done_at, step.auto_done = StepStatus.SKIPPED.value, None, False
        before = replace(before, ended=tuple(ended))
    if before != RoundsBefore():  # a move the rounds need not hear of re-plans nothing here
        ids = [row.id for row in rounds]
        steps.replan(session, now, ids, application_ids=[application_id])
    return before


def reaches_rounds(standing: Standing) -> bool:
    """Whether a hand move to ``standing`` may change its rounds (the writes then say that
    interviews changed, so the window's list and detail read them again)."""
    return round_status_for(standing) is not None or standing.outcome in ENDS_FOLLOW_UPS


def put_back(session: Session, before: RoundsBefore, now: datetime) -> list[int]:
    """Undo :func:`follow`: the round's status, unless it was changed again since, and the
    follow-ups it ended, unless they were acted on since. Returns the interviews re-planned."""
    touched: set[int] = set()
    if before.interview_id is not None:
        row = session.get(InterviewRow, before.interview_id)
        if row is not None and row.status == before.moved_to:
            row.status, row.status_changed_at = before.status, before.status_changed_at
            claims.raise_version(row)
            touched.add(row.id)
    for step_id, status, snoozed_until in before.ended:
        step = session.get(StepRow, step_id)
        if step is not None and step.status == StepStatus.SKIPPED.value:
            step.status, step.snoozed_until = status, snoozed_until
            if step.interview_id is not None:
                touched.add(step.interview_id)
    if touched:
        steps.replan(session, now, sorted(touched))
    return sorted(touched)


__all__ = ["ENDS_FOLLOW_UPS", "follow", "put_back", "reaches_rounds"]
