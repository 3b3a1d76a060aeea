"""Start-up cost, as ratios against a baseline measured in the same run.

- first paint of Afterview's main window vs a bare PySide6 ``QMainWindow`` with a
  ``QTableView`` (each a fresh process, offscreen);
- the interview list filled (rows painted) with 10,000 and 100,000 interviews,
  against the same bare window's first paint; and Today filled (its cards painted) the same
  way, when Today is the page the user left open;
- opening a database of 2,000 interviews vs a bare ``sqlite3.connect`` + one query.

Targets (issues 3 and 11): first paint <= 1.3x the bare window; list filled and Today filled
at 10,000 interviews <= 2.5x. Run with ``make bench``; prints medians over several runs.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "10000,100000").split(","))

PAINT_PROBE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
            self.seen = True
            print("painted", flush=True)
            if not WAIT_FOR_LIST:
                QTimer.singleShot(0, QApplication.quit)
        return False
class ListFilled(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and rows() > 0 and not getattr(self, "seen", False):
            self.seen = True
            print("filled", rows(), flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False
app = QApplication(sys.argv[:1])
WAIT_FOR_LIST = False
rows = lambda: 0
{make_window}
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
"""
BARE = (
    "window = QMainWindow(); window.resize(1180, 760)\nwindow.setCentralWidget(QTableView(window))"
)
AFTERVIEW = """
from afterview import paths
from afterview.ui.main_window import MainWindow
where = paths.resolve(sys.argv[1])
import gc
gc.freeze()  # as afterview.ui.app.run_window does before it builds the window
from afterview.ui.main_window import window_settings
settings = window_settings(where)
TODAY = sys.argv[2] == "today"
settings.setValue("window/page", 0 if TODAY else 1)  # open on Today, or the interview list
settings.sync()
window = MainWindow(where, settings=settings)
WAIT_FOR_LIST = sys.argv[2] in ("list", "today")
filled = ListFilled()
install_page = window.replace_page
def replace_page(row, page):  # the page arrives before or with the store
    install_page(row, page)
    global rows
    if hasattr(page, "table") and not TODAY:
        rows = page.model.rowCount
        page.table.viewport().installEventFilter(filled)
    if hasattr(page, "cards") and TODAY:
        rows = lambda: len(page.cards)
        page.scroll.widget().installEventFilter(filled)
window.replace_page = replace_page
"""


def run_probe(
    make_window: str, data_dir: Path, wait_for_list: bool, page: str = "list"
) -> tuple[float, float]:
    """Seconds from starting the process to the first paint, and to the page (the interview
    list, or Today) filled."""
    # The window turns the tray's login entry on once real interviews are in: into a folder
    # of the data directory's, never the real ~/.config/autostart of whoever benchmarks.
    config = data_dir.parent / f"{data_dir.name}-xdg-config"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(config)}
    # An installed app has its bytecode compiled; measure that, not the compiler.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            PAINT_PROBE.format(make_window=make_window),
            str(data_dir),
            page if wait_for_list else "paint",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # the offscreen plugin's notes about size hints
        text=True,
        env=env,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    painted = time.perf_counter() - started
    assert line.strip() == "painted", line
    filled = painted
    if wait_for_list:
        line = child.stdout.readline()
        filled = time.perf_counter() - started
        assert line.startswith("filled"), line
    child.communicate(timeout=120)
    return painted, filled


STAMP = "%Y-%m-%d %H:%M:%S.%f"


