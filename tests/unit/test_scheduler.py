"""The scheduler with an injected clock: on time, once, held in quiet hours, and nothing
lost or repeated across a suspend or a clock change."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.notify.message import Notification
from afterview.store.database import Database, open_database
from afterview.store.models import StepRow
from afterview.store.reminder_store import ReminderStore, open_tray_database
from afterview.tray.clock import FakeClock
from afterview.tray.scheduler import CAP, Scheduler

START = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    yield database
    database.close()


def add(db: Database, key: str, due: datetime) -> int:
    with db.write() as session:
        row = StepRow(
            key=key, kind="follow_up", title=f"Step {key}", status="pending", planned_due=due
        )
        session.add(row)
        session.flush()
        return row.id


class Harness:
    def __init__(self, db: Database, clock: FakeClock) -> None:
        self.clock = clock
        self.shown: list[Notification] = []
        self.plain = ReminderStore(open_tray_database(db.paths))  # the file as the tray opens it
        self.scheduler = Scheduler(self.plain, clock, self.deliver)

    def deliver(self, notification: Notification) -> str:
        self.shown.append(notification)
        return "test"

    def at(self, moment: datetime) -> None:
        """Let time pass normally until ``moment`` and wake as the timer would."""
        self.clock.advance((moment - self.clock.now()).total_seconds())
        self.scheduler.wake()

    def announced(self) -> list[int]:
        return [step for n in self.shown for step in n.step_ids]


@pytest.fixture
def harness(db: Database, qapp: object) -> Iterator[Harness]:
    h = Harness(db, FakeClock(START))
    yield h
    h.scheduler.stop()
    h.plain.close()


def test_it_sleeps_until_the_next_due_step_and_announces_it_once(
    db: Database, harness: Harness
) -> None:
    step = add(db, "a", START + timedelta(seconds=3))
    harness.scheduler.start()
    assert harness.scheduler.target == START + timedelta(seconds=3)
    assert 2_990 <= harness.scheduler.interval_ms <= 3_010
    harness.at(START + timedelta(seconds=2.999))
    assert harness.shown == []
    harness.at(START + timedelta(seconds=3))
    assert harness.announced() == [step]
    assert harness.shown[0].summary == "Follow-up due"
    for seconds in (4, 60, 3600):
        harness.at(START + timedelta(seconds=seconds))
    assert harness.announced() == [step]


def test_the_timer_is_never_armed_for_more_than_15_minutes(db: Database, harness: Harness) -> None:
    add(db, "far", START + timedelta(hours=3))
    harness.scheduler.start()
    assert harness.scheduler.interval_ms == CAP.total_seconds() * 1000
    add(db, "none", START - timedelta(days=400))  # notified below, then nothing left
    harness.scheduler.refresh()
    assert len(harness.shown) == 1


def test_steps_overdue_at_start_come_as_one_summary(db: Database, harness: Harness) -> None:
    ids = [add(db, f"s{n}", START - timedelta(hours=n + 1)) for n in range(5)]
    harness.scheduler.start()
    assert len(harness.shown) == 1
    assert harness.shown[0].summary == "5 follow-ups are overdue"
    assert sorted(harness.announced()) == sorted(ids)


def test_quiet_hours_hold_a_step_until_they_end(db: Database, harness: Harness) -> None:
    evening = datetime(2026, 11, 23, 21, 30, tzinfo=UTC)
    step = add(db, "late", evening)
    harness.scheduler.start()
    harness.at(evening)
    assert harness.shown == []
    morning = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    assert harness.scheduler.target == morning
    assert harness.scheduler.due_count == 1  # the badge counts it at once
    harness.at(morning - timedelta(seconds=1))
    assert harness.shown == []
    harness.at(morning)
    assert harness.announced() == [step]


def test_a_suspend_loses_nothing_and_repeats_nothing(db: Database, harness: Harness) -> None:
    ids = [add(db, f"s{n}", START + timedelta(minutes=10 * (n + 1))) for n in range(3)]
    late = add(db, "after", START + timedelta(hours=6))
    harness.scheduler.start()
    # Suspended for 4 hours: the wall clock moves, the monotonic clock does not.
    harness.clock.jump(4 * 3600)
    harness.scheduler.wake()
    assert harness.scheduler.jumps == 1
    assert len(harness.shown) == 1 and harness.shown[0].summary == "3 follow-ups are overdue"
    assert sorted(harness.announced()) == sorted(ids)
    # The clock is set back an hour, then forward again: nothing fires twice.
    harness.clock.jump(-3600)
    harness.scheduler.wake()
    harness.clock.jump(3600)
    harness.scheduler.wake()
    assert sorted(harness.announced()) == sorted(ids)
    harness.at(START + timedelta(hours=6))
    assert sorted(harness.announced()) == sorted([*ids, late])


def test_a_resume_signal_catches_up_at_once(db: Database, harness: Harness) -> None:
    step = add(db, "a", START + timedelta(minutes=30))
    harness.scheduler.start()
    harness.clock.jump(3600)
    harness.scheduler.resumed()
    assert harness.announced() == [step]


def test_another_writer_is_noticed_on_wake_and_a_change_message_at_once(
    data_dir: Path, db: Database, harness: Harness
) -> None:
    harness.scheduler.start()
    assert harness.scheduler.target is None
    with open_database(paths.resolve(data_dir)) as other, other.write() as session:
        session.add(
            StepRow(key="x", kind="debrief", title="X", status="pending", planned_due=START)
        )
    harness.scheduler.wake()  # the 15-minute timer: PRAGMA data_version says something changed
    assert len(harness.shown) == 1
    soon = add(db, "soon", START + timedelta(seconds=5))
    harness.scheduler.refresh()  # what a "changed" message does
    assert harness.scheduler.target == START + timedelta(seconds=5)
    harness.at(START + timedelta(seconds=5))
    assert harness.announced()[-1] == soon


def test_the_real_timer_fires_on_time(db: Database, qtbot: QtBot) -> None:
    from afterview.store.settings import save_settings
    from afterview.tray.clock import SystemClock

    with db.write() as session:  # whatever the hour where the tests run
        save_settings(session, {"quiet_hours": ["00:00", "00:00"]})
    shown: list[Notification] = []
    clock = SystemClock()
    due = clock.now() + timedelta(seconds=0.5)
    add(db, "real", due)
    plain = ReminderStore(open_tray_database(db.paths))
    scheduler = Scheduler(plain, clock, lambda n: shown.append(n) or "test")
    scheduler.start()
    with qtbot.waitSignal(scheduler.announced, timeout=10_000):
        pass
    late = (clock.now() - due).total_seconds()
    assert 0 <= late < 1.0
    scheduler.stop()
    plain.close()


def test_a_data_dir_with_uri_characters_works(tmp_path: Path, qapp: object) -> None:
    where = paths.resolve(tmp_path / "Jobs #2 100%")
    with open_database(where) as db:
        step = add(db, "a", START)
        h = Harness(db, FakeClock(START))
        h.scheduler.start()
        assert h.announced() == [step]
        h.scheduler.stop()
        h.plain.close()
