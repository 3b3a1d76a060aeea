"""The job-search log's activities (issue 17 §5) through the store's operation, both backends:
applications sent, interviews, follow-ups done and thank-you notes sent, each with its day in
the user's home time zone, the employer, the position, the person and how they were reached,
and the result. Expected rows are written by hand from the records each test makes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import paths
from afterview.domain.applications import Outcome
from afterview.domain.job_log import Activity, ActivityKind, Reached
from afterview.domain.records import Role
from afterview.store.api import open_store
from afterview.store.errors import RecordError
from afterview.store.operations import Store
from afterview.store.values import NewPerson
from tests.hypothesis_settings import NO_EXPLAIN, examples

NEW_YORK = "America/New_York"
clock = [datetime(2026, 11, 1, 12, 0, tzinfo=UTC)]
#: When a log is made, after everything a test records.
LATER = datetime(2027, 1, 4, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    clock[0] = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    with open_store(paths.resolve(data_dir), clock=lambda: clock[0]) as opened:
        opened.settings.save_playbook({"home_time_zone": NEW_YORK})
        yield opened


def _step(store: Store, interview_id: int, kind: str) -> int:
    return next(s.id for s in store.steps.of_interview(interview_id) if s.kind == kind)


def test_each_kind_of_activity_with_its_day_person_channel_and_result(store: Store) -> None:
    store.applications.create(
        {"company": "Acme", "position": "Engineer", "applied_on": date(2026, 11, 2)}
    )
    # 03:00 in Berlin on Friday 6 November is 21:00 on Thursday 5 November in New York.
    globex = store.interviews.create(
        {
            "company": "Globex",
            "position": "Analyst",
            "round": "Second round",
            "start": datetime(2026, 11, 6, 3, 0),
            "time_zone": "Europe/Berlin",
            "format": "lunch",
        },
        [
            NewPerson("Ada Park", Role.INTERVIEWER),
            NewPerson("Bo Lee", Role.RECRUITER),
            NewPerson("Cy Referrer", Role.REFERRAL),
        ],
    ).value
    store.interviews.update(globex, {"status": "awaiting_decision"})
    # The thank-you note, written as a letter and sent by email on 7 November (New York):
    # the step is done when the letter is marked sent, a day later.
    thanks = _step(store, globex, "thank_you")
    letter = store.letters.save(
        template="thank_you_email", subject="Thank you", body="…", step_id=thanks,
        interview_id=globex,
    ).value  # fmt: skip
    clock[0] = datetime(2026, 11, 8, 15, 0, tzinfo=UTC)
    store.letters.mark_sent(
        letter, sent_at=datetime(2026, 11, 7, 18, 0, tzinfo=UTC), channel="email"
    )
    # The follow-up, done by hand at 02:00 UTC on 14 November: 13 November in New York.
    clock[0] = datetime(2026, 11, 14, 2, 0, tzinfo=UTC)
    store.steps.done(_step(store, globex, "follow_up"))

    found = store.reports.activities(date(2026, 11, 1), date(2026, 11, 30))

    assert found == [
        Activity(date(2026, 11, 2), ActivityKind.APPLIED, "Acme", "Engineer", result="applied"),
        Activity(
            date(2026, 11, 5),
            ActivityKind.INTERVIEW,
            "Globex",
            "Analyst",
            contact="Ada Park; Bo Lee",
            reached=Reached.IN_PERSON,
            result="awaiting_decision",
            detail="Second round",
        ),
        Activity(
            date(2026, 11, 7),
            ActivityKind.THANK_YOU,
            "Globex",
            "Analyst",
            contact="Ada Park",
            reached=Reached.EMAIL,
            result="done",
        ),
        Activity(
            date(2026, 11, 13),
            ActivityKind.FOLLOW_UP,
            "Globex",
            "Analyst",
            contact="Bo Lee",
            result="done",
        ),
    ]
    # Both ends are included; the day before and the day after are not.
    assert [a.kind for a in store.reports.activities(date(2026, 11, 5), date(2026, 11, 7))] == [
        ActivityKind.INTERVIEW,
        ActivityKind.THANK_YOU,
    ]
    assert store.reports.activities(date(2026, 11, 6), date(2026, 11, 6)) == []


def test_a_closed_application_shows_its_outcome_and_samples_are_left_out(store: Store) -> None:
    store.data.add_sample()
    made = store.applications.create(
        {"company": "Initech", "position": "Tester", "applied_on": date(2026, 11, 3)}
    ).value
    store.applications.close(made, Outcome.WITHDREW, "Too far")
    clock[0] = LATER  # the log is made once all of it has happened
    found = store.reports.activities(date(2000, 1, 1), date(2030, 12, 31))
    assert found == [
        Activity(
            date(2026, 11, 3),
            ActivityKind.APPLIED,
            "Initech",
            "Tester",
            result="withdrew",
            detail="Too far",
        )
    ]


def test_steps_done_by_the_records_and_skipped_steps_are_not_activities(store: Store) -> None:
    made = store.interviews.create(
        {"company": "Hooli", "position": "SRE", "start": datetime(2026, 11, 10, 9, 0),
         "time_zone": NEW_YORK, "format": "phone"},
        [NewPerson("Dee", Role.HIRING_MANAGER)],
    ).value  # fmt: skip
    store.steps.skip(_step(store, made, "thank_you"))
    clock[0] = LATER  # the log is made once all of it has happened
    found = store.reports.activities(date(2026, 11, 1), date(2026, 11, 30))
    assert [(a.kind, a.reached, a.contact) for a in found] == [
        (ActivityKind.INTERVIEW, Reached.PHONE, "Dee")
    ]


def test_a_range_that_ends_before_it_starts_is_refused_in_words(store: Store) -> None:
    with pytest.raises(RecordError, match=r"ends \(2026-11-01\) before it starts \(2026-11-02\)"):
        store.reports.activities(date(2026, 11, 2), date(2026, 11, 1))


ZONES = ("America/New_York", "Europe/Berlin", "Asia/Tokyo", "Pacific/Auckland")
START = date(2026, 10, 20)


@settings(
    max_examples=examples(12),
    deadline=None,
    phases=NO_EXPLAIN,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    applied=st.lists(st.integers(0, 20), max_size=5),
    interviews=st.lists(st.tuples(st.integers(0, 20 * 24 - 1), st.sampled_from(ZONES)), max_size=5),
    first=st.integers(0, 20),
    length=st.integers(0, 20),
    cut=st.integers(0, 20),
)
def test_every_activity_falls_on_one_day_of_the_home_zone(
    tmp_path_factory: pytest.TempPathFactory,
    applied: list[int],
    interviews: list[tuple[int, str]],
    first: int,
    length: int,
    cut: int,
) -> None:
    """A range holds exactly the applications applied on its days and the interviews that
    start on its days in New York (whatever the interview's own zone), and splitting the range
    in two splits the activities, none lost and none twice."""
    clock[0] = LATER  # every interview has taken place when the log is made
    home = ZoneInfo(NEW_YORK)
    base = datetime(2026, 10, 20, tzinfo=home)
    with open_store(paths.resolve(tmp_path_factory.mktemp("log")), clock=lambda: clock[0]) as s:
        s.settings.save_playbook({"home_time_zone": NEW_YORK})
        for number, day in enumerate(applied):
            s.applications.create(
                {"company": f"A{number}", "position": "P", "applied_on": START + timedelta(day)}
            )
        starts = []
        for number, (hour, zone) in enumerate(interviews):
            instant = (base + timedelta(hours=hour)).astimezone(UTC)
            starts.append(instant)
            local = instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
            s.interviews.create(
                {"company": f"I{number}", "position": "P", "start": local, "time_zone": zone}
            )
        low = START + timedelta(first)
        high = low + timedelta(length)
        found = s.reports.activities(low, high)
        expected_applied = sorted(
            f"A{n}" for n, d in enumerate(applied) if first <= d <= first + length
        )
        expected_interviews = sorted(
            f"I{n}" for n, at in enumerate(starts) if low <= at.astimezone(home).date() <= high
        )
        assert (
            sorted(a.company for a in found if a.kind is ActivityKind.APPLIED) == expected_applied
        )
        assert sorted(a.company for a in found if a.kind is ActivityKind.INTERVIEW) == (
            expected_interviews
        )
        assert all(low <= a.day <= high for a in found)
        middle = low + timedelta(min(cut, length))
        halves = s.reports.activities(low, middle)
        if middle < high:
            halves += s.reports.activities(middle + timedelta(1), high)
        assert halves == found


def test_a_letter_sent_outside_its_step_is_one_activity(store: Store) -> None:
    made = store.interviews.create(
        {"company": "Umbrella", "position": "Chemist", "start": datetime(2026, 11, 16, 9, 0),
         "time_zone": NEW_YORK, "format": "in_person"},
        [NewPerson("Eve Ward", Role.INTERVIEWER)],
    ).value  # fmt: skip
    eve = store.interviews.get(made).people[0].contact.id
    letter = store.letters.save(
        template="thank_you_letter", subject="Thank you", body="…", interview_id=made,
        contact_id=eve,
    ).value  # fmt: skip
    store.letters.mark_sent(
        letter, sent_at=datetime(2026, 11, 17, 15, 0, tzinfo=UTC), channel="letter"
    )
    found = store.reports.activities(date(2026, 11, 17), date(2026, 11, 17))
    assert found == [
        Activity(
            date(2026, 11, 17),
            ActivityKind.THANK_YOU,
            "Umbrella",
            "Chemist",
            contact="Eve Ward",
            reached=Reached.LETTER,
            result="sent",
        )
    ]


def test_the_application_follow_up_closed_by_its_first_interview_is_not_an_activity(
    store: Store,
) -> None:
    store.applications.create(
        {"company": "Vandelay", "position": "Importer", "applied_on": date(2026, 11, 1)}
    )
    store.interviews.create(
        {"company": "Vandelay", "position": "Importer", "start": datetime(2026, 11, 20, 9, 0),
         "time_zone": NEW_YORK, "format": "video"},
    )  # fmt: skip
    closed = [s for s in store.steps.all() if s.kind == "follow_up" and s.status == "done"]
    assert len(closed) == 1  # done by the records, not by the user
    clock[0] = LATER  # the log is made once all of it has happened
    found = store.reports.activities(date(2026, 10, 1), date(2026, 12, 31))
    assert [(a.day, a.kind) for a in found] == [
        (date(2026, 11, 1), ActivityKind.APPLIED),
        (date(2026, 11, 20), ActivityKind.INTERVIEW),
    ]


def test_what_is_still_to_come_is_not_an_activity_yet(store: Store) -> None:
    """A benefits office reads the log as what was done (a fresh tester's finding): a round
    that starts later, or a day applied in the future, is left out until it has come."""
    store.settings.save_playbook({"home_time_zone": NEW_YORK})
    store.applications.create({"company": "Soon", "position": "P", "applied_on": date(2026, 11, 2)})
    for day, company in ((1, "Today"), (2, "Tomorrow")):
        store.interviews.create(
            {"company": company, "position": "P", "start": datetime(2026, 11, day, 7, 0),
             "time_zone": NEW_YORK},
        )  # fmt: skip
    # 12:00 UTC on 1 November is 07:00 in New York (EST from that day): "Today" starts now.
    found = store.reports.activities(date(2026, 11, 1), date(2026, 11, 30))
    assert [(a.day, a.kind, a.company) for a in found] == [
        (date(2026, 11, 1), ActivityKind.INTERVIEW, "Today")
    ]
    clock[0] = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
    found = store.reports.activities(date(2026, 11, 1), date(2026, 11, 30))
    assert [a.company for a in found] == ["Today", "Soon", "Tomorrow"]
