"""Hypothesis on the invitation import (issue 18 §1), beside test_fuzz_importers.py and in its
style, on both backends: "no partial import".

- Random invitations and choices where the import fails part-way (an attendee the store
  refuses after others were written: a malformed address, a NUL in a name; or the re-plan
  failing after the interview and its cards were flushed) raise a StoreError and leave the
  data exactly as it was (its export before and after).
- Valid ones create the interview at the exact instant the invitation gives (in any zone,
  the second of a repeated hour included), in its zone, with every attendee a contact with
  their address and role.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from afterview import paths
from afterview.domain.invitations import Attendee, Invitation, Method
from afterview.domain.records import Format, Role
from afterview.store import steps
from afterview.store.api import open_store
from afterview.store.errors import StoreError
from afterview.store.invitation_values import Action, InvitationChoices, PersonChoice
from afterview.store.operations import Store
from tests.hypothesis_settings import NO_EXPLAIN, examples

ZONES = ("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC")
FIRST = datetime(2026, 1, 1, tzinfo=UTC)
_SERIAL = itertools.count(1)
NAMES = st.text(
    st.characters(
        whitelist_categories=("Lu", "Ll", "Lo", "Nd", "Zs"), whitelist_characters="<>&'-."
    ),
    min_size=1,
    max_size=30,
).filter(lambda name: name.strip() != "")
#: Instants over two years, so daylight-saving changes (gaps, repeated hours) are crossed.
INSTANTS = st.integers(0, 2 * 365 * 24 * 4).map(lambda n: FIRST + timedelta(minutes=15 * n))
#: The repeated hour when clocks go back (the second one: fold=1 in PEP 495), by hand:
#: Berlin 25 Oct 2026 02:30 CET is 01:30 UTC; New York 1 Nov 2026 01:30 EST is 06:30 UTC;
#: Lord Howe 5 Apr 2026 01:45 (+10:30) is 15:15 UTC the day before.
EDGES = [
    (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "Europe/Berlin"),
    (datetime(2026, 11, 1, 6, 30, tzinfo=UTC), "America/New_York"),
    (datetime(2026, 4, 4, 15, 15, tzinfo=UTC), "Australia/Lord_Howe"),
]
MOMENTS = st.one_of(st.tuples(INSTANTS, st.sampled_from(ZONES)), st.sampled_from(EDGES))
#: What the store refuses in an attendee: a malformed address, a NUL in a name.
BAD = st.sampled_from(["address", "nul"])


def fuzz(wanted: int) -> settings:
    return settings(
        max_examples=examples(wanted),
        deadline=None,
        phases=NO_EXPLAIN,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@pytest.fixture
def store(data_dir: Path) -> Any:
    with open_store(paths.resolve(data_dir)) as opened:
        yield opened


def snapshot(store: Store) -> str:
    return json.dumps(store.data.export_document(), sort_keys=True, ensure_ascii=True)


def _invitation(
    serial: int, instant: datetime, zone: str, names: list[str], roles: list[Role]
) -> tuple[Invitation, InvitationChoices]:
    people = [
        Attendee(name, f"p{n}.{serial}@company{serial}.example", organiser=n == 0)
        for n, name in enumerate(names)
    ]
    invitation = Invitation(
        uid=f"{serial}-fuzz@company{serial}.example",
        sequence=0,
        method=Method.REQUEST,
        summary=f"Interview {serial}",
        start=instant.astimezone(ZoneInfo(zone)),
        time_zone=zone,
        duration_minutes=45,
        location="",
        format=Format.VIDEO,
        organiser=people[0] if people else None,
        attendees=tuple(people[1:]),
        company_guess=f"Company {serial}",
    )
    choices = InvitationChoices(
        company=f"Company {serial}",
        position="Engineer",
        start=invitation.start,
        time_zone=zone,
        duration_minutes=45,
        format=Format.VIDEO,
        location="",
        people=tuple(
            PersonChoice(p.name, p.email, role) for p, role in zip(people, roles, strict=True)
        ),
    )
    return invitation, choices


@fuzz(25)
@example(moment=EDGES[0], names=["Rita"], role=Role.RECRUITER)
@example(moment=EDGES[1], names=[], role=Role.INTERVIEWER)
@example(moment=EDGES[2], names=["Ann", "Bo"], role=Role.INTERVIEWER)
@given(
    moment=MOMENTS,
    names=st.lists(NAMES, min_size=0, max_size=4),
    role=st.sampled_from(list(Role)),
)
def test_a_valid_invitation_imports_at_its_instant_with_its_people(
    store: Store, moment: tuple[datetime, str], names: list[str], role: Role
) -> None:
    instant, zone = moment
    serial = next(_SERIAL)
    roles = [role] * len(names)
    invitation, choices = _invitation(serial, instant, zone, names, roles)
    result = store.invitations.import_invitation(invitation, choices).value
    assert result.action is Action.CREATE and result.interview_id is not None
    interview = store.interviews.get(result.interview_id)
    # The same instant, however the zone's clocks go (timestamps: PEP 495 makes == between
    # zones False for a time in a repeated hour).
    assert interview.start.timestamp() == instant.timestamp()
    assert interview.time_zone == zone
    linked = [(p.contact.name, p.contact.emails[0].value, p.role) for p in interview.people]
    expected = [
        (name.strip(), f"p{n}.{serial}@company{serial}.example", role)
        for n, name in enumerate(names)
    ]
    # A card's name is stored stripped; the same (card, role) twice is one link.
    assert linked == expected


@fuzz(25)
@given(
    moment=MOMENTS,
    names=st.lists(NAMES, min_size=1, max_size=4),
    where=st.integers(0, 4),
    bad=st.one_of(BAD, st.just("replan")),
)
def test_an_import_that_fails_part_way_changes_nothing(
    store: Store, moment: tuple[datetime, str], names: list[str], where: int, bad: str
) -> None:
    instant, zone = moment
    serial = next(_SERIAL)
    invitation, choices = _invitation(serial, instant, zone, names, [Role.INTERVIEWER] * len(names))
    people = list(choices.people)
    if bad == "address":
        people.insert(
            min(where, len(people)), PersonChoice("Bad", "not an address", Role.INTERVIEWER)
        )
    elif bad == "nul":
        people.insert(min(where, len(people)), PersonChoice("N\x00L", "", Role.INTERVIEWER))
    choices = replace(choices, people=tuple(people))
    before = snapshot(store)
    with pytest.MonkeyPatch.context() as patch:
        if bad == "replan":

            def broken(*_args: Any, **_kwargs: Any) -> None:
                raise StoreError("the re-plan failed (a test's fault)")

            patch.setattr(steps, "replan", broken)  # after the interview and cards are flushed
        with pytest.raises(StoreError):
            store.invitations.import_invitation(invitation, choices)
    assert snapshot(store) == before
    assert store.invitations.look(invitation).action is Action.CREATE


# --- end to end: invitations written with icalendar, read by the reader, imported ----------

#: (TZID as the file writes it, the IANA zone it means), by hand (CLDR windowsZones).
FILE_ZONES = [
    ("Europe/Berlin", "Europe/Berlin"),
    ("America/New_York", "America/New_York"),
    ("Australia/Lord_Howe", "Australia/Lord_Howe"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("India Standard Time", "Asia/Kolkata"),
]
PERSON_NAMES = st.lists(
    st.text("abcdefghijklmnopqrstuvwxyzÄÖÜéß", min_size=1, max_size=8), min_size=1, max_size=3
).map(" ".join)


@fuzz(25)
@given(
    zone=st.sampled_from(FILE_ZONES),
    wall=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
    names=st.lists(PERSON_NAMES, min_size=1, max_size=4),
)
def test_an_invitation_written_with_icalendar_imports_with_its_start_zone_and_people(
    store: Store, zone: tuple[str, str], wall: datetime, names: list[str]
) -> None:
    from hypothesis import assume
    from icalendar import Calendar, Event, vCalAddress, vDDDTypes

    from afterview.interop.invitation_import import default_choices
    from afterview.interop.invitation_read import read_invitation

    tzid, iana = zone
    wall = wall.replace(second=0, microsecond=0)
    here = ZoneInfo(iana)
    # A wall time the clocks skip is refused by the reader by design.
    assume(wall.replace(tzinfo=here).astimezone(UTC).astimezone(here).replace(tzinfo=None) == wall)
    instant = wall.replace(tzinfo=here).astimezone(UTC)
    serial = next(_SERIAL)
    emails = [f"p{n}.{serial}@hire{serial}.example" for n in range(len(names))]
    event = Event()
    event.add("uid", f"e2e-{serial}@hire{serial}.example")
    event.add("dtstamp", datetime(2026, 1, 1, tzinfo=UTC))
    event.add("summary", "Interview: Analyst")
    if tzid == iana:
        event.add("dtstart", wall.replace(tzinfo=here))
    else:  # a Windows name, as Exchange writes it
        event.add("dtstart", vDDDTypes(wall), parameters={"TZID": tzid})
    event.add("duration", timedelta(minutes=50))
    for n, (name, email) in enumerate(zip(names, emails, strict=True)):
        address = vCalAddress(f"mailto:{email}")
        address.params["CN"] = name
        event.add("organizer" if n == 0 else "attendee", address)
    calendar = Calendar()
    calendar.add("prodid", "-//Afterview tests//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    calendar.add_component(event)

    invitation = read_invitation(calendar.to_ical(), source="generated.ics")
    choices = default_choices(invitation, store.invitations.look(invitation))
    result = store.invitations.import_invitation(invitation, choices).value

    assert result.action is Action.CREATE and result.interview_id is not None
    interview = store.interviews.get(result.interview_id)
    assert interview.start.timestamp() == instant.timestamp()
    assert (interview.time_zone, interview.duration_minutes) == (iana, 50)
    assert (interview.company, interview.position) == (f"Hire{serial}", "Analyst")
    linked = [(p.contact.name, p.contact.emails[0].value, p.role) for p in interview.people]
    roles = [Role.RECRUITER] + [Role.INTERVIEWER] * (len(names) - 1)
    assert linked == list(zip(names, emails, roles, strict=True))
