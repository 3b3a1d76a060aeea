"""Read a calendar invitation (issue 18 §1): an ``.ics`` file, or an ``.eml`` message whose
``text/calendar`` part holds one, into an :class:`~afterview.domain.invitations.Invitation`.

Pure: no store, no Qt, no network. The file is read whole and checked; anything Afterview
cannot take as one interview raises :class:`InvitationError`, whose message names the file and
says what is wrong in plain words (nothing is imported then).

Rules, and where they come from:

- iCalendar is RFC 5545, its methods RFC 5546; parsed with ``icalendar``. Which of the two
  formats a file is, is told by its content (``BEGIN:VCALENDAR``, or mail headers), not its
  name.
- One meeting: a file with several ``VEVENT`` s is refused, and so is a recurring series
  (``RRULE``/``RDATE``, RFC 5545 §3.8.5): Afterview takes one interview at a time.
- ``UID`` is required (RFC 5545 §3.6.1 says it MUST be there): a later update or cancellation
  finds the interview by it, so a file without one is refused rather than given a made-up one.
- The start must be a date and a time (an all-day ``DTSTART`` is refused: an interview needs
  a time), in a zone that maps to IANA (``invitation_zones``); tzdata's rules then give the
  instant from the wall time, never the file's ``VTIMEZONE``. A time in UTC (``…Z``) keeps
  the zone "UTC". A floating time (no zone) is read in the calendar's ``X-WR-TIMEZONE`` if it
  names one, else in ``home_zone``, with a warning.
- Length from ``DTEND`` (the two instants' difference, so a ``DTEND`` in another zone counts
  right) or ``DURATION``; 60 minutes when neither is given or the length is 0, with a warning;
  ``DTEND`` before ``DTSTART`` and more than 24 hours are refused.
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

import email
import email.policy
import re
import warnings
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component, Timezone

from afterview.domain.invitations import Invitation, Method
from afterview.domain.records import Format
from afterview.interop import invitation_people as people
from afterview.interop.invitation_zones import iana_zone, named_zone, zone_for
from afterview.interop.video_links import first_video_link
from afterview.store.errors import StoreError
from afterview.store.file_input import MB, read_regular

__all__ = ["LIMIT", "InvitationError", "load_invitation", "read_invitation"]

#: The largest invitation file read (an invitation is a few kB; a mail with its HTML body and
#: an attached invitation, tens of kB).
LIMIT = 2 * MB
_LONGEST = timedelta(hours=24)
_DEFAULT_MINUTES = 60
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_HEADER = re.compile(rb"^[!-9;-~]+:", re.MULTILINE)
_MAIL_HEADERS = (b"content-type:", b"mime-version:", b"from:", b"received:")
_CALENDAR_TYPES = {"text/calendar", "application/ics", "text/x-vcalendar"}
_METHODS = {method.value: method for method in Method}
_VIDEO_PROPERTIES = (
    "CONFERENCE",
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGCONFLINK",
    "URL",
    "LOCATION",
    "DESCRIPTION",
)


class InvitationError(StoreError):
    """An invitation Afterview cannot take; the message names the file and what is wrong."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}. Nothing was imported.")


def load_invitation(path: Path, *, home_zone: str = "UTC") -> Invitation:
    """The invitation in the file at ``path`` (at most :data:`LIMIT` bytes, read with
    ``file_input.read_regular``: a folder, a pipe or a device is refused).

    Raises StoreError (the file cannot be read, or is too large) or InvitationError."""
    data = read_regular(path, LIMIT, "calendar invitation")
    return read_invitation(data, source=str(path), home_zone=home_zone)


def read_invitation(data: bytes, *, source: str, home_zone: str = "UTC") -> Invitation:
    """The one meeting in ``data`` (an iCalendar file or a mail message), read and checked.

    ``source`` names the file in messages. ``home_zone`` (IANA) is the zone of a time given
    without one. Raises InvitationError for anything in the module's rules it refuses."""
    text = _calendar_text(data, source)
    try:
        with warnings.catch_warnings():  # icalendar's guesses, said by the reader's own words
            warnings.simplefilter("ignore")
            calendars = Calendar.from_ical(text, multiple=True)
    except Exception as error:  # icalendar raises many kinds on bad input
        problem = f"is not a calendar file Afterview can read ({_short(error)})"
        raise InvitationError(source, problem) from None
    calendars = [c for c in calendars if isinstance(c, Calendar) and c.name == "VCALENDAR"]
    if not calendars:
        raise InvitationError(source, "is not a calendar file (no BEGIN:VCALENDAR)")
    events = [event for calendar in calendars for event in calendar.walk("VEVENT")]
    if not events:
        raise InvitationError(source, "holds no meeting (no VEVENT): there is nothing to import")
    if any("RRULE" in e or "RDATE" in e or "RECURRENCE-ID" in e for e in events):
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


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:160] + "…" if len(text) > 160 else text or type(error).__name__


