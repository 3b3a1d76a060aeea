"""The invitation reader's rules one at a time (issue 18 §1), on small invitations written
here: lengths, floating times, clock changes, methods, recurrence, links, people, the company
guess, mail parts, file limits. Expected values are worked out by hand."""

from __future__ import annotations

import base64
import quopri
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from afterview.domain.invitations import Attendee, Method
from afterview.domain.records import Format
from afterview.interop.invitation_people import company_from_email
from afterview.interop.invitation_read import LIMIT, InvitationError, read_invitation
from afterview.interop.invitation_zones import CLDR_DATE, CLDR_VERSION, windows_zone, zone_for
from afterview.interop.video_links import first_video_link, service
from afterview.store.errors import StoreError
from afterview.store.file_input import MB

ICS = Path(__file__).parents[1] / "data" / "ics"


def calendar(*event: str, method: str = "REQUEST", head: str = "", events: int = 1) -> bytes:
    """A calendar with ``events`` copies of one VEVENT made of ``event``'s lines (a UID and a
    DTSTART added unless given)."""
    lines = list(event)
    if not any(line.startswith("UID") for line in lines):
        lines.insert(0, "UID:rule-test@example.org")
    if not any(line.startswith("DTSTART") for line in lines):
        lines.insert(0, "DTSTART:20260310T090000Z")
    block = ["BEGIN:VEVENT", "DTSTAMP:20260301T000000Z", *lines, "END:VEVENT"] * events
    top = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Rules//EN"]
    if method:
        top.append(f"METHOD:{method}")
    if head:
        top.append(head)
    return ("\r\n".join([*top, *block, "END:VCALENDAR", ""])).encode()


def read(data: bytes, home_zone: str = "UTC") -> object:
    return read_invitation(data, source="test.ics", home_zone=home_zone)


def refused(data: bytes) -> str:
    with pytest.raises(InvitationError) as caught:
        read_invitation(data, source="invite.ics")
    message = str(caught.value)
    assert message.startswith("invite.ics: ") and message.endswith("Nothing was imported.")
    return message


# --- lengths ---------------------------------------------------------------------------------


def test_duration_property_gives_the_length() -> None:
    invitation = read_invitation(calendar("DURATION:PT1H15M"), source="x")
    assert invitation.duration_minutes == 75


def test_no_end_means_an_hour_with_a_warning() -> None:
    invitation = read_invitation(calendar(), source="x")
    assert invitation.duration_minutes == 60
    assert invitation.warnings == ("the invitation gives no end time; 60 minutes assumed",)


def test_an_end_equal_to_the_start_means_an_hour_with_a_warning() -> None:
    invitation = read_invitation(calendar("DTEND:20260310T090000Z"), source="x")
    assert invitation.duration_minutes == 60
    assert len(invitation.warnings) == 1


def test_an_end_in_another_zone_counts_in_instants() -> None:
    # 09:00Z to 11:30 in Berlin (CET, +1) = 10:30Z: 90 minutes.
    invitation = read_invitation(calendar("DTEND;TZID=Europe/Berlin:20260310T113000"), source="x")
    assert invitation.duration_minutes == 90
    assert invitation.time_zone == "UTC"


def test_an_end_before_the_start_is_refused() -> None:
    assert "before it starts" in refused(calendar("DTEND:20260310T080000Z"))


def test_a_length_over_a_day_is_refused() -> None:
    message = refused(calendar("DTEND:20260311T100000Z"))
    assert "lasts 25 hours" in message
    assert "more than 24 hours" in message


def test_exactly_a_day_is_taken() -> None:
    assert read_invitation(calendar("DURATION:P1D"), source="x").duration_minutes == 1440


# --- times -----------------------------------------------------------------------------------


