"""Per-keystroke filter latency over 100,000 interviews (target: p95 <= 30 ms).

Each keystroke is what the window does: the interview model re-filters its
search index and the view reads the first screenful of rows (30 rows, all
columns, which fetches one page from the database). The baseline, measured
in the same run, is Qt's own C++ QSortFilterProxyModel filtering a
QStringListModel that holds the same text for each interview.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from startup import make_large_database

SIZE = int(os.environ.get("BENCH_FILTER_SIZE", "100000"))
SCREEN_ROWS = 30
TYPED = ("person 4217", "company 12", "position 8", "zzz")


def keystrokes() -> list[str]:
    """Type each query letter by letter, then delete it letter by letter."""
    texts: list[str] = []
    for word in TYPED:
        texts += [word[:n] for n in range(1, len(word) + 1)]
        texts += [word[:n] for n in range(len(word) - 1, -1, -1)]
    return texts


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
    from PySide6.QtWidgets import QApplication

    from afterview.store.interview_list import ListSource
    from afterview.ui.interviews_model import InterviewsModel

    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        started = time.perf_counter()
        make_large_database(data, SIZE)
        built = time.perf_counter() - started
        source = ListSource(data / "afterview.sqlite3")
        model = InterviewsModel(source)
        started = time.perf_counter()
        model.reload()
        loaded = time.perf_counter() - started
        # As in the window: the search index loads just after the list is shown.
        started = time.perf_counter()
        while not model.index_ready and time.perf_counter() - started < 60:
            app.processEvents()
            time.sleep(0.01)
        indexed = time.perf_counter() - started

        ours: list[float] = []
        for text in keystrokes():
            started = time.perf_counter()
            model.set_filter(text, None)
            for row in range(min(SCREEN_ROWS, model.rowCount())):
                for column in range(model.columnCount()):
                    model.index(row, column).data()
            ours.append(time.perf_counter() - started)

        index = source.search_index()
        source = QStringListModel([entry.text for entry in index.values()])
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(source)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        baseline: list[float] = []
        for text in keystrokes():
            started = time.perf_counter()
            proxy.setFilterFixedString(text)
            for row in range(min(SCREEN_ROWS, proxy.rowCount())):
                proxy.index(row, 0).data()
            baseline.append(time.perf_counter() - started)
    del app
    result = {
        "interviews": SIZE,
        "keystrokes": len(ours),
        "database_built_s": round(built, 2),
        "list_loaded_s": round(loaded, 3),
        "search_index_loaded_s_after_list": round(indexed, 3),
        "filter_p50_ms": round(statistics.median(ours) * 1000, 1),
        "filter_p95_ms": round(percentile(ours, 0.95) * 1000, 1),
        "filter_max_ms": round(max(ours) * 1000, 1),
        "qt_proxy_p50_ms": round(statistics.median(baseline) * 1000, 1),
        "qt_proxy_p95_ms": round(percentile(baseline, 0.95) * 1000, 1),
        "p95_ratio_to_qt_proxy": round(percentile(ours, 0.95) / percentile(baseline, 0.95), 2),
        "target_p95_ms": 30,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
