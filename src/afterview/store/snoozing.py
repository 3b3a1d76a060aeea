"""Snoozing several steps together (the tray's "Snooze all", a summary notification's
Snooze), through ``afterview step snooze ID…``: a snooze re-plans the interview's other steps,
which the tray leaves to that short process (see :mod:`afterview.tray.commands`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain import records as r
from afterview.store.models import StepRow
from afterview.store.plain_sql import format_instant
from afterview.store.steps import replan

_OPEN = (r.StepStatus.PENDING.value, r.StepStatus.SNOOZED.value)


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
