"""Afterview on a local PostgreSQL server (Unix socket) against the same run on SQLite.

The same rows on both (``bench/pg_data.py``: built in SQLite by ``make_large_database``,
copied onto a throwaway server started by this script), read through the store's own
operations (``store.list``: the ListSource over the database's snapshots):

- the interview list filled at 10,000 interviews: the window's first screen in process
  (the ordered ids, then the rows on screen), its search index, and the whole window in a
  fresh process, from start to the list's rows painted (``bench/startup.py``'s probe, with
  ``AFTERVIEW_DATABASE`` pointing at the server): PostgreSQL <= 1.5x SQLite's;
- filter latency per keystroke at 100,000 interviews (``bench/filter.py``'s keystrokes: the
  model re-filters and reads one screenful, one page from the database): p95 <= 30 ms;
- the tray's next-due query (``store.reminders.next_due``) at 100,000 interviews (300,000
  steps), each call in its own read snapshot as the tray plans: <= 2 ms. Until the tray has
  a PostgreSQL reader of its own it is measured through ``plain_reads.ServerSnapshots`` (the
  same SQL, restated by ``to_postgres``), against the tray's ``PlainDatabase`` on SQLite;
  and the same question asked one open status at a time (``PER_STATUS``), for comparison.

Run: ``.venv/bin/python bench/pg_store.py`` (``make bench``). Sizes:
``BENCH_PG_LIST_SIZE`` (10000), ``BENCH_PG_FILTER_SIZE`` (100000); medians over
``BENCH_RUNS`` (5) rounds, the backends alternating.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from afterview.store.plain_sql import OPEN_STATUSES
from filter import SCREEN_ROWS, keystrokes, percentile
from pg_data import copy_to_server, start_cluster
from startup import AFTERVIEW, make_large_database, run_probe

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
LIST_SIZE = int(os.environ.get("BENCH_PG_LIST_SIZE", "10000"))
FILTER_SIZE = int(os.environ.get("BENCH_PG_FILTER_SIZE", "100000"))
NEXT_DUE_CALLS = 200
NEXT_DUE_BUDGET_S = 2.0
#: The open statuses (afterview.store.plain_sql.OPEN_STATUSES, a constant SQL list).
OPEN = tuple(re.findall(r"'(\w+)'", OPEN_STATUSES))
#: reminders.next_due's question, one min() per open status (see next_due_figures).
PER_STATUS = (
    "SELECT min(due) FROM ("  # noqa: S608 (constants; the statuses are bound)
    + " UNION ALL ".join(
        ["SELECT min(due) AS due FROM steps WHERE status = ? AND notified_at IS NULL"] * len(OPEN)
    )
    + ") AS each_status"
)


def median_s(measure: Callable[[], float], runs: int = RUNS) -> float:
    return statistics.median(measure() for _ in range(runs))


@contextmanager
def environment(**values: str | None) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    try:
        for key, value in values.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def first_screen_s(store: Any) -> float:
    """The ordered ids and the rows of the first screen, as the window fills the list."""
    from afterview.store.interview_list import SortKey

    started = time.perf_counter()
    ids = store.list.sorted_ids(SortKey.DATE)
    store.list.list_rows(ids[:SCREEN_ROWS])
    return time.perf_counter() - started


def search_index_s(store: Any) -> float:
    started = time.perf_counter()
    store.list.search_index()
    return time.perf_counter() - started


def window_filled_s(data_dir: Path, target: str | None) -> float:
    """A fresh window process, from start to the interview list's rows painted. Its XDG
    config folder is the data directory's (the window writes the tray's login entry there,
    not in the user's own ~/.config)."""
    config = str(data_dir / "xdg-config")
    with environment(AFTERVIEW_DATABASE=target, XDG_CONFIG_HOME=config):
        return run_probe(AFTERVIEW, data_dir, True)[1]


def list_figures(sqlite_paths: Any, server_paths: Any, server_uri: str) -> dict[str, float]:
    from afterview.store.api import open_store

    result: dict[str, float] = {}
    with open_store(sqlite_paths) as lite, open_store(server_paths) as pg:
        for name, measure in (("first_screen", first_screen_s), ("search_index", search_index_s)):
            measure(lite), measure(pg)  # warm: caches, the server's kept connection
            times: dict[str, list[float]] = {"sqlite": [], "postgresql": []}
            for _ in range(RUNS):
                times["sqlite"].append(measure(lite))
                times["postgresql"].append(measure(pg))
            lite_s, pg_s = (statistics.median(times[key]) for key in ("sqlite", "postgresql"))
            result[f"{name}_{LIST_SIZE}_sqlite_ms"] = round(lite_s * 1000, 2)
            result[f"{name}_{LIST_SIZE}_postgresql_ms"] = round(pg_s * 1000, 2)
            result[f"{name}_{LIST_SIZE}_ratio"] = round(pg_s / lite_s, 2)
    window_filled_s(sqlite_paths.data_dir, None)  # warm the file cache and the bytecode
    window_filled_s(server_paths.data_dir, server_uri)
    times = {"sqlite": [], "postgresql": []}
    for _ in range(max(3, RUNS)):
        times["sqlite"].append(window_filled_s(sqlite_paths.data_dir, None))
        times["postgresql"].append(window_filled_s(server_paths.data_dir, server_uri))
    lite_s, pg_s = (statistics.median(times[key]) for key in ("sqlite", "postgresql"))
    result[f"window_list_filled_{LIST_SIZE}_sqlite_s"] = round(lite_s, 3)
    result[f"window_list_filled_{LIST_SIZE}_postgresql_s"] = round(pg_s, 3)
    result[f"window_list_filled_{LIST_SIZE}_ratio"] = round(pg_s / lite_s, 2)
    result["list_filled_target_ratio"] = 1.5
    return result


