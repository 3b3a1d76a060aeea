"""Writing interviews: create, edit, and their parts (delete and undo: interview_undo).

Every write validates first (RecordError names the record and the field) and
re-plans the interview's steps in the same transaction, so a caller that
commits sees the plan that goes with the record, and a failure leaves the
database as it was (the transaction rolls back).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from sqlalchemy.orm import Session

from afterview.domain import cards, postal
from afterview.domain import records as r
from afterview.domain.calendar import region_problem
from afterview.domain.contact_ways import Ways, ways
from afterview.domain.interview_dates import AFTER_INTERVIEW, before_interview, interview_day
from afterview.domain.records import DEBRIEF_FIELDS
from afterview.domain.text import unstorable
from afterview.store import applications, steps
from afterview.store.contact_way_rows import set_ways
from afterview.store.errors import RecordError
from afterview.store.models import (
    ContactRow,
    DebriefRow,
    InterviewPersonRow,
    InterviewRow,
    ReferralLeadRow,
)

MAX_NAME = 500
MAX_TEXT = 100_000
TEXT_FIELDS = ("company", "position", "round", "location", "decided_by")
_ZONES: set[str] | None = None


def _row_label(row: InterviewRow) -> str:
    """How a message names a stored interview: by what the user sees, not its database id."""
    return f"the interview at {row.company} ({row.position})"


def _label(interview_id: int | None) -> str:
    return f"interview {interview_id}" if interview_id is not None else "new interview"


def _text(record: str, name: str, value: Any, *, required: bool, limit: int = MAX_NAME) -> str:
    if not isinstance(value, str):
        raise RecordError(record, name, f"expected text, got {type(value).__name__}")
    if required and not value.strip():
        raise RecordError(record, name, "required")
    if len(value) > limit:
        raise RecordError(record, name, f"too long ({len(value)} characters; at most {limit})")
    problem = unstorable(value)
    if problem is not None:
        raise RecordError(record, name, problem)
    return value


def check_zone(record: str, name: str) -> str:
    global _ZONES
    if _ZONES is None:
        _ZONES = available_timezones()
    if name not in _ZONES:
        raise RecordError(record, "time_zone", f"unknown IANA time zone {name!r}")
    return name


def local_to_utc(record: str, local: datetime, zone_name: str) -> datetime:
    """A wall time in ``zone_name`` as a UTC instant; a time in a DST gap is refused."""
    zone = ZoneInfo(check_zone(record, zone_name))
    wall = local.replace(tzinfo=None)
    aware = wall.replace(tzinfo=zone)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
        raise RecordError(
            record, "start", f"{wall:%Y-%m-%d %H:%M} does not exist in {zone_name} (clocks change)"
        )
    return aware.astimezone(UTC)


def _enum(record: str, name: str, kind: type[Any], value: Any) -> str:
    try:
        return str(kind(value).value)
    except ValueError:
        options = ", ".join(m.value for m in kind)
        raise RecordError(record, name, f"{value!r} is not one of: {options}") from None


def _check(record: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Validated column values from ``changes`` (the UI's names; ``start`` is local wall time)."""
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name in TEXT_FIELDS:
            out[name] = _text(record, name, value, required=name in ("company", "position"))
        elif name == "country":
            typed = _text(record, name, value, required=False).strip()
            text = typed.upper()
            if len(text) != 2:
                # A country's name ("Japan", "Deutschland") is read as its code, as the
                # profile's and the cards' addresses are (afterview.domain.postal).
                text = postal.country_code(typed) or text
            if text and not (len(text) == 2 and text.isascii() and text.isalpha()):
                raise RecordError(
                    record, name, f"expected a code like 'US' or a country, got {value!r}"
                )
            if text and not postal.is_country_code(text):
                meant = postal.country_code(text)
                hint = f"; {postal.country_name(meant).title()} is {meant}" if meant else ""
                raise RecordError(record, name, f"{text} is not a country code{hint}")
            out[name] = text
        elif name == "region":
            out[name] = _text(record, name, value, required=False).strip().upper()
        elif name == "format":
            out[name] = _enum(record, name, r.Format, value)
        elif name == "status":
            out[name] = _enum(record, name, r.Status, value)
        elif name == "duration_minutes":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1440:
                raise RecordError(record, name, f"expected 1-1440 minutes, got {value!r}")
            out[name] = value
        elif name in ("decision_expected", "agreed_follow_up"):
            if value is not None and not isinstance(value, date):
                raise RecordError(record, name, f"expected a date, got {value!r}")
            out[name] = value
        elif name == "employer_will_contact":
            if value is not None and not isinstance(value, bool):
                raise RecordError(record, name, f"expected yes, no or unknown, got {value!r}")
            out[name] = value
        elif name in ("start", "time_zone"):
            out[name] = value
        else:
            raise RecordError(record, name, "unknown field")
    return out