def make_large_database(data_dir: Path, interviews: int) -> None:
    """A realistic database fast: the schema from Afterview, rows bulk-inserted with sqlite3.

    Each interview has one interviewer and three steps (debrief done, a thank-you
    and a follow-up pending), as the playbook would plan them; the derived columns (the
    folded names, each step's effective due, each interview's next step) as the store keeps
    them (afterview.store.derived).
    """
    from afterview import paths
    from afterview.domain.playbook import RULES_VERSION
    from afterview.domain.text import fold
    from afterview.store.database import open_database

    open_database(paths.resolve(data_dir)).close()
    start = datetime(2024, 1, 5, 9, 0, tzinfo=UTC)
    interview_rows, contacts, people, steps = [], [], [], []
    statuses = ("scheduled", "done", "awaiting_decision", "next_round", "rejected", "offer")
    for n in range(1, interviews + 1):
        when = start + timedelta(hours=7 * n)
        company, position, rnd = f"Company {n % 997}", f"Position {n % 89}", f"Round {n % 4}"
        thank_you = f"Thank-you note to Person {n}"
        next_due = (when + timedelta(hours=25)).strftime(STAMP)
        interview_rows.append(
            (n, f"i{n}", company, position, rnd, when.strftime(STAMP), "Europe/Berlin", 60,
             "video", "", "DE", statuses[n % len(statuses)], "", 0, fold(company),
             fold(position), fold(rnd), thank_you, fold(thank_you), next_due)
        )  # fmt: skip
        contacts.append((n, f"c{n}", f"Person {n}", "Engineer", "", f"p{n}@x.example", "", "",
                         "", 0, f"person {n}"))  # fmt: skip
        people.append((n, n, "interviewer", 0))
        for k, (kind, title, hours, status, who) in enumerate(
            (
                ("debrief", "Write the debrief", 3, "done", ""),
                ("thank_you", thank_you, 25, "pending", f":c=c{n}"),
                ("follow_up", "Follow up on your application", 24 * 7, "pending", ":1"),
            )
        ):
            due = (when + timedelta(hours=hours)).strftime(STAMP)
            steps.append(
                (3 * n + k, f"i{n}:{kind}{who}", kind, n, n if kind == "thank_you" else None,
                 title, "", 0, status, due, due, 0)
            )  # fmt: skip
    tables = {
        "interviews": (
            "id, key, company, position, round, start, time_zone, duration_minutes, format, "
            "location, country, status, decided_by, sample, company_sort, position_sort, "
            "round_sort, next_step, next_step_sort, next_due",
            interview_rows,
        ),
        "contacts": (
            "id, key, name, title, company, email, phone, address, notes, sample, sort_name",
            contacts,
        ),
        "interview_people": ("interview_id, contact_id, role, position", people),
        "steps": (
            "id, key, kind, interview_id, contact_id, title, reason, optional, status, "
            "planned_due, due, auto_done",
            steps,
        ),
    }
    connection = sqlite3.connect(data_dir / "afterview.sqlite3")
    with connection:
        for table, (columns, rows) in tables.items():
            marks = ",".join("?" * len(rows[0]))
            query = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
            connection.executemany(query, rows)
        # Planned by these rules already: the store's first open must not plan every step
        # again (at 100,000 interviews that took the bench over ten minutes of SQLAlchemy).
        connection.execute(
            "INSERT OR REPLACE INTO meta (name, value) VALUES ('plan_rules', ?)",
            (str(RULES_VERSION),),
        )
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def make_database(data_dir: Path, interviews: int) -> None:
    """A database written through Afterview's own import (slower, but the real thing)."""
    from afterview import paths
    from afterview.store import interchange
    from afterview.store.api import open_store

    start = datetime(2026, 1, 5, 9, 0)
    document = {
        "format": "afterview/1",
        "contacts": [
            {"key": f"c{n}", "name": f"Person {n}", "title": "Engineer", "email": f"p{n}@x.example"}
            for n in range(interviews)
        ],
        "interviews": [
            {
                "key": f"i{n}",
                "company": f"Company {n % 300}",
                "position": "Engineer",
                "start": (start + timedelta(days=n // 3, hours=(n % 3) * 3)).strftime(
                    "%Y-%m-%dT%H:%M"
                ),
                "time_zone": "Europe/Berlin",
                "country": "DE",
                "status": "awaiting_decision",
                "people": [{"contact": f"c{n}", "role": "interviewer"}],
            }
            for n in range(interviews)
        ],
    }
    with open_store(paths.resolve(data_dir)) as store:
        store.data.import_document(interchange.parse_document(document))


OPEN_PROBE = """
import sys, time
t = time.perf_counter()
{body}
print(time.perf_counter() - t)
"""
BARE_OPEN = (
    "import sqlite3\nc = sqlite3.connect(sys.argv[1] + '/afterview.sqlite3')\n"
    "c.execute('select count(*) from steps').fetchone()\nc.close()"
)
AFTERVIEW_OPEN = (
    "from afterview import paths\nfrom afterview.store.api import open_store\n"
    "from datetime import datetime, UTC\n"
    "store = open_store(paths.resolve(sys.argv[1]))\n"
    "store.steps.due(datetime.now(UTC))\nstore.close()"
)


def in_process_seconds(body: str, data_dir: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-c", OPEN_PROBE.format(body=body), str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(out.strip())


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def main() -> None:
    result: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        small = root / "small"
        make_database(small, 2000)
        run_probe(BARE, small, False)  # warm the file cache once for both
        bare = [run_probe(BARE, small, False)[0] for _ in range(RUNS)]
        ours = [run_probe(AFTERVIEW, small, False)[0] for _ in range(RUNS)]
        result["first_paint_bare_s"] = round(median(bare), 3)
        result["first_paint_afterview_s"] = round(median(ours), 3)
        result["first_paint_ratio"] = round(median(ours) / median(bare), 2)
        for size in SIZES:
            data = root / f"n{size}"
            make_large_database(data, size)
            run_probe(AFTERVIEW, data, True)  # warm the file cache
            runs = [run_probe(AFTERVIEW, data, True) for _ in range(max(3, RUNS // 2))]
            filled = median([f for _p, f in runs])
            result[f"list_filled_{size}_s"] = round(filled, 3)
            result[f"list_filled_{size}_ratio"] = round(filled / median(bare), 2)
            result[f"first_paint_{size}_ratio"] = round(
                median([p for p, _f in runs]) / median(bare), 2
            )
            run_probe(AFTERVIEW, data, True, "today")  # warm
            today = [run_probe(AFTERVIEW, data, True, "today") for _ in range(max(3, RUNS // 2))]
            today_filled = median([f for _p, f in today])
            result[f"today_filled_{size}_s"] = round(today_filled, 3)
            result[f"today_filled_{size}_ratio"] = round(today_filled / median(bare), 2)
        open_bare = [in_process_seconds(BARE_OPEN, small) for _ in range(RUNS)]
        open_ours = [in_process_seconds(AFTERVIEW_OPEN, small) for _ in range(RUNS)]
        result["open_2000_interviews_bare_sqlite_s"] = round(median(open_bare), 4)
        result["open_2000_interviews_afterview_s"] = round(median(open_ours), 4)
        result["open_ratio"] = round(median(open_ours) / median(open_bare), 1)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
