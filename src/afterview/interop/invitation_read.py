"""Read a calendar invitation (issue 18 §1): an ``.ics`` file, or an ``.eml`` message whose
``text/calendar`` part holds one, into an :class:`~afterview.domain.invitations.Invitation`.

Pure: no store, no Qt, no network. The file is read whole and checked; anything Afterview
cannot take as one interview raises :class:`InvitationError`, whose message names the file and
says what is wrong in plain words (nothing is imported then).

Rules, and where they come from (the file's text: ``invitation_text``; the times:
``invitation_times``; the zones: ``invitation_zones``; the people: ``invitation_people``):

- iCalendar is RFC 5545, its methods RFC 5546; parsed with ``icalendar``. Which of the two
  formats a file is, is told by its content (``BEGIN:VCALENDAR``, or mail headers), not its
  name.
- One meeting: a file with several ``VEVENT`` s is refused, and so is a recurring series
  (``RRULE``/``RDATE``, RFC 5545 §3.8.5): Afterview takes one interview at a time. One
  occurrence of a series sent on its own (``RECURRENCE-ID`` without a rule, §3.8.4.4: a moved
  meeting) is one meeting: its key is the ``UID`` with the occurrence's instant.
- ``UID`` is required (RFC 5545 §3.6.1 says it MUST be there): a later update or cancellation
  finds the interview by it, so a file without one is refused rather than given a made-up one.
- The start must be a date and a time (an all-day ``DTSTART`` is refused: an interview needs
  a time) in the years 1900-2999, in a zone that maps to IANA (``invitation_zones``); tzdata's
  rules then give the instant from the wall time, never the file's ``VTIMEZONE``. A time in
  UTC (``…Z``) is put in the calendar's ``X-WR-TIMEZONE`` if it names a zone, else in
  ``home_zone``, the same instant. A floating time (no zone) is read in the calendar's
  ``X-WR-TIMEZONE`` if it names one, else in ``home_zone``, with a warning.
- Length from ``DTEND`` (the two instants' difference, so a ``DTEND`` in another zone counts
  right) or ``DURATION``; 60 minutes, with a warning, when neither is given or the length is
  under a minute; ``DTEND`` before ``DTSTART`` and more than 24 hours are refused.
- ``METHOD`` (RFC 5546 §1.4): REQUEST, PUBLISH, CANCEL or none; a reply or counter-proposal
  is refused; an event whose ``STATUS`` is CANCELLED is read as a CANCEL.
- Video (Teams, Zoom, Meet, Webex: ``video_links``) from, in this order: ``CONFERENCE``
  (RFC 7986 §5.11), ``X-GOOGLE-CONFERENCE``, ``X-MICROSOFT-SKYPETEAMSMEETINGURL``,
  ``X-MICROSOFT-ONLINEMEETINGCONFLINK``, ``URL``, ``LOCATION``, ``DESCRIPTION``; the link is
  the location. Otherwise a ``tel:`` ``CONFERENCE`` and no ``LOCATION`` is a phone interview
  (the number is the location); otherwise in person, ``LOCATION`` as text.
- Text stays text: markup in ``SUMMARY``, ``LOCATION``, ``DESCRIPTION`` or a name is never
  interpreted; ``X-ALT-DESC`` (HTML) is ignored; control characters other than line breaks
  and tabs are dropped (the store cannot keep a NUL).
"""

from __future__ import annotations

import warnings
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from icalendar import Calendar, Component

from afterview.domain.invitations import Invitation, Method
from afterview.domain.records import Format
from afterview.interop import invitation_people as people
from afterview.interop.email_contacts import LIMIT as MAIL_LIMIT
from afterview.interop.invitation_text import (
    CUT_SHORT,
    LIMIT,
    InvitationError,
    calendar_text,
    line_breaks,
    plain,
    short,
    unclosed,
)
from afterview.interop.invitation_times import minutes_of, start_of
from afterview.interop.video_links import first_video_link
from afterview.store.file_input import read_regular

