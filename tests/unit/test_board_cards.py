"""The board's cards from the store (issue 17 §2): the next step and its due, how long an
application has been quiet, its rounds, and a fixed number of queries however many cards."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from afterview import paths
from afterview.domain.applications import Stage
from afterview.domain.records import Status
from afterview.store.api import open_store
from afterview.store.operations import Store

START = datetime(2026, 11, 2, 9, tzinfo=UTC)  # a Monday
NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)


@pytest.fixture
def clock() -> list[datetime]:
    return [START]


@pytest.fixture
def store(data_dir: Path, clock: list[datetime]) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), role="window", clock=lambda: clock[0]) as opened:
        yield opened


def interview(store: Store, company: str, start: datetime, **more: Any) -> int:
    values = {"company": company, "position": "Engineer", "start": start.replace(tzinfo=None),
              "time_zone": "UTC", **more}  # fmt: skip
    created = store.interviews.create(values).value
    assert created is not None
    return created


def card(store: Store, company: str, now: datetime = NOW) -> Any:
    return next(c for c in store.board.cards(now) if c.company == company)


def test_an_application_with_no_interview_shows_its_own_follow_up(store: Store) -> None:
    store.settings.save_playbook({"home_time_zone": "UTC"})
    store.applications.create({"company": "Fabrikam", "position": "Engineer"})
    found = card(store, "Fabrikam")
    own = [s for s in store.steps.all() if s.rule == "application.follow_up"]
    assert len(own) == 1
    assert found.stage is Stage.APPLIED and found.rounds == ()
    assert found.next_due == own[0].due
    # Ten days after applying (a Monday), on a working day.
    assert timedelta(days=10) <= found.next_due - START < timedelta(days=13)
    assert found.next_due.weekday() < 5
    assert found.last_activity == START.replace(hour=12)  # the day applied, midday at home
    assert found.outcome is None


def test_quiet_since_the_last_round_that_took_place_not_one_to_come(
    store: Store, clock: list[datetime]
) -> None:
    past = datetime(2026, 11, 4, 10, tzinfo=UTC)
    coming = datetime(2026, 12, 10, 10, tzinfo=UTC)
    interview(store, "Globex", past, round="Phone screen", status="done")
    interview(store, "Globex", coming, round="Onsite")
    found = card(store, "Globex")
    assert [(r.round, r.status, r.start) for r in found.rounds] == [
        ("Phone screen", Status.DONE, past),
        ("Onsite", Status.SCHEDULED, coming),
    ]
    assert found.latest_round is not None and found.latest_round.round == "Onsite"
    assert found.stage is Stage.INTERVIEWING
    assert found.last_activity == past  # after its history's entries (START), before NOW
    assert found.next_due is not None
    # A step done later is newer activity.
    clock[0] = datetime(2026, 11, 20, 15, tzinfo=UTC)
    step = next(s for s in store.steps.all() if s.interview_id is not None)
    store.steps.done(step.id)
    assert card(store, "Globex").last_activity == clock[0]


def test_a_record_made_today_is_quiet_since_the_day_applied_not_since_it_was_made(
    store: Store, clock: list[datetime]
) -> None:
    """An import or the sample makes its applications today; the card counts from the day
    applied, or has nothing dated (a fresh tester's finding: "Active today" for weeks-old
    applications)."""
    store.settings.save_playbook({"home_time_zone": "America/New_York"})
    clock[0] = NOW
    store.applications.create({"company": "Umbrella", "position": "QA", "applied_on": START.date()})
    store.applications.create({"company": "Hooli", "position": "QA", "applied_on": None})
    # Midday of 2 November in New York (EST) is 17:00 UTC.
    assert card(store, "Umbrella").last_activity == datetime(2026, 11, 2, 17, tzinfo=UTC)
    assert card(store, "Hooli").last_activity is None
    # Moved by the user: active then.
    hooli = card(store, "Hooli").id
    store.applications.move(hooli, Stage.OFFER)
    assert card(store, "Hooli").last_activity == NOW


def test_the_next_step_is_the_earliest_among_the_rounds(store: Store) -> None:
    interview(store, "Initech", datetime(2026, 11, 10, 10, tzinfo=UTC), round="One")
    interview(store, "Initech", datetime(2026, 11, 24, 10, tzinfo=UTC), round="Two")
    found = card(store, "Initech")
    open_dues = [
        s.due
        for s in store.steps.all()
        if s.status in ("pending", "snoozed") and s.interview_id is not None
    ]
    assert found.next_due == min(open_dues)
    assert found.next_step


def test_a_moved_application_is_active_when_it_moved(store: Store, clock: list[datetime]) -> None:
    made = store.applications.create({"company": "Tailspin", "position": "QA"}).value
    assert made is not None
    clock[0] = datetime(2026, 11, 25, 8, tzinfo=UTC)
    store.applications.move(made, Stage.OFFER)
    found = card(store, "Tailspin")
    assert found.stage is Stage.OFFER
    assert found.last_activity == clock[0]


def test_the_cards_take_the_same_few_queries_for_3_or_40_applications(store: Store) -> None:
    def queries() -> int:
        engine, _server = store.engine_and_server
        seen: list[str] = []

        def count(*args: Any) -> None:
            seen.append(args[2])

        event.listen(engine, "before_cursor_execute", count)
        try:
            store.board.cards(NOW)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len([q for q in seen if q.lstrip().upper().startswith("SELECT")])

    for n in range(3):
        interview(store, f"Company {n}", START + timedelta(days=n))
    few = queries()
    for n in range(3, 40):
        interview(store, f"Company {n}", START + timedelta(days=n % 20))
        store.applications.create({"company": f"Applied {n}", "position": "X"})
    assert len(store.board.cards(NOW)) == 77
    assert queries() == few <= 5
