"""The interview list read in plain sqlite3 agrees with the store, and reads a file only when
that is safe: never creating one, never before a migration or a check is due."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from afterview import paths
from afterview.domain.records import Role, StepStatus
from afterview.store import interviews, sample
from afterview.store.database import Database, open_database
from afterview.store.errors import StoreError
from afterview.store.interview_list import ListSource, SortKey
from afterview.store.models import InterviewRow, ReferenceRow, StepRow
from afterview.store.sqlite_file import opens_cleanly

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
OPEN = (StepStatus.PENDING.value, StepStatus.SNOOZED.value)


@pytest.fixture
def db(data_dir: Path) -> Database:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        for n, company in enumerate(["Globex", "acme", "Initech", "Umbrella"]):
            person = interviews.create_contact(session, f"Person {n}")
            values = {
                "company": company,
                "position": "Engineer",
                "start": datetime(2026, 11, 10 + n, 10),
                "time_zone": "Europe/Berlin",
            }
            interviews.create_interview(session, values, [(person.id, Role.INTERVIEWER)], NOW)
    yield database  # type: ignore[misc]
    database.close()


def _due(row: StepRow) -> datetime:
    """The effective due, restated here as PRODUCT.md and the README say it (not imported):
    a snooze wins over an edited time, an edited time over the plan."""
    if row.status == "snoozed" and row.snoozed_until is not None:
        return row.snoozed_until
    return row.due_override if row.due_override is not None else row.planned_due


def _expected_next(database: Database) -> dict[int, tuple[datetime, str]]:
    """Per interview, the open step that comes first (by due, then by id: the order the
    playbook planned them in): its due instant and title."""
    found: dict[int, tuple[datetime, int, str]] = {}
    with database.read() as session:
        for row in session.scalars(select(StepRow)):
            if row.status not in OPEN or row.interview_id is None:
                continue
            candidate = (_due(row), row.id, row.title)
            known = found.get(row.interview_id)
            if known is None or candidate[:2] < known[:2]:
                found[row.interview_id] = candidate
    return {interview_id: (due, title) for interview_id, (due, _, title) in found.items()}


_STATES = st.tuples(
    st.sampled_from([s.value for s in StepStatus]),
    st.none() | st.integers(-500, 500),  # an edited due time, hours from now
    st.none() | st.integers(-500, 500),  # snoozed until, hours from now
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_next_step_columns_and_sort_agree_with_the_store(db: Database, data: st.DataObject) -> None:
    with db.write() as session:
        for row in session.scalars(select(StepRow)):
            status, override, snoozed = data.draw(_STATES)
            row.status = status
            row.due_override = None if override is None else NOW + timedelta(hours=override)
            row.snoozed_until = None if snoozed is None else NOW + timedelta(hours=snoozed)
        starts = {i.id: i.start for i in session.scalars(select(InterviewRow))}
    expected = _expected_next(db)
    source = ListSource(db.snapshots)

    # The debrief and the contact cards share their planned due: a tie, settled by id.
    rows = source.list_rows(list(starts))
    for interview_id in starts:
        row = rows[interview_id]
        if interview_id in expected:
            due, title = expected[interview_id]
            assert row.next_due == due
            assert row.next_step == title
        else:
            assert row.next_due is None and row.next_step == ""

    def key(interview_id: int) -> tuple[bool, datetime, datetime, int]:
        due = expected[interview_id][0] if interview_id in expected else NOW
        return (interview_id not in expected, due, starts[interview_id], interview_id)

    assert source.sorted_ids(SortKey.NEXT_DUE) == sorted(starts, key=key)
    descending = source.sorted_ids(SortKey.NEXT_DUE, descending=True)
    with_steps = sorted(expected, key=key, reverse=True)
    assert descending == with_steps + [i for i in sorted(starts, key=key, reverse=True)
                                       if i not in expected]  # fmt: skip
    with db.read() as session:  # the stored effective due of every step, as restated above
        for step in session.scalars(select(StepRow)):
            assert step.due == _due(step), step.key


def test_dates_come_back_in_the_interview_time_zone(db: Database) -> None:
    source = ListSource(db.snapshots)
    ids = source.sorted_ids(SortKey.DATE)
    first = source.list_rows(ids)[ids[0]]
    berlin = ZoneInfo("Europe/Berlin")  # the store reads a naive start in the interview's zone
    assert first.start == datetime(2026, 11, 10, 10, tzinfo=berlin)
    assert first.start.tzinfo == berlin and first.start.hour == 10
    assert first.company == "Globex"
    # ids beyond SQLite's limit of host parameters per statement are read in batches
    assert len(source.list_rows(ids * 400)) == len(ids)


def test_a_missing_file_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "moved-aside.sqlite3"
    with pytest.raises(sqlite3.OperationalError):
        ListSource(missing).sorted_ids(SortKey.DATE)
    assert not missing.exists()


def test_the_list_reads_but_never_writes(db: Database) -> None:
    source = ListSource(db.snapshots)
    # SQLite's query_only refuses it; so does a server's READ ONLY transaction.
    import psycopg

    refused = (sqlite3.OperationalError, StoreError, psycopg.errors.ReadOnlySqlTransaction)
    with pytest.raises(refused), source._connect() as connection:
        connection.execute("DELETE FROM interviews")
    assert len(source.sorted_ids(SortKey.DATE)) == 4


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.sqlite_only
def test_opens_cleanly_only_when_no_check_or_migration_is_due(data_dir: Path) -> None:
    where = paths.resolve(data_dir)
    assert not opens_cleanly(where.database)  # not created yet
    open_database(where).close()
    assert opens_cleanly(where.database)

    marker = where.data_dir / "running" / f"{_dead_pid()}-1"
    marker.write_text("gone")  # a process died with the file open: a full check is due
    assert not opens_cleanly(where.database)
    assert marker.exists()  # the check leaves that to open_database
    open_database(where).close()
    assert opens_cleanly(where.database)

    with sqlite3.connect(where.database) as raw:
        raw.execute("PRAGMA user_version = 0")  # an older schema: a migration is due
    raw.close()
    assert not opens_cleanly(where.database)
    where.database.write_bytes(b"not a database at all" * 10)
    assert not opens_cleanly(where.database)
    where.database.write_bytes(b"")
    assert not opens_cleanly(where.database)


def test_sample_records_are_seen_as_the_store_counts_them(db: Database) -> None:
    source = ListSource(db.snapshots)
    assert not source.has_sample()
    with db.write() as session:
        sample.add_sample(session, NOW)
    assert source.has_sample()
    with db.write() as session:
        counts = sample.remove_sample(session, NOW)
        session.add(ReferenceRow(key="r-sample", name="Sample Reference", sample=True))
    assert counts.total > 0
    assert source.has_sample()  # a sample reference alone still shows the banner
