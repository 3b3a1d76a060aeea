"""Read-only queries the store's operations share (the interview list and Today read in plain
sqlite3: :mod:`afterview.store.interview_list`, :mod:`afterview.store.today`)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from afterview.store.models import InterviewRow, StepRow
from afterview.store.steps import OPEN as OPEN_STEP_STATUSES


def interview_steps(session: Session, interview_id: int) -> list[StepRow]:
    """Every step of one interview, open ones first by due time, then the finished ones."""
    query = (
        select(StepRow)
        .where(StepRow.interview_id == interview_id)
        .order_by(StepRow.status.not_in(OPEN_STEP_STATUSES), StepRow.due, StepRow.id)
    )
    return list(session.scalars(query))


def step_interview(session: Session, step_id: int) -> int | None:
    """The interview a step belongs to (None for a global step or an unknown id)."""
    return session.scalar(select(StepRow.interview_id).where(StepRow.id == step_id))


def interview_count(session: Session) -> int:
    return int(session.scalar(select(func.count(InterviewRow.id))) or 0)
