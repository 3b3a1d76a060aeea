"""Importing a calendar invitation into the store (issue 18 §1), on both backends: a new UID
makes an interview with its contacts, a higher SEQUENCE reschedules it keeping what the user
did, a cancel closes it after asking, and a bad value imports nothing. Every expected value
is written by hand from the invitation built here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from afterview import paths
from afterview.domain.applications import Outcome, Stage
from afterview.domain.contact_ways import ways
from afterview.domain.invitations import Attendee, Invitation, Method
from afterview.domain.records import Format, Role, Status, StepStatus
from afterview.store.api import open_store
from afterview.store.errors import RecordError
from afterview.store.invitation_values import Action, InvitationChoices, PersonChoice
from afterview.store.operations import Store
from afterview.store.values import ContactFields

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
ORGANISER = Attendee("Rita Recruiter", "rita@acme.example", organiser=True)
ALEX = Attendee("Alex Interviewer", "alex@acme.example")
ME = Attendee("Jordan Doe", "jordan@mail.example")
INVITATION = Invitation(
    uid="040000008200E00074C5B7101A82E008@acme.example",
    sequence=0,
    method=Method.REQUEST,
    summary="Interview: Data engineer – Acme",
    start=datetime(2026, 12, 8, 10, 0, tzinfo=BERLIN),
    time_zone="Europe/Berlin",
    duration_minutes=45,
    location="https://acme.zoom.us/j/123456789",
    format=Format.VIDEO,
    organiser=ORGANISER,
    attendees=(ALEX, ME),
    company_guess="Acme",
)


def _choices(invitation: Invitation = INVITATION, **changes: Any) -> InvitationChoices:
    """What the preview gives when the user changes nothing (the user's own address out)."""
    people = (
        PersonChoice("Rita Recruiter", "rita@acme.example", Role.RECRUITER),
        PersonChoice("Alex Interviewer", "alex@acme.example", Role.INTERVIEWER),
    )
    base = InvitationChoices(
        company="Acme",
        position="Data engineer",
        start=invitation.start,
        time_zone=invitation.time_zone,
        duration_minutes=invitation.duration_minutes,
        format=invitation.format,
        location=invitation.location,
        people=people,
    )
    return replace(base, **changes)


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as opened:
        yield opened


def _emails(store: Store) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((c.name, tuple(w.value for w in c.emails)) for c in store.contacts.all())


def test_a_new_uid_creates_the_interview_its_contacts_and_its_plan(store: Store) -> None:
    result = store.invitations.import_invitation(INVITATION, _choices()).value
    assert result.action is Action.CREATE
    assert (result.contacts_added, result.contacts_reused) == (2, 0)
    assert result.interview_id is not None
    interview = store.interviews.get(result.interview_id)
    assert (interview.company, interview.position) == ("Acme", "Data engineer")
    # 10:00 in Berlin on 8 December (CET, UTC+1) is 09:00 UTC.
    assert interview.start == datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
    assert interview.time_zone == "Europe/Berlin"
    assert interview.duration_minutes == 45
    assert interview.format is Format.VIDEO
    assert interview.location == "https://acme.zoom.us/j/123456789"
    assert interview.country == "DE"  # tzdata's zone.tab: Europe/Berlin is Germany's
    people = [(p.contact.name, p.contact.company, p.role) for p in interview.people]
    assert people == [
        ("Rita Recruiter", "Acme", Role.RECRUITER),
        ("Alex Interviewer", "Acme", Role.INTERVIEWER),
    ]
    assert _emails(store) == [
        ("Alex Interviewer", ("alex@acme.example",)),
        ("Rita Recruiter", ("rita@acme.example",)),
    ]
    application = store.applications.of_interview(result.interview_id)
    assert application is not None
    assert (application.company, application.position) == ("Acme", "Data engineer")
    assert application.stage is Stage.INTERVIEWING
    planned = store.steps.of_interview(result.interview_id)
    assert planned and all(step.status == StepStatus.PENDING.value for step in planned)
    look = store.invitations.look(INVITATION)
    assert look.action is Action.ALREADY
    assert look.known is not None and look.known.id == result.interview_id
    assert look.contacts == {
        "rita@acme.example": "Rita Recruiter",
        "alex@acme.example": "Alex Interviewer",
    }


def test_a_card_with_the_address_is_reused_and_the_users_own_is_left_out(store: Store) -> None:
    kept = store.contacts.create(
        ContactFields(name="Alexandra I.", emails=ways("Alex@ACME.example"))
    ).value
    profile = store.settings.profile()
    store.settings.save_profile(replace(profile, email="jordan@mail.example"))
    assert store.invitations.look(INVITATION).contacts == {"alex@acme.example": "Alexandra I."}
    everyone = (
        *_choices().people,
        PersonChoice("Jordan Doe", "JORDAN@mail.example", Role.INTERVIEWER),
    )
    result = store.invitations.import_invitation(INVITATION, _choices(people=everyone)).value
    assert (result.contacts_added, result.contacts_reused) == (1, 1)
    assert result.interview_id is not None
    interview = store.interviews.get(result.interview_id)
    assert [(p.contact.id, p.role) for p in interview.people][1] == (kept, Role.INTERVIEWER)
    assert _emails(store) == [
        ("Alexandra I.", ("Alex@acme.example",)),  # a card keeps the domain lower-cased
        ("Rita Recruiter", ("rita@acme.example",)),
    ]


def test_this_is_me_is_saved_as_the_profiles_email(store: Store) -> None:
    assert store.invitations.look(INVITATION).own_email == ""
    store.invitations.import_invitation(INVITATION, _choices(me="jordan@mail.example"))
    assert store.settings.profile().email == "jordan@mail.example"
    assert store.invitations.look(INVITATION).own_email == "jordan@mail.example"


def test_the_same_company_and_position_is_a_round_of_the_same_application(store: Store) -> None:
    applied = store.applications.create({"company": "Acme", "position": "Data engineer"}).value
    result = store.invitations.import_invitation(INVITATION, _choices()).value
    assert result.interview_id is not None
    application = store.applications.of_interview(result.interview_id)
    assert application is not None and application.id == applied


def _imported(store: Store) -> int:
    interview_id = store.invitations.import_invitation(INVITATION, _choices()).value.interview_id
    assert interview_id is not None
    return interview_id


def test_doubled_spaces_are_one_and_the_interview_joins_its_application(store: Store) -> None:
    # The second tester's: "brightwave  ANALYTICS" / "data   ENGINEER" joined the right
    # application but kept their spaces in the list, Today and the letters.
    made = store.applications.create({"company": "Acme Robotics", "position": "Data Engineer"})
    choices = _choices(
        company=" acme  ROBOTICS ", position="data \t ENGINEER", round="Final  round"
    )
    result = store.invitations.import_invitation(INVITATION, choices).value
    assert result.interview_id is not None
    interview = store.interviews.get(result.interview_id)
    assert (interview.company, interview.position, interview.round) == (
        "acme ROBOTICS",
        "data ENGINEER",
        "Final round",
    )
    application = store.applications.of_interview(result.interview_id)
    assert application is not None and application.id == made.value


def test_a_higher_sequence_reschedules_and_keeps_what_the_user_did(store: Store) -> None:
    interview_id = _imported(store)
    store.interviews.save_debrief(interview_id, {"learned": "The SQL question"})
    first = store.steps.of_interview(interview_id)[0]
    store.steps.done(first.id)
    later = replace(
        INVITATION,
        sequence=2,
        start=datetime(2026, 12, 9, 14, 30, tzinfo=BERLIN),
        duration_minutes=60,
        attendees=(ALEX, Attendee("Hana Manager", "hana@acme.example"), ME),
    )
    people = (
        *_choices().people,
        PersonChoice("Hana Manager", "hana@acme.example", Role.HIRING_MANAGER),
    )
    choices = _choices(later, people=people, location="Room 4, Acme HQ", format=Format.IN_PERSON)
    assert store.invitations.look(later).action is Action.RESCHEDULE
    result = store.invitations.import_invitation(later, choices).value
    assert (result.action, result.interview_id) == (Action.RESCHEDULE, interview_id)
    interview = store.interviews.get(interview_id)
    assert interview.start == datetime(2026, 12, 9, 13, 30, tzinfo=UTC)
    assert (interview.duration_minutes, interview.location) == (60, "Room 4, Acme HQ")
    assert interview.format is Format.IN_PERSON
    assert interview.debrief.learned == "The SQL question"
    assert store.steps.get(first.id).status == StepStatus.DONE.value
    assert [(p.contact.name, p.role) for p in interview.people] == [
        ("Rita Recruiter", Role.RECRUITER),
        ("Alex Interviewer", Role.INTERVIEWER),
        ("Hana Manager", Role.HIRING_MANAGER),
    ]
    assert len(store.contacts.all()) == 3
    assert store.invitations.look(later).known is not None
    assert store.invitations.look(later).known.sequence == 2  # type: ignore[union-attr]


@pytest.mark.parametrize("sequence", [0, -1])
def test_the_same_or_a_lower_sequence_changes_nothing(store: Store, sequence: int) -> None:
    _imported(store)
    before = store.data.export_document()
    again = replace(INVITATION, sequence=sequence, start=datetime(2027, 1, 5, 9, tzinfo=BERLIN))
    result = store.invitations.import_invitation(again, _choices(again)).value
    assert result.action is Action.ALREADY
    assert "already imported" in result.message
    # Moved without a higher SEQUENCE (the tester's finding): the file's time is named.
    assert (
        "The file gives another time, 2027-01-05 09:00 (Europe/Berlin) for 45 minutes, but not "
        f"as a newer version (its SEQUENCE {sequence} is not higher than 0)."
    ) in result.message
    assert store.data.export_document() == before


def test_the_same_file_again_names_no_other_time(store: Store) -> None:
    _imported(store)
    result = store.invitations.import_invitation(INVITATION, _choices()).value
    assert result.action is Action.ALREADY
    assert "another time" not in result.message
    longer = replace(INVITATION, duration_minutes=60)
    assert (
        "for 60 minutes"
        in store.invitations.import_invitation(longer, _choices(longer)).value.message
    )


def test_a_cancel_asks_then_closes_the_application_and_ends_the_steps(store: Store) -> None:
    interview_id = _imported(store)
    cancel = replace(INVITATION, method=Method.CANCEL, sequence=1)
    look = store.invitations.look(cancel)
    assert look.action is Action.CANCEL
    assert look.known is not None and look.known.closes_application
    before = store.data.export_document()
    with pytest.raises(RecordError, match="confirm"):
        store.invitations.import_invitation(cancel, _choices(cancel))
    assert store.data.export_document() == before
    open_before = len(store.steps.of_interview(interview_id))
    result = store.invitations.import_invitation(cancel, _choices(cancel, confirmed=True)).value
    assert (result.action, result.application_closed) == (Action.CANCEL, True)
    assert result.steps_ended == open_before
    application = store.applications.of_interview(interview_id)
    assert application is not None
    assert (application.stage, application.outcome) == (Stage.CLOSED, Outcome.CANCELLED)
    assert store.steps.of_interview(interview_id) == []  # nothing is planned after it
    # The Interviews list reads it (the tester's finding: it still said "Scheduled").
    cancelled = store.interviews.get(interview_id)
    assert (cancelled.status, cancelled.status_changed_at) == (Status.CANCELLED, NOW)


def test_a_cancel_set_back_by_hand_plans_the_steps_again(store: Store) -> None:
    # The second tester's finding: after "Scheduled" by hand the interview was live again, with
    # every step skipped by the cancel, so no thank-you and no follow-up was ever planned.
    interview_id = _imported(store)
    planned = sorted(step.key for step in store.steps.of_interview(interview_id))
    first = store.steps.of_interview(interview_id)[0]
    store.steps.done(first.id)  # what the user did stays done through it all
    cancel = replace(INVITATION, method=Method.CANCEL, sequence=1)
    store.invitations.import_invitation(cancel, _choices(cancel, confirmed=True))
    kept = store.steps.of_interview(interview_id)
    assert [(step.key, step.status) for step in kept] == [(first.key, StepStatus.DONE.value)]
    store.interviews.update(interview_id, {"status": Status.SCHEDULED.value})
    back = store.steps.of_interview(interview_id)
    assert sorted(step.key for step in back) == planned
    assert {step.status for step in back if step.key != first.key} == {StepStatus.PENDING.value}
    application = store.applications.of_interview(interview_id)
    assert application is not None and application.stage is Stage.INTERVIEWING


def test_a_cancel_of_an_earlier_round_marks_that_round_and_leaves_the_application(
    store: Store,
) -> None:
    interview_id = _imported(store)
    later_round = replace(
        INVITATION, uid="final-round@acme.example", start=datetime(2026, 12, 15, 10, tzinfo=BERLIN)
    )
    store.invitations.import_invitation(later_round, _choices(later_round, round="Final"))
    cancel = replace(INVITATION, method=Method.CANCEL, sequence=1)
    assert not store.invitations.look(cancel).known.closes_application  # type: ignore[union-attr]
    result = store.invitations.import_invitation(cancel, _choices(cancel, confirmed=True)).value
    assert (result.action, result.application_closed) == (Action.CANCEL, False)
    assert store.interviews.get(interview_id).status is Status.CANCELLED
    application = store.applications.of_interview(interview_id)
    assert application is not None and application.stage is Stage.INTERVIEWING
    again = store.invitations.import_invitation(cancel, _choices(cancel, confirmed=True)).value
    assert again.action is Action.ALREADY and "was cancelled already" in again.message


def test_a_cancel_older_than_the_reschedule_imported_changes_nothing(store: Store) -> None:
    # The tester's order: SEQUENCE 0, then a move at SEQUENCE 5, then a cancel at SEQUENCE
    # 0. RFC 5546 §2.1.5: the cancel is out of date and must not cancel the new time.
    interview_id = _imported(store)
    moved = replace(INVITATION, sequence=5, start=datetime(2026, 12, 9, 15, 0, tzinfo=BERLIN))
    store.invitations.import_invitation(moved, _choices(moved))
    stale = replace(INVITATION, method=Method.CANCEL, sequence=0)
    assert store.invitations.look(stale).action is Action.ALREADY
    before = store.data.export_document()
    result = store.invitations.import_invitation(stale, _choices(stale, confirmed=True)).value
    assert result.action is Action.ALREADY and result.interview_id == interview_id
    assert "older cancel (SEQUENCE 0)" in result.message and "(SEQUENCE 5)" in result.message
    assert store.data.export_document() == before
    same = replace(INVITATION, method=Method.CANCEL, sequence=5)
    assert store.invitations.look(same).action is Action.CANCEL


def test_a_cancel_of_an_unknown_uid_imports_nothing(store: Store) -> None:
    before = store.data.export_document()
    cancel = replace(INVITATION, method=Method.CANCEL)
    assert store.invitations.look(cancel).action is Action.CANCEL_UNKNOWN
    result = store.invitations.import_invitation(cancel, _choices(cancel, confirmed=True)).value
    assert result.action is Action.CANCEL_UNKNOWN and result.interview_id is None
    assert "nothing was imported" in result.message
    assert store.data.export_document() == before


def test_a_bad_attendee_names_itself_and_imports_nothing(store: Store) -> None:
    before = store.data.export_document()
    people = (*_choices().people, PersonChoice("Bad Address", "not an address", Role.INTERVIEWER))
    with pytest.raises(RecordError) as raised:
        store.invitations.import_invitation(INVITATION, _choices(people=people))
    assert "attendee 'Bad Address'" in str(raised.value)
    assert "Interview: Data engineer – Acme" in str(raised.value)
    assert store.data.export_document() == before
    assert store.interviews.count() == 0 and store.contacts.all() == []


def test_the_interchange_keeps_the_uid_and_sequence(store: Store) -> None:
    from afterview.store import interchange

    interview_id = _imported(store)
    document = store.data.export_document()
    assert document["format"] == "afterview/3"
    (item,) = document["interviews"]
    assert item["uid"] == "040000008200E00074C5B7101A82E008@acme.example"
    assert "sequence" not in item  # 0 is left out, as every empty value is
    item["sequence"] = 3
    store.data.import_document(interchange.parse_document(document))
    known = store.invitations.look(INVITATION).known
    assert known is not None and (known.id, known.sequence) == (interview_id, 3)
    older = {
        "format": "afterview/2",
        "interviews": [{"key": "i", "company": "C", "position": "P", "time_zone": "UTC",
                        "start": "2026-05-04T10:00", "uid": "u@x", "sequence": 3}],
    }  # fmt: skip
    with pytest.raises(RecordError, match="sequence"):
        interchange.parse_document(older)  # version 2 knows no SEQUENCE: refused by name


def test_a_reschedule_after_a_cancel_brings_the_meeting_back(store: Store) -> None:
    # The organiser cancelled, then sent the meeting again with a higher SEQUENCE: it is on.
    interview_id = _imported(store)
    planned = sorted(step.key for step in store.steps.of_interview(interview_id))
    cancel = replace(INVITATION, method=Method.CANCEL, sequence=1)
    store.invitations.import_invitation(cancel, _choices(cancel, confirmed=True))
    moved = replace(INVITATION, sequence=2, start=datetime(2026, 12, 10, 14, 0, tzinfo=BERLIN))
    assert store.invitations.look(moved).action is Action.RESCHEDULE
    result = store.invitations.import_invitation(moved, _choices(moved)).value
    assert result.action is Action.RESCHEDULE
    assert result.message.endswith("(Data engineer), no longer cancelled.")
    back = store.interviews.get(interview_id)
    assert (back.status, back.start) == (Status.SCHEDULED, datetime(2026, 12, 10, 13, tzinfo=UTC))
    steps = store.steps.of_interview(interview_id)
    assert sorted(step.key for step in steps) == planned
    assert {step.status for step in steps} == {StepStatus.PENDING.value}
    application = store.applications.of_interview(interview_id)
    assert application is not None and application.stage is Stage.INTERVIEWING


def test_a_reschedule_with_open_steps_is_not_taken_for_a_cancel(store: Store) -> None:
    interview_id = _imported(store)
    moved = replace(INVITATION, sequence=2, start=datetime(2026, 3, 20, 9, 0, tzinfo=UTC))
    result = store.invitations.import_invitation(moved, _choices(moved)).value
    assert (result.action, result.interview_id) == (Action.RESCHEDULE, interview_id)


@pytest.mark.parametrize(
    ("start", "past"),
    [
        # 45 minutes long: ended at 11:59 UTC, a minute before NOW; or at NOW itself.
        (datetime(2026, 11, 22, 12, 14, tzinfo=BERLIN), True),
        (datetime(2026, 11, 22, 12, 15, tzinfo=BERLIN), True),
        # Still going on (the second tester's finding: it was "already past").
        (datetime(2026, 11, 22, 12, 59, tzinfo=BERLIN), False),
        (datetime(2026, 11, 22, 13, 0, tzinfo=BERLIN), False),
        (datetime(2026, 12, 8, 10, 0, tzinfo=BERLIN), False),
    ],
)
def test_the_look_says_whether_the_meeting_is_past_by_the_stores_clock(
    store: Store, start: datetime, past: bool
) -> None:
    assert store.invitations.look(replace(INVITATION, start=start)).past is past
