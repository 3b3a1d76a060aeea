"""Quiet hours hold every path that announces (finding 13 of issue 14): the start-up catch-up,
the timer, a resume from sleep, a clock jump and a "changed" message. Driven by a clock, no
sleeps: the default quiet hours are 21:00 to 08:00, in UTC here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from afterview.store.database import Database
from afterview.store.settings import save_settings
from afterview.tray.clock import FakeClock
from tests.unit.test_scheduler import Harness, add, db  # noqa: F401  (the fixture)

NIGHT = datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
MORNING = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def night(db: Database, qapp: object) -> Harness:  # noqa: F811
    h = Harness(db, FakeClock(NIGHT))
    yield h
    h.scheduler.stop()
    h.plain.close()


def overdue(db: Database) -> list[int]:  # noqa: F811
    return [add(db, f"s{n}", NIGHT - timedelta(hours=n + 2)) for n in range(3)]


def test_a_start_at_23_with_overdue_steps_waits_for_08_then_says_it_once(
    db: Database,  # noqa: F811
    night: Harness,
) -> None:
    ids = overdue(db)
    night.scheduler.start()
    assert night.shown == []
    assert night.scheduler.target == MORNING
    assert night.scheduler.due_count == 3  # the badge shows them at once
    # Every 15 minutes through the night the timer wakes it: still nothing.
    moment = NIGHT
    while moment < MORNING - timedelta(minutes=15):
        moment += timedelta(minutes=15)
        night.at(moment)
    night.at(MORNING - timedelta(seconds=1))
    assert night.shown == []
    night.at(MORNING)
    assert len(night.shown) == 1
    assert night.shown[0].summary == "3 follow-ups are overdue"
    assert sorted(night.announced()) == sorted(ids)
    for later in (1, 60, 3600):
        night.at(MORNING + timedelta(seconds=later))
    assert len(night.shown) == 1


def changed(h: Harness) -> None:
    h.scheduler.refresh()


def resumed(h: Harness) -> None:
    h.clock.jump(3 * 3600)  # asleep from 23:00 to 02:00: only the wall clock moved
    h.scheduler.resumed()


def jumped(h: Harness) -> None:
    h.clock.jump(3 * 3600)  # the same without logind: the timer's wake notices the jump
    h.scheduler.wake()


@pytest.mark.parametrize("path", [changed, resumed, jumped], ids=lambda f: f.__name__)
def test_no_other_path_announces_inside_quiet_hours(
    db: Database,  # noqa: F811
    night: Harness,
    path: Callable[[Harness], None],
) -> None:
    ids = overdue(db)
    night.scheduler.start()
    add(db, "new", night.clock.now() - timedelta(minutes=1))  # another writer, already due
    path(night)
    assert night.shown == []
    assert night.scheduler.target == MORNING
    night.at(MORNING)
    assert len(night.shown) == 1
    assert len(night.announced()) == len(ids) + 1


def test_a_step_falling_due_in_the_night_updates_the_badge_but_stays_quiet(
    db: Database,  # noqa: F811
    night: Harness,
) -> None:
    overdue(db)
    add(db, "midnight", NIGHT + timedelta(hours=1))
    night.scheduler.start()
    assert night.scheduler.due_count == 3
    night.at(NIGHT + timedelta(hours=1))
    assert night.scheduler.due_count == 4
    assert night.shown == []
    night.at(MORNING)
    assert len(night.shown) == 1 and len(night.shown[0].step_ids) == 4


def test_moving_the_quiet_hours_away_announces_at_once(
    db: Database,  # noqa: F811
    night: Harness,
) -> None:
    """What the tester saw at 00:40: the settings changed, so the hours were no longer quiet."""
    ids = overdue(db)
    night.scheduler.start()
    assert night.shown == []
    with db.write() as session:
        save_settings(session, {"quiet_hours": ["05:00", "06:00"]})
    night.scheduler.refresh()
    assert sorted(night.announced()) == sorted(ids)