def get_interview(session: Session, interview_id: int) -> InterviewRow:
    row = session.get(InterviewRow, interview_id)
    if row is None:
        raise RecordError(_label(interview_id), "id", "no such interview (deleted?)")
    return row


def create_interview(
    session: Session,
    values: dict[str, Any],
    people: list[tuple[int, r.Role]],
    now: datetime,
) -> InterviewRow:
    """A new interview; ``values['start']`` is the wall time in ``values['time_zone']``;
    ``values['application_id']`` the application it is a round of (else the latest with its
    company and position, or a new one: afterview.store.applications.attach)."""
    record = _label(None)
    values = dict(values)
    application_id = values.pop("application_id", None)
    for required in ("company", "position", "start", "time_zone"):
        if required not in values:
            raise RecordError(record, required, "required")
    checked = _check(record, values)
    zone = checked.pop("time_zone")
    start = local_to_utc(record, checked.pop("start"), zone)
    row = InterviewRow(start=start, time_zone=zone, **checked)
    _check_region(record, row)
    _check_after_interview(record, row, checked)
    session.add(row)
    session.flush()
    _set_people(session, row, people)
    applications.attach(session, row, now, application_id)
    steps.replan(session, now, [row.id])
    return row


def update_interview(
    session: Session, interview_id: int, changes: dict[str, Any], now: datetime
) -> InterviewRow:
    """Edit fields; a new status records when it changed (the anchor of the steps it adds)."""
    row = get_interview(session, interview_id)
    record = _row_label(row)
    checked = _check(record, changes)
    if "start" in checked or "time_zone" in checked:
        zone = checked.pop("time_zone", row.time_zone)
        wall = checked.pop("start", None)
        if wall is None:
            wall = row.start.astimezone(ZoneInfo(row.time_zone)).replace(tzinfo=None)
        row.start = local_to_utc(record, wall, zone)
        row.time_zone = zone
    if "status" in checked and checked["status"] != row.status:
        row.status_changed_at = now
    for name, value in checked.items():
        setattr(row, name, value)
    _check_region(record, row)
    _check_after_interview(record, row, checked)
    if {"status", "start", "time_zone"} & changes.keys():
        applications.restage(session, row.application_id, now)  # the stage rule (issue 17)
    steps.replan(session, now, [row.id])
    return row


def _check_after_interview(record: str, row: InterviewRow, checked: dict[str, Any]) -> None:
    """A decision or follow-up day being set must not fall before the interview's own day
    (afterview.domain.interview_dates); moving the interview later refuses nothing."""
    for name in AFTER_INTERVIEW:
        day = getattr(row, name)
        if name in checked and before_interview(day, row.start, row.time_zone):
            on = interview_day(row.start, row.time_zone)
            raise RecordError(record, name, f"{day} is before the interview ({on})")


def _check_region(record: str, row: InterviewRow) -> None:
    """The region must be one of the interview's country (issue 12 §1)."""
    problem = region_problem(row.region or "", row.country or "")
    if problem is not None:
        raise RecordError(record, "region", problem)


