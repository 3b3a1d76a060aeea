"""Start-up cost, as ratios against a baseline measured in the same run.

- first paint of Afterview's window vs a bare PySide6 window (each a fresh process);
- opening a database of 2,000 interviews vs a bare ``sqlite3.connect`` + one query.

Run with ``make bench``; prints medians over several runs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "7"))

PAINT_PROBE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False
app = QApplication(sys.argv[:1])
{make_window}
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
"""
BARE = "window = QMainWindow(); window.resize(640, 420)"
AFTERVIEW = (
    "from afterview import paths\n"
    "from afterview.ui.app import PlaceholderWindow\n"
    "window = PlaceholderWindow(paths.resolve(sys.argv[1]))"
)


def first_paint(make_window: str, data_dir: Path) -> float:
    """Seconds from starting the process to its window's first paint event."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", PAINT_PROBE.format(make_window=make_window), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # the offscreen plugin's notes about size hints
        text=True,
        env=env,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    painted = time.perf_counter() - started
    child.communicate(timeout=60)
    assert line.strip() == "painted", line
    return painted


def make_database(data_dir: Path, interviews: int) -> None:
    from afterview import paths
    from afterview.store import interchange
    from afterview.store.database import open_database

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
    with open_database(paths.resolve(data_dir)) as db, db.write() as session:
        interchange.import_document(
            session, interchange.parse_document(document), datetime.now(UTC)
        )


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
    "from afterview import paths\nfrom afterview.store.database import open_database\n"
    "from afterview.store.steps import due_steps\nfrom datetime import datetime, UTC\n"
    "db = open_database(paths.resolve(sys.argv[1]))\n"
    "with db.read() as s: due_steps(s, datetime.now(UTC))\ndb.close()"
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
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        make_database(data, 2000)
        first_paint(BARE, data)  # warm the file cache once for both
        bare = [first_paint(BARE, data) for _ in range(RUNS)]
        ours = [first_paint(AFTERVIEW, data) for _ in range(RUNS)]
        open_bare = [in_process_seconds(BARE_OPEN, data) for _ in range(RUNS)]
        open_ours = [in_process_seconds(AFTERVIEW_OPEN, data) for _ in range(RUNS)]
    result = {
        "first_paint_bare_s": round(median(bare), 3),
        "first_paint_afterview_s": round(median(ours), 3),
        "first_paint_ratio": round(median(ours) / median(bare), 2),
        "open_2000_interviews_bare_sqlite_s": round(median(open_bare), 4),
        "open_2000_interviews_afterview_s": round(median(open_ours), 4),
        "open_ratio": round(median(open_ours) / median(open_bare), 1),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
