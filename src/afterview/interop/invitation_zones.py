"""The IANA zone of an invitation's ``TZID`` (issue 18 §1), without Qt.

A ``TZID`` (RFC 5545 §3.2.19) is mapped, in this order, to:

1. an IANA name, as given (``Europe/Berlin``), or at the end of a path-like TZID
   (``/mozilla.org/20050126_1/Europe/Berlin``, RFC 5545 §3.8.3.1 "globally unique";
   ``tzone://Microsoft/Utc`` as Outlook on the web writes UTC);
2. a Windows zone name (``W. Europe Standard Time``, what Exchange and Outlook write), mapped
   with the CLDR table icalendar ships: ``icalendar.timezone.windows_to_olson`` (CLDR
   ``common/supplemental/windowsZones.xml`` at commit
   ``c33a1f0a23e3b676b406345fe0b42c130defc51d``, dated 2025-04-10, with icalendar 7.3);
3. the zone the file's own ``VTIMEZONE`` of that TZID names in an ``X-`` property
   (``X-LIC-LOCATION``, an ``X-MICROSOFT-*`` value holding a Windows or IANA name);
4. else the IANA zone whose UTC offsets match that ``VTIMEZONE`` (a custom TZID such as
   ``(UTC-05:00) Eastern Time (US & Canada)`` or ``Customized Time Zone``): the offsets on the
   15th of each month of the event's year and at the event itself; failing that (rules out of
   date in the file), its standard and summer offsets in January and July. Among the zones
   that match, a city the TZID names comes first, then the home zone, then the most common
   zones, then CLDR's zone for each Windows zone. This choice is reported as a warning.

CLDR's old names for renamed zones (``Asia/Calcutta``) are given as tzdata's current ones
(``Asia/Kolkata``).

Whenever a zone maps to IANA, tzdata's rules are used for the instant, never the file's
``VTIMEZONE`` (which may be out of date: issue 18 §1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from icalendar import Timezone
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
from icalendar.timezone.windows_to_olson import version as CLDR_VERSION
from icalendar.timezone.windows_to_olson import version_date as CLDR_DATE

__all__ = ["CLDR_DATE", "CLDR_VERSION", "Zone", "iana_zone", "windows_zone", "zone_for"]

#: The zones most people live in, tried first among zones with the same rules (a custom
#: ``VTIMEZONE`` gives offsets, not a place).
_COMMON = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Helsinki",
    "Europe/Moscow",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "UTC",
)
#: CLDR still gives some zones by the names tzdata has since renamed (tzdata's ``backward``
#: file keeps the old ones as links): the current name is shown to the user.
_RENAMED = {
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "America/Godthab": "America/Nuuk",
    "America/Indianapolis": "America/Indiana/Indianapolis",
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "Europe/Kiev": "Europe/Kyiv",
    "Etc/UTC": "UTC",
}
#: The areas of tzdata's geographic zones: a city a custom TZID names is looked for there only
#: (not in ``US/Eastern``, ``Canada/Eastern``, links kept for old names).
_AREAS = tuple(
    f"{area}/"
    for area in (
        "Africa",
        "America",
        "Antarctica",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    )
)
#: A VTIMEZONE with more rules than this is not matched (reading one takes seconds; the
#: zones calendars write have two, or one per year when they list each change).
_MOST_RULES = 400
_UTC_NAMES = {"utc", "etc/utc", "gmt", "etc/gmt", "z", "zulu", "universal", "etc/universal"}


@dataclass(frozen=True)
class Zone:
    """An IANA zone found for a TZID, and a warning when it was guessed from offsets."""

    name: str
    warning: str = ""


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


@cache
def _windows() -> dict[str, str]:
    return {name.casefold(): _RENAMED.get(zone, zone) for name, zone in WINDOWS_TO_OLSON.items()}


def iana_zone(tzid: str) -> str | None:
    """The IANA name ``tzid`` is, or ends with after a ``/``-prefix; "UTC" for UTC's names."""
    text = tzid.strip().strip('"')
    if text.casefold() in _UTC_NAMES:
        return "UTC"
    if text in _zones():
        return text
    parts = text.split("/")
    for start in range(1, len(parts)):
        tail = "/".join(parts[start:])
        if tail.casefold() in _UTC_NAMES:  # Outlook on the web: "tzone://Microsoft/Utc"
            return "UTC"
        if "/" in tail and tail in _zones():
            return tail
    return None


