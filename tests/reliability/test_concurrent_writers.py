"""Two OS processes writing at once for 20 s: zero "database is locked" errors.

Each writer runs read-then-write transactions (the pattern that fails with
"database is locked" when a transaction begins DEFERRED and upgrades to a write
lock later), while this process reads alongside them.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import func, select

from afterview import paths
from afterview.store.database import open_database
from afterview.store.models import ContactRow, SettingRow

from .writer import COUNTER, contact_count, is_lock_error

if TYPE_CHECKING:
    from .conftest import WriterProcess

SECONDS = float(os.environ.get("AFTERVIEW_RELIABILITY_SECONDS", "20"))
WRITERS = ("A", "B")
#: Python start-up, imports and open_database, per writer.
START_TIMEOUT_S = 60.0
#: On top of the run itself: a transaction can wait up to the 30 s busy timeout.
EXIT_GRACE_S = 45.0


def read_alongside(db_dir: Path, writers: list[WriterProcess]) -> dict[str, int]:
    """Read in this process until the writers exit; every snapshot must be consistent."""
    reads = lock_errors = other_errors = inconsistent = 0
    deadline = time.monotonic() + SECONDS + EXIT_GRACE_S
    with open_database(paths.resolve(db_dir)) as db:
        while any(w.popen.poll() is None for w in writers) and time.monotonic() < deadline:
            try:
                with db.read() as session:
                    contacts = contact_count(session)
                    counter = session.get(SettingRow, COUNTER)
                    seen = 0 if counter is None else int(json.loads(counter.value))
                reads += 1
                inconsistent += seen != contacts
            except Exception as error:
                if is_lock_error(error):
                    lock_errors += 1
                else:
                    other_errors += 1
            # Paces the reads: returns as soon as the first writer exits.
            with contextlib.suppress(subprocess.TimeoutExpired):
                writers[0].wait(timeout=0.02)
    return {
        "reads": reads,
        "lock_errors": lock_errors,
        "other_errors": other_errors,
        "inconsistent": inconsistent,
    }


@pytest.mark.slow
def test_two_processes_write_at_once_without_lock_errors(
    tmp_path: Path,
    spawn_writer: Callable[..., WriterProcess],
    reliability_figures: Callable[[str], None],
) -> None:
    data_dir = tmp_path / "data"
    # Open once first, so the schema exists before the writers start (see the report
    # about concurrent first-time opens).
    with open_database(paths.resolve(data_dir)) as db:
        assert db.report.created

    args = ["--data-dir", str(data_dir), "--mode", "concurrent", "--seconds", str(SECONDS)]
    writers = [spawn_writer(*args, "--name", name) for name in WRITERS]
    for writer in writers:
        assert writer.line(START_TIMEOUT_S) == "ready", writer.stderr()
    for writer in writers:  # the start barrier: both have the database open
        writer.send("go")

    reader = read_alongside(data_dir, writers)

    summaries: list[dict[str, Any]] = []
    for writer in writers:
        status = writer.wait(timeout=SECONDS + EXIT_GRACE_S)
        assert status == 0, f"writer exited {status}:\n{writer.stderr()}"
        line = writer.line(timeout=10)
        assert line is not None, writer.stderr()
        summaries.append(json.loads(line))

    with open_database(paths.resolve(data_dir)) as db, db.read() as session:
        rows_by_writer = {name: contact_count(session, f"{name}-") for name in WRITERS}
        total_rows = int(session.scalar(select(func.count()).select_from(ContactRow)) or 0)
        counter = session.get(SettingRow, COUNTER)
        counter_value = None if counter is None else int(json.loads(counter.value))
    connection = sqlite3.connect(data_dir / paths.DATABASE_NAME)
    try:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()

    commits = sum(s["commits"] for s in summaries)
    lock_errors = sum(s["lock_errors"] for s in summaries) + reader["lock_errors"]
    overlap = min(s["ended"] for s in summaries) - max(s["started"] for s in summaries)
    per_writer = ", ".join(f"{s['name']} {s['commits']}" for s in summaries)
    reliability_figures(
        f"concurrent writers {SECONDS:.1f} s: {len(writers)} processes, {commits} commits "
        f"({per_writer}; "
        f"{total_rows} rows found), {lock_errors} 'database is locked' errors, "
        f"{sum(s['other_errors'] for s in summaries) + reader['other_errors']} other errors; "
        f"{reader['reads']} reads alongside; "
        f"slowest write {max(s['slowest_write_s'] for s in summaries) * 1000:.0f} ms; "
        f"integrity_check {'; '.join(integrity)}"
    )

    for summary in summaries:
        assert summary["lock_errors"] == 0, summary
        assert summary["other_errors"] == 0, summary
        assert summary["inconsistent"] == 0, summary
        assert summary["commits"] > 0, summary
        assert rows_by_writer[summary["name"]] == summary["commits"], (rows_by_writer, summary)
    assert reader["lock_errors"] == 0, reader
    assert reader["other_errors"] == 0, reader
    assert reader["inconsistent"] == 0, reader
    assert reader["reads"] > 0, reader
    # They really wrote at the same time, for (nearly) the whole run.
    assert overlap > SECONDS * 0.8, overlap
    assert total_rows == commits
    assert counter_value == commits
    assert integrity == ["ok"]
