"""``afterview --self-test``: prove an installation works, headless, in a throwaway data dir.

Runs the same code paths a user's first day does: migrations, an interview
with two interviewers, the planned steps, a letter rendered to PDF, the
notifier chain, Qt's platform plugin. One line per check; exit status 1 when
any check fails. Used on the PyInstaller bundle and in the venv alike.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

INTERVIEW = {
    "format": "afterview/1",
    "contacts": [
        {"key": "a", "name": "Zoë Ångström", "title": "Head of Data", "email": "zoe@example.com"},
        {"key": "b", "name": "Omar O'Hara", "title": "Staff Engineer", "phone": "+1 555 0100"},
    ],
    "interviews": [
        {
            "key": "self-test",
            "company": "A&B <Labs>",
            "position": "Data Engineer",
            "start": "2026-03-06T14:00",
            "time_zone": "America/New_York",
            "country": "US",
            "status": "done",
            "people": [
                {"contact": "a", "role": "hiring_manager"},
                {"contact": "b", "role": "interviewer"},
            ],
        }
    ],
}


class Check:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.results: list[tuple[str, str | None]] = []
        self.state: dict[str, Any] = {}

    def run(self, name: str, func: Callable[[], str]) -> None:
        try:
            detail = func()
        except Exception as error:  # a self-test reports every failure and goes on
            last = traceback.extract_tb(error.__traceback__)[-1]
            where = f"{Path(last.filename).name}:{last.lineno}"
            self.results.append((name, f"{type(error).__name__}: {error} ({where})"))
            print(f"FAIL  {name}: {type(error).__name__}: {error} ({where})", flush=True)
            return
        self.results.append((name, None))
        print(f"ok    {name}" + (f": {detail}" if detail else ""), flush=True)


def _time_data() -> str:
    from zoneinfo import ZoneInfo

    import holidays

    offset = datetime(2026, 7, 1, tzinfo=ZoneInfo("Asia/Tokyo")).utcoffset()
    christmas = holidays.country_holidays("US", years=2026).get("2026-12-25")
    if christmas is None:
        raise RuntimeError("no US holidays data")
    return f"Asia/Tokyo {offset}, US {christmas}"


def _postal() -> str:
    """The bundle carries a trimmed copy of the postal rules (packaging/afterview.spec)."""
    from afterview.domain.contact_ways import PostalAddress
    from afterview.domain.postal import country_code, format_lines, problems

    chicago = PostalAddress("400 Lake Shore Dr", "Chicago", "IL", "60611", "US")
    lines = format_lines(chicago)
    if lines != ["400 Lake Shore Dr", "Chicago, IL 60611", "UNITED STATES"]:
        raise RuntimeError(f"US address printed as {lines}")
    wrong = problems(PostalAddress("Platz 1", "Tokyo", "Atlantis", "1", "JP"))
    if set(wrong) != {"region", "postal_code"} or country_code("Deutschland") != "DE":
        raise RuntimeError(f"postal checks gave {wrong}")
    return " / ".join(lines)


def _database(check: Check) -> str:
    from afterview import paths
    from afterview.store.api import open_store

    store = open_store(paths.resolve(check.data_dir))
    check.state["store"] = store
    return f"created and migrated {store.paths.database.name}"


def _plan(check: Check) -> str:
    from afterview.store.interchange_format import parse_document

    store = check.state["store"]
    store.data.import_document(parse_document(INTERVIEW))
    planned = store.steps.all()
    thank_yous = sorted(step.person or "" for step in planned if step.kind == "thank_you")
    if thank_yous != ["Omar O'Hara", "Zoë Ångström"]:
        raise RuntimeError(f"expected two thank-you steps, got {thank_yous}")
    return f"{len(planned)} steps, thank-you notes to both interviewers"


def _cards() -> str:
    from afterview.domain.cards import check_email, check_phone

    email = check_email("zoë@example.com")
    phone = check_phone("030 1234567", "DE")
    if not email.ok or not phone.ok or check_email("not an email").ok:
        raise RuntimeError(f"validation is wrong: {email}, {phone}")
    return f"email and phone checks work ({phone.value})"


#: A saved job posting in both syntaxes the reader knows: JSON-LD and microdata.
_POSTING_PAGE = b"""<!DOCTYPE html><html><head><meta charset="utf-8">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "JobPosting",
"title": "Gr\xc3\xbcnder-Assistenz", "hiringOrganization": {"name": "Zo\xc3\xab &amp; Co"},
"description": "<p>One</p><ul><li>two</li></ul><script>x()<\\/script>"}</script></head>
<body><div itemscope itemtype="https://schema.org/JobPosting"><h1 itemprop="title">Second</h1>
</div></body></html>"""


def _posting() -> str:
    from afterview.interop.job_posting import read_posting

    posting = read_posting(_POSTING_PAGE, source="the self-test's page")
    read = (posting.title, posting.company, posting.description)
    if read != ("Gründer-Assistenz", "Zoë & Co", "One\n\n• two"):
        raise RuntimeError(f"the job posting was read wrong: {read}")
    return "JSON-LD and microdata read (extruct)"


def _qt() -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    return f"Qt {__import__('PySide6').__version__}, platform {app.platformName()}"


def _letter(check: Check) -> str:
    import argparse
    import contextlib
    import io

    from afterview.letters.command import run_letter

    target = check.data_dir / "self-test-letter.pdf"
    args = argparse.Namespace(
        data_dir=str(check.data_dir),
        database=None,  # the throwaway data directory's own SQLite file
        interview="self-test",
        person="Zoë Ångström",
        template="thank_you_letter",
        pdf=str(target),
        text=False,
        mailto=False,
        date="2026-03-07",
        page_size="a4",
    )
    with contextlib.redirect_stdout(io.StringIO()):
        status = run_letter(args)
    data = target.read_bytes()
    if status != 0 or not data.startswith(b"%PDF"):
        raise RuntimeError("the letter is not a PDF")
    return f"{target.name}, {len(data):,} bytes"


def _charts() -> str:
    """The Insight page's charts draw (QtCharts and the Qt OpenGL it links): a bundle that
    left them out fails here, not when the user first opens the page."""
    from afterview.store.insight_values import Funnel, Insight
    from afterview.ui.insight_figures import figures
    from afterview.ui.insight_print import chart_png

    png = chart_png(figures(Insight(Funnel(3, 2, 1, 1)))[0])
    if not png.startswith(b"\x89PNG"):
        raise RuntimeError("the chart is not a PNG")
    return f"funnel chart, {len(png):,} bytes"


def _notifiers() -> str:
    from afterview.notify.chain import NotifierChain
    from afterview.tray.app import default_factories

    chain = NotifierChain(default_factories(lambda _notification, _action: None, None))
    backend = chain.backend  # constructs backends in order until one can work
    skipped = "; ".join(f"{name} unavailable" for name, _why in chain.failures)
    return f"using {backend}" + (f" ({skipped})" if skipped else "")


def _postgresql_driver() -> str:
    """psycopg and its libpq load (nothing connects): an installed bundle that left out a
    module the driver imports fails here, not when the user first opens a server."""
    import psycopg

    libpq = psycopg.pq.version()
    return f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}), libpq {libpq // 10000}"


def run_self_test() -> int:
    from afterview.store.write_path import NO_AUTOSTART_ENV

    # A throwaway database: its first interview must not set the user's tray to start.
    os.environ[NO_AUTOSTART_ENV] = "1"
    with tempfile.TemporaryDirectory(prefix="afterview-self-test-") as temp:
        check = Check(Path(temp))
        check.run("time zones and holidays", _time_data)
        check.run("postal addresses", _postal)
        check.run("database", lambda: _database(check))
        check.run("follow-up plan", lambda: _plan(check))
        check.run("contact cards", _cards)
        check.run("job posting", _posting)
        check.run("Qt", _qt)
        check.run("letter to PDF", lambda: _letter(check))
        check.run("charts", _charts)
        check.run("notifiers", _notifiers)
        check.run("PostgreSQL driver", _postgresql_driver)
        if "store" in check.state:
            check.state["store"].close()
    failed = [name for name, problem in check.results if problem is not None]
    print(f"{len(check.results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0