def plain(value: object) -> str:
    """A property's text as plain text: line breaks kept, other control characters dropped."""
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


# --- the file ---------------------------------------------------------------------------------


def _calendar_text(data: bytes, source: str) -> str:
    """The iCalendar text of ``data``: the file itself, or the calendar part of a mail."""
    if b"\x00" in data:
        raise InvitationError(source, "is not a text file (it holds binary data)")
    body = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if body[:15].upper() == b"BEGIN:VCALENDAR":
        return _text(body, source)
    head = body[:4096].lower()
    if _HEADER.match(body) and any(header in head for header in _MAIL_HEADERS):
        return _from_mail(body, source)
    _text(body, source)  # binary data says so before "not a calendar"
    raise InvitationError(
        source, "is not a calendar invitation (an .ics file or an email with one)"
    )


def _text(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvitationError(
            source, f"is not a text file (byte {error.start} is not UTF-8 text)"
        ) from None


def _from_mail(data: bytes, source: str) -> str:
    """The first ``text/calendar`` part of the message (then an ``application/ics`` part or an
    attachment named ``*.ics``), its transfer encoding and charset undone."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        parts = list(message.walk()) if isinstance(message, EmailMessage) else []
        found = [p for p in parts if p.get_content_type() == "text/calendar"]
        found += [
            p
            for p in parts
            if p.get_content_type() in _CALENDAR_TYPES
            or (p.get_filename() or "").casefold().endswith(".ics")
        ]
        for part in found:
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                continue
            charset = part.get_content_charset() or "utf-8"
            try:
                return payload.decode(charset)
            except (LookupError, UnicodeDecodeError):
                pass
            try:
                return payload.decode("utf-8")
            except UnicodeDecodeError:
                problem = f"holds a calendar part that is not {charset} or UTF-8 text"
                raise InvitationError(source, problem) from None
    except InvitationError:
        raise
    except Exception as error:  # the email package raises many kinds
        problem = f"is a mail Afterview cannot read ({_short(error)})"
        raise InvitationError(source, problem) from None
    raise InvitationError(source, "is an email without an invitation (no text/calendar part)")


# --- the event --------------------------------------------------------------------------------


def _invitation(source: str, calendar: Calendar, event: Component, home_zone: str) -> Invitation:
    warnings: list[str] = []
    method = _method(source, calendar, event)
    uid = plain(event.get("UID", ""))
    if not uid:
        raise InvitationError(
            source,
            "has no UID, which Afterview needs to match a later change or cancellation of "
            "this meeting",
        )
    start, zone = _start(source, calendar, event, home_zone, warnings)
    minutes = _minutes(source, calendar, event, start, zone, home_zone, warnings)
    organiser = people.person(event["ORGANIZER"], organiser=True) if "ORGANIZER" in event else None
    attendees = people.attendees(_all(event, "ATTENDEE"), organiser)
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
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _all(event: Component, name: str) -> list[Any]:
    value = event.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _method(source: str, calendar: Calendar, event: Component) -> Method:
    name = plain(calendar.get("METHOD", "")).upper()
    if name not in _METHODS:
        raise InvitationError(
            source,
            f"is not an invitation but a calendar message of kind {name[:40]} (a reply or "
            "a counter-proposal); only invitations, updates and cancellations are read",
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


# --- times ------------------------------------------------------------------------------------


def _dt(prop: object) -> object:
    """A date/time property's value; None when icalendar could not read it (its ``vBroken``
    raises on ``.dt``)."""
    try:
        return getattr(prop, "dt", None)
    except Exception:  # icalendar.error.BrokenCalendarProperty, and whatever else it may be
        return None


def _when(source: str, field: str, event: Component) -> tuple[datetime, str | None] | None:
    """The value of ``DTSTART``/``DTEND`` as (wall time or UTC instant, its TZID)."""
    prop = event.get(field)
    if prop is None:
        return None
    value = _dt(prop)
    if isinstance(value, date) and not isinstance(value, datetime):
        raise InvitationError(
            source,
            f"gives only a date for {field} ({value:%Y-%m-%d}), an all-day event; an interview "
            "needs a time",
        )
    if not isinstance(value, datetime):
        raise InvitationError(
            source, f"has a {field} that is not a date and time ({plain(prop)[:40]})"
        )
    params = getattr(prop, "params", {})
    tzid = params.get("TZID")
    return value, (plain(tzid) if tzid is not None else None)


def _start(
    source: str, calendar: Calendar, event: Component, home_zone: str, warnings: list[str]
) -> tuple[datetime, str]:
    found = _when(source, "DTSTART", event)
    if found is None:
        raise InvitationError(source, "has no start time (no DTSTART in its VEVENT)")
    return _instant(source, "DTSTART", calendar, *found, None, home_zone, warnings)


def _instant(
    source: str,
    field: str,
    calendar: Calendar,
    value: datetime,
    tzid: str | None,
    default_zone: str | None,
    home_zone: str,
    warnings: list[str],
) -> tuple[datetime, str]:
    """The aware time of a DTSTART/DTEND value, in its IANA zone, and that zone's name."""
    if tzid is None and value.tzinfo is not None:
        return value.astimezone(ZoneInfo("UTC")), "UTC"
    wall = value.replace(tzinfo=None)
    if tzid is None:
        zone = default_zone or _floating_zone(calendar, home_zone)
        if default_zone is None:
            warnings.append(f"the invitation gives its time without a time zone; read as {zone}")
    else:
        found = zone_for(tzid, _vtimezone(calendar, tzid), wall, home_zone)
        if found is None:
            raise InvitationError(
                source,
                f"gives {field} in a time zone Afterview does not know (“{tzid[:80]}”: neither "
                "an IANA nor a Windows zone name, nor defined in the file in a way that matches "
                "one)",
            )
        zone = found.name
        if found.warning:
            warnings.append(found.warning)
    return _aware(source, field, wall, zone), zone