def windows_zone(tzid: str) -> str | None:
    """The IANA zone CLDR gives for a Windows zone name (any case), or None."""
    return _windows().get(tzid.strip().strip('"').casefold())


def named_zone(tzid: str) -> str | None:
    """Step 1 and 2 of the module's order: an IANA or a Windows name."""
    return iana_zone(tzid) or windows_zone(tzid)


def zone_for(tzid: str, vtimezone: Timezone | None, wall: datetime, home_zone: str) -> Zone | None:
    """The IANA zone of ``tzid`` for an event at ``wall`` (naive, the file's local time), in
    the module's order; None when nothing maps (the caller says the zone is unknown).
    ``vtimezone``: the file's ``VTIMEZONE`` whose TZID is ``tzid``, if any."""
    named = named_zone(tzid)
    if named is not None:
        return Zone(named)
    if vtimezone is None:
        return None
    for key, value in vtimezone.property_items(recursive=False):
        if key.startswith("X-") and isinstance(value, str | bytes):
            text = value.decode(errors="replace") if isinstance(value, bytes) else str(value)
            named = named_zone(text)
            if named is not None:
                return Zone(named)
    return _matching(tzid, vtimezone, wall, home_zone)


def _offset(zone: tzinfo, wall: datetime) -> timedelta | None:
    try:
        return wall.replace(tzinfo=zone).utcoffset()
    except (ValueError, OverflowError, TypeError, AttributeError, IndexError):
        return None


def _city(zone: str) -> str:
    return zone.rsplit("/", 1)[1].replace("_", " ").casefold()


def _candidates(tzid: str, home_zone: str) -> list[str]:
    text = tzid.casefold()
    named = [zone for zone in sorted(_zones()) if zone.startswith(_AREAS) and _city(zone) in text]
    named.sort(key=lambda zone: text.find(_city(zone)))
    home = [home_zone] if home_zone in _zones() else []
    ordered = [*named, *home, *_COMMON, *_windows().values()]
    return list(dict.fromkeys(ordered))


def _matching(tzid: str, vtimezone: Timezone, wall: datetime, home_zone: str) -> Zone | None:
    if len(vtimezone.subcomponents) > _MOST_RULES:
        return None
    try:
        theirs = vtimezone.to_tz(lookup_tzid=False)
    except Exception:  # a broken VTIMEZONE defines no zone
        return None
    year = wall.year
    samples = [datetime(year, month, 15, 12) for month in range(1, 13)] + [wall]
    seasons = [datetime(year, 1, 15, 12), datetime(year, 7, 15, 12)]
    wanted = [_offset(theirs, sample) for sample in samples]
    if None in wanted:
        return None
    candidates = _candidates(tzid, home_zone)
    for zone in candidates:
        ours = ZoneInfo(zone)
        if all(_offset(ours, s) == w for s, w in zip(samples, wanted, strict=True)):
            return Zone(
                zone,
                f"the time zone “{tzid}” is defined only in the file; its rules match "
                f"{zone}, which is used",
            )
    for zone in candidates:
        ours = ZoneInfo(zone)
        if all(_offset(ours, s) == _offset(theirs, s) for s in seasons):
            return Zone(
                zone,
                f"the time zone “{tzid}” is defined only in the file, with rules that differ "
                f"from today's for {wall:%Y-%m-%d}; its winter and summer offsets match "
                f"{zone}, whose current rules are used",
            )
    return None
