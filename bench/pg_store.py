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
  steps), each call in its own read transaction through the tray's own reader
  (``plain_server.PlainServer``, psycopg alone), against the tray's ``PlainDatabase`` on
  SQLite: <= 2 ms;
- a change visible in another process (``bench/pg_change_latency.py``): p95 <= 1 s.

It ends with the table the issue's note takes (metric, SQLite, PostgreSQL, ratio, target,
met?), then every figure as JSON.

Run: ``.venv/bin/python bench/pg_store.py`` (``make bench``). Sizes:
``BENCH_PG_LIST_SIZE`` (10000), ``BENCH_PG_FILTER_SIZE`` (100000); medians over
``BENCH_RUNS`` (5) rounds, the backends alternating; ``BENCH_PG_PARTS`` picks some of
``list,filter,next_due,changes`` (all by default).
"""

from __future__ import annotations

import gc
import json
import os
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

from filter import SCREEN_ROWS, keystrokes, percentile
from pg_change_latency import latencies_s
from pg_data import copy_to_server, start_cluster
from startup import AFTERVIEW, make_large_database, run_probe

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
LIST_SIZE = int(os.environ.get("BENCH_PG_LIST_SIZE", "10000"))
FILTER_SIZE = int(os.environ.get("BENCH_PG_FILTER_SIZE", "100000"))
PARTS = os.environ.get("BENCH_PG_PARTS", "list,filter,next_due,changes").split(",")
NEXT_DUE_CALLS = 200
NEXT_DUE_BUDGET_S = 2.0
#: The issue's targets (issue 16, "Benchmarks").
LIST_RATIO, FILTER_P95_MS, NEXT_DUE_MS, CHANGE_P95_S = 1.5, 30.0, 2.0, 1.0


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
    ids = store.list.sorted_ids(SortKey.DATE, descending=True)  # the window's first order
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
    # Each PostgreSQL window against the SQLite one just before it, under the same load.
    paired = [pg / lite for lite, pg in zip(times["sqlite"], times["postgresql"], strict=True)]
    result[f"window_list_filled_{LIST_SIZE}_paired_ratio"] = round(statistics.median(paired), 2)
    for key, samples in times.items():  # each run, to tell a busy moment from the rule
        result[f"window_list_filled_{LIST_SIZE}_{key}_runs_s"] = [round(t, 3) for t in samples]
    result["list_filled_target_ratio"] = 1.5
    return result


def filter_samples(app: Any, store: Any) -> list[float]:
    """Seconds per keystroke, as bench/filter.py types them, on ``store``'s list. The model is
    destroyed afterwards: the index loader's signal would otherwise keep it, and its 100,000
    entries would slow the next backend's garbage collections."""
    from PySide6.QtCore import QCoreApplication, QEvent

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
    model.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del model
    gc.collect()
    return samples


def filter_figures(sqlite_paths: Any, server_paths: Any) -> dict[str, float]:
    """Keystroke latencies pooled over RUNS rounds, the backends taking turns to go first."""
    from PySide6.QtWidgets import QApplication

    from afterview.store.api import open_store

    app = QApplication.instance() or QApplication(sys.argv[:1])
    result: dict[str, float] = {}
    backends = [("sqlite", sqlite_paths), ("postgresql", server_paths)]
    samples: dict[str, list[float]] = {"sqlite": [], "postgresql": []}
    for _ in range(RUNS):
        for backend, where in backends:
            with open_store(where) as store:
                samples[backend] += filter_samples(app, store)
        backends.reverse()
    for backend, found in samples.items():
        result[f"filter_{FILTER_SIZE}_{backend}_keystrokes"] = len(found)
        result[f"filter_{FILTER_SIZE}_{backend}_p50_ms"] = round(statistics.median(found) * 1000, 1)
        result[f"filter_{FILTER_SIZE}_{backend}_p95_ms"] = round(percentile(found, 0.95) * 1000, 1)
    result["filter_target_p95_ms"] = FILTER_P95_MS
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


def next_due_figures(sqlite_paths: Any, server_paths: Any) -> dict[str, Any]:
    """Microseconds per next-due query, each in a read transaction of its own (what the tray
    does when it plans), through the tray's own readers on both backends."""
    from afterview.store.computer import computer_id
    from afterview.store.plain_database import PlainDatabase
    from afterview.store.plain_server import open_plain_server
    from afterview.store.reminders import next_due
    from afterview.store.server_choice import server_for

    server = server_for(server_paths)
    assert server is not None
    computer = computer_id(server_paths)
    with PlainDatabase(sqlite_paths) as lite, open_plain_server(server_paths, server) as pg:

        def lite_each() -> object:
            with lite.read() as connection:
                return next_due(connection, computer=computer)

        def pg_each() -> object:
            with pg.read() as connection:
                return next_due(connection, computer=computer)

        assert pg_each() is not None and pg_each() == lite_each()
        timings: dict[str, list[float]] = {"lite": [], "each": []}
        for _ in range(RUNS):
            timings["lite"].append(per_call_s(lite_each))
            timings["each"].append(per_call_s(pg_each))
    us = {key: statistics.median(values) * 1e6 for key, values in timings.items()}
    return {
        "next_due_steps": 3 * FILTER_SIZE,
        "next_due_sqlite_us": round(us["lite"], 1),
        "next_due_postgresql_us": round(us["each"], 1),
        "next_due_ratio": round(us["each"] / us["lite"], 2),
        "next_due_target_ms": NEXT_DUE_MS,
        "next_due_through": "the tray's readers: PlainDatabase, plain_server.PlainServer",
    }


