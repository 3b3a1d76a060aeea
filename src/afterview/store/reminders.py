"""What the tray asks the store: when to wake next, which steps to notify now, and its settings.

Qt-free, so the scheduler's decisions are testable without an event loop.
Every query filters on ``status IN ('pending', 'snoozed')`` first, which the
``ix_steps_status_due`` index answers: with a million finished steps and a
hundred open ones the next-due query reads about a hundred rows.

A step is notified at most once: :func:`claim_due` decides (paused? quiet
hours?) and writes ``notified_at`` inside one ``BEGIN IMMEDIATE`` transaction,
so two trays, or a tray and a crash, can never announce the same step twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Row, func, select, update
from sqlalchemy.orm import Session

from afterview.domain import records as r
from afterview.domain.calendar import at_local_time, hold_for_quiet_hours
from afterview.store.models import InterviewRow, SettingRow, StepRow
from afterview.store.settings import load_settings
from afterview.store.steps import effective_due, replan
from afterview.store.types import NaiveDatetimeError

PAUSED_UNTIL = "tray.paused_until"
AUTOSTART = "tray.autostart"
#: Before this local hour "tomorrow morning" still means the morning that is coming.
NIGHT_ENDS = time(4, 0)
_OPEN = (r.StepStatus.PENDING.value, r.StepStatus.SNOOZED.value)


@dataclass(frozen=True)
class Reminder:
    """One open step, with just what a notification or a menu entry shows."""

    id: int
    kind: str
    title: str
    person: str | None
    company: str | None
    position: str | None
    due: datetime


@dataclass(frozen=True)
class Claim:
    """The outcome of one :func:`claim_due`: the steps to announce now, or why not yet."""

    reminders: tuple[Reminder, ...] = ()
    #: Set when notifications are held (paused, quiet hours): when they may resume.
    held_until: datetime | None = None


def _aware(moment: datetime, what: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise NaiveDatetimeError(f"{what} must have a UTC offset")


def _open_steps() -> ColumnElement[bool]:
    return StepRow.status.in_(_OPEN)


def next_due(session: Session) -> datetime | None:
    """The earliest due instant among open steps not yet notified (None when there are none)."""
    due = effective_due()
    value = session.execute(
        select(func.min(due)).where(_open_steps(), StepRow.notified_at.is_(None))
    ).scalar_one()
    return value if isinstance(value, datetime) else None


def due_count(session: Session, at: datetime) -> int:
    """How many open steps are due at ``at``, notified or not: the number on the icon."""
    _aware(at, "the instant")
    query = select(func.count()).select_from(StepRow).where(_open_steps(), effective_due() <= at)
    return int(session.execute(query).scalar_one())


def _reminder_query() -> Any:
    due = effective_due()
    return (
        select(
            StepRow.id,
            StepRow.kind,
            StepRow.title,
            StepRow.person,
            InterviewRow.company,
            InterviewRow.position,
            due.label("due"),
        )
        .outerjoin(InterviewRow, InterviewRow.id == StepRow.interview_id)
        .where(_open_steps())
        .order_by(due, StepRow.id)
    )


def _reminder(row: Row[Any]) -> Reminder:
    return Reminder(
        id=row.id,
        kind=row.kind,
        title=row.title,
        person=row.person,
        company=row.company,
        position=row.position,
        due=row.due,
    )


def due_reminders(session: Session, at: datetime, limit: int | None = None) -> list[Reminder]:
    """Open steps due at ``at``, earliest first: what the tray menu lists."""
    _aware(at, "the instant")
    query = _reminder_query().where(effective_due() <= at)
    if limit is not None:
        query = query.limit(limit)
    return [_reminder(row) for row in session.execute(query)]


def reminder(session: Session, step_id: int) -> Reminder | None:
    row = session.execute(_reminder_query().where(StepRow.id == step_id)).first()
    return _reminder(row) if row is not None else None


def held_until(session: Session, now: datetime, zone: str) -> datetime | None:
    """When notifications may resume if they are held at ``now`` (paused or quiet hours)."""
    _aware(now, "now")
    paused = paused_until(session, now)
    start = paused if paused is not None else now
    quiet = load_settings(session).quiet_hours
    resume = hold_for_quiet_hours(start, quiet, zone).astimezone(UTC)
    return resume if resume > now else None


def claim_due(session: Session, now: datetime, zone: str) -> Claim:
    """Decide what to announce at ``now`` and mark it notified, in the caller's transaction.

    Call inside ``db.write()`` (BEGIN IMMEDIATE): the decision and ``notified_at``
    commit together, so a step is announced once even with two trays or a crash.
    While paused or in quiet hours nothing is claimed and ``held_until`` says when to retry.
    """
    held = held_until(session, now, zone)
    if held is not None:
        return Claim(held_until=held)
    due = effective_due() <= now
    rows = session.execute(_reminder_query().where(due, StepRow.notified_at.is_(None))).all()
    if not rows:
        return Claim()
    ids = [row.id for row in rows]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        session.execute(
            update(StepRow)
            .where(StepRow.id.in_(chunk), StepRow.notified_at.is_(None))
            .values(notified_at=now),
            execution_options={"synchronize_session": False},
        )
    return Claim(reminders=tuple(_reminder(row) for row in rows))


def next_wake(session: Session, now: datetime, zone: str) -> datetime | None:
    """When the tray should next try :func:`claim_due` (None: nothing left to announce)."""
    due = next_due(session)
    if due is None:
        return None
    start = max(due, now)
    paused = paused_until(session, now)
    if paused is not None:
        start = max(start, paused)
    quiet = load_settings(session).quiet_hours
    return hold_for_quiet_hours(start, quiet, zone).astimezone(UTC)


def snooze_due(session: Session, now: datetime, hours: float = 1.0) -> int:
    """Snooze every step due at ``now`` for ``hours``; how many were snoozed."""
    return snooze_steps(session, _due_ids(session, now), now + timedelta(hours=hours), now)


def _due_ids(session: Session, now: datetime) -> list[int]:
    _aware(now, "now")
    query = select(StepRow.id).where(_open_steps(), effective_due() <= now)
    return list(session.scalars(query))


def snooze_steps(session: Session, ids: Iterable[int], until: datetime, now: datetime) -> int:
    """Snooze open steps until ``until`` (as ``steps.snooze`` does, re-planning once per
    interview instead of once per step)."""
    _aware(until, "until")
    wanted = sorted(set(ids))
    if not wanted:
        return 0
    rows: Sequence[StepRow] = session.scalars(
        select(StepRow).where(StepRow.id.in_(wanted), _open_steps())
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


# --- the tray's own settings rows --------------------------------------------------------


def _get(session: Session, name: str) -> Any:
    row = session.get(SettingRow, name)
    if row is None:
        return None
    try:
        return json.loads(row.value)
    except json.JSONDecodeError:
        return None  # a damaged value means "not set", never a crash at login


def _put(session: Session, name: str, value: Any) -> None:
    text = json.dumps(value)
    row = session.get(SettingRow, name)
    if row is None:
        session.add(SettingRow(name=name, value=text))
    else:
        row.value = text
    session.flush()


def _delete(session: Session, name: str) -> None:
    row = session.get(SettingRow, name)
    if row is not None:
        session.delete(row)
        session.flush()


def paused_until(session: Session, now: datetime) -> datetime | None:
    """The end of a pause still in force at ``now``, else None."""
    _aware(now, "now")
    value = _get(session, PAUSED_UNTIL)
    if not isinstance(value, str):
        return None
    try:
        until = datetime.fromisoformat(value)
    except ValueError:
        return None
    if until.tzinfo is None:
        return None
    return until.astimezone(UTC) if until > now else None


def morning_after(now: datetime, zone: str, morning: time) -> datetime:
    """ "Tomorrow morning" as a person means it: ``morning`` on the next day, or today's
    ``morning`` when it is still night (before 04:00)."""
    local = now.astimezone(ZoneInfo(zone))
    day = local.date() if local.time() < NIGHT_ENDS else local.date() + timedelta(days=1)
    until = at_local_time(day, morning, zone)
    if until <= now:
        until = at_local_time(day + timedelta(days=1), morning, zone)
    return until.astimezone(UTC)


def pause_until_morning(session: Session, now: datetime, zone: str) -> datetime:
    """Hold notifications until tomorrow morning (the end of the quiet hours, else the
    start of the working day); returns that instant."""
    settings = load_settings(session)
    start, end = settings.quiet_hours
    morning = end if start != end else settings.workday_start
    until = morning_after(now, zone, morning)
    _put(session, PAUSED_UNTIL, until.isoformat())
    return until


def resume(session: Session) -> None:
    _delete(session, PAUSED_UNTIL)


def autostart_choice(session: Session) -> bool | None:
    """The user's choice about starting the tray at login; None when they never chose."""
    value = _get(session, AUTOSTART)
    return value if isinstance(value, bool) else None


def set_autostart_choice(session: Session, on: bool) -> None:
    _put(session, AUTOSTART, bool(on))


def interview_count(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(InterviewRow)).scalar_one())


__all__ = [
    "AUTOSTART",
    "PAUSED_UNTIL",
    "Claim",
    "Reminder",
    "autostart_choice",
    "claim_due",
    "due_count",
    "due_reminders",
    "held_until",
    "interview_count",
    "morning_after",
    "next_due",
    "next_wake",
    "pause_until_morning",
    "paused_until",
    "reminder",
    "resume",
    "set_autostart_choice",
    "snooze_due",
    "snooze_steps",
]
