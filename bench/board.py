"""The Board at 2,000 applications (issue 17 §2): its first paint and a drag, against the
Interviews list's first paint on the same database, measured in one run.

The database is built fast with sqlite3 on Afterview's own schema: ``BENCH_APPLICATIONS``
(default 2,000) applications spread over the five stages, one or two rounds each for those
past Applied (3,000 interviews or so), each round with its next step and due, and every
application's history entry; then the store plans every step once, as a database in use has
them (7,600 steps at 2,000: the applications' own follow-ups, the rounds' steps). The same
rows are copied onto a throwaway PostgreSQL server (bench/pg_data.py's) and measured there
too; ``BENCH_BOARD_BACKENDS`` picks (``sqlite,postgresql`` by default).

Three measurements, the store already open (as in the window when the page is clicked):

- list: build the Interviews page, load it, show it, until its table has painted;
- board: build the Board, load it, show it, until all five columns have painted;
- drag: a card dropped on the next column (the view's drop handling, as at the end of a
  drag), until it is painted there (the board shows it before the write); until the move is
  saved (the store re-plans what a move can change) and its card read again; and until the
  column has painted the saved card. The move is undone (not timed) so every run moves the
  same card.

Medians over ``BENCH_RUNS`` (default 5), with the slowest and fastest run, in milliseconds,
and the ratios to the list's first paint. Targets: the board paints within 200 ms, a dropped
card within 50 ms, and is saved and shown within 100 ms (SQLite). Run:
``.venv/bin/python bench/board.py``.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

import pg_data
from afterview import paths
from afterview.domain.applications import Stage
from afterview.domain.text import fold
from afterview.store import steps
from afterview.store.api import open_store
from afterview.store.database import open_database
from afterview.store.operations import Store
from afterview.ui.board_page import BoardPage
from afterview.ui.data import DataAccess
from afterview.ui.interviews_page import InterviewsPage
from pg_data import start_cluster

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
BACKENDS = os.environ.get("BENCH_BOARD_BACKENDS", "sqlite,postgresql").split(",")
APPLICATIONS = int(os.environ.get("BENCH_APPLICATIONS", "2000"))
NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)
STAMP = "%Y-%m-%d %H:%M:%S.%f"
#: The status of each stage's latest round (Applied has none).
ROUND_STATUS = {
    Stage.INTERVIEWING: "scheduled",
    Stage.AWAITING_DECISION: "awaiting_decision",
    Stage.OFFER: "offer",
    Stage.CLOSED: "rejected",
}


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).strftime(STAMP)


def _insert(connection: sqlite3.Connection, table: str, columns: str, rows: list[tuple]) -> None:  # type: ignore[type-arg]
    marks = ",".join("?" * len(columns.split(",")))
    connection.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


def make_database(data_dir: Path, count: int) -> None:
    """The schema from Afterview (open_store creates it), the rows bulk-inserted."""
    open_store(paths.resolve(data_dir)).close()
    stages = list(Stage)
    applications, events, interviews = [], [], []
    interview_id = 0
    for n in range(1, count + 1):
        stage = stages[n % len(stages)]
        company, position = f"Company {n % 997}", f"Position {n % 89}"
        outcome = "rejected" if stage is Stage.CLOSED else None
        applied = NOW - timedelta(days=60 - n % 50)
        applications.append(
            (n, 1, f"a{n}", company, position, "", applied.date().isoformat(), "", "",
             stage.value, outcome, "", 0)
        )  # fmt: skip
        events.append((n, f"e{n}", n, _stamp(applied), stage.value, outcome, "", "created"))
        if stage is Stage.APPLIED:
            continue
        for number in range(1 + n % 2):
            interview_id += 1
            start = applied + timedelta(days=7 * (number + 1), hours=n % 9)
            status = ROUND_STATUS[stage] if number == n % 2 else "next_round"
            due = start + timedelta(days=2)
            interviews.append(
                (interview_id, f"i{interview_id}", company, position, f"Round {number + 1}",
                 _stamp(start), "Europe/Berlin", 60, "video", "", "DE", status, "", 0,
                 fold(company), fold(position), "", "Send a thank-you note",
                 fold("Send a thank-you note"), _stamp(due), n)
            )  # fmt: skip
    connection = sqlite3.connect(data_dir / "afterview.sqlite3")
    with connection:
        _insert(
            connection,
            "applications",
            "id,version,key,company,position,source,applied_on,link,posting,stage,outcome,"
            "outcome_detail,sample",
            applications,
        )
        _insert(
            connection,
            "application_events",
            "id,key,application_id,at,stage,outcome,outcome_detail,cause",
            events,
        )
        _insert(
            connection,
            "interviews",
            "id,key,company,position,round,start,time_zone,duration_minutes,format,location,"
            "country,status,decided_by,sample,company_sort,position_sort,round_sort,next_step,"
            "next_step_sort,next_due,application_id",
            interviews,
        )
    connection.close()
    database = open_database(paths.resolve(data_dir))
    try:
        with database.write() as session:
            steps.replan(session, NOW)
    finally:
        database.close()
    connection = sqlite3.connect(data_dir / "afterview.sqlite3")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("ANALYZE")
    connection.close()


#: The tables make_database fills, parents before children.
TABLES = ("applications", "application_events", "interviews", "steps")


def copy_to_server(data_dir: Path, cluster: Any, dbname: str, scratch: Path) -> Any:
    """The rows of :data:`TABLES` and every meta row from the SQLite file in ``data_dir`` in a
    new database ``dbname`` on ``cluster`` (bench/pg_data.py's copy); its Paths, ``scratch``
    for the config."""
    return pg_data.copy_to_server(
        data_dir / "afterview.sqlite3", cluster, dbname, scratch, tables=TABLES, meta=""
    )


class _Painted(QObject):
    """Notes when the watched widgets paint."""

    def __init__(self, widgets: list[QWidget]) -> None:
        super().__init__()
        self.waiting = set(widgets)
        #: When the last of them first painted (time.perf_counter()).
        self.at = 0.0
        #: Every paint of any of them (time.perf_counter()).
        self.times: list[float] = []
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.times.append(time.perf_counter())
            if watched in self.waiting:
                self.waiting.discard(watched)  # type: ignore[arg-type]
                self.at = time.perf_counter()
        return False

    def wait(self, app: QApplication) -> None:
        while self.waiting:
            app.processEvents()

    def painted_after(self, app: QApplication, moment: float) -> float:
        """When it first painted at or after ``moment``, waiting for it."""
        while not any(at >= moment for at in self.times):
            app.processEvents()
        return min(at for at in self.times if at >= moment)


def dispose(app: QApplication, widget: QWidget) -> None:
    """Close and delete ``widget`` now: a page left alive would still hear the store's
    changes and read the board again on every later run's move."""
    widget.close()
    widget.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    app.processEvents()


def list_paint(app: QApplication, store: Store) -> float:
    started = time.perf_counter()
    page = InterviewsPage(store.list)
    page.model.reload()
    painted = _Painted([page.table.viewport()])
    page.resize(1180, 760)
    page.show()
    painted.wait(app)
    elapsed = time.perf_counter() - started
    assert page.model.total > 0
    dispose(app, page)
    return elapsed


def board_paint(app: QApplication, data: DataAccess) -> tuple[float, BoardPage]:
    started = time.perf_counter()
    page = BoardPage(data, lambda: NOW)
    page.load()
    painted = _Painted([view.viewport() for view in page.views.values()])
    page.resize(1180, 760)
    page.show()
    painted.wait(app)
    return time.perf_counter() - started, page


def drag(app: QApplication, page: BoardPage) -> tuple[float, float, float]:
    """A card of Applied dropped on Interviewing (no round to contradict): seconds until it
    is painted in its new column, until the move is saved and its card read again, and
    until the column has painted after that."""
    source = page.models[Stage.APPLIED]
    card = source.card(0)
    assert card is not None
    mime = source.mimeData([source.index(0, 0)])
    target = page.views[Stage.INTERVIEWING]
    app.processEvents()
    painted = _Painted([target.viewport()])
    started = time.perf_counter()
    page.models[Stage.INTERVIEWING].dropMimeData(
        mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex()
    )
    while not page.can_undo():  # the queued drop has been handled: saved, read again
        app.processEvents()
    saved_at = time.perf_counter()
    painted.wait(app)
    shown_at = painted.painted_after(app, saved_at)
    assert page.data.store.applications.get(card.id).stage is Stage.INTERVIEWING
    shown = page.card(card.id)
    assert shown is not None and shown.stage is Stage.INTERVIEWING
    assert shown.version > card.version  # the saved card, read again
    assert page.undo_delete() is not None  # the same card moves in every run
    app.processEvents()
    return painted.at - started, saved_at - started, shown_at - started


def measure(app: QApplication, where: Any, backend: str) -> dict[str, list[float]]:
    """Every measurement, ``RUNS`` times, on the database at ``where`` (Paths)."""
    runs: dict[str, list[float]] = {name: [] for name in NAMES}
    with open_store(where, role="window", clock=lambda: NOW) as store:
        data = DataAccess(store)
        for _ in range(RUNS):
            runs["list"].append(list_paint(app, store))
            seconds, page = board_paint(app, data)
            runs["board"].append(seconds)
            shown, saved, saved_shown = drag(app, page)
            runs["drag"].append(shown)
            runs["saved"].append(saved)
            runs["saved shown"].append(saved_shown)
            cards = sum(m.rowCount() for m in page.models.values())
            dispose(app, page)
    print(f"{backend}: cards on the board: {cards}; runs: {RUNS}")
    return runs


NAMES = ("list", "board", "drag", "saved", "saved shown")
LABELS = {
    "list": "list first paint",
    "board": "board first paint",
    "drag": "drag, drop to painted",
    "saved": "drag, drop to saved, reread",
    "saved shown": "drag, drop to saved and shown",
}


def report(backend: str, runs: dict[str, list[float]]) -> None:
    ms = {name: statistics.median(values) * 1000 for name, values in runs.items()}
    print(f"{backend} (median, fastest-slowest, ms; / list's first paint):")
    for name in NAMES:
        low, high = min(runs[name]) * 1000, max(runs[name]) * 1000
        ratio = ms[name] / ms["list"]
        print(f"  {LABELS[name]:<31} {ms[name]:7.1f}  ({low:6.1f}-{high:6.1f})  {ratio:5.2f}")


def main() -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "sqlite"
        data_dir.mkdir()
        made = time.perf_counter()
        make_database(data_dir, APPLICATIONS)
        print(f"database: {APPLICATIONS} applications in {time.perf_counter() - made:.1f} s")
        results = {}
        if "sqlite" in BACKENDS:
            results["sqlite"] = measure(app, paths.resolve(data_dir), "sqlite")
        if "postgresql" in BACKENDS:
            cluster = start_cluster(Path(folder))
            try:
                scratch = Path(folder) / "pg"
                scratch.mkdir()
                where = copy_to_server(data_dir, cluster, "afterview_board", scratch)
                results["postgresql"] = measure(app, where, "postgresql")
            finally:
                cluster.stop()
    for backend, runs in results.items():
        report(backend, runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