def change_figures(cluster: Any, scratch: Path) -> dict[str, Any]:
    from pg_change_latency import CHANGES, p95

    latencies = latencies_s(cluster, scratch / "changes", CHANGES)
    return {
        "changes": len(latencies),
        "change_visible_median_ms": round(statistics.median(latencies) * 1000, 1),
        "change_visible_p95_ms": round(p95(latencies) * 1000, 1),
        "change_visible_max_ms": round(max(latencies) * 1000, 1),
        "change_visible_target_p95_s": CHANGE_P95_S,
    }


Row = tuple[str, str, str, str, str, str]


def table(result: dict[str, Any]) -> list[Row]:
    """The note's table: metric, SQLite, PostgreSQL, ratio, target, met? (for what ran)."""

    def met(ok: bool) -> str:
        return "yes" if ok else "**no**"

    rows: list[Row] = []
    n, k = LIST_SIZE, FILTER_SIZE
    if f"window_list_filled_{n}_ratio" in result:
        ratio = result[f"window_list_filled_{n}_ratio"]
        paired = result[f"window_list_filled_{n}_paired_ratio"]
        rows.append(
            (
                f"List filled, window in a fresh process, {n:,} (s)",
                f"{result[f'window_list_filled_{n}_sqlite_s']:.3f}",
                f"{result[f'window_list_filled_{n}_postgresql_s']:.3f}",
                f"{ratio:.2f}x (paired {paired:.2f}x)",
                f"<= {LIST_RATIO}x",
                met(ratio <= LIST_RATIO),
            )
        )
    parts = (("first_screen", "first screen in process"), ("search_index", "search index"))
    for name, what in parts:
        if f"{name}_{n}_ratio" in result:
            ratio = result[f"{name}_{n}_ratio"]
            first = name == "first_screen"
            rows.append(
                (
                    f"List, {what}, {n:,} (ms)",
                    f"{result[f'{name}_{n}_sqlite_ms']:.1f}",
                    f"{result[f'{name}_{n}_postgresql_ms']:.1f}",
                    f"{ratio:.2f}x",
                    f"<= {LIST_RATIO}x" if first else "",
                    met(ratio <= LIST_RATIO) if first else "",
                )
            )
    if f"filter_{k}_postgresql_p95_ms" in result:
        lite, pg = (result[f"filter_{k}_{b}_p95_ms"] for b in ("sqlite", "postgresql"))
        rows.append(
            (
                f"Filter p95 per keystroke, {k:,} (ms)",
                f"{lite:.1f}",
                f"{pg:.1f}",
                f"{pg / lite:.2f}x",
                f"<= {FILTER_P95_MS:.0f} ms",
                met(pg <= FILTER_P95_MS),
            )
        )
    if "next_due_postgresql_us" in result:
        lite, pg = result["next_due_sqlite_us"] / 1000, result["next_due_postgresql_us"] / 1000
        rows.append(
            (
                f"Tray next-due query, {3 * k:,} steps (ms)",
                f"{lite:.3f}",
                f"{pg:.3f}",
                f"{pg / lite:.1f}x",
                f"<= {NEXT_DUE_MS:.0f} ms",
                met(pg <= NEXT_DUE_MS),
            )
        )
    if "change_visible_p95_ms" in result:
        p95_ms = result["change_visible_p95_ms"]
        rows.append(
            (
                f"Change visible in another process, p95 of {result['changes']} (ms)",
                "",
                f"{p95_ms:.1f}",
                "",
                f"<= {CHANGE_P95_S * 1000:.0f} ms",
                met(p95_ms <= CHANGE_P95_S * 1000),
            )
        )
    return rows


def markdown(rows: list[Row]) -> str:
    head: Row = ("Metric", "SQLite", "PostgreSQL", "Ratio", "Target", "Met?")
    lines = [head, ("---",) * 6, *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def main() -> None:
    from afterview import paths

    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        cluster = start_cluster(scratch)
        try:
            result["postgresql_version"] = cluster.version
            built: dict[int, tuple[Any, Any]] = {}
            sizes = {LIST_SIZE} if "list" in PARTS else set()
            if {"filter", "next_due"} & set(PARTS):
                sizes.add(FILTER_SIZE)
            for size in sorted(sizes):
                lite = scratch / f"sqlite{size}"
                started = time.perf_counter()
                make_large_database(lite, size)
                server = copy_to_server(
                    lite / "afterview.sqlite3", cluster, f"bench{size}", scratch / f"pg{size}"
                )
                result[f"built_{size}_s"] = round(time.perf_counter() - started, 1)
                built[size] = (paths.resolve(lite), server)
            if "list" in PARTS:
                uri = cluster.uri(f"bench{LIST_SIZE}")
                result.update(list_figures(*built[LIST_SIZE], uri))
            if "filter" in PARTS:
                result.update(filter_figures(*built[FILTER_SIZE]))
            if "next_due" in PARTS:
                result.update(next_due_figures(*built[FILTER_SIZE]))
            if "changes" in PARTS:
                result.update(change_figures(cluster, scratch))
        finally:
            cluster.stop()
    result["runs"] = RUNS
    load = os.getloadavg()
    result["load_average_at_end"] = [round(value, 2) for value in load]
    print(f"PostgreSQL {result['postgresql_version']} on a Unix socket against SQLite, same run")
    print(f"(medians of {RUNS} rounds; load average at the end {load[0]:.1f})\n")
    print(markdown(table(result)))
    print()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
