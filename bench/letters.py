"""Letters to PDF: one letter after the first, and 100 in a batch, against a bare baseline.

The baseline, measured in the same run, is the least any Qt PDF costs: a one-line
QTextDocument printed with QPdfWriter. A letter adds the records (the store's
one read of a letter's sources), the Jinja2 templates, the formal layout and its fonts.

Targets (issue 5): <= 150 ms a letter after the first; 100 letters <= 5 s.
Run: .venv/bin/python bench/letters.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "sample.json"
PEOPLE = [
    ("acme-1", "Laura Chen"),
    ("acme-1", "Omar O'Hara"),
    ("ablabs-1", "Zoë Ångström"),
    ("sakura-1", "张伟"),
]
TEMPLATES = ["thank_you_email", "thank_you_letter", "thank_you_card", "follow_up_email"]
PER_LETTER_MS = 150.0
BATCH_S = 5.0


def baseline(out: Path) -> float:
    from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

    started = time.perf_counter()
    doc = QTextDocument()
    doc.setHtml("<p>Hello</p>")
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    doc.print_(writer)
    del writer
    return time.perf_counter() - started


def main() -> int:
    from afterview import paths
    from afterview.letters.context import LetterContext
    from afterview.letters.render import ensure_gui, write_pdf
    from afterview.letters.templates import templates_for
    from afterview.store import interchange
    from afterview.store.api import open_store
    from afterview.store.values import Profile

    ensure_gui()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        where = paths.resolve(folder / "data")
        store = open_store(where)
        document = json.loads(SAMPLE.read_text(encoding="utf-8"))
        store.data.import_document(interchange.parse_document(document))
        store.settings.save_profile(Profile(name="Sam Rivera", selling_points="data pipelines"))
        templates = templates_for(where.config_dir)

        def letter(index: int) -> float:
            interview, person = PEOPLE[index % len(PEOPLE)]
            template = TEMPLATES[(index // len(PEOPLE)) % len(TEMPLATES)]
            started = time.perf_counter()
            sources = store.letters.sources_by_name(interview, person)
            context = LetterContext.of(sources, today=date(2026, 11, 21), territory="US")
            variables = context.variables()
            draft = templates.draft(template, variables)
            write_pdf(templates.to_html(draft, variables), folder / f"l{index}.pdf", "letter")
            return time.perf_counter() - started

        first = letter(0)
        base = statistics.median(baseline(folder / f"b{i}.pdf") for i in range(15))
        singles = [letter(i) for i in range(1, 21)]
        started = time.perf_counter()
        for i in range(100):
            letter(100 + i)
        batch = time.perf_counter() - started
        store.close()

    per = statistics.median(singles)
    print(f"baseline (bare one-line QTextDocument -> PDF): {base * 1000:7.1f} ms")
    print(f"first letter (cold: templates, fonts):        {first * 1000:7.1f} ms")
    print(
        f"one letter after the first (median of 20):   {per * 1000:7.1f} ms"
        f"  = {per / base:5.1f} x baseline   target <= {PER_LETTER_MS:.0f} ms"
    )
    print(
        f"100 letters in a batch:                      {batch:7.2f} s "
        f"  = {batch / (100 * base):5.1f} x baseline   target <= {BATCH_S:.0f} s"
    )
    ok = per * 1000 <= PER_LETTER_MS and batch <= BATCH_S
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