def filter_samples(app: Any, store: Any) -> list[float]:
    """Seconds per keystroke, as bench/filter.py types them, on ``store``'s list."""
    from afterview.ui.interviews_model import InterviewsModel

    model = InterviewsModel(store.list)
    model.reload()
    started = time.perf_counter()
    while not model.index_ready and time.perf_counter() - started < 120:
        app.processEvents()
        time.sleep(0.01)
    assert model.index_ready, "the search index did not load in 120 s"
    samples: list[float] = []
    for text in keystrokes():
        started = time.perf_counter()
        model.set_filter(text, None)
        for row in range(min(SCREEN_ROWS, model.rowCount())):
            for column in range(model.columnCount()):
                model.index(row, column).data()
        samples.append(time.perf_counter() - started)
    return samples


def filter_figures(sqlite_paths: Any, server_paths: Any) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from afterview.store.api import open_store

    app = QApplication.instance() or QApplication(sys.argv[:1])
    result: dict[str, float] = {}
    for backend, where in (("sqlite", sqlite_paths), ("postgresql", server_paths)):
        with open_store(where) as store:
            samples = filter_samples(app, store)
        result[f"filter_{FILTER_SIZE}_{backend}_p50_ms"] = round(
            statistics.median(samples) * 1000, 1
        )
        result[f"filter_{FILTER_SIZE}_{backend}_p95_ms"] = round(
            percentile(samples, 0.95) * 1000, 1
        )
    result["filter_target_p95_ms"] = 30
    return result


def per_call_s(call: Callable[[], object]) -> float:
    """Mean seconds per ``call()`` over NEXT_DUE_CALLS calls, or fewer when they take over
    NEXT_DUE_BUDGET_S together (a query that scans every step)."""
    started = time.perf_counter()
    calls = 0
    while calls < NEXT_DUE_CALLS:
        call()
        calls += 1
        if calls >= 5 and time.perf_counter() - started > NEXT_DUE_BUDGET_S:
            break
    return (time.perf_counter() - started) / calls


def next_due_figures(sqlite_paths: Any, server_paths: Any) -> dict[str, float]:
    """Microseconds per next-due query, each in a snapshot of its own (what the tray does when
    it plans), and the query alone inside one snapshot."""
    from afterview.store.database import open_database
    from afterview.store.plain_database import PlainDatabase
    from afterview.store.reminders import next_due

    with PlainDatabase(sqlite_paths) as lite, open_database(server_paths) as database:
        snapshots = database.snapshots

        def lite_each() -> object:
            with lite.read() as connection:
                return next_due(connection)

        def pg_each() -> object:
            with snapshots.snapshot() as reader:
                return next_due(reader)

        def pg_per_status() -> object:
            # The same answer asked one open status at a time, so each min() is the first
            # entry of the (status, due) index: what SQLite's planner does by itself.
            with snapshots.snapshot() as reader:
                return reader.execute(PER_STATUS, OPEN).fetchone()[0]

        assert pg_each() is not None and pg_each() == pg_per_status() == lite_each()
        timings: dict[str, list[float]] = {"lite": [], "each": [], "alone": [], "per_status": []}
        for _ in range(RUNS):
            timings["lite"].append(per_call_s(lite_each))
            timings["each"].append(per_call_s(pg_each))
            with snapshots.snapshot() as reader:
                timings["alone"].append(per_call_s(lambda: next_due(reader)))
            timings["per_status"].append(per_call_s(pg_per_status))
    us = {key: statistics.median(values) * 1e6 for key, values in timings.items()}
    return {
        "next_due_steps": 3 * FILTER_SIZE,
        "next_due_sqlite_us": round(us["lite"], 1),
        "next_due_postgresql_us": round(us["each"], 1),
        "next_due_postgresql_query_only_us": round(us["alone"], 1),
        "next_due_ratio": round(us["each"] / us["lite"], 2),
        "next_due_postgresql_one_min_per_status_us": round(us["per_status"], 1),
        "next_due_target_ms": 2,
        "next_due_through": "plain_reads.ServerSnapshots (the tray has no PostgreSQL reader yet)",
    }


def main() -> None:
    from afterview import paths

    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        cluster = start_cluster(scratch)
        try:
            result["postgresql_version"] = cluster.version
            built: dict[int, tuple[Any, Any]] = {}
            for size in sorted({LIST_SIZE, FILTER_SIZE}):
                lite = scratch / f"sqlite{size}"
                started = time.perf_counter()
                make_large_database(lite, size)
                server = copy_to_server(
                    lite / "afterview.sqlite3", cluster, f"bench{size}", scratch / f"pg{size}"
                )
                result[f"built_{size}_s"] = round(time.perf_counter() - started, 1)
                built[size] = (paths.resolve(lite), server)
            result.update(list_figures(*built[LIST_SIZE], cluster.uri(f"bench{LIST_SIZE}")))
            result.update(filter_figures(*built[FILTER_SIZE]))
            result.update(next_due_figures(*built[FILTER_SIZE]))
        finally:
            cluster.stop()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
