"""The follow-up steps (and optionally the interviews) as an iCalendar file.

Each step gets a UID made of its key (stable across re-planning) and an
identity of the data directory, so exporting again updates the entries a
calendar already has instead of adding copies. Times are written in UTC.
Steps are events by default because the common calendars (Google, Outlook)
show events from a file but ignore tasks; ``tasks=True`` writes VTODOs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event, Todo, vDuration
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from afterview import __version__
from afterview.domain.records import StepStatus
from afterview.interop.files import write_atomically
from afterview.store import steps
from afterview.store.models import InterviewPersonRow, InterviewRow, StepRow

STEP_MINUTES = 15
PRODID = f"-//Afterview//Afterview {__version__}//EN"
_CHANNELS = {"email": "by email", "phone": "by phone", "letter": "by letter"}
_ROLES = {
    "interviewer": "interviewer",
    "hiring_manager": "hiring manager",
    "decision_maker": "decision maker",
    "recruiter": "recruiter",
    "referral": "referral",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain(text: str) -> str:
    """Text as iCalendar carries it: line breaks kept, other control characters dropped."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def data_identity(session: Session) -> str:
    """A short stable name for this data directory's database, for the UIDs."""
    where = session.get_bind().engine.url.database or "memory"
    resolved = str(Path(where).resolve()) if where != ":memory:" else where
    return hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:16]


def step_uid(key: str, identity: str) -> str:
    return f"step-{key}.{identity}@afterview"


def interview_uid(key: str, identity: str) -> str:
    return f"interview-{key}.{identity}@afterview"


def _step_description(row: StepRow) -> str:
    lines = []
    if row.interview is not None:
        interview = row.interview
        what = f"{interview.position} at {interview.company}"
        lines.append(f"Interview: {what}" + (f" ({interview.round})" if interview.round else ""))
    if row.person:
        lines.append(f"Who: {row.person}" + (f", {_CHANNELS[row.channel]}" if row.channel else ""))
    elif row.channel:
        lines.append(f"How: {_CHANNELS.get(row.channel, row.channel)}")
    if row.optional:
        lines.append("Optional.")
    if row.reason:
        lines.extend(["", f"Why: {row.reason}"])
    return plain("\n".join(lines))


def _alarm(summary: str, related_end: bool) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    trigger = vDuration(timedelta(0))
    if related_end:
        trigger.params["RELATED"] = "END"  # for a task: at its DUE
    alarm.add("trigger", trigger)
    return alarm


def _step_component(row: StepRow, identity: str, now: datetime, tasks: bool) -> Event | Todo:
    due = steps.step_due(row).astimezone(UTC)
    summary = plain(row.title + (f" — {row.interview.company}" if row.interview else ""))
    component: Event | Todo = Todo() if tasks else Event()
    component.add("uid", step_uid(row.key, identity))
    component.add("dtstamp", now)
    # A later export must win in clients that compare SEQUENCE: minutes since 1970 only grow.
    component.add("sequence", int(now.timestamp()) // 60)
    component.add("summary", summary)
    component.add("description", _step_description(row))
    if tasks:
        component.add("due", due)
        component.add("status", "NEEDS-ACTION")
    else:
        component.add("dtstart", due)
        component.add("dtend", due + timedelta(minutes=STEP_MINUTES))
        component.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
    component.add("categories", ["Afterview", row.kind])
    component.add_component(_alarm(summary, related_end=tasks))
    return component


def _interview_component(row: InterviewRow, identity: str, now: datetime) -> Event:
    start = row.start.astimezone(UTC)
    event = Event()
    event.add("uid", interview_uid(row.key, identity))
    event.add("dtstamp", now)
    event.add("sequence", int(now.timestamp()) // 60)
    title = f"Interview: {row.position} at {row.company}" + (f" ({row.round})" if row.round else "")
    event.add("summary", plain(title))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=row.duration_minutes))
    if row.location:
        event.add("location", plain(row.location))
    people = [f"{p.contact.name} ({_ROLES.get(p.role, p.role)})" for p in row.people]
    details = [f"Format: {row.format.replace('_', ' ')}", f"Status: {row.status.replace('_', ' ')}"]
    if people:
        details.append("With: " + ", ".join(people))
    event.add("description", plain("\n".join(details)))
    event.add("categories", ["Afterview", "interview"])
    return event


def pending_steps(session: Session) -> Sequence[StepRow]:
    query = (
        select(StepRow)
        .options(selectinload(StepRow.interview))
        .where(StepRow.status.in_([StepStatus.PENDING.value, StepStatus.SNOOZED.value]))
        .order_by(StepRow.due, StepRow.id)
    )
    return session.scalars(query).all()


def calendar_bytes(
    session: Session,
    include_interviews: bool = False,
    *,
    tasks: bool = False,
    now: datetime | None = None,
) -> tuple[bytes, int]:
    """The .ics file's bytes and how many steps it holds."""
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    identity = data_identity(session)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Afterview follow-ups")
    rows = pending_steps(session)
    for row in rows:
        calendar.add_component(_step_component(row, identity, now, tasks))
    if include_interviews:
        query = (
            select(InterviewRow)
            .options(selectinload(InterviewRow.people).selectinload(InterviewPersonRow.contact))
            .order_by(InterviewRow.start)
        )
        for interview in session.scalars(query):
            calendar.add_component(_interview_component(interview, identity, now))
    return calendar.to_ical(), len(rows)


def export_ics(
    session: Session,
    path: Path,
    include_interviews: bool = False,
    *,
    tasks: bool = False,
    now: datetime | None = None,
) -> int:
    """Write the pending steps (and the interviews) to ``path``; returns the number of steps."""
    data, count = calendar_bytes(session, include_interviews, tasks=tasks, now=now)
    write_atomically(Path(path), data)
    return count
