"""The start and the length of an invitation's ``VEVENT`` (issue 18 §1; RFC 5545 §3.8.2.4
DTSTART, §3.8.2.2 DTEND, §3.8.2.5 DURATION, §3.3.5 date-time forms).

- The start must be a date and a time: an all-day ``DTSTART`` (``VALUE=DATE``) is refused, an
  interview needs a time; a start before 1900 or after 2999 is refused (a typo in the year, or
  a broken generator's 9999: the steps planned around it would not fit in a date). Its
  ``TZID`` is mapped to IANA (``invitation_zones``) and tzdata's
  rules give the instant from the wall time, never the file's ``VTIMEZONE``; a wall time the
  clocks skip there is refused. A time in UTC (``…Z``, as Google Calendar sends every
  invitation) gives the instant only: the interview is put in the calendar's
  ``X-WR-TIMEZONE`` when it names a zone, else in the home zone, the same instant (with a
  note; a home zone of UTC stays UTC). This is the one place the zone of a UTC time is
  chosen. A floating time (no zone, §3.3.5 form 1) is read in the calendar's
  ``X-WR-TIMEZONE`` when it names a zone, else in the home zone, with a warning.
- The length from ``DTEND`` (the difference of the two instants, so a ``DTEND`` in another zone
  counts right) or ``DURATION``, in whole minutes (rounded); 60 minutes with a warning when
  neither is given or the length is under a minute; ``DTEND`` before ``DTSTART`` and more than
  24 hours are refused.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component, Timezone

from afterview.interop.invitation_text import InvitationError, plain
from afterview.interop.invitation_zones import iana_zone, named_zone, zone_for

_LONGEST = timedelta(hours=24)
DEFAULT_MINUTES = 60
#: The years a start may fall in: a year outside them is a typo (20266, 9999 from a broken
#: generator), and the steps planned around it would not fit in a date.
FIRST_YEAR, LAST_YEAR = 1900, 2999


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


def start_of(
    source: str, calendar: Calendar, event: Component, home_zone: str, warnings: list[str]
) -> tuple[datetime, str]:
    """The event's start, aware in its IANA zone, and that zone's name; what was guessed is
    added to ``warnings``. Raises InvitationError (no DTSTART, a date only, an unknown zone, a
    wall time the clocks skip)."""
    found = _when(source, "DTSTART", event)
    if found is None:
        raise InvitationError(source, "has no start time (no DTSTART in its VEVENT)")
    if not FIRST_YEAR <= found[0].year <= LAST_YEAR:
        raise InvitationError(
            source,
            f"starts in the year {found[0].year}, out of range: Afterview takes meetings from "
            f"{FIRST_YEAR} to {LAST_YEAR}",
        )
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
        # A time in UTC (Google Calendar sends no other) says the instant, not where the
        # meeting is: shown in the calendar's X-WR-TIMEZONE, else the home zone.
        zone = default_zone or _floating_zone(calendar, home_zone)
        if default_zone is None and zone != "UTC":
            warnings.append(f"the invitation gives its time in UTC; shown in {zone}")
        return value.astimezone(ZoneInfo(zone)), zone
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


def minutes_of(
    source: str,
    calendar: Calendar,
    event: Component,
    start: datetime,
    zone: str,
    home_zone: str,
    warnings: list[str],
) -> int:
    """The meeting's length in whole minutes (rounded to the nearest, 1 to 1440), from DTEND
    or DURATION; ``start`` and ``zone`` as :func:`start_of` gave them. Raises InvitationError
    (an end before the start, a length over 24 hours, a DURATION that is not one)."""
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
        warnings.append(f"the invitation gives no end time; {DEFAULT_MINUTES} minutes assumed")
        return DEFAULT_MINUTES
    if length > _LONGEST:
        raise InvitationError(
            source,
            f"lasts {_hours(length)}; an interview of more than 24 hours is surely a mistake",
        )
    minutes = round(length.total_seconds() / 60)
    if minutes < 1:
        warnings.append(f"the invitation gives no length; {DEFAULT_MINUTES} minutes assumed")
        return DEFAULT_MINUTES
    return minutes


def _hours(length: timedelta) -> str:
    hours = length.total_seconds() / 3600
    return f"{hours:,.0f} hours" if hours < 240 else f"{length.days:,} days"
