"""The tray's queries at their edges (afterview.store.reminders): many steps due at once, the
menu's limit, one step by id, pauses against quiet hours, "tomorrow morning" around 04:00,
and every instant handed back in UTC. Expected values are written out by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from afterview import paths
from afterview.domain.snooze import morning_after
from afterview.store import reminders
from afterview.store.database import Database, open_database
from afterview.store.plain_sql import format_instant
from afterview.store.reminder_store import Transactions, open_tray_database
from afterview.store.settings import save_settings

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)  # a Monday, 14:00 UTC
NY = "America/New_York"


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    yield database
    database.close()


@pytest.fixture
def plain(db: Database) -> Iterator[Transactions]:
    database = open_tray_database(db.paths)
    yield database
    database.close()


def _steps(db: Database, *dues: datetime) -> list[int]:
    """Open thank-you steps due at ``dues``, written straight through sqlite3 (their effective
    due, the store's ``due`` column, is the plan's: nothing snoozed or edited)."""
    plain = open_tray_database(db.paths)
    try:
        with plain.write() as connection:
            for n, due in enumerate(dues):
                connection.execute(
                    "INSERT INTO steps (key, kind, title, person, reason, optional, status, "
                    "planned_due, due, auto_done) "
                    "VALUES (?, 'thank_you', ?, ?, '', false, 'pending', ?, ?, false)",
                    (f"k{n}", f"Note {n}", f"P{n}", format_instant(due), format_instant(due)),
                )
        with plain.read() as connection:
            return [row[0] for row in connection.execute("SELECT id FROM steps ORDER BY id")]
    finally:
        plain.close()


def test_a_thousand_steps_due_at_once_are_all_claimed_once(
    db: Database, plain: Transactions
) -> None:
    ids = _steps(db, *(NOW - timedelta(seconds=n) for n in range(1200)))
    with plain.write() as connection:
        claim = reminders.claim_due(connection, NOW, "UTC")
    assert sorted(r.id for r in claim.reminders) == ids
    with plain.read() as connection:
        told = connection.execute("SELECT count(*) FROM step_notices WHERE notified_at = ?",
                                  (format_instant(NOW),)).fetchone()[0]  # fmt: skip
    assert told == 1200
    with plain.write() as connection:
        assert reminders.claim_due(connection, NOW, "UTC").reminders == ()


def test_the_menu_lists_the_earliest_due_first_up_to_its_limit(
    db: Database, plain: Transactions
) -> None:
    first, second, third, _later = _steps(
        db,
        NOW - timedelta(hours=3),
        NOW - timedelta(hours=2),
        NOW - timedelta(hours=1),
        NOW + timedelta(hours=1),
    )
    with plain.read() as connection:
        assert [r.id for r in reminders.due_reminders(connection, NOW, limit=2)] == [first, second]
        assert [r.id for r in reminders.due_reminders(connection, NOW)] == [first, second, third]


def test_one_step_by_id_for_a_notification_action(db: Database, plain: Transactions) -> None:
    (step,) = _steps(db, NOW - timedelta(hours=1))
    with plain.read() as connection:
        found = reminders.reminder(connection, step)
        assert reminders.reminder(connection, step + 1) is None
    assert found == reminders.Reminder(
        step, "thank_you", "Note 0", "P0", None, None, NOW - timedelta(hours=1)
    )


def test_a_pause_past_the_due_time_is_when_the_tray_wakes(
    db: Database, plain: Transactions
) -> None:
    _steps(db, NOW + timedelta(hours=1))
    with db.write() as session:
        save_settings(session, {"quiet_hours": ["00:00", "00:00"]})
    with plain.write() as connection:
        assert reminders.next_wake(connection, NOW, "UTC") == NOW + timedelta(hours=1)
        until = reminders.pause_until_morning(connection, NOW, "UTC")
        # No quiet hours: "tomorrow morning" is the start of the working day, 09:00.
        assert until == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
        wake = reminders.next_wake(connection, NOW, "UTC")
        assert wake == until and wake.tzinfo is UTC


def test_instants_come_back_in_utc(db: Database, plain: Transactions) -> None:
    evening = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # 21:00 in New York: quiet there
    _steps(db, evening - timedelta(minutes=1))
    with plain.write() as connection:
        held = reminders.held_until(connection, evening, NY)
        wake = reminders.next_wake(connection, evening, NY)
        until = reminders.pause_until_morning(connection, NOW, NY)
        paused = reminders.paused_until(connection, NOW)
    assert held == datetime(2026, 11, 24, 13, 0, tzinfo=UTC)  # 08:00 New York
    assert wake == held
    assert until == datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
    assert paused == until
    assert all(moment is not None and moment.tzinfo is UTC for moment in (held, wake, paused))


@pytest.mark.parametrize(
    ("now", "morning", "expected"),
    [
        # 06:00 is already the day: tomorrow morning is the next day's.
        (datetime(2026, 11, 24, 11, 0, tzinfo=UTC), time(8), datetime(2026, 11, 25, 13, 0)),
        # 04:00 sharp is the day too.
        (datetime(2026, 11, 24, 9, 0, tzinfo=UTC), time(8), datetime(2026, 11, 25, 13, 0)),
        # 03:59 is still night: the coming morning.
        (datetime(2026, 11, 24, 8, 59, tzinfo=UTC), time(8), datetime(2026, 11, 24, 13, 0)),
        # At night, after a morning that starts before 04:00: the next one.
        (datetime(2026, 11, 24, 8, 30, tzinfo=UTC), time(3), datetime(2026, 11, 25, 8, 0)),
        # 23:00 New York is already the 25th in UTC: the morning of the 25th in New York.
        (datetime(2026, 11, 25, 4, 0, tzinfo=UTC), time(8), datetime(2026, 11, 25, 13, 0)),
    ],
)
def test_tomorrow_morning_in_new_york(now: datetime, morning: time, expected: datetime) -> None:
    until = morning_after(now, NY, morning)
    assert until == expected.replace(tzinfo=UTC)
    assert until.tzinfo is UTC