def test_a_floating_time_is_read_in_the_home_zone_with_a_warning() -> None:
    invitation = read_invitation(
        calendar("DTSTART:20260710T090000", "DURATION:PT30M"),
        source="x",
        home_zone="Europe/Paris",
    )
    assert invitation.time_zone == "Europe/Paris"
    assert invitation.start.astimezone(UTC) == datetime(2026, 7, 10, 7, 0, tzinfo=UTC)  # CEST
    assert invitation.warnings == (
        "the invitation gives its time without a time zone; read as Europe/Paris",
    )


def test_a_floating_time_uses_the_calendars_x_wr_timezone() -> None:
    invitation = read_invitation(
        calendar("DTSTART:20260710T090000", "DURATION:PT30M", head="X-WR-TIMEZONE:Asia/Tokyo"),
        source="x",
        home_zone="Europe/Paris",
    )
    assert invitation.time_zone == "Asia/Tokyo"
    assert invitation.start.astimezone(UTC) == datetime(2026, 7, 10, 0, 0, tzinfo=UTC)  # +9


def test_a_utc_time_uses_the_calendars_x_wr_timezone_before_the_home_zone() -> None:
    data = calendar(
        "DTSTART:20260310T090000Z", "DTEND:20260310T100000Z", head="X-WR-TIMEZONE:Asia/Tokyo"
    )
    invitation = read(data, home_zone="Europe/Berlin")
    assert invitation.time_zone == "Asia/Tokyo"  # type: ignore[attr-defined]
    # 09:00 UTC is 18:00 in Tokyo (+9, no DST); the instant is the same.
    assert invitation.start == datetime(2026, 3, 10, 9, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    assert invitation.start.strftime("%H:%M") == "18:00"  # type: ignore[attr-defined]
    assert invitation.duration_minutes == 60  # type: ignore[attr-defined]


def test_a_time_the_clocks_skip_is_refused() -> None:
    # Berlin skips 02:00-03:00 on 29 March 2026.
    message = refused(calendar("DTSTART;TZID=Europe/Berlin:20260329T023000"))
    assert "does not exist there (the clocks change then)" in message


def test_a_windows_name_in_any_case_and_a_path_like_iana_tzid() -> None:
    lower = read_invitation(
        calendar("DTSTART;TZID=tokyo standard time:20260310T090000"), source="x"
    )
    assert lower.time_zone == "Asia/Tokyo"
    path = read_invitation(
        calendar("DTSTART;TZID=/mozilla.org/20050126_1/Europe/Rome:20260310T090000"), source="x"
    )
    assert path.time_zone == "Europe/Rome"
    assert path.start.astimezone(UTC) == datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


def test_outlook_on_the_webs_utc_tzid() -> None:
    invitation = read_invitation(
        calendar('DTSTART;TZID="tzone://Microsoft/Utc":20260310T090000'), source="x"
    )
    assert invitation.time_zone == "UTC"
    assert invitation.start.astimezone(UTC) == datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def test_cldr_table_is_the_one_icalendar_ships() -> None:
    assert CLDR_VERSION == "c33a1f0a23e3b676b406345fe0b42c130defc51d"
    assert CLDR_DATE == "2025-04-10"
    assert windows_zone("W. Europe Standard Time") == "Europe/Berlin"
    assert windows_zone("India Standard Time") == "Asia/Kolkata"  # CLDR: Asia/Calcutta
    assert windows_zone("Pacific Standard Time") == "America/Los_Angeles"
    assert windows_zone("Olympus Mons Standard Time") is None


def test_a_zone_without_a_name_or_a_vtimezone_is_unknown() -> None:
    assert zone_for("Somewhere", None, datetime(2026, 3, 10, 9), "UTC") is None


def test_a_custom_zone_naming_a_city_takes_that_city() -> None:
    vtimezone = (
        "BEGIN:VTIMEZONE\r\nTZID:(UTC+01:00) Amsterdam\\, Berlin\\, Bern\\, Rome\r\n"
        "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\n"
        "TZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\n"
        "TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n"
        "END:VTIMEZONE"
    )
    data = calendar(
        'DTSTART;TZID="(UTC+01:00) Amsterdam, Berlin, Bern, Rome":20260710T090000',
        head=vtimezone,
    )
    invitation = read_invitation(data, source="x")
    assert invitation.time_zone == "Europe/Amsterdam"
    assert invitation.start.astimezone(UTC) == datetime(2026, 7, 10, 7, 0, tzinfo=UTC)


def test_a_vtimezone_naming_its_zone_in_x_lic_location() -> None:
    vtimezone = (
        "BEGIN:VTIMEZONE\r\nTZID:Custom 1\r\nX-LIC-LOCATION:Australia/Sydney\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+1000\r\n"
        "TZOFFSETTO:+1000\r\nEND:STANDARD\r\nEND:VTIMEZONE"
    )
    invitation = read_invitation(
        calendar("DTSTART;TZID=Custom 1:20260115T090000", "DURATION:PT1H", head=vtimezone),
        source="x",
    )
    # tzdata's Sydney is on AEDT (+11) in January, whatever the file's +10 says.
    assert invitation.time_zone == "Australia/Sydney"
    assert invitation.start.astimezone(UTC) == datetime(2026, 1, 14, 22, 0, tzinfo=UTC)
    assert invitation.warnings == ()


# --- what the file holds --------------------------------------------------------------------


def test_two_meetings_are_refused() -> None:
    message = refused(calendar(events=2))
    assert "holds 2 meetings; Afterview takes one invitation at a time" in message


def test_an_rdate_or_a_rule_is_a_series() -> None:
    assert "recurring series" in refused(calendar("RDATE:20260317T090000Z"))
    assert "recurring series" in refused(calendar("RRULE:FREQ=WEEKLY;COUNT=3"))
    moved = calendar("RRULE:FREQ=WEEKLY;COUNT=3") + calendar(
        "RECURRENCE-ID:20260310T090000Z", "DTSTART:20260311T090000Z"
    )
    assert "recurring series" in refused(moved)  # the series with one meeting moved
    # The second tester's: a cancel of the series was told to forward a single meeting.
    cancelled = refused(calendar("RRULE:FREQ=WEEKLY;COUNT=3", method="CANCEL"))
    assert "cancels a repeating series of meetings" in cancelled
    assert '"Cancelled by the employer" in its Process tab' in cancelled


@pytest.mark.parametrize(
    "written",
    [
        "RECURRENCE-ID:20260310T090000Z",
        "RECURRENCE-ID;TZID=Europe/Berlin:20260310T100000",  # 10:00 CET is 09:00 UTC
        "RECURRENCE-ID;TZID=W. Europe Standard Time:20260310T100000",
    ],
)
def test_one_moved_meeting_of_a_series_is_one_meeting_keyed_by_its_occurrence(
    written: str,
) -> None:
    # The tester's finding: a single moved occurrence was refused as "a recurring series".
    invitation = read_invitation(calendar(written, "DTSTART:20260311T140000Z"), source="x")
    assert invitation.uid == "rule-test@example.org RECURRENCE-ID=20260310T090000Z"
    assert invitation.start == datetime(2026, 3, 11, 14, tzinfo=UTC)
    assert "this is one meeting of a repeating series" in invitation.warnings[0]


def test_a_day_or_a_floating_occurrence_keeps_its_own_words() -> None:
    day = read_invitation(calendar("RECURRENCE-ID;VALUE=DATE:20260310"), source="x")
    floating = read_invitation(calendar("RECURRENCE-ID:20260310T100000"), source="x")
    assert day.uid.endswith(" RECURRENCE-ID=20260310")
    assert floating.uid.endswith(" RECURRENCE-ID=20260310T100000")


def test_no_uid_is_refused() -> None:
    data = calendar("UID:").replace(b"UID:\r\n", b"")
    assert "has no UID" in refused(data)


def test_a_reply_is_not_an_invitation() -> None:
    assert "is an answer to an invitation (METHOD:REPLY), not an invitation" in refused(
        calendar(method="REPLY")
    )
    assert "a calendar message of kind X-POLL (METHOD:X-POLL)" in refused(calendar(method="X-POLL"))


def test_status_cancelled_is_a_cancellation() -> None:
    invitation = read_invitation(calendar("STATUS:CANCELLED", "SEQUENCE:4", method=""), source="x")
    assert (invitation.method, invitation.sequence) == (Method.CANCEL, 4)


def test_a_bad_sequence_is_refused() -> None:
    assert "SEQUENCE" in refused(calendar("SEQUENCE:-3"))


def test_text_that_is_not_a_calendar() -> None:
    assert "is not a calendar invitation" in refused(b"Dear Alex,\nsee you on Tuesday.\n")


def test_bad_utf8_is_not_text() -> None:
    data = calendar("SUMMARY:caf\xe9").replace("café".encode(), b"caf\xe9")
    assert "is not a text file" in refused(data)


# --- format and place ------------------------------------------------------------------------


def test_the_first_video_link_in_the_documented_order() -> None:
    invitation = read_invitation(
        calendar(
            "LOCATION:Room 4",
            "DESCRIPTION:Or join https://meet.google.com/aaa-bbbb-ccc.",
            "CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://acme.zoom.us/j/123",
        ),
        source="x",
    )
    assert (invitation.format, invitation.location) == (Format.VIDEO, "https://acme.zoom.us/j/123")


def test_a_link_in_running_text_loses_the_full_stop() -> None:
    invitation = read_invitation(
        calendar("DESCRIPTION:Join at https://meet.google.com/aaa-bbbb-ccc."), source="x"
    )
    assert invitation.location == "https://meet.google.com/aaa-bbbb-ccc"


def test_lookalike_hosts_are_not_video_links() -> None:
    assert service("https://zoom.us.evil.example/j/1") is None
    assert service("https://notzoom.us/j/1") is None
    assert service("http://meet.google.com/abc") is None  # not https
    assert service("https://acme.webex.com/meet/x") == "Webex"
    assert service("https://teams.live.com/meet/123") == "Teams"
    assert first_video_link(["Room 4", "see https://example.org/x"]) is None


def test_a_phone_conference_without_a_place_is_a_phone_interview() -> None:
    invitation = read_invitation(
        calendar("CONFERENCE;VALUE=URI;FEATURE=PHONE:tel:+1-212-555-0147"), source="x"
    )
    assert (invitation.format, invitation.location) == (Format.PHONE, "+1-212-555-0147")


def test_bidi_controls_are_dropped_from_names_and_summaries() -> None:
    data = calendar(
        "SUMMARY:\u202eweivretni\u202c Data \u2067engineer\u2069",
        'ORGANIZER;CN="\u202eevil\u202c name":mailto:rita@hireco.com',
        "ATTENDEE;CN=\u2066Bo\u202a Li\u202b\u202d:mailto:bo@hireco.com",
    )
    invitation = read_invitation(data, source="x")
    assert invitation.summary == "weivretni Data engineer"
    assert invitation.organiser == Attendee("evil name", "rita@hireco.com", organiser=True)
    assert invitation.attendees == (Attendee("Bo Li", "bo@hireco.com"),)


def test_control_characters_are_dropped_line_breaks_kept() -> None:
    invitation = read_invitation(calendar("SUMMARY:a\x07b", "DESCRIPTION:one\\ntwo"), source="x")
    assert (invitation.summary, invitation.description) == ("ab", "one\ntwo")


# --- people ----------------------------------------------------------------------------------


def test_people_without_an_email_resources_rooms_and_groups_are_left_out() -> None:
    invitation = read_invitation(
        calendar(
            "ORGANIZER;CN=Recruiter:invalid:nomail",
            "ATTENDEE;CN=Projector;CUTYPE=RESOURCE:mailto:beamer@acme-robotics.com",
            "ATTENDEE;CN=Interview panel;CUTYPE=GROUP:mailto:panel@acme-robotics.com",
            "ATTENDEE;CN=Room 4B;CUTYPE=room:mailto:room-4b@acme-robotics.com",
            "ATTENDEE;CN=Nobody:mailto:not-an-address",
            "ATTENDEE;CN=Group:mailto:team@group.calendar.google.com",
            'ATTENDEE;CN="Doe, Jane":MAILTO:Jane.Doe@Acme-Robotics.com',
            "ATTENDEE;CN=^'Bo^' ^nSmith:mailto:bo@acme-robotics.com",  # RFC 6868 escapes
        ),
        source="x",
    )
    assert invitation.organiser == Attendee(name="Recruiter", email="", organiser=True)
    assert invitation.attendees == (
        Attendee(name="Doe, Jane", email="jane.doe@acme-robotics.com"),
        Attendee(name='"Bo" Smith', email="bo@acme-robotics.com"),  # the line break as a space
    )
    assert invitation.company_guess == "Acme Robotics"


@pytest.mark.parametrize(
    ("email", "company"),
    [
        ("recruiting@acme-robotics.com", "Acme Robotics"),
        ("jobs@careers.acme-robotics.com", "Acme Robotics"),
        ("hr@mail.example-corp.co.uk", "Example Corp"),
        ("a@b.acme.com.au", "Acme"),
        ("someone@gmail.com", ""),
        ("someone@hotmail.de", ""),
        ("someone@yahoo.co.uk", ""),
        ("no-reply@us.greenhouse.io", ""),
        ("x@hire.lever.co", ""),
        ("x@acme.myworkday.com", ""),
        ("x@calendly.com", ""),
        ("bad-address", ""),
        ("x@localhost", ""),
    ],
)
def test_company_guess_from_an_email(email: str, company: str) -> None:
    assert company_from_email(email) == company


# --- mail and files --------------------------------------------------------------------------


def _mail(part_headers: str, body: bytes) -> bytes:
    return (
        b"From: Sam <sam@acme-robotics.com>\r\nTo: alex@example.org\r\nSubject: Interview\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        b"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee the attachment.\r\n"
        b"--b1\r\n" + part_headers.encode() + b"\r\n\r\n" + body + b"\r\n--b1--\r\n"
    )


def test_an_email_with_a_quoted_printable_ics_attachment() -> None:
    body = quopri.encodestring(calendar("SUMMARY:Entretien – Équipe", "DURATION:PT45M"))
    data = _mail(
        "Content-Type: application/octet-stream\r\n"
        'Content-Disposition: attachment; filename="invite.ics"\r\n'
        "Content-Transfer-Encoding: quoted-printable",
        body,
    )
    invitation = read_invitation(data, source="mail.eml")
    assert invitation.summary == "Entretien – Équipe"
    assert invitation.duration_minutes == 45


def test_an_email_with_an_application_ics_part_in_base64() -> None:
    data = _mail(
        'Content-Type: application/ics; name="x"\r\nContent-Transfer-Encoding: base64',
        base64.encodebytes(calendar("DURATION:PT20M")),
    )
    assert read_invitation(data, source="mail.eml").duration_minutes == 20


def test_an_email_without_an_invitation_is_refused() -> None:
    data = _mail("Content-Type: text/html; charset=utf-8", b"<p>Hello</p>")
    with pytest.raises(InvitationError, match="no text/calendar part"):
        read_invitation(data, source="mail.eml")


def test_a_file_over_the_limit_is_refused_naming_the_limit(tmp_path: Path) -> None:
    from afterview.interop.invitation_read import load_invitation

    big = tmp_path / "big.ics"
    big.write_bytes(calendar(f"DESCRIPTION:{'x' * (2 * MB)}"))
    assert LIMIT == 2 * MB
    with pytest.raises(StoreError) as caught:
        load_invitation(big)
    assert str(big) in str(caught.value)
    assert "2.0 MB" in str(caught.value)


def _mail_with_pdf(calendar_part: bytes, pdf_bytes: int) -> bytes:
    """A Gmail-shaped invitation: the calendar part, then a PDF attachment in base64."""
    pdf = base64.encodebytes(b"%PDF-1.4\n" + b"x" * pdf_bytes).decode()
    return (
        "MIME-Version: 1.0\r\nFrom: Rita <rita@hireco.com>\r\nTo: me@example.net\r\n"
        'Content-Type: multipart/mixed; boundary="BOUND"\r\n\r\n'
        "--BOUND\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(calendar_part).decode()
        + '\r\n--BOUND\r\nContent-Type: application/pdf; name="Job description.pdf"\r\n'
        'Content-Disposition: attachment; filename="Job description.pdf"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n" + pdf + "\r\n--BOUND--\r\n"
    ).encode()


def test_a_mail_of_3_mb_with_a_pdf_is_read(tmp_path: Path) -> None:
    from afterview.interop.invitation_read import MAIL_LIMIT, load_invitation

    assert MAIL_LIMIT == 25 * MB  # the email import's limit
    path = tmp_path / "invite-with-pdf.eml"
    path.write_bytes(_mail_with_pdf(calendar("SUMMARY:Interview"), 2_500_000))
    assert 3 * MB < path.stat().st_size < 4 * MB
    invitation = load_invitation(path)
    assert invitation.summary == "Interview"
    assert invitation.start == datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def test_a_calendar_part_over_2_mb_is_refused() -> None:
    data = _mail_with_pdf(calendar(f"DESCRIPTION:{'x' * (3 * MB)}"), 10)
    assert refused_mail(data) == (
        "invite.eml: holds a calendar part of 3.0 MB; a calendar invitation of at most "
        "2.0 MB can be imported. Nothing was imported."
    )


def test_a_mail_over_25_mb_is_refused_naming_the_limit(tmp_path: Path) -> None:
    from afterview.interop.invitation_read import load_invitation

    path = tmp_path / "huge.eml"
    path.write_bytes(_mail_with_pdf(calendar(), 20 * MB))
    with pytest.raises(StoreError) as caught:
        load_invitation(path)
    # 20 MB in base64 is 27 MB
    assert str(caught.value) == (
        f"{path} is 27 MB; a calendar invitation file of at most 25 MB can be imported"
    )


def refused_mail(data: bytes) -> str:
    with pytest.raises(InvitationError) as caught:
        read_invitation(data, source="invite.eml")
    return str(caught.value)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    from afterview.interop.invitation_read import load_invitation

    with pytest.raises(StoreError, match="is a folder"):
        load_invitation(tmp_path)


def test_an_outlook_msg_file_says_how_to_save_the_meeting() -> None:
    message = refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert "is an Outlook message file (.msg)" in message
    assert "save the meeting as an iCalendar file (.ics)" in message


def test_a_nul_byte_makes_it_binary() -> None:
    assert "is not a text file" in refused(calendar("SUMMARY:a\x00b"))


def test_a_start_icalendar_cannot_read_is_refused() -> None:
    message = refused(calendar("DTSTART:\x0120260616T160000", "DTEND:20260616T170000Z"))
    assert "has a DTSTART that is not a date and time" in message


@pytest.mark.parametrize(
    ("start", "year"),
    [("99991231T230000Z", 9999), ("18991231T090000Z", 1899), ("30000101T090000", 3000)],
)
def test_a_start_outside_the_years_1900_to_2999_is_refused(start: str, year: int) -> None:
    message = refused(calendar(f"DTSTART:{start}"))
    assert message == (
        f"invite.ics: starts in the year {year}, out of range: Afterview takes meetings from "
        "1900 to 2999. Nothing was imported."
    )


def test_the_first_and_last_years_are_taken() -> None:
    early = read(calendar("DTSTART:19000101T090000Z"))
    late = read(calendar("DTSTART:29991231T090000Z"))
    assert early.start == datetime(1900, 1, 1, 9, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    assert late.start == datetime(2999, 12, 31, 9, 0, tzinfo=UTC)  # type: ignore[attr-defined]


def test_at_most_fifty_people_are_taken() -> None:
    lines = [f"ATTENDEE;CN=Person {n}:mailto:p{n}@acme-robotics.com" for n in range(1, 81)]
    invitation = read_invitation(calendar("DURATION:PT1H", *lines), source="x")
    assert [a.email for a in invitation.attendees] == [
        f"p{n}@acme-robotics.com" for n in range(1, 51)
    ]
    assert invitation.warnings == (
        "The invitation names more than 50 people; the first 50 are kept",
    )


def test_fifty_people_are_taken_without_a_warning() -> None:
    lines = [f"ATTENDEE;CN=Person {n}:mailto:p{n}@acme-robotics.com" for n in range(1, 51)]
    invitation = read_invitation(calendar("DURATION:PT1H", *lines), source="x")
    assert len(invitation.attendees) == 50
    assert invitation.warnings == ()


def test_a_vtimezone_with_hundreds_of_rules_is_not_matched() -> None:
    rules = "".join(
        f"BEGIN:STANDARD\r\nDTSTART:{1601 + n:04d}0101T000000\r\nTZOFFSETFROM:+0100\r\n"
        "TZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
        for n in range(401)
    )
    vtimezone = f"BEGIN:VTIMEZONE\r\nTZID:Many\r\n{rules}END:VTIMEZONE"
    message = refused(calendar("DTSTART;TZID=Many:20260310T090000", head=vtimezone))
    assert "time zone Afterview does not know (“Many”" in message


# --- files damaged on the way (the tester's finding: the wrong reason was given) ---------------


@pytest.mark.parametrize("ending", [b"\r", b"\n", b"\r\n"])
def test_any_line_ending_reads_the_same_meeting(ending: bytes) -> None:
    data = (ICS / "outlook-windows-zone.ics").read_bytes().replace(b"\r\n", ending)
    invitation = read_invitation(data, source="x")
    # As tests/unit/test_invitation_read.py reads the file: 09:30 in Berlin, 90 minutes.
    assert invitation.start == datetime(2026, 10, 6, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert invitation.duration_minutes == 90
    assert [a.name for a in invitation.attendees] == [
        "Pieter de Vries",
        "Müller, Anna",
        "alex.candidate@example.org",
    ]


@pytest.mark.parametrize(
    ("cut_before", "missing"),
    [
        (b"END:VEVENT", "VEVENT"),  # a download stopped inside the meeting
        (b"END:VTIMEZONE", "VTIMEZONE"),
        (b"END:VCALENDAR", "VCALENDAR"),
    ],
)
def test_a_file_cut_short_says_so(cut_before: bytes, missing: str) -> None:
    data = (ICS / "outlook-windows-zone.ics").read_bytes()
    message = refused(data[: data.index(cut_before)])
    assert f"is cut short: its {missing} has no END:{missing}" in message
    assert "saved or downloaded only in part" in message


def test_a_file_cut_inside_a_character_is_cut_short() -> None:
    # The second tester's: the last of "ü"'s two bytes lost said "not UTF-8 text".
    data = (ICS / "outlook-windows-zone.ics").read_bytes()
    cut = data[: data.index("ü".encode()) + 1]
    message = refused(cut)
    assert "is cut short: the file may have been saved or downloaded only in part" in message
    assert "UTF-8" not in message
    assert "is not a text file" in refused(data.replace("ü".encode(), b"\xfc"))  # Latin-1 ü
