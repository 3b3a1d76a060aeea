"""The tray's wake-up query (store.reminders.next_due) at 1,000,000 steps against 1,000.

The tray asks it after every notification and every change; it must not grow with the
number of steps a user has piled up over years, because it searches the (status, due) index
instead of scanning. Each size gets a database with Afterview's schema and steps inserted
straight through sqlite3, one in a thousand open, each with its effective due as the store
keeps it. Medians over ``BENCH_RUNS`` (default 7) rounds of 200 calls, the sizes alternating.

Target: large / small <= 2 (the index's depth grows by a level or two). Run:
``.venv/bin/python bench/next_due.py``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from afterview import paths
from afterview.store.database import open_database
from afterview.store.plain_database import PlainDatabase
from afterview.store.reminders import next_due

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
CALLS = 200
SIZES = (1_000, 1_000_000)


def make_database(data_dir: Path, steps: int) -> paths.Paths:
    where = paths.resolve(data_dir)
    open_database(where).close()
    start = datetime(2020, 1, 1)
    connection = sqlite3.connect(where.database)
    with connection:
        connection.executemany(
            "INSERT INTO steps (key, kind, title, reason, optional, status, planned_due, "
            "due, auto_done) VALUES (?, 'follow_up', 'Follow up', '', 0, ?, ?, ?, 0)",
            (
                (f"k{n}", "pending" if n % 1000 == 999 else "done", due, due)
                for n in range(steps)
                for due in [(start + timedelta(minutes=n)).strftime("%Y-%m-%d %H:%M:%S.%f")]
            ),
        )
    connection.close()
    return where


def seconds_per_call(where: paths.Paths) -> float:
    with PlainDatabase(where) as db, db.read() as connection:
        assert next_due(connection) is not None
        started = time.perf_counter()
        for _ in range(CALLS):
            next_due(connection)
        return (time.perf_counter() - started) / CALLS


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        databases = {size: make_database(Path(scratch) / str(size), size) for size in SIZES}
        timings: dict[int, list[float]] = {size: [] for size in SIZES}
        for _ in range(RUNS):
            for size in SIZES:
                timings[size].append(seconds_per_call(databases[size]))
    small, large = (statistics.median(timings[size]) for size in SIZES)
    print(
        json.dumps(
            {
                "next_due_1000_steps_us": round(small * 1e6, 1),
                "next_due_1000000_steps_us": round(large * 1e6, 1),
                "next_due_ratio": round(large / small, 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
