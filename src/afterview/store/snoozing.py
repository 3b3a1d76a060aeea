"""Snoozing steps from the tray (its menu, a notification's button): through the full store,
because a snooze re-plans the interview's other steps.

The tray loads this, and with it SQLAlchemy, only when the user snoozes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain import records as r
from afterview.store.models import StepRow
from afterview.store.plain_sql import format_instant
from afterview.store.steps import effective_due, replan

_OPEN = (r.StepStatus.PENDING.value, r.StepStatus.SNOOZED.value)


def snooze_due(session: Session, now: datetime, hours: float = 1.0) -> int:
    """Snooze every step due at ``now`` for ``hours``; how many were snoozed."""
    format_instant(now)  # refuses a naive ``now``
    query = select(StepRow.id).where(StepRow.status.in_(_OPEN), effective_due() <= now)
    due = list(session.scalars(query))
    return snooze_steps(session, due, now + timedelta(hours=hours), now)


def snooze_steps(session: Session, ids: Iterable[int], until: datetime, now: datetime) -> int:
    """Snooze open steps until ``until`` (as ``steps.snooze`` does, re-planning once per
    interview instead of once per step)."""
    format_instant(until)
    wanted = sorted(set(ids))
    if not wanted:
        return 0
    rows: Sequence[StepRow] = session.scalars(
        select(StepRow).where(StepRow.id.in_(wanted), StepRow.status.in_(_OPEN))
    ).all()
    interviews: set[int] = set()
    for row in rows:
        row.status, row.snoozed_until, row.notified_at = r.StepStatus.SNOOZED.value, until, None
        if row.interview_id is not None:
            interviews.add(row.interview_id)
    if interviews:
        replan(session, now, interviews)
    session.flush()
    return len(rows)