__all__ = [
    "LIMIT",
    "MAIL_LIMIT",
    "MOST_PEOPLE",
    "InvitationError",
    "load_invitation",
    "read_invitation",
]

# LIMIT (2 MB) bounds the calendar itself, an .ics file or a mail's calendar part
# (invitation_text); a mail carrying one is read up to MAIL_LIMIT (25 MB, the email import's
# limit): a recruiter's invitation often comes with a PDF job description.
#: The most attendees taken from one invitation: an interview has a few; a meeting with more
#: is a town hall (and each becomes a contact to check in the preview).
MOST_PEOPLE = 50
_METHODS = {method.value: method for method in Method}
#: The other methods of RFC 5546 §1.4, in words.
_NOT_INVITATIONS = {
    "REPLY": "an answer to an invitation",
    "COUNTER": "a proposal of another time",
    "DECLINECOUNTER": "a refusal of a proposed time",
    "REFRESH": "a request for the latest version of a meeting",
    "ADD": "an addition to a series of meetings",
}
_VIDEO_PROPERTIES = (
    "CONFERENCE",
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGCONFLINK",
    "URL",
    "LOCATION",
    "DESCRIPTION",
)


def load_invitation(path: Path, *, home_zone: str = "UTC") -> Invitation:
    """The invitation in the file at ``path`` (an ``.ics`` of at most :data:`LIMIT` bytes, a
    mail of at most :data:`MAIL_LIMIT` whose calendar part is at most :data:`LIMIT`; read with
    ``file_input.read_regular``: a folder, a pipe or a device is refused).

    Raises StoreError (the file cannot be read, or is too large) or InvitationError."""
    data = read_regular(path, MAIL_LIMIT, "calendar invitation")
    return read_invitation(data, source=str(path), home_zone=home_zone)


def read_invitation(data: bytes, *, source: str, home_zone: str = "UTC") -> Invitation:
    """The one meeting in ``data`` (an iCalendar file or a mail message), read and checked.

    ``source`` names the file in messages. ``home_zone`` (IANA) is the zone of a time given
    without one. Raises InvitationError for anything in the module's rules it refuses."""
    text = line_breaks(calendar_text(data, source))
    missing = unclosed(text)
    if missing:
        raise InvitationError(
            source,
            f"is cut short: its {missing} has no END:{missing}; {CUT_SHORT}",
        )
    try:
        with warnings.catch_warnings():  # icalendar's guesses, said by the reader's own words
            warnings.simplefilter("ignore")
            calendars = Calendar.from_ical(text, multiple=True)
    except Exception as error:  # icalendar raises many kinds on bad input
        problem = f"is not a calendar file Afterview can read ({short(error)})"
        raise InvitationError(source, problem) from None
    calendars = [c for c in calendars if isinstance(c, Calendar) and c.name == "VCALENDAR"]
    if not calendars:
        raise InvitationError(source, "is not a calendar file (no BEGIN:VCALENDAR)")
    events = [event for calendar in calendars for event in calendar.walk("VEVENT")]
    if not events:
        raise InvitationError(source, "holds no meeting (no VEVENT): there is nothing to import")
    if any("RRULE" in e or "RDATE" in e for e in events):
        if any(str(c.get("METHOD", "")).upper() == "CANCEL" for c in calendars):
            raise InvitationError(
                source,
                "cancels a repeating series of meetings, which Afterview does not take as one: "
                'set each of its interviews to "Cancelled by the employer" in its Process tab',
            )
        raise InvitationError(
            source,
            "is a recurring series of meetings; Afterview takes one interview at a time: "
            "export or forward the single meeting instead",
        )
    if len(events) > 1:
        raise InvitationError(
            source,
            f"holds {len(events)} meetings; Afterview takes one invitation at a time: "
            "export or forward the one interview",
        )
    return _invitation(source, calendars[0], events[0], home_zone)


