"""``afterview import invitation FILE`` on the reader's real files (tests/data/ics), on both
backends: the preview it prints, the interview it creates, a reschedule, a cancel that asks
for ``--yes``, and broken files that import nothing. Expected values are read by hand from
the files: Outlook's "W. Europe Standard Time" is Europe/Berlin (CLDR windowsZones), on
6 October 2026 at UTC+2 (CEST)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from afterview import paths
from afterview.domain.applications import Outcome, Stage
from afterview.domain.records import Format, Status, StepStatus
from afterview.store.api import open_store

ICS = Path(__file__).resolve().parents[1] / "data" / "ics"
FIRST = ICS / "outlook-windows-zone.ics"
MOVED = ICS / "outlook-update-seq1.ics"
CANCEL = ICS / "outlook-cancel.ics"
Cli = Callable[..., tuple[int, str, str]]


def _setup(data_dir: Path, *, own_email: str = "", home: str = "America/New_York") -> None:
    with open_store(paths.resolve(data_dir)) as store:
        store.settings.save_playbook({"home_time_zone": home})
        if own_email:
            store.settings.save_profile(replace(store.settings.profile(), email=own_email))


def test_an_outlook_invitation_becomes_an_interview(cli: Cli, data_dir: Path) -> None:
    _setup(data_dir, own_email="alex.candidate@example.org")
    status, out, err = cli("import", "invitation", str(FIRST))
    assert status == 0, err
    assert out.splitlines() == [
        "Read: Second interview – Data Engineer",
        "  When: Tue 6 Oct 2026, 09:30-11:00 (Europe/Berlin)",
        "        Tue 6 Oct 2026, 03:30 in America/New_York, your home zone",
        "  Format: in person",
        "  Where: Brightwave Analytics, Keizersgracht 123, 1015 CJ Amsterdam",
        "  Company: Brightwave Analytics",
        "  Position: Data Engineer",
        "  Round: Second interview",  # the title's round words, not the post's
        "  Person: Sophie Martin <sophie.martin@careers.brightwave-analytics.com> (recruiter)",
        "  Person: Pieter de Vries <pieter.devries@brightwave-analytics.com> (interviewer)",
        "  Person: Müller, Anna <anna.mueller@brightwave-analytics.com> (interviewer)",
        "  Left out: alex.candidate@example.org (your own address, from the profile)",
        "Created the interview at Brightwave Analytics (Data Engineer).",
    ]
    # 6 October 2026 has gone by (the tests run after it): the steps may be due at once.
    assert (
        f"afterview: note: {FIRST}: this meeting is already past; its steps are planned from "
        "that time, so its thank-you note may be due at once"
    ) in err.splitlines()
    with open_store(paths.resolve(data_dir)) as store:
        (interview,) = store.interviews.each()
        assert interview.start == datetime(2026, 10, 6, 7, 30, tzinfo=UTC)
        assert (interview.time_zone, interview.duration_minutes) == ("Europe/Berlin", 90)
        assert interview.format is Format.IN_PERSON
        assert [p.contact.name for p in interview.people] == [
            "Sophie Martin",
            "Pieter de Vries",
            "Müller, Anna",
        ]
    status, out, _ = cli("import", "invitation", str(FIRST))
    assert status == 0 and out.splitlines()[-1].endswith("is already imported "
        "(the interview at Brightwave Analytics (Data Engineer)); "
        "nothing changed.")  # fmt: skip


def test_company_and_position_can_be_given(cli: Cli, data_dir: Path) -> None:
    _setup(data_dir, home="Europe/Berlin")
    status, out, _ = cli(
        "import", "invitation", str(FIRST), "--company", "Brightwave", "--position", "Data Engineer"
    )
    assert status == 0
    assert "your home zone" not in out  # the invitation's zone is the home zone
    assert out.splitlines()[-1] == "Created the interview at Brightwave (Data Engineer)."


def test_without_an_organiser_the_company_must_be_given(cli: Cli, data_dir: Path) -> None:
    # zoom.ics (METHOD:PUBLISH) names no organiser: no company can be guessed.
    status, out, err = cli("import", "invitation", str(ICS / "zoom.ics"))
    assert status == 2 and "  Company: (none guessed)" in out.splitlines()
    assert "give it with --company NAME" in err and "nothing was imported" in err
    with open_store(paths.resolve(data_dir)) as store:
        assert store.interviews.count() == 0
    status, out, _ = cli("import", "invitation", str(ICS / "zoom.ics"), "--company", "Cobalt")
    assert status == 0
    assert out.splitlines()[-1] == ("Created the interview at Cobalt (Platform Engineer).")
    with open_store(paths.resolve(data_dir)) as store:
        (interview,) = store.interviews.each()
        # 12:00 in Chicago on 15 April 2026 (CDT, UTC-5) is 17:00 UTC.
        assert interview.start == datetime(2026, 4, 15, 17, 0, tzinfo=UTC)
        assert (interview.format, interview.country) == (Format.VIDEO, "US")


def test_a_higher_sequence_reschedules(cli: Cli, data_dir: Path) -> None:
    _setup(data_dir)
    assert cli("import", "invitation", str(FIRST))[0] == 0
    status, out, err = cli("import", "invitation", str(MOVED))
    assert status == 0, err
    assert "  Moved from: Tue 6 Oct 2026, 09:30-11:00 (Europe/Berlin)" in out.splitlines()
    assert "  When: Thu 8 Oct 2026, 14:00-15:00 (Europe/Berlin)" in out.splitlines()
    assert out.splitlines()[-1] == (
        "Rescheduled the interview at Brightwave Analytics (Data Engineer)."
    )
    with open_store(paths.resolve(data_dir)) as store:
        (interview,) = store.interviews.each()
        assert interview.start == datetime(2026, 10, 8, 12, 0, tzinfo=UTC)
        assert interview.duration_minutes == 60


def test_a_cancel_needs_yes_then_closes(cli: Cli, data_dir: Path) -> None:
    _setup(data_dir)
    assert cli("import", "invitation", str(FIRST))[0] == 0
    status, _, err = cli("import", "invitation", str(CANCEL))
    assert status == 2
    assert "Nothing was changed" in err
    assert f"run: afterview --data-dir {data_dir} import invitation {CANCEL} --yes" in err
    with open_store(paths.resolve(data_dir)) as store:
        (application,) = store.applications.items()
        assert application.stage is not Stage.CLOSED
    status, out, err = cli("import", "invitation", str(CANCEL), "--yes")
    assert status == 0, err
    assert out.splitlines()[-1].startswith("Cancelled the interview at Brightwave Analytics")
    with open_store(paths.resolve(data_dir)) as store:
        (application,) = store.applications.items()
        assert (application.stage, application.outcome) == (Stage.CLOSED, Outcome.CANCELLED)
        (interview,) = store.interviews.each()
        left = {step.status for step in store.steps.of_interview(interview.id)}
        assert StepStatus.PENDING.value not in left and StepStatus.SNOOZED.value not in left


def test_a_cancel_of_an_unknown_meeting_imports_nothing(cli: Cli, data_dir: Path) -> None:
    status, out, _ = cli("import", "invitation", str(CANCEL), "--yes")
    assert status == 0
    assert out.splitlines()[-1].endswith("does not have; nothing was imported.")
    with open_store(paths.resolve(data_dir)) as store:
        assert store.interviews.count() == 0 and store.contacts.all() == []


@pytest.mark.parametrize(
    ("name", "words"),
    [("no-vevent.ics", "no meeting"), ("recurring.ics", "recurring"), ("binary.ics", "")],
)
def test_a_broken_file_says_why_and_imports_nothing(
    cli: Cli, data_dir: Path, name: str, words: str
) -> None:
    status, out, err = cli("import", "invitation", str(ICS / name))
    assert status == 2 and out == ""
    assert name in err and words in err and "Nothing was imported" in err
    with open_store(paths.resolve(data_dir)) as store:
        assert store.interviews.count() == 0 and store.contacts.all() == []


def test_the_invitation_options_are_refused_for_another_kind(cli: Cli, tmp_path: Path) -> None:
    status, _, err = cli("import", "vcf", str(tmp_path / "x.vcf"), "--yes")
    assert status == 2 and "--yes is for import invitation only" in err


def test_a_broken_file_is_refused_before_the_database_is_opened(cli: Cli, data_dir: Path) -> None:
    status, _, err = cli("import", "invitation", str(ICS / "no-dtstart.ics"))
    assert status == 2 and "no-dtstart.ics" in err and "no DTSTART" in err
    assert not data_dir.exists() or not any(data_dir.iterdir())


def test_apple_markup_stays_text_and_a_place_on_two_lines_is_shown_on_one(
    cli: Cli, data_dir: Path
) -> None:
    _setup(data_dir, home="America/Los_Angeles")
    status, out, _ = cli("import", "invitation", str(ICS / "apple.ics"))
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Read: <b>Onsite</b> interview & lunch"
    assert lines[1] == "  When: Mon 2 Nov 2026, 10:00-11:30 (America/Los_Angeles)"
    assert (
        "  Where: Harbor Labs, 500 Terry A Francois Blvd, San Francisco CA 94158, United States"
        in lines
    )
    assert "  Person: Zoë <b>Lindqvist</b> <zoe.lindqvist@harbor-labs.com> (interviewer)" in lines


def test_a_free_mail_organiser_and_the_user_give_no_company(cli: Cli, data_dir: Path) -> None:
    # The organiser is at gmail.com; the only attendee is the user (example.net): no company.
    _setup(data_dir, own_email="Sam.Tester@example.net", home="Europe/Berlin")
    status, out, err = cli("import", "invitation", str(ICS / "free-mail-organiser.ics"))
    assert status == 2, out
    assert "  Company: (none guessed)" in out.splitlines()
    assert "give it with --company NAME" in err
    with open_store(paths.resolve(data_dir)) as store:
        assert store.interviews.count() == 0


def test_the_company_is_not_guessed_from_the_users_own_address(cli: Cli, data_dir: Path) -> None:
    # The user organises; the other attendee is at hireco.com.
    _setup(data_dir, own_email="sam.tester@example.net", home="Europe/Berlin")
    status, out, err = cli("import", "invitation", str(ICS / "organiser-is-me.ics"))
    assert status == 0, err
    assert "  Company: Hireco" in out.splitlines()
    assert "  Person: Rita Recruiter <rita@hireco.com> (interviewer)" in out.splitlines()
    assert out.splitlines()[-1] == "Created the interview at Hireco (Interview prep call)."
    with open_store(paths.resolve(data_dir)) as store:
        (interview,) = store.interviews.each()
        assert interview.company == "Hireco"


def test_without_a_profile_email_a_hint_names_the_people_and_me(cli: Cli, data_dir: Path) -> None:
    _setup(data_dir)
    status, _, err = cli("import", "invitation", str(FIRST))
    assert status == 0, err
    assert (
        "afterview: note: your profile has no email, so none of these people is left out as "
        "you: sophie.martin@careers.brightwave-analytics.com, "
        "pieter.devries@brightwave-analytics.com, anna.mueller@brightwave-analytics.com, "
        "alex.candidate@example.org. If one is you, run again with --me EMAIL (saved as your "
        "profile's email)"
    ) in err.splitlines()


def test_me_leaves_the_user_out_and_is_saved_as_the_profiles_email(
    cli: Cli, data_dir: Path
) -> None:
    _setup(data_dir)
    status, out, err = cli("import", "invitation", str(FIRST), "--me", "Alex.Candidate@example.org")
    assert status == 0, err
    assert "profile has no email" not in err
    assert "  Left out: alex.candidate@example.org (your own address, from the profile)" in (
        out.splitlines()
    )
    assert not any("alex.candidate" in line for line in out.splitlines() if "Person:" in line)
    with open_store(paths.resolve(data_dir)) as store:
        assert store.settings.profile().email == "alex.candidate@example.org"
        (interview,) = store.interviews.each()
        assert [p.contact.name for p in interview.people] == [
            "Sophie Martin",
            "Pieter de Vries",
            "Müller, Anna",
        ]
        assert "alex.candidate@example.org" not in [c.name for c in store.contacts.all()]


def test_me_other_than_the_profiles_email_is_refused(cli: Cli, data_dir: Path) -> None:
    _setup(data_dir, own_email="sam@example.net")
    status, _, err = cli("import", "invitation", str(FIRST), "--me", "alex@example.org")
    assert status == 2
    assert "your profile's email is sam@example.net, not alex@example.org" in err
    status, _, err = cli("import", "invitation", str(FIRST), "--me", "not an address")
    assert status == 2 and "--me 'not an address' is not an email address" in err
    with open_store(paths.resolve(data_dir)) as store:
        assert store.interviews.count() == 0


def test_a_reschedule_after_a_cancel_brings_the_meeting_back(cli: Cli, data_dir: Path) -> None:
    # The tester's sequence: SEQ 0, SEQ 1 (moved), SEQ 2 (cancel, --yes), SEQ 3 (moved again):
    # the organiser put the meeting back on, on 9 October at 10:00 in Berlin (08:00 UTC).
    _setup(data_dir, own_email="alex.candidate@example.org")
    for args in ([FIRST], [MOVED], [CANCEL, "--yes"]):
        assert cli("import", "invitation", *map(str, args))[0] == 0
    revived = ICS / "outlook-update-seq3-after-cancel.ics"
    status, out, err = cli("import", "invitation", str(revived))
    assert status == 0, err
    assert out.splitlines()[-1].endswith(", no longer cancelled.")
    with open_store(paths.resolve(data_dir)) as store:
        (application,) = store.applications.items()
        assert (application.stage, application.outcome) == (Stage.INTERVIEWING, None)
        (interview,) = store.interviews.each()
        assert interview.start == datetime(2026, 10, 9, 8, 0, tzinfo=UTC)
        assert interview.status is Status.SCHEDULED
        kinds = {step.kind for step in store.steps.of_interview(interview.id)}
        assert "thank_you" in kinds  # planned anew


def _occurrence(tmp_path: Path, name: str, day: int, *, cancel: bool = False) -> Path:
    """One moved meeting of a weekly series, as Google Calendar sends it on its own."""
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        f"METHOD:{'CANCEL' if cancel else 'REQUEST'}", "BEGIN:VEVENT",
        f"DTSTART:202612{day:02}T150000Z", f"DTEND:202612{day:02}T160000Z",
        "DTSTAMP:20261120T100000Z", "UID:weekly-panel@google.com",
        f"RECURRENCE-ID:202612{day - 1:02}T150000Z", "SEQUENCE:1",
        f"STATUS:{'CANCELLED' if cancel else 'CONFIRMED'}", "SUMMARY:Panel interview – Analyst",
        "ORGANIZER;CN=Rita:mailto:rita@brightwave-analytics.com",
        "ATTENDEE;CN=Bo Li:mailto:bo@brightwave-analytics.com",
        "END:VEVENT", "END:VCALENDAR", "",
    ]  # fmt: skip
    path = tmp_path / name
    path.write_bytes("\r\n".join(lines).encode())
    return path


def test_two_moved_meetings_of_one_series_are_two_interviews(
    cli: Cli, data_dir: Path, tmp_path: Path
) -> None:
    # The tester's finding: a single moved occurrence (RECURRENCE-ID) was refused as a series.
    _setup(data_dir, own_email="alex.candidate@example.org")
    first = _occurrence(tmp_path, "first.ics", 9)
    second = _occurrence(tmp_path, "second.ics", 16)
    for path in (first, second):
        status, out, err = cli("import", "invitation", str(path))
        assert status == 0, err
        assert out.splitlines()[-1].startswith("Created the interview at Brightwave Analytics")
        assert "one meeting of a repeating series" in err
    status, out, err = cli(
        "import", "invitation", str(_occurrence(tmp_path, "c.ics", 9, cancel=True)), "--yes"
    )
    assert status == 0, err
    assert "only this meeting is imported" not in err  # a cancel imports nothing
    with open_store(paths.resolve(data_dir)) as store:
        by_start = {i.start: i.status for i in store.interviews.each()}
    assert by_start == {
        datetime(2026, 12, 9, 15, tzinfo=UTC): Status.CANCELLED,
        datetime(2026, 12, 16, 15, tzinfo=UTC): Status.SCHEDULED,
    }
