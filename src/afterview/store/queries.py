"""Read-only queries the main window needs beyond the interview list, kept Qt-free and cheap
at 100,000 interviews: the Today view asks for the steps due up to a week ahead.

The interview list itself reads through :mod:`afterview.store.interview_list`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from afterview.store.models import InterviewRow, StepRow
from afterview.store.steps import OPEN as OPEN_STEP_STATUSES

# --- Today -----------------------------------------------------------------------------------


class Group(StrEnum):
    OVERDUE = "Overdue"
    TODAY = "Today"
    THIS_WEEK = "This week"


@dataclass(frozen=True)
class TodayItem:
    step_id: int
    title: str
    reason: str
    person: str | None
    optional: bool
    due: datetime  # aware UTC
    status: str
    interview_id: int | None
    company: str
    position: str
    kind: str = ""


def week_end(now_local: datetime) -> datetime:
    """The end of "this week": the next seven days after today, so Friday still sees Monday."""
    day: date = now_local.date()
    start = datetime(day.year, day.month, day.day, tzinfo=now_local.tzinfo)
    return start + timedelta(days=8)


#: The Today page shows this many steps per group; the rest are counted, not loaded.
TODAY_LIMIT = 50


@dataclass
class TodayGroups:
    items: dict[Group, list[TodayItem]]
    totals: dict[Group, int]

    def __getitem__(self, group: Group) -> list[TodayItem]:
        return self.items[group]

    def values(self) -> Any:
        return self.items.values()

    def get(self, group: Group, default: list[TodayItem]) -> list[TodayItem]:
        return self.items.get(group, default)

    @property
    def total(self) -> int:
        return sum(self.totals.values())


def today_groups(
    session: Session, now: datetime, zone: tzinfo | None = None, limit: int = TODAY_LIMIT
) -> TodayGroups:
    """Open steps due up to a week ahead, grouped for a person living in ``zone``.

    Overdue: due before now. Today: due from now until local midnight. This
    week: the seven days after today. Each group holds at most ``limit`` steps,
    the most urgent first; ``totals`` counts them all.
    """
    local_now = now.astimezone(zone) if zone is not None else now.astimezone()
    midnight = datetime(
        local_now.year, local_now.month, local_now.day, tzinfo=local_now.tzinfo
    ) + timedelta(days=1)
    horizon = week_end(local_now)
    due = StepRow.due
    # The open steps due before the horizon, from the (status, due) index, then the full
    # rows of only the few shown.
    candidates = session.execute(
        select(StepRow.id, due)
        .where(StepRow.status.in_(OPEN_STEP_STATUSES), due < horizon)
        .order_by(due, StepRow.id)
    ).all()
    ids: dict[Group, list[int]] = {g: [] for g in Group}
    for step_id, when in candidates:
        if when <= now:
            ids[Group.OVERDUE].append(step_id)
        elif when < midnight:
            ids[Group.TODAY].append(step_id)
        else:
            ids[Group.THIS_WEEK].append(step_id)
    totals = {group: len(found) for group, found in ids.items()}
    shown = [step_id for found in ids.values() for step_id in found[:limit]]
    rows = {
        row.id: row
        for row in session.scalars(
            select(StepRow).options(selectinload(StepRow.interview)).where(StepRow.id.in_(shown))
        )
    }
    items = {
        group: [_item(rows[step_id]) for step_id in found[:limit] if step_id in rows]
        for group, found in ids.items()
    }
    return TodayGroups(items, totals)


def _item(step: StepRow) -> TodayItem:
    interview = step.interview
    return TodayItem(
        step_id=step.id,
        title=step.title,
        reason=step.reason,
        person=step.person,
        optional=step.optional,
        due=step.due,
        status=step.status,
        interview_id=step.interview_id,
        company=interview.company if interview else "",
        position=interview.position if interview else "",
        kind=step.kind,
    )


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


def next_due_after(session: Session, now: datetime) -> datetime | None:
    """When the earliest open step after ``now`` falls due (for a calm "nothing due" page)."""
    due = StepRow.due
    query = select(func.min(due)).where(StepRow.status.in_(OPEN_STEP_STATUSES), due > now)
    value = session.scalar(query)
    return value if isinstance(value, datetime) else None


def interview_count(session: Session) -> int:
    return int(session.scalar(select(func.count(InterviewRow.id))) or 0)
