"""The invitation reader (issue 18 §1) on the invitations in tests/data/ics/, each shaped like
what Google Calendar, Outlook/Exchange, Teams, Zoom, Apple Calendar and Webex send (written
from RFC 5545/5546 and the vendors' documented properties; the people and companies are made
up). Every expected value is worked out by hand from the file: the wall time and its IANA
zone, the UTC instant (offsets from the zone's DST dates in 2026), the length in minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from afterview.domain.invitations import Attendee, Invitation, Method
from afterview.domain.records import Format
from afterview.interop.invitation_read import InvitationError, load_invitation
from afterview.store.errors import StoreError

ICS = Path(__file__).parents[1] / "data" / "ics"
OUTLOOK_UID = (
    "040000008200E00074C5B7101A82E00800000000D0C8E1A6B1A4DC010000000000000000"
    "10000000A1B2C3D4E5F60718293A4B5C6D7E8F90"
)


def read(name: str, **options: str) -> Invitation:
    return load_invitation(ICS / name, **options)


def person(name: str, email: str, organiser: bool = False) -> Attendee:
    return Attendee(name=name, email=email, organiser=organiser)


@dataclass(frozen=True)
class When:
    """The start as the file gives it (wall time in its zone) and as worked out by hand."""

    wall: str  # "2026-03-12 15:00", in ``zone``
    zone: str
    utc: str  # the same instant in UTC
    minutes: int


WHEN = {
    # Berlin is on CET (+1) until the last Sunday of March (29 March 2026).
    "google-meet.ics": When("2026-03-12 15:00", "Europe/Berlin", "2026-03-12 14:00", 45),
    # W. Europe Standard Time → Europe/Berlin (CLDR); CEST (+2) until 25 October 2026.
    "outlook-windows-zone.ics": When("2026-10-06 09:30", "Europe/Berlin", "2026-10-06 07:30", 90),
    "outlook-update-seq1.ics": When("2026-10-08 14:00", "Europe/Berlin", "2026-10-08 12:00", 60),
    "outlook-cancel.ics": When("2026-10-08 14:00", "Europe/Berlin", "2026-10-08 12:00", 60),
    # A custom TZID defined by its VTIMEZONE only; US DST from 8 March 2026: EDT (-4).
    "outlook-custom-zone.ics": When("2026-03-10 10:00", "America/New_York", "2026-03-10 14:00", 30),
    # The file's VTIMEZONE has the US rules before 2007 (DST from the first Sunday of April),
    # which would put 20 March at EST (-5, 15:00Z); tzdata's rules win: EDT (-4).
    "outlook-old-rules.ics": When("2026-03-20 10:00", "America/New_York", "2026-03-20 14:00", 120),
    "outlook-customized-old-rules.ics": When(
        "2026-03-20 10:00", "America/New_York", "2026-03-20 14:00", 120
    ),
    # GMT Standard Time → Europe/London; BST (+1) in June.
    "teams.ics": When("2026-06-16 16:00", "Europe/London", "2026-06-16 15:00", 45),
    # Chicago on CDT (-5) in April.
    "zoom.ics": When("2026-04-15 12:00", "America/Chicago", "2026-04-15 17:00", 60),
    # US DST ends on 1 November 2026: PST (-8) on the 2nd.
    "apple.ics": When("2026-11-02 10:00", "America/Los_Angeles", "2026-11-02 18:00", 90),
    # India Standard Time → CLDR's Asia/Calcutta, given by its current name; +05:30.
    "webex.ics": When("2026-05-20 15:00", "Asia/Kolkata", "2026-05-20 09:30", 60),
    "utc.ics": When("2026-09-01 13:00", "UTC", "2026-09-01 13:00", 30),
    # Toronto on EST (-5) in February.
    "invitation.eml": When("2026-02-24 13:00", "America/Toronto", "2026-02-24 18:00", 60),
}


@pytest.mark.parametrize("name", sorted(WHEN))
def test_each_shape_gives_its_start_zone_instant_and_length(name: str) -> None:
    expected = WHEN[name]
    invitation = read(name)
    assert invitation.time_zone == expected.zone
    assert invitation.start.replace(tzinfo=None) == datetime.fromisoformat(expected.wall)
    assert str(invitation.start.tzinfo) == expected.zone
    assert invitation.start.astimezone(UTC) == datetime.fromisoformat(expected.utc).replace(
        tzinfo=UTC
    )
    assert invitation.duration_minutes == expected.minutes


def test_google_calendar_invitation() -> None:
    invitation = read("google-meet.ics")
    assert invitation.uid == "4k2m9q7r1t5v8x0z3b6d1f4h7j@google.com"
    assert (invitation.sequence, invitation.method) == (0, Method.REQUEST)
    assert invitation.summary == "Interview: Backend Engineer – Nordlicht Solar"
    assert invitation.format is Format.VIDEO
    assert invitation.location == "https://meet.google.com/xqv-mbtr-kzp"
    assert invitation.organiser == person(
        "Lena Hoffmann", "lena.hoffmann@nordlicht-solar.de", organiser=True
    )
    # The organiser is not repeated, the address is lower-cased, the meeting room is left out.
    assert invitation.attendees == (
        person("Jonas Weber", "jonas.weber@nordlicht-solar.de"),
        person("alex.candidate@gmail.com", "alex.candidate@gmail.com"),
    )
    assert invitation.company_guess == "Nordlicht Solar"
    assert invitation.description.startswith(
        "Hi Alex, looking forward to our chat about the Backend Engineer role.\n\n"
    )
    assert "Join with Google Meet: https://meet.google.com/xqv-mbtr-kzp\n" in (
        invitation.description
    )
    assert invitation.warnings == ()


def test_outlook_invitation_with_a_windows_zone() -> None:
    invitation = read("outlook-windows-zone.ics")
    assert invitation.uid == OUTLOOK_UID
    assert (invitation.sequence, invitation.method) == (0, Method.REQUEST)
    assert invitation.summary == "Second interview – Data Engineer"
    assert invitation.format is Format.IN_PERSON
    assert invitation.location == "Brightwave Analytics, Keizersgracht 123, 1015 CJ Amsterdam"
    assert invitation.organiser == person(
        "Sophie Martin", "sophie.martin@careers.brightwave-analytics.com", organiser=True
    )
    # The room (CUTYPE=ROOM) is left out; Pieter's address comes twice, in two cases: once.
    assert invitation.attendees == (
        person("Pieter de Vries", "pieter.devries@brightwave-analytics.com"),
        person("Müller, Anna", "anna.mueller@brightwave-analytics.com"),
        person("alex.candidate@example.org", "alex.candidate@example.org"),
    )
    assert invitation.company_guess == "Brightwave Analytics"  # "careers." dropped
    # X-ALT-DESC (HTML) is not the description.
    assert invitation.description == (
        "Dear Alex,\n\nThank you for your interest in the Data Engineer position. We would "
        "like to invite you to a second interview with Pieter de Vries and Anna Müller at our "
        "Amsterdam office.\n\nPlease bring a photo ID for the reception.\n\nKind regards,\n"
        "Sophie"
    )
    assert invitation.warnings == ()


def test_an_update_has_the_same_uid_and_a_higher_sequence() -> None:
    first, update = read("outlook-windows-zone.ics"), read("outlook-update-seq1.ics")
    assert update.uid == first.uid == OUTLOOK_UID
    assert (update.sequence, update.method) == (1, Method.REQUEST)
    assert update.organiser == first.organiser
    assert update.attendees == first.attendees[:3]
    assert (update.format, update.location) == (first.format, first.location)
    assert update.description.startswith("Dear Alex,\n\nWe have to move the interview to Thursday")


def test_a_cancellation() -> None:
    cancel = read("outlook-cancel.ics")
    assert cancel.uid == OUTLOOK_UID
    assert (cancel.sequence, cancel.method) == (2, Method.CANCEL)
    assert cancel.summary == "Canceled: Second interview – Data Engineer"
    assert cancel.company_guess == "Brightwave Analytics"
    assert cancel.description == "The position has been filled internally. We are sorry to cancel."


def test_a_custom_outlook_zone_is_matched_by_its_rules_and_said() -> None:
    invitation = read("outlook-custom-zone.ics")
    assert invitation.uid == "a8f1c9d2-3b4e-4f5a-9c6d-7e8f9a0b1c2d"
    assert len(invitation.warnings) == 1
    assert "(UTC-05:00) Eastern Time (US & Canada)" in invitation.warnings[0]
    assert "America/New_York" in invitation.warnings[0]
    # MAILTO in capitals; the organiser is Greenhouse's: the company comes from the first
    # attendee whose address is not a provider's (the candidate's gmail is one).
    assert invitation.organiser == person(
        "Maple Ridge Health Recruiting", "no-reply@us.greenhouse.io", organiser=True
    )
    assert invitation.attendees == (
        person("Alex Candidate", "alex.candidate@gmail.com"),
        person("Marcus Oyelaran", "marcus.oyelaran@mapleridgehealth.com"),
    )
    assert invitation.company_guess == "Mapleridgehealth"
    assert invitation.format is Format.IN_PERSON
    assert invitation.location == "Call Marcus at +1 212 555 0147"


def test_a_windows_zone_with_out_of_date_rules_in_the_file_uses_tzdata() -> None:
    invitation = read("outlook-old-rules.ics")
    assert invitation.time_zone == "America/New_York"
    assert invitation.start.astimezone(UTC) == datetime(2026, 3, 20, 14, 0, tzinfo=UTC)
    assert invitation.warnings == ()  # a Windows name: CLDR says which zone, nothing guessed
    assert invitation.company_guess == "Hudson Ledger"


def test_a_custom_zone_with_out_of_date_rules_is_matched_by_its_seasons() -> None:
    invitation = read("outlook-customized-old-rules.ics")
    assert invitation.time_zone == "America/New_York"
    assert invitation.start.astimezone(UTC) == datetime(2026, 3, 20, 14, 0, tzinfo=UTC)
    assert len(invitation.warnings) == 1
    assert "Customized Time Zone" in invitation.warnings[0]
    assert "differ" in invitation.warnings[0]


def test_teams_link_is_the_location() -> None:
    invitation = read("teams.ics")
    assert invitation.format is Format.VIDEO
    assert invitation.location == (
        "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjM4ZTU2ZjQtOWU1YS00ZDgxLWIxMjMt"
        "YWJjZGVmMDEyMzQ1%40thread.v2/0?context=%7b%22Tid%22%3a%22f0e1d2c3-b4a5-9687-7869-5a4b3c"
        "2d1e0f%22%2c%22Oid%22%3a%2211223344-5566-7788-99aa-bbccddeeff00%22%7d"
    )
    assert invitation.summary == "Quillstone | Product Designer | Interview"
    assert invitation.attendees == (
        person("Tom O'Brien", "tom.obrien@quillstone.co.uk"),
        person("Alex Candidate", "alex.candidate@outlook.com"),
    )
    assert invitation.company_guess == "Quillstone"  # .co.uk is one suffix


def test_zoom_link_in_location_and_no_organiser() -> None:
    invitation = read("zoom.ics")
    assert invitation.method is Method.PUBLISH
    assert invitation.format is Format.VIDEO
    assert invitation.location == (
        "https://us02web.zoom.us/j/83512345678?pwd=QmFyQmF6UXV4Rm9vYmFyQmF6UXV4.1"
    )
    assert invitation.organiser is None
    assert invitation.attendees == ()
    assert invitation.company_guess == ""
    assert invitation.uid == "20260408T143012Z-83512345678@fe80:0:0:0:1c2b:3a4d:5e6f:7081ens5"


def test_apple_calendar_invitation_keeps_markup_as_text() -> None:
    invitation = read("apple.ics")
    assert (invitation.sequence, invitation.method) == (3, Method.REQUEST)
    assert invitation.summary == "<b>Onsite</b> interview & lunch"
    assert invitation.description == (
        "Onsite loop: <b>bring your laptop</b> & a portfolio.\nAsk for Dana at the front desk."
    )
    assert invitation.format is Format.IN_PERSON
    assert invitation.location == (
        "Harbor Labs\n500 Terry A Francois Blvd, San Francisco CA 94158, United States"
    )
    assert invitation.organiser == person(
        "Dana Brooks", "dana.brooks@harbor-labs.com", organiser=True
    )
    # Kenji's address is a urn:uuid; his EMAIL parameter (RFC 7986 §6.2) gives it.
    assert invitation.attendees == (
        person("Kenji Sato", "kenji.sato@harbor-labs.com"),
        person("Zoë <b>Lindqvist</b>", "zoe.lindqvist@harbor-labs.com"),
        person("Alex Candidate", "alex.candidate@icloud.com"),
    )
    assert invitation.company_guess == "Harbor Labs"


def test_webex_invitation() -> None:
    invitation = read("webex.ics")
    assert invitation.format is Format.VIDEO
    assert invitation.location == (
        "https://saffronfintech.webex.com/saffronfintech/j.php?MTID=m0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    )
    assert invitation.attendees == (
        person("Rahul Mehta", "rahul.mehta@saffron-fintech.co.in"),
        person("", "alex.candidate@yahoo.co.in"),
    )
    assert invitation.company_guess == "Saffron Fintech"


def test_utc_file_without_method() -> None:
    invitation = read("utc.ics")
    assert invitation.method is Method.NONE
    assert invitation.uid == "iv-2026-0901-1300-44817@tidewater-logistics.co.uk"
    assert invitation.location == "Reception, 2nd floor, Dock Road, Felixstowe IP11 3SY"
    assert invitation.format is Format.IN_PERSON
    assert invitation.organiser == person(
        "Hiring Team, Tidewater", "jobs@mail.tidewater-logistics.co.uk", organiser=True
    )
    assert invitation.attendees == (person("Ruth Okafor", "r.okafor@tidewater-logistics.co.uk"),)
    assert invitation.company_guess == "Tidewater Logistics"


def test_an_email_with_the_invitation_in_base64() -> None:
    invitation = read("invitation.eml")
    assert invitation.uid == "7h3j9k1l5m2n8b4v6c0x@google.com"
    assert invitation.summary == "Boreal Maps – GIS Developer interview"
    assert invitation.format is Format.VIDEO
    assert invitation.location == "https://meet.google.com/pwr-hqzt-ncm"
    assert invitation.organiser == person(
        "Chloé Tremblay", "chloe.tremblay@jobs.boreal-maps.ca", organiser=True
    )
    assert invitation.attendees == (
        person("Étienne Gagnon", "etienne.gagnon@boreal-maps.ca"),
        person("alex.candidate@gmail.com", "alex.candidate@gmail.com"),
    )
    assert invitation.company_guess == "Boreal Maps"


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("no-vevent.ics", "no meeting (no VEVENT)"),
        ("no-dtstart.ics", "no start time (no DTSTART"),
        ("unknown-zone.ics", "time zone Afterview does not know (“Olympus Mons Standard Time”"),
        ("recurring.ics", "recurring series of meetings; Afterview takes one interview at a time"),
        ("binary.ics", "is not a text file"),
        ("all-day.ics", "an all-day event; an interview needs a time"),
    ],
)
def test_a_broken_file_is_refused_with_a_message_naming_it(name: str, said: str) -> None:
    with pytest.raises(InvitationError) as caught:
        read(name)
    message = str(caught.value)
    assert message.startswith(f"{ICS / name}: ")
    assert said in message
    assert message.endswith("Nothing was imported.")
    assert isinstance(caught.value, StoreError)


def test_a_google_invitation_in_utc_takes_the_home_zone_at_the_same_instant() -> None:
    # DTSTART:20261208T150000Z, no X-WR-TIMEZONE; 15:00 UTC is 07:00 in Los Angeles (PST, -8).
    invitation = read("google-utc-invite.eml", home_zone="America/Los_Angeles")
    assert invitation.time_zone == "America/Los_Angeles"
    assert invitation.start == datetime(2026, 12, 8, 15, 0, tzinfo=UTC)
    assert invitation.start.strftime("%H:%M") == "07:00"  # the wall time in the home zone
    assert invitation.duration_minutes == 60
    assert invitation.warnings == (
        "the invitation gives its time in UTC; shown in America/Los_Angeles",
    )
    # A home zone of UTC keeps UTC, without a note.
    in_utc = read("google-utc-invite.eml")
    assert (in_utc.time_zone, in_utc.warnings) == ("UTC", ())