def _set_people(session: Session, row: InterviewRow, people: list[tuple[int, r.Role]]) -> None:
    record = _label(row.id)
    seen: set[tuple[int, str]] = set()
    links = []
    for position, (contact_id, role) in enumerate(people):
        if session.get(ContactRow, contact_id) is None:
            raise RecordError(record, "people", f"no contact has the id {contact_id}")
        value = _enum(record, "role", r.Role, role)
        if (contact_id, value) in seen:
            continue
        seen.add((contact_id, value))
        links.append(InterviewPersonRow(contact_id=contact_id, role=value, position=position))
    row.people = links


def set_people(
    session: Session, interview_id: int, people: list[tuple[int, r.Role]], now: datetime
) -> InterviewRow:
    row = get_interview(session, interview_id)
    _set_people(session, row, people)
    steps.replan(session, now, [row.id])
    return row


def create_contact(
    session: Session,
    name: str,
    title: str = "",
    email: str = "",
    phone: str = "",
    company: str = "",
) -> ContactRow:
    """A new card with what the New-interview dialog knows (``company``: the interview's,
    where the person was met); the card editor completes it."""
    record = "new contact"
    row = ContactRow(
        name=_text(record, "name", name, required=True).strip(),
        title=_text(record, "title", title, required=False).strip(),
        company=_text(record, "company", company, required=False).strip(),
    )
    email = _text(record, "email", email, required=False).strip()
    phone = _text(record, "phone", phone, required=False).strip()
    set_ways(row, Ways(emails=ways(email), phones=ways(phone)))
    session.add(row)
    session.flush()
    return row


def save_debrief(
    session: Session, interview_id: int, fields: dict[str, str], now: datetime
) -> DebriefRow:
    row = get_interview(session, interview_id)
    record = f"{_label(interview_id)}, debrief"
    for name, value in fields.items():
        if name not in DEBRIEF_FIELDS:
            raise RecordError(record, name, "unknown field")
        _text(record, name, value, required=False, limit=MAX_TEXT)
    if row.debrief is None:
        row.debrief = DebriefRow(**{n: "" for n in DEBRIEF_FIELDS})
    for name, value in fields.items():
        setattr(row.debrief, name, value)
    steps.replan(session, now, [row.id])
    assert row.debrief is not None
    return row.debrief


def _checked_referral(record: str, values: dict[str, str]) -> dict[str, str]:
    """A lead's fields, checked: a name, and an email well formed as a card's must be."""
    checked = {
        name: _text(
            record,
            name,
            values.get(name, ""),
            required=name == "name",
            limit=MAX_TEXT if name == "note" else MAX_NAME,
        ).strip()
        for name in ("name", "email", "phone", "note")
    }
    email = cards.check_email(checked["email"])
    if email.problem:
        raise RecordError(record, "email", email.problem)
    checked["email"] = email.value
    return checked


def add_referral(
    session: Session, interview_id: int, values: dict[str, str], now: datetime
) -> ReferralLeadRow:
    row = get_interview(session, interview_id)
    lead = ReferralLeadRow(**_checked_referral(f"{_label(interview_id)}, referral", values))
    row.referrals.append(lead)
    session.flush()
    steps.replan(session, now, [row.id])
    return lead


def update_referral(
    session: Session, referral_id: int, values: dict[str, str], now: datetime
) -> ReferralLeadRow:
    """A lead's fields replaced, its steps kept; RecordError: unknown lead or bad value."""
    lead = session.get(ReferralLeadRow, referral_id)
    if lead is None:
        raise RecordError(f"referral {referral_id}", "id", "no such referral")
    for name, value in _checked_referral(f"{_label(lead.interview_id)}, referral", values).items():
        setattr(lead, name, value)
    session.flush()
    steps.replan(session, now, [lead.interview_id])
    return lead


def remove_referral(session: Session, referral_id: int, now: datetime) -> None:
    lead = session.get(ReferralLeadRow, referral_id)
    if lead is None:
        raise RecordError(f"referral {referral_id}", "id", "no such referral")
    interview_id = lead.interview_id
    session.delete(lead)
    session.flush()
    steps.replan(session, now, [interview_id])
