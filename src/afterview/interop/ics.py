"""The follow-up steps (and optionally the interviews) as an iCalendar file.

An interview's event names its application (issue 17 §1: company, position and where it
stands); an application's own follow-up (no interview yet) is a step like the others, an
event or a VTODO, named by its application.

Each step gets a UID made of its key (stable across re-planning, export and import) and the
database's identity (which travels with a copy and an export), so exporting again, even
from another computer the data moved to, updates the entries a calendar already has instead
of adding copies. Times are written in UTC.
Steps are events by default because the common calendars (Google, Outlook)
show events from a file but ignore tasks; ``tasks=True`` writes VTODOs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from icalendar import Alarm, Calendar, Event, Todo, vDuration

from afterview import __version__
from afterview.domain.applications import Application, Stage
from afterview.domain.records import Interview
from afterview.interop.files import write_atomically
from afterview.store.values import StepView

if TYPE_CHECKING:
    from afterview.store.operations import Store

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
#: Each stage as the file says it (English, as the rest of the file).
_STAGES = {
    Stage.APPLIED: "applied, waiting",
    Stage.INTERVIEWING: "interviewing",
    Stage.AWAITING_DECISION: "awaiting decision",
    Stage.OFFER: "offer",
    Stage.CLOSED: "closed",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain(text: str) -> str:
    """Text as iCalendar carries it: line breaks kept, other control characters dropped."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def step_uid(key: str, identity: str) -> str:
    return f"step-{key}.{identity}@afterview"


def interview_uid(key: str, identity: str) -> str:
    return f"interview-{key}.{identity}@afterview"


def application_line(application: Application) -> str:
    """ "Application: Backend Engineer at Acme (awaiting decision)"; a closed one says its
    outcome ("closed: no response")."""
    standing = _STAGES[application.stage]
    if application.outcome is not None:
        standing += f": {application.outcome.value.replace('_', ' ')}"
    return f"Application: {application.position} at {application.company} ({standing})"


def _step_description(row: StepView, application: Application | None = None) -> str:
    lines = []
    if application is not None and row.interview_key is None:
        lines.append(application_line(application))
    if row.interview_key is not None:
        what = f"{row.position} at {row.company}"
        rnd = row.interview_round
        lines.append(f"Interview: {what}" + (f" ({rnd})" if rnd else ""))
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


def _step_component(
    row: StepView,
    identity: str,
    now: datetime,
    tasks: bool,
    location: str = "",
    application: Application | None = None,
) -> Event | Todo:
    due = row.due.astimezone(UTC)
    company = row.company if row.interview_key is not None else ""
    if application is not None and row.interview_key is None:
        company = application.company
    summary = plain(row.title + (f" — {company}" if company else ""))
    component: Event | Todo = Todo() if tasks else Event()
    component.add("uid", step_uid(row.key, identity))
    component.add("dtstamp", now)
    # A later export must win in clients that compare SEQUENCE: minutes since 1970 only grow.
    component.add("sequence", int(now.timestamp()) // 60)
    component.add("summary", summary)
    component.add("description", _step_description(row, application))
    if location:
        component.add("location", plain(location))
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


def _interview_component(
    row: Interview, identity: str, now: datetime, application: Application | None = None
) -> Event:
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
    people = [f"{p.contact.name} ({_ROLES.get(p.role.value, p.role.value)})" for p in row.people]
    details = [application_line(application)] if application is not None else []
    details += [
        f"Format: {row.format.value.replace('_', ' ')}",
        f"Status: {row.status.value.replace('_', ' ')}",
    ]
    if people:
        details.append("With: " + ", ".join(people))
    event.add("description", plain("\n".join(details)))
    event.add("categories", ["Afterview", "interview"])
    return event


def calendar_bytes(
    steps: Sequence[StepView],
    interviews: Iterable[Interview] = (),
    *,
    identity: str,
    tasks: bool = False,
    now: datetime | None = None,
    locations: Mapping[int, str] | None = None,
    applications: Mapping[int, Application] | None = None,
) -> bytes:
    """The .ics file's bytes: ``steps`` (the open ones, as the store lists them) as events
    (tasks with ``tasks``), and ``interviews`` as events; ``identity`` is the database's;
    ``locations`` maps a step's id to its LOCATION (RFC 5545 §3.8.1.7); ``applications``
    (by id) name the application of each interview and of each application's own step."""
    locations = locations or {}
    applications = applications or {}
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Afterview follow-ups")
    for row in steps:
        own = applications.get(row.application_id) if row.application_id is not None else None
        calendar.add_component(
            _step_component(row, identity, now, tasks, locations.get(row.id, ""), own)
        )
    for interview in sorted(interviews, key=lambda i: (i.start, i.id)):
        of = interview.application_id
        application = applications.get(of) if of is not None else None
        calendar.add_component(_interview_component(interview, identity, now, application))
    return bytes(calendar.to_ical())


def store_calendar(
    store: Store,
    include_interviews: bool = False,
    *,
    tasks: bool = False,
    now: datetime | None = None,
) -> tuple[bytes, int]:
    """The store's open steps (and its interviews) as a calendar, and how many steps."""
    steps = store.steps.open()
    interviews = store.interviews.each() if include_interviews else ()
    data = calendar_bytes(
        steps,
        interviews,
        identity=store.identity,
        tasks=tasks,
        now=now,
        locations=letter_addresses(store, steps),
        applications={application.id: application for application in store.applications.items()},
    )
    return data, len(steps)


def letter_addresses(store: Store, steps: Sequence[StepView]) -> dict[int, str]:
    """Where each step done by letter goes: the contact's chosen postal address on one line,
    in its country's order (:func:`afterview.domain.postal.format_lines`), by step id."""
    by_letter = {row.id: row.contact_id for row in steps if row.channel == "letter"}
    wanted = sorted({contact for contact in by_letter.values() if contact is not None})
    if not wanted:
        return {}
    from afterview.domain.postal import format_lines

    places = {
        contact.id: ", ".join(format_lines(contact.postal_address))
        for contact in store.contacts.all(wanted)
        if contact.postal_address is not None and not contact.postal_address.is_empty
    }
    return {
        step: places[contact]
        for step, contact in by_letter.items()
        if contact is not None and contact in places
    }


def export_ics(
    store: Store,
    path: Path,
    include_interviews: bool = False,
    *,
    tasks: bool = False,
    now: datetime | None = None,
) -> int:
    """Write the open steps (and the interviews) to ``path``; returns the number of steps."""
    data, count = store_calendar(store, include_interviews, tasks=tasks, now=now)
    write_atomically(Path(path), data)
    return count