def _invitation(source: str, calendar: Calendar, event: Component, home_zone: str) -> Invitation:
    notes: list[str] = []
    method = _method(source, calendar, event)
    uid = plain(event.get("UID", ""))
    if not uid:
        raise InvitationError(
            source,
            "has no UID, which Afterview needs to match a later change or cancellation of "
            "this meeting",
        )
    if "RECURRENCE-ID" in event:
        # One meeting of a series, sent on its own (a moved or changed occurrence, RFC 5545
        # §3.8.4.4): the UID names the series, so the occurrence is part of the key.
        uid = f"{uid} RECURRENCE-ID={_occurrence(event['RECURRENCE-ID'])}"
        if method is not Method.CANCEL:  # a cancel imports nothing
            notes.append("this is one meeting of a repeating series; only this meeting is imported")
    start, zone = start_of(source, calendar, event, home_zone, notes)
    minutes = minutes_of(source, calendar, event, start, zone, home_zone, notes)
    organiser = people.person(event["ORGANIZER"], organiser=True) if "ORGANIZER" in event else None
    attendees = people.attendees(_all(event, "ATTENDEE"), organiser, MOST_PEOPLE)
    if len(attendees) > MOST_PEOPLE:
        attendees = attendees[:MOST_PEOPLE]
        notes.append(
            f"The invitation names more than {MOST_PEOPLE} people; the first {MOST_PEOPLE} are kept"
        )
    where, kind = _place(event)
    return Invitation(
        uid=uid,
        sequence=_sequence(source, event),
        method=method,
        summary=plain(event.get("SUMMARY", "")),
        start=start,
        time_zone=zone,
        duration_minutes=minutes,
        location=where,
        format=kind,
        organiser=organiser,
        attendees=attendees,
        company_guess=people.company_guess(organiser, attendees),
        description=plain(event.get("DESCRIPTION", "")),
        warnings=tuple(dict.fromkeys(notes)),
    )


def _all(event: Component, name: str) -> list[Any]:
    value = event.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _occurrence(value: Any) -> str:
    """A ``RECURRENCE-ID`` as one text for the same occurrence however it is written: the
    instant in UTC ("20260310T090000Z"), a floating time or a day as given."""
    moment = getattr(value, "dt", None)
    if isinstance(moment, datetime):
        if moment.tzinfo is not None and moment.utcoffset() is not None:
            return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        return moment.strftime("%Y%m%dT%H%M%S")
    if isinstance(moment, date):
        return moment.strftime("%Y%m%d")
    return plain(value)[:64]


def _method(source: str, calendar: Calendar, event: Component) -> Method:
    name = plain(calendar.get("METHOD", "")).upper()
    if name not in _METHODS:
        kind = _NOT_INVITATIONS.get(name, f"a calendar message of kind {name[:40]}")
        raise InvitationError(
            source,
            f"is {kind} (METHOD:{name[:40]}), not an invitation; Afterview reads invitations, "
            "their updates and cancellations",
        )
    if plain(event.get("STATUS", "")).upper() == "CANCELLED":
        return Method.CANCEL
    return _METHODS[name]


def _sequence(source: str, event: Component) -> int:
    value = event.get("SEQUENCE", 0)
    try:
        number = int(value)
    except Exception:  # a property icalendar could not read (vBroken), text, a float
        number = -1
    if not 0 <= number < 2**31:
        raise InvitationError(source, f"has a SEQUENCE that is not a count ({plain(value)[:40]})")
    return number


def _place(event: Component) -> tuple[str, Format]:
    texts = [plain(value) for name in _VIDEO_PROPERTIES for value in _all(event, name)]
    link = first_video_link(texts)
    if link is not None:
        return link, Format.VIDEO
    location = plain(event.get("LOCATION", ""))
    if not location:
        for value in _all(event, "X-APPLE-STRUCTURED-LOCATION"):
            location = plain(getattr(value, "params", {}).get("X-TITLE", ""))
    phones = [plain(v) for v in _all(event, "CONFERENCE") if plain(v)[:4].casefold() == "tel:"]
    if phones and not location:
        return phones[0][4:], Format.PHONE
    return location, Format.IN_PERSON
