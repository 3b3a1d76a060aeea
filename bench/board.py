"""The Board at 2,000 applications (issue 17 §2): its first paint and a drag, against the
Interviews list's first paint on the same database, measured in one run.

The database is built fast with sqlite3 on Afterview's own schema: ``BENCH_APPLICATIONS``
(default 2,000) applications spread over the five stages, one or two rounds each for those
past Applied (3,000 interviews or so), each round with its next step and due, and every
application's history entry. Open steps are not planned: the board reads the next step kept
on each round, as the list does.

Three measurements, the store already open (as in the window when the page is clicked):

- list: build the Interviews page, load it, show it, until its table has painted;
- board: build the Board, load it, show it, until all five columns have painted;
- drag: a card dropped on the next column (the view's drop handling, as at the end of a
  drag), until it is painted there (the board shows it before the write), and until the
  move is saved (the store re-plans) and the board read again; the move is undone (not
  timed) so every run moves the same card.

Medians over ``BENCH_RUNS`` (default 5), in milliseconds, and the ratios to the list's first
paint. Target: the board paints within 200 ms and a dropped card within 50 ms. Run:
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from afterview import paths
from afterview.domain.applications import Stage
from afterview.domain.text import fold
from afterview.store.api import open_store
from afterview.store.operations import Store
from afterview.ui.board_page import BoardPage
from afterview.ui.data import DataAccess
from afterview.ui.interviews_page import InterviewsPage

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
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
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("ANALYZE")
    connection.close()


class _Painted(QObject):
    """Counts the watched widgets that have painted."""

    def __init__(self, widgets: list[QWidget]) -> None:
        super().__init__()
        self.waiting = set(widgets)
        #: When the last of them first painted (time.perf_counter()).
        self.at = 0.0
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched in self.waiting:
            self.waiting.discard(watched)  # type: ignore[arg-type]
            self.at = time.perf_counter()
        return False

    def wait(self, app: QApplication) -> None:
        while self.waiting:
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
    page.close()
    page.deleteLater()
    app.processEvents()
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


def drag(app: QApplication, page: BoardPage) -> tuple[float, float]:
    """A card of Applied dropped on Interviewing (no round to contradict): seconds until it
    is painted in its new column, and until the move is saved and the board read again."""
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
    saved = time.perf_counter() - started
    painted.wait(app)
    assert page.data.store.applications.get(card.id).stage is Stage.INTERVIEWING
    assert page.undo_delete() is not None  # the same card moves in every run
    app.processEvents()
    return painted.at - started, saved


def main() -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        made = time.perf_counter()
        make_database(data_dir, APPLICATIONS)
        print(f"database: {APPLICATIONS} applications in {time.perf_counter() - made:.1f} s")
        with open_store(paths.resolve(data_dir), role="window", clock=lambda: NOW) as store:
            data = DataAccess(store)
            lists, boards, drags, saves = [], [], [], []
            for _ in range(RUNS):
                lists.append(list_paint(app, store))
                seconds, page = board_paint(app, data)
                boards.append(seconds)
                shown, saved = drag(app, page)
                drags.append(shown)
                saves.append(saved)
                page.close()
                page.deleteLater()
                app.processEvents()
            cards = sum(m.rowCount() for m in page.models.values())
    ms = {name: statistics.median(v) * 1000 for name, v in
          (("list", lists), ("board", boards), ("drag", drags), ("saved", saves))}  # fmt: skip
    print(f"cards on the board: {cards}; runs: {RUNS}")
    print(f"list first paint:            {ms['list']:7.1f} ms")
    print(f"board first paint:           {ms['board']:7.1f} ms")
    print(f"drag, drop to painted:       {ms['drag']:7.1f} ms")
    print(f"drag, drop to saved, reread: {ms['saved']:7.1f} ms")
    print(f"board / list: {ms['board'] / ms['list']:.2f}")
    print(f"drag painted / list: {ms['drag'] / ms['list']:.2f}")
    print(f"drag saved / list: {ms['saved'] / ms['list']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
