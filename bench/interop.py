"""vCard import and the exports, as ratios against baselines measured in the same run.

- parsing 10,000 cards with Afterview's parser vs vobject's reader on the same bytes
  (vobject keeps every property and validates less; it is the obvious alternative);
- parsing a 50 MB card (a huge PHOTO) vs reading the same file's lines with Python;
- importing 10,000 parsed cards in one transaction vs a bare executemany of the same rows
  with sqlite3;
- the .ics and .csv exports of 2,000 steps vs json.dumps of the same rows.

Run: .venv/bin/python bench/interop.py
"""

from __future__ import annotations

import io
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def best(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cards(count: int) -> bytes:
    return b"".join(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d\r\nN:%d;Person;;;\r\nEMAIL:p%d@example.com\r\n"
        b"TEL:+1 555 %04d\r\nORG:Org %d\r\nTITLE:Title\r\nNOTE:Met at the fair\\, booth %d\r\n"
        b"END:VCARD\r\n" % (n, n, n, n % 10000, n, n)
        for n in range(count)
    )


def main() -> None:
    import vobject

    from afterview import paths
    from afterview.interop.vcard import import_contacts, parse_vcards
    from afterview.store.api import open_store

    data = cards(10_000)
    ours = best(lambda: parse_vcards(data))
    theirs = best(lambda: list(vobject.readComponents(data.decode("utf-8"))), repeat=1)
    print(
        f"parse 10,000 cards: {ours * 1000:.0f} ms; vobject {theirs * 1000:.0f} ms; "
        f"ratio {ours / theirs:.2f}"
    )

    line = b"\r\n " + b"QUFB" * 18 + b"QQ"
    big = (
        b"BEGIN:VCARD\r\nFN:Big\r\nPHOTO;ENCODING=b:QUFB"
        + line * (50 * 2**20 // 78)
        + (b"\r\nEND:VCARD\r\n")
    )
    ours = best(lambda: parse_vcards(big))
    lines = best(lambda: sum(1 for _ in io.BytesIO(big)))
    print(
        f"parse a 50 MB photo card: {ours * 1000:.0f} ms; reading its lines "
        f"{lines * 1000:.0f} ms; ratio {ours / lines:.2f}"
    )

    parsed = parse_vcards(data)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(paths.resolve(Path(tmp) / "a"))
        started = time.perf_counter()
        import_contacts(store, parsed)
        ours = time.perf_counter() - started
        store.close()
        connection = sqlite3.connect(Path(tmp) / "bare.sqlite3")
        connection.execute(
            "CREATE TABLE c (key TEXT UNIQUE, name TEXT, email TEXT, phone TEXT,"
            " company TEXT, title TEXT, notes TEXT)"
        )
        started = time.perf_counter()
        with connection:
            connection.executemany(
                "INSERT INTO c VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (str(c.number), c.name, c.email, c.phone, c.company, c.title, c.notes)
                    for c in parsed.cards
                ],
            )
        bare = time.perf_counter() - started
        connection.close()
    print(
        f"import 10,000 cards in one transaction: {ours * 1000:.0f} ms; bare sqlite3 "
        f"executemany {bare * 1000:.0f} ms; ratio {ours / bare:.1f}"
    )

    export_bench()


def export_bench() -> None:
    from afterview import paths
    from afterview.interop.csv_export import store_csv
    from afterview.interop.ics import store_calendar
    from afterview.store import interchange
    from afterview.store.api import open_store

    sample = json.loads((ROOT / "tests" / "data" / "sample.json").read_text(encoding="utf-8"))
    base = sample["interviews"]
    sample["interviews"] = [
        {**interview, "key": f"{interview['key']}-{n}"} for n in range(100) for interview in base
    ]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(
            paths.resolve(Path(tmp)), clock=lambda: datetime(2026, 11, 22, tzinfo=UTC)
        )
        store.data.import_document(interchange.parse_document(sample))
        rows = store.steps.open()
        count = len(rows)
        ics = best(lambda: store_calendar(store))
        csv_time = best(lambda: store_csv(store, include_steps=True))
        bare = best(lambda: json.dumps([row.as_json() for row in rows]))
        store.close()
    print(
        f"export {count} pending steps: .ics {ics * 1000:.0f} ms, .csv with steps "
        f"{csv_time * 1000:.0f} ms; json.dumps of the steps {bare * 1000:.0f} ms; "
        f"ratios {ics / bare:.1f} and {csv_time / bare:.1f}"
    )


if __name__ == "__main__":
    main()
