"""Fuzzing the invitation reader with hypothesis (issue 18 "Done when"), in the style of
test_fuzz_importers.py (and with its mutations):

- arbitrary bytes, and mutations of every invitation in tests/data/ics/ (bytes flipped, cut
  short, NULs, bad UTF-8, escapes and huge values put in), are read or refused with an
  InvitationError, never another exception; what is read holds to the Invitation's promises;
- valid invitations generated with icalendar (a random start in a random zone, named by its
  IANA or its Windows name, a random length, random attendees whose names hold markup and
  non-ASCII letters) are read back with the exact instant, zone, length and attendees, so a
  reader that refuses everything fails here; and so is one whose zone is only a custom
  ``VTIMEZONE`` copying an IANA zone's rules (as Outlook writes "Customized Time Zone").

The store's all-or-nothing import of what the reader gives is the store's test's business.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event, Timezone, vCalAddress, vDDDTypes

from afterview.domain.invitations import Attendee, Invitation
from afterview.interop.invitation_read import InvitationError, read_invitation
from tests.hypothesis_settings import NO_EXPLAIN, examples
from tests.unit.test_fuzz_importers import MUTATIONS, mutate

ICS = Path(__file__).parents[1] / "data" / "ics"
FILES = sorted(path.name for path in ICS.iterdir())


def fuzz(wanted: int) -> settings:
    return settings(
        max_examples=examples(wanted),
        deadline=None,
        phases=NO_EXPLAIN,
        suppress_health_check=[HealthCheck.too_slow],
    )


def read_or_refuse(data: bytes) -> Invitation | None:
    """The invitation, or None when refused with a message; any other exception fails."""
    try:
        invitation = read_invitation(data, source="fuzzed.ics", home_zone="Europe/Paris")
    except InvitationError as error:
        message = str(error)
        assert message.startswith("fuzzed.ics: ") and message.endswith("Nothing was imported.")
        assert len(message) < 1000
        return None
    check_promises(invitation)
    return invitation


def check_promises(invitation: Invitation) -> None:
    """What domain/invitations.py promises of every Invitation the reader gives."""
    assert invitation.uid
    assert invitation.sequence >= 0
    assert invitation.time_zone in available_timezones()
    assert invitation.start.tzinfo is not None
    assert str(invitation.start.tzinfo) == invitation.time_zone
    assert 1 <= invitation.duration_minutes <= 24 * 60
    people = [invitation.organiser] if invitation.organiser else []
    for one in [*people, *invitation.attendees]:
        assert one.email == one.email.lower()
    emails = [a.email for a in invitation.attendees]
    assert len(emails) == len(set(emails)) and all(emails)
    for text in (invitation.summary, invitation.location, invitation.description):
        assert "\x00" not in text


@fuzz(200)
@given(data=st.binary(max_size=4096))
def test_arbitrary_bytes_are_read_or_refused(data: bytes) -> None:
    read_or_refuse(data)


@fuzz(100)
@given(
    start=st.sampled_from(
        ["", "BEGIN:VCALENDAR\r\n", "MIME-Version: 1.0\r\nContent-Type: text/calendar\r\n\r\n"]
    ),
    text=st.lists(
        st.sampled_from(
            [
                "BEGIN:",
                "END:",
                "VCALENDAR",
                "VEVENT",
                "VTIMEZONE",
                "\r\n",
                " ",
                ":",
                ";",
                "=",
                "DTSTART",
                "DTEND",
                "TZID",
                "UID:x",
                "20260310T090000",
                "Z",
                "RRULE:FREQ=DAILY",
                "DURATION:PT1H",
                "P1D",
                "-",
                '"',
                "\\",
                "é",
                "\x00",
                "MIME-Version: 1.0\r\n",
            ]
        ),
        max_size=60,
    ).map("".join),
)
def test_calendar_shaped_garbage_is_read_or_refused(start: str, text: str) -> None:
    read_or_refuse((start + text).encode())


@fuzz(300)
@given(name=st.sampled_from(FILES), mutations=MUTATIONS)
def test_a_mutated_invitation_is_read_or_refused(
    name: str, mutations: list[tuple[str, int, int]]
) -> None:
    read_or_refuse(mutate((ICS / name).read_bytes(), mutations))


# --- valid invitations, written with icalendar ------------------------------------------------

#: (TZID as the file writes it, the IANA zone it means): the expected zone written by hand.
ZONES = [
    ("Europe/Berlin", "Europe/Berlin"),
    ("America/New_York", "America/New_York"),
    ("Australia/Lord_Howe", "Australia/Lord_Howe"),  # a half-hour DST
    ("Pacific/Chatham", "Pacific/Chatham"),  # +12:45 / +13:45
    ("America/Sao_Paulo", "America/Sao_Paulo"),
    ("Asia/Kathmandu", "Asia/Kathmandu"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Eastern Standard Time", "America/New_York"),
    ("India Standard Time", "Asia/Kolkata"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("GMT Standard Time", "Europe/London"),
    ("Pacific SA Standard Time", "America/Santiago"),
    (None, "UTC"),  # a time in UTC ("…Z")
]
#: No backslash: RFC 5545 parameters have no escapes, but icalendar 7.3 reads a backslash in one
#: as escaping the next character (``CN=Doe\\, Jane`` as some senders write it) and writes one
#: unquoted, so a generated name with one does not come back (``\\;`` is read as ``;``).
WORD = st.lists(
    st.sampled_from([*"abcXYZéüßøçñ漢字Ωж<>&/;:,'\"=+^", "<b>", "</b>"]),
    min_size=1,
    max_size=8,
).map("".join)
NAME = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
LABEL = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=2, max_size=8)
DOMAIN = st.tuples(LABEL, st.sampled_from(["com", "org", "de", "co.uk", "io"])).map(
    lambda parts: f"{parts[0]}-x.{parts[1]}"
)
PERSON = st.tuples(st.none() | NAME, LABEL, DOMAIN, st.booleans())


def _address(local: str, n: int, domain: str, shout: bool, name: str | None) -> vCalAddress:
    email = f"{local}.{n}@{domain}"
    address = vCalAddress(f"mailto:{email.upper() if shout else email}")
    if name is not None:
        address.params["CN"] = name
    return address


@fuzz(150)
@given(
    zone=st.sampled_from(ZONES),
    wall=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31)),
    minutes=st.integers(1, 24 * 60),
    organiser=st.none() | PERSON,
    people=st.lists(PERSON, max_size=6),
    summary=NAME,
    with_vtimezone=st.booleans(),
    sequence=st.integers(0, 1000),
)
def test_a_valid_invitation_is_read_back_exactly(
    zone: tuple[str | None, str],
    wall: datetime,
    minutes: int,
    organiser: tuple[Any, ...] | None,
    people: list[tuple[Any, ...]],
    summary: str,
    with_vtimezone: bool,
    sequence: int,
) -> None:
    tzid, iana = zone
    wall = wall.replace(second=0, microsecond=0)
    here = ZoneInfo(iana)
    # A wall time the clocks skip is refused by design (test_invitation_read_rules.py).
    assume(wall.replace(tzinfo=here).astimezone(UTC).astimezone(here).replace(tzinfo=None) == wall)
    instant = wall.replace(tzinfo=here).astimezone(UTC)

    event = Event()
    event.add("uid", "generated-1@example.org")
    event.add("dtstamp", datetime(2026, 1, 1, tzinfo=UTC))
    event.add("summary", summary)
    event.add("sequence", sequence)
    if tzid is None:
        event.add("dtstart", instant)
    elif tzid == iana:
        event.add("dtstart", wall.replace(tzinfo=here))
    else:  # a Windows name: written as Exchange does, the wall time with that TZID
        event.add("dtstart", vDDDTypes(wall), parameters={"TZID": tzid})
    event.add("duration", timedelta(minutes=minutes))
    if organiser is not None:
        name, local, domain, shout = organiser
        event.add("organizer", _address(local, 0, domain, shout, name))
    for n, (name, local, domain, shout) in enumerate(people, start=1):
        event.add("attendee", _address(local, n, domain, shout, name))
    if organiser is not None and people:  # the organiser listed again, as Google does
        name, local, domain, shout = organiser
        event.add("attendee", _address(local, 0, domain, shout, name))
    cal = Calendar()
    cal.add("prodid", "-//Afterview tests//EN")
    cal.add("version", "2.0")
    cal.add("method", "REQUEST")
    cal.add_component(event)
    if with_vtimezone and tzid == iana:
        cal.add_missing_timezones()

    invitation = read_invitation(cal.to_ical(), source="generated.ics")

    assert invitation.start.astimezone(UTC) == instant
    assert invitation.start.replace(tzinfo=None) == (wall if tzid else instant.replace(tzinfo=None))
    assert invitation.time_zone == iana
    assert invitation.duration_minutes == minutes
    assert invitation.sequence == sequence
    assert invitation.summary == summary.strip()
    expected_organiser = None
    if organiser is not None:
        name, local, domain, _ = organiser
        expected_organiser = Attendee(
            name=" ".join((name or "").split()), email=f"{local}.0@{domain}", organiser=True
        )
    assert invitation.organiser == expected_organiser
    assert invitation.attendees == tuple(
        Attendee(name=" ".join((name or "").split()), email=f"{local}.{n}@{domain}")
        for n, (name, local, domain, _) in enumerate(people, start=1)
    )
    check_promises(invitation)


@pytest.mark.parametrize("name", FILES)
def test_every_sample_file_is_read_or_refused_cleanly(name: str) -> None:
    """The mutations start from these: each on its own, unmutated."""
    read_or_refuse((ICS / name).read_bytes())


#: Zones whose rules a custom VTIMEZONE copies (the file names no zone): the reader must find a
#: zone with the same offsets, so the instant comes out exact even when the name differs.
CUSTOM = [
    "Europe/Berlin",
    "America/New_York",
    "America/Havana",  # US dates, but the clocks change at midnight
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "America/Sao_Paulo",
    "Africa/Casablanca",
    "Pacific/Chatham",
]


@fuzz(60)
@given(
    zone=st.sampled_from(CUSTOM),
    wall=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)),
    home=st.sampled_from(["UTC", "Europe/Paris", "America/Chicago"]),
)
def test_a_custom_vtimezone_gives_the_exact_instant(zone: str, wall: datetime, home: str) -> None:
    wall = wall.replace(second=0, microsecond=0)
    here = ZoneInfo(zone)
    # Away from a clock change (a day either side), where a copy of the rules in the file and
    # tzdata may place the change's hour differently.
    offsets = {(wall + timedelta(hours=h)).replace(tzinfo=here).utcoffset() for h in (-26, 0, 26)}
    assume(len(offsets) == 1)
    instant = wall.replace(tzinfo=here).astimezone(UTC)
    vtimezone = Timezone.from_tzid(
        zone, first_date=date(wall.year - 1, 1, 1), last_date=date(wall.year + 1, 12, 31)
    )
    vtimezone["TZID"] = "Customized Time Zone"
    event = Event()
    event.add("uid", "custom-1@example.org")
    event.add("dtstamp", datetime(2026, 1, 1, tzinfo=UTC))
    event.add("dtstart", vDDDTypes(wall), parameters={"TZID": "Customized Time Zone"})
    event.add("duration", timedelta(minutes=45))
    cal = Calendar()
    cal.add("prodid", "-//Afterview tests//EN")
    cal.add("version", "2.0")
    cal.add_component(vtimezone)
    cal.add_component(event)

    invitation = read_invitation(cal.to_ical(), source="custom.ics", home_zone=home)

    assert invitation.start.astimezone(UTC) == instant
    assert invitation.start.replace(tzinfo=None) == wall
    assert any("Customized Time Zone" in warning for warning in invitation.warnings)
    check_promises(invitation)
