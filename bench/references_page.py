"""Opening the References page, at 100,000 interviews against 100, measured in one run.

The page lists only the interviews a reference is on and searches the others on demand
(issue 11, item 6), so opening it should not grow with the database. Each size gets a
database built fast with sqlite3 on Afterview's own schema: the interviews, one interviewer
card each, 30 references of which every tenth interview uses one, and a reference
("Aaron Abbot", first in the list, so the page opens on it) used on the same three
interviews at either size, with two log entries.

One measurement: the store already open (as in the window when References is clicked),
build the page, show it, and wait until the reference's interviews have been painted.
Medians over ``BENCH_RUNS`` (default 7), the sizes alternating; also the picker's search at
the large size (the newest 50, a common word, and a word nothing matches), in milliseconds.

Target: large / small <= 1.5. Run: ``.venv/bin/python bench/references_page.py``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from afterview import paths
from afterview.domain.text import fold
from afterview.store.api import open_store
from afterview.store.operations import Store
from afterview.ui.data import DataAccess
from afterview.ui.references_page import ReferencesPage

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
SMALL, LARGE = 100, int(os.environ.get("BENCH_LARGE", "100000"))
REFERENCES = 30
STAMP = "%Y-%m-%d %H:%M:%S.%f"


def _rows(
    table: str, columns: str, rows: list[tuple[object, ...]]
) -> tuple[str, list[tuple[object, ...]]]:
    marks = ",".join("?" * len(columns.split(",")))
    return f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows  # noqa: S608


def make_database(data_dir: Path, interviews: int) -> None:
    """The schema from Afterview (open_store creates it), the rows bulk-inserted."""
    open_store(paths.resolve(data_dir)).close()
    start = datetime(2024, 1, 5, 9, 0, tzinfo=UTC)
    statuses = ("scheduled", "done", "awaiting_decision", "next_round", "rejected", "offer")
    interview_rows, contacts, people, links = [], [], [], []
    for n in range(1, interviews + 1):
        when = (start + timedelta(hours=7 * n)).astimezone(UTC).replace(tzinfo=None)
        company, position = f"Company {n % 997}", f"Position {n % 89}"
        interview_rows.append(
            (n, f"i{n}", company, position, "", when.strftime(STAMP), "Europe/Berlin", 60,
             "video", "", "DE", statuses[n % len(statuses)], "", 0, fold(company),
             fold(position), "", "", "")
        )  # fmt: skip
        contacts.append(
            (n, f"c{n}", f"Person {n}", "Engineer", company, f"p{n}@x.example", "", "", "", 0,
             fold(f"Person {n}"))
        )  # fmt: skip
        people.append((n, n, "interviewer", 0))
        if n % 10 == 0:
            links.append((n, 2 + n % REFERENCES, 0))
    # Aaron is on the three oldest interviews at either size.
    links += [(n, 1, 1) for n in (1, 2, 3)]
    references = [(1, "r1", "Aaron Abbot", "Former manager", "aaron@x.example", "", 0,
                   fold("Aaron Abbot"))]  # fmt: skip
    references += [
        (r, f"r{r}", f"Reference {r:03}", "Colleague", f"r{r}@x.example", "", 0,
         fold(f"Reference {r:03}"))
        for r in range(2, REFERENCES + 2)
    ]  # fmt: skip
    told = (start + timedelta(days=1)).replace(tzinfo=None).strftime(STAMP)
    notices = [(1, "n1", 1, 1, told, "email", "Heads-up"), (2, "n2", 1, None, told, "phone", "")]
    statements = [
        _rows(
            "interviews",
            "id,key,company,position,round,start,time_zone,duration_minutes,format,location,"
            "country,status,decided_by,sample,company_sort,position_sort,round_sort,next_step,"
            "next_step_sort",
            interview_rows,
        ),
        _rows(
            "contacts",
            "id,key,name,title,company,email,phone,address,notes,sample,sort_name",
            contacts,
        ),
        _rows("interview_people", "interview_id,contact_id,role,position", people),
        _rows(
            "job_references",
            "id,key,name,relationship,email,phone,sample,sort_name",
            references,
        ),
        _rows("interview_references", "interview_id,reference_id,position", links),
        _rows("reference_notices", "id,key,reference_id,interview_id,at,channel,note", notices),
    ]
    connection = sqlite3.connect(data_dir / "afterview.sqlite3")
    with connection:
        for statement, rows in statements:
            connection.executemany(statement, rows)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("ANALYZE")
    connection.close()


class _Painted(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.seen = True
        return False


def open_page(app: QApplication, data: DataAccess) -> float:
    """Seconds from building the page to its reference's interviews painted."""
    started = time.perf_counter()
    page = ReferencesPage(data)
    painted = _Painted()
    page.editor.used_on.viewport().installEventFilter(painted)
    page.resize(1180, 760)
    page.show()
    while not painted.seen:
        app.processEvents()
    elapsed = time.perf_counter() - started
    assert page.editor.name.text() == "Aaron Abbot", page.editor.name.text()
    assert page.editor.used_on.count() == 3
    page.close()
    page.deleteLater()
    app.processEvents()
    return elapsed


def search_ms(store: Store, text: str) -> float:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        store.interviews.search(text, limit=50, exclude=[1, 2, 3])
        samples.append(time.perf_counter() - started)
    return round(statistics.median(samples) * 1000, 1)


def main() -> None:
    app = QApplication(sys.argv[:1])
    result: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        stores: dict[int, Store] = {}
        for size in (SMALL, LARGE):
            where = Path(tmp) / f"n{size}"
            make_database(where, size)
            stores[size] = open_store(paths.resolve(where), role=None)
        access = {size: DataAccess(store) for size, store in stores.items()}
        for size in (SMALL, LARGE):  # warm imports, caches and the file cache once
            open_page(app, access[size])
        times: dict[int, list[float]] = {SMALL: [], LARGE: []}
        for _ in range(RUNS):
            for size in (SMALL, LARGE):
                times[size].append(open_page(app, access[size]))
        small, large = (statistics.median(times[size]) for size in (SMALL, LARGE))
        result[f"open_{SMALL}_interviews_s"] = round(small, 4)
        result[f"open_{LARGE}_interviews_s"] = round(large, 4)
        result["open_ratio"] = round(large / small, 2)
        big = stores[LARGE]
        result[f"search_newest_{LARGE}_ms"] = search_ms(big, "")
        result[f"search_common_{LARGE}_ms"] = search_ms(big, "company 12")
        result[f"search_nothing_{LARGE}_ms"] = search_ms(big, "zzz")
        for store in stores.values():
            store.close()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
