"""The tray's queries (plain sqlite3): the next due instant, claiming once, quiet hours, pause;
and snooze all (through the full store)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from afterview import paths
from afterview.domain.snooze import morning_after
from afterview.store import reminders, steps
from afterview.store.database import Database, open_database
from afterview.store.errors import RecordError
from afterview.store.models import InterviewRow, StepNoticeRow, StepRow
from afterview.store.plain_database import PlainDatabase
from afterview.store.reminder_store import Transactions, open_tray_database
from afterview.store.settings import autostart_choice, save_settings, set_autostart_choice
from tests.hypothesis_settings import examples

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)  # a Monday, 14:00 UTC
ZONE = "UTC"


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        session.add(
            InterviewRow(
                key="acme",
                company="Acme",
                position="Backend Engineer",
                start=NOW - timedelta(days=2),
                time_zone="America/New_York",
            )
        )
    yield database
    database.close()


@pytest.fixture
def plain(db: Database) -> Iterator[Transactions]:
    """The same database as the tray opens it (its file, or the server)."""
    database = open_tray_database(db.paths)
    yield database
    database.close()


def add(db: Database, key: str, due: datetime, **fields: object) -> int:
    with db.write() as session:
        interview = session.scalars(select(InterviewRow)).first()
        row = StepRow(
            key=key,
            kind="thank_you",
            title=f"Thank-you note to {key}",
            person=key,
            status="pending",
            planned_due=due,
            interview_id=interview.id if interview else None,
        )
        for name, value in fields.items():
            setattr(row, name, value)
        session.add(row)
        session.flush()
        if row.notified_at is not None:  # told: on every computer (issue 16's notices)
            session.add(StepNoticeRow(step_id=row.id, computer="*", notified_at=row.notified_at))
        return row.id


def test_next_due_is_the_earliest_open_step_not_yet_notified(
    db: Database, plain: Transactions
) -> None:
    with plain.read() as connection:
        assert reminders.next_due(connection) is None
    add(db, "done", NOW - timedelta(hours=5), status="done")
    add(db, "skipped", NOW - timedelta(hours=4), status="skipped")
    add(db, "told", NOW - timedelta(hours=3), notified_at=NOW - timedelta(hours=3))
    add(db, "edited", NOW + timedelta(hours=9), due_override=NOW + timedelta(hours=2))
    add(
        db,
        "snoozed",
        NOW - timedelta(hours=1),
        status="snoozed",
        snoozed_until=NOW + timedelta(hours=1),
    )
    add(db, "later", NOW + timedelta(hours=5))
    with plain.read() as connection:
        assert reminders.next_due(connection) == NOW + timedelta(hours=1)
        # The badge counts what is due, told or not.
        assert reminders.due_count(connection, NOW) == 1


def test_a_step_is_claimed_once_and_the_claim_says_what_and_for_whom(
    db: Database, plain: Transactions
) -> None:
    step = add(db, "Laura Chen", NOW - timedelta(minutes=1))
    with plain.write() as connection:
        claim = reminders.claim_due(connection, NOW, ZONE)
    assert [r.id for r in claim.reminders] == [step]
    (reminder,) = claim.reminders
    assert (reminder.company, reminder.position, reminder.person) == (
        "Acme",
        "Backend Engineer",
        "Laura Chen",
    )
    with plain.write() as connection:
        assert reminders.claim_due(connection, NOW + timedelta(hours=1), ZONE).reminders == ()
    with db.read() as session:  # as the rest of the store reads it
        row = session.get(StepRow, step)
        assert row is not None and row.notified_at == NOW
    with plain.read() as connection:
        assert reminders.next_due(connection) is None


def test_a_failed_transaction_claims_nothing(db: Database, plain: Transactions) -> None:
    add(db, "a", NOW - timedelta(minutes=1))

    def claim_then_fail() -> None:
        with plain.write() as connection:
            assert len(reminders.claim_due(connection, NOW, ZONE).reminders) == 1
            raise RuntimeError("the process died before commit")

    with pytest.raises(RuntimeError):
        claim_then_fail()
    with plain.write() as connection:
        assert len(reminders.claim_due(connection, NOW, ZONE).reminders) == 1


def test_quiet_hours_hold_notifications_until_they_end(db: Database, plain: Transactions) -> None:
    evening = datetime(2026, 11, 23, 22, 30, tzinfo=UTC)
    add(db, "late", evening - timedelta(minutes=5))
    with plain.write() as connection:
        claim = reminders.claim_due(connection, evening, ZONE)
        assert claim.reminders == ()
        assert claim.held_until == datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
        assert reminders.next_wake(connection, evening, ZONE) == claim.held_until
        morning = reminders.claim_due(connection, claim.held_until, ZONE)
        assert len(morning.reminders) == 1


def test_quiet_hours_are_read_in_the_users_zone(db: Database, plain: Transactions) -> None:
    # 02:00 UTC is 21:00 in New York: quiet there, so held until 08:00 New York time.
    at = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
    add(db, "x", at - timedelta(minutes=1))
    with plain.write() as connection:
        claim = reminders.claim_due(connection, at, "America/New_York")
    assert claim.held_until == datetime(2026, 11, 24, 8, 0, tzinfo=ZoneInfo("America/New_York"))
    with db.write() as session:
        save_settings(session, {"quiet_hours": ["00:00", "00:00"]})  # none, set in the window
    with plain.write() as connection:
        assert len(reminders.claim_due(connection, at, "America/New_York").reminders) == 1


def test_a_pause_holds_until_tomorrow_morning_and_resume_lifts_it(
    db: Database, plain: Transactions
) -> None:
    add(db, "x", NOW - timedelta(minutes=1))
    with plain.write() as connection:
        until = reminders.pause_until_morning(connection, NOW, ZONE)
        assert until == datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
        assert reminders.claim_due(connection, NOW, ZONE).held_until == until
        assert reminders.paused_until(connection, NOW) == until
        assert reminders.paused_until(connection, until) is None  # over by itself
        reminders.resume(connection)
        assert len(reminders.claim_due(connection, NOW, ZONE).reminders) == 1


def test_tomorrow_morning_at_night_is_the_coming_morning() -> None:
    night = datetime(2026, 11, 24, 1, 30, tzinfo=UTC)
    assert morning_after(night, ZONE, datetime.min.time().replace(hour=8)) == (
        datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    )


@given(
    now=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ),
    zone=st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"]),
    hour=st.integers(0, 11),
)
@settings(max_examples=examples(200), deadline=None)
def test_tomorrow_morning_is_soon_after_and_at_that_wall_time(
    now: datetime, zone: str, hour: int
) -> None:
    morning = datetime.min.time().replace(hour=hour)
    until = morning_after(now, zone, morning)
    assert now < until <= now + timedelta(hours=49)
    local = until.astimezone(ZoneInfo(zone))
    # A DST gap can move a wall time forward by the gap; never backward.
    assert local.time() >= morning


def test_snooze_all_snoozes_what_is_due_and_it_comes_back(
    db: Database, plain: Transactions
) -> None:
    # Not tied to an interview, so re-planning (which snoozing does) leaves these hand-made steps.
    loose = {"interview_id": None}
    told = add(db, "told", NOW - timedelta(hours=2), notified_at=NOW - timedelta(hours=2), **loose)
    fresh = add(db, "fresh", NOW - timedelta(minutes=1), **loose)
    later = add(db, "later", NOW + timedelta(hours=3), **loose)
    with plain.read() as connection:  # what the tray's "Snooze all" does
        due = [reminder.id for reminder in reminders.due_reminders(connection, NOW)]
    assert sorted(due) == sorted([told, fresh])
    with pytest.raises(RecordError, match=f"step {later + 999}"), db.write() as session:
        steps.snooze(session, [*due, later + 999], NOW + timedelta(hours=1), NOW)  # all or none
    with db.write() as session:  # ...and the `afterview step snooze` it runs
        assert len(steps.snooze(session, due, NOW + timedelta(hours=1), NOW)) == 2
    with db.read() as session:
        for step in (told, fresh):
            row = session.get(StepRow, step)
            assert row is not None
            assert (row.status, row.snoozed_until, row.notified_at) == (
                "snoozed",
                NOW + timedelta(hours=1),
                None,
            )
        assert session.get(StepRow, later).status == "pending"  # type: ignore[union-attr]
    with plain.read() as connection:
        assert reminders.next_due(connection) == NOW + timedelta(hours=1)
        assert reminders.due_count(connection, NOW) == 0


def test_two_trays_claiming_at_once_announce_each_step_once(data_dir: Path, db: Database) -> None:
    ids = {add(db, f"s{n}", NOW - timedelta(minutes=n)) for n in range(40)}
    claimed: list[list[int]] = []

    def claim() -> None:
        other = open_tray_database(paths.resolve(data_dir))
        try:
            with other.write() as connection:
                found = reminders.claim_due(connection, NOW, ZONE).reminders
                claimed.append([r.id for r in found])
        finally:
            other.close()

    threads = [threading.Thread(target=claim) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    everything = [step for batch in claimed for step in batch]
    assert sorted(everything) == sorted(ids)


def test_autostart_choice_is_remembered(db: Database) -> None:
    with db.write() as session:
        assert autostart_choice(session) is None
        set_autostart_choice(session, False)
        assert autostart_choice(session) is False


def _million(path: Path, pending: int = 100) -> None:
    """1,000,000 steps, ``pending`` of them open, straight through sqlite3 for speed."""
    start = datetime(2020, 1, 1)
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            "INSERT INTO steps (key, kind, title, reason, optional, status, planned_due, "
            "due, auto_done) VALUES (?, 'follow_up', 'Follow up', '', 0, ?, ?, ?, 0)",
            (
                (
                    f"k{n}",
                    "pending" if n % (1_000_000 // pending) == 0 else "done",
                    due,
                    due,  # the effective due, as the store keeps it: the plan's here
                )
                for n in range(1_000_000)
                for due in [(start + timedelta(minutes=n)).strftime("%Y-%m-%d %H:%M:%S.%f")]
            ),
        )
    connection.close()


#: next_due reads the first step of each open status (pending, snoozed) through the status
#: index, and this computer's notices of each through the notices' primary key, then takes
#: the earlier of the two: never a scan of the steps (issue 16 added the notices, and the
#: per-status form PostgreSQL also answers from the index).
PER_OPEN_STATUS = [
    "SCAN CONSTANT ROW",
    "SEARCH s USING COVERING INDEX ix_steps_status_due",
    "SEARCH n USING COVERING INDEX sqlite_autoindex_step_notices_1",
]
INDEXED = [*PER_OPEN_STATUS, *PER_OPEN_STATUS, "SEARCH firsts"]


def _plans_of_next_due(connection: sqlite3.Connection) -> list[str]:
    """How SQLite runs the statements ``next_due`` itself sends (captured as it runs them),
    one line per table access: "SEARCH steps USING INDEX ..." or "SCAN steps"."""
    sent: list[str] = []
    connection.set_trace_callback(sent.append)
    try:
        reminders.next_due(connection)
    finally:
        connection.set_trace_callback(None)
    queries = [sql for sql in sent if sql.lstrip().upper().startswith("SELECT")]
    assert queries, sent
    plans = []
    for sql in queries:
        for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}"):
            detail = row[-1]
            if detail.startswith(("SEARCH", "SCAN")):
                plans.append(detail.split(" (")[0])
    return plans


@pytest.mark.sqlite_only  # SQLite's query plan (bench/next_due.py times the server)
def test_next_due_reads_only_the_open_steps_through_the_index(
    db: Database, plain: Transactions
) -> None:
    with plain.read() as connection:
        assert _plans_of_next_due(connection) == INDEXED


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_next_due_searches_the_index_among_a_million_steps(data_dir: Path) -> None:
    """With a million steps SQLite still searches the index rather than scanning, and finds
    the earliest open one (how fast: bench/next_due.py)."""
    where = paths.resolve(data_dir)
    open_database(where).close()
    _million(where.database)
    with PlainDatabase(where) as db, db.read() as connection:
        assert _plans_of_next_due(connection) == INDEXED
        # Every 10,000th step is open; the first of them is k0, due at the start.
        assert reminders.next_due(connection) == datetime(2020, 1, 1, tzinfo=UTC)