def _floating_zone(calendar: Calendar, home_zone: str) -> str:
    named = named_zone(plain(calendar.get("X-WR-TIMEZONE", "")))
    return named or (iana_zone(home_zone) or "UTC")


def _vtimezone(calendar: Calendar, tzid: str) -> Timezone | None:
    for component in calendar.walk("VTIMEZONE"):
        if isinstance(component, Timezone) and plain(component.get("TZID", "")) == tzid:
            return component
    return None


def _aware(source: str, field: str, wall: datetime, zone: str) -> datetime:
    """``wall`` in ``zone`` (tzdata's rules); a wall time the clocks skip is refused."""
    tz = ZoneInfo(zone)
    try:
        aware = wall.replace(tzinfo=tz)
        back = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    except (OverflowError, ValueError):
        raise InvitationError(source, f"has a {field} out of range ({wall})") from None
    if back != wall:
        raise InvitationError(
            source,
            f"gives {field} as {wall:%Y-%m-%d %H:%M} in {zone}, a time that does not exist "
            "there (the clocks change then)",
        )
    return aware


def _minutes(
    source: str,
    calendar: Calendar,
    event: Component,
    start: datetime,
    zone: str,
    home_zone: str,
    warnings: list[str],
) -> int:
    """The meeting's length in whole minutes (rounded to the nearest, at least 1)."""
    end = _when(source, "DTEND", event)
    if end is not None:
        end_at, _ = _instant(source, "DTEND", calendar, *end, zone, home_zone, warnings)
        length = end_at.astimezone(UTC) - start.astimezone(UTC)
        if length < timedelta(0):
            raise InvitationError(source, f"ends (DTEND {end_at:%Y-%m-%d %H:%M}) before it starts")
    elif "DURATION" in event:
        given = _dt(event["DURATION"])
        if not isinstance(given, timedelta) or given < timedelta(0):
            shown = plain(event["DURATION"])[:40]
            raise InvitationError(source, f"has a DURATION that is not a length of time ({shown})")
        length = given
    else:
        warnings.append(f"the invitation gives no end time; {_DEFAULT_MINUTES} minutes assumed")
        return _DEFAULT_MINUTES
    if length > _LONGEST:
        raise InvitationError(
            source,
            f"lasts {_hours(length)}; an interview of more than 24 hours is surely a mistake",
        )
    minutes = round(length.total_seconds() / 60)
    if minutes < 1:
        warnings.append(f"the invitation gives no length; {_DEFAULT_MINUTES} minutes assumed")
        return _DEFAULT_MINUTES
    return minutes


def _hours(length: timedelta) -> str:
    hours = length.total_seconds() / 3600
    return f"{hours:,.0f} hours" if hours < 240 else f"{length.days:,} days"
