#!/usr/bin/env python3
"""A PNG of every page, tab and dialog of the main window, at 800×600 and 1440×900, in a light
and a dark palette: ``page-size-scheme.png`` in the folder given (``shots/`` by default). Also
the board's close-with-outcome dialog, the previews of issue 18's imports, and the pages of a
job-search log of two months (``report-log-page-N.png``, through pdftoppm, as a benefits
office would see them printed).

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/shoot_every_page.py [FOLDER]

The window opens on a temporary data folder with the sample data and a few records with long
names; the stops are found by walking the window as the small-window test does
(tests/ui/tour.py), so a new page or dialog is photographed without editing this file.
Exits 2 with one sentence when it cannot run (no display, a folder it cannot write).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.ui.tour, shared with the small-window test

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402
from tests.desktop.window.shoot_pages import dark_palette, settled  # noqa: E402
from tests.ui.test_small_window import LONG  # noqa: E402
from tests.ui.tour import Tour  # noqa: E402

from afterview import paths  # noqa: E402
from afterview.letters.job_log_pdf import JobLog, write_log_pdf  # noqa: E402
from afterview.store import interchange  # noqa: E402
from afterview.store.api import open_store  # noqa: E402
from afterview.store.values import Profile  # noqa: E402
from afterview.ui.close_dialog import CloseDialog  # noqa: E402
from afterview.ui.main_window import BOARD, PAGES, MainWindow  # noqa: E402
from afterview.ui.palette import palette_for  # noqa: E402
from afterview.ui.translation import install_translators  # noqa: E402

SIZES = ((800, 600), (1440, 900))
SCHEMES = ("light", "dark")


def palette(scheme: str) -> QPalette:
    """As the app makes it (afterview.ui.palette) from what a light or a dark desktop gives."""
    if scheme == "dark":
        return palette_for(Qt.ColorScheme.Dark, dark_palette())
    return palette_for(Qt.ColorScheme.Light, QApplication.style().standardPalette())


def shoot(app: QApplication, out: Path, size: tuple[int, int], scheme: str) -> list[str]:
    """Every stop at ``size`` in ``scheme``; the names of the files written."""
    width, height = size
    written: list[str] = []
    with tempfile.TemporaryDirectory(prefix="afterview-shots-") as folder:
        data_dir = paths.resolve(Path(folder) / "data")
        now = datetime.now(UTC)
        with open_store(data_dir, role="window", clock=lambda: now) as store:
            store.data.import_document(interchange.parse_document(LONG))
        window = MainWindow(data_dir)
        window.resize(width, height)
        window.show()
        if not window.load() or window.workspace is None:
            raise RuntimeError("the window could not open its data")
        window.workspace.add_sample()

        def visit(name: str, top: QWidget) -> None:
            if top is not window:
                wanted = top.size().expandedTo(top.sizeHint())
                top.resize(min(wanted.width(), width), min(wanted.height(), height))
            file = out / f"{name}-{width}x{height}-{scheme}.png"
            settled(app, top).save(str(file))
            written.append(file.name)

        def settle(top: QWidget) -> None:
            settled(app, top)

        tour = Tour(window, visit, settle, prefer="Northwind")
        tour.pages(window.show_page, [name for _text, name in PAGES])
        visit_close_dialog(window, visit)
        visit_previews(window, visit)
        window.close()
        window.deleteLater()
        app.processEvents()
    return written


def visit_close_dialog(window: MainWindow, visit: Callable[[str, QWidget], None]) -> None:
    """The dialog a card moved to Closed asks with (issue 17 §3), for the first card."""
    window.show_page(BOARD)
    board = window.pages[BOARD]
    workspace = window.workspace
    assert workspace is not None
    first = workspace.data.store.applications.items()[0]
    card = board.card(first.id)
    if card is None:
        raise RuntimeError("the board shows no card for the first application")
    dialog = CloseDialog(card, window)
    dialog.show()
    visit("dialog-board-close", dialog)
    dialog.reject()
    dialog.deleteLater()


#: Issue 18's previews, each on a file of the tests' own: (name, file, File ▸ Import's action).
PREVIEWS = (
    ("preview-invitation", "ics/outlook-windows-zone.ics", "import_invitation"),
    ("preview-email", "signatures/20-multipart-alt.eml", "import_email"),
    ("preview-posting", "postings/german.html", "import_posting"),
)


def visit_previews(window: MainWindow, visit: Callable[[str, QWidget], None]) -> None:
    """The preview each import shows before it saves (issue 18), reached as File ▸ Import
    reaches it; each is photographed where it would wait for the user, then cancelled."""
    from afterview.ui import file_actions

    workspace = window.workspace
    assert workspace is not None
    modal = QDialog.exec
    for name, file, command in PREVIEWS:

        def shown(dialog: QDialog, name: str = name) -> int:
            dialog.show()
            visit(f"dialog-{name}", dialog)
            return int(QDialog.DialogCode.Rejected)

        QDialog.exec = shown  # type: ignore[method-assign]
        try:
            getattr(file_actions, command)(workspace, ROOT / "tests" / "data" / file)
        finally:
            QDialog.exec = modal  # type: ignore[method-assign]


def shoot_job_log(out: Path) -> list[str]:
    """The pages of a log of two months: applications sent, interviews with their thank-you
    notes and follow-ups, through the store as the window's File ▸ Job-search log… makes it."""
    first, last = date(2026, 10, 1), date(2026, 12, 1)
    with tempfile.TemporaryDirectory(prefix="afterview-log-") as folder:
        data_dir = paths.resolve(Path(folder) / "data")
        now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
        with open_store(data_dir, role="window", clock=lambda: now) as store:
            store.settings.save_profile(Profile(name="Ada Park"))
            store.data.import_document(interchange.parse_document(LONG))
            for number in range(48):
                store.applications.create(
                    {
                        "company": f"Employer {number + 1:02d} GmbH",
                        "position": ("Data Engineer", "Analyst", "Platform Lead")[number % 3],
                        "source": ("LinkedIn", "Referral", "Company site")[number % 3],
                        "applied_on": first + timedelta(days=number * 61 // 48),
                    }
                )
            for step in store.steps.open():
                if step.interview_id is not None and step.kind in ("thank_you", "follow_up"):
                    store.steps.done(step.id, answered=step.kind == "follow_up" or None)
            log = JobLog("Ada Park", first, last, store.reports.activities(first, last))
        pdf = Path(folder) / "log.pdf"
        write_log_pdf(log, pdf, "a4")
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(out / "report-log-page")], check=True
        )
    return sorted(file.name for file in out.glob("report-log-page-*.png"))


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "shots"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"shoot_every_page: cannot write to {out}: {error.strerror}.", file=sys.stderr)
        return 2
    if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        print("shoot_every_page: no display; run it under xvfb-run.", file=sys.stderr)
        return 2
    os.environ.setdefault("AFTERVIEW_DATA_DIR", str(out / ".unused-data"))
    # The records with long names are real interviews, and a first real interview turns on
    # the tray's login entry: keep it (and all config) out of the user's own ~/.config.
    config = tempfile.mkdtemp(prefix="afterview-shots-config-")
    os.environ["XDG_CONFIG_HOME"] = config
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Afterview")
    app.setStyle("Fusion")  # one look in both palettes, whatever the desktop's style
    install_translators(app)  # as the window's start does: "1 step", "20 steps"
    count = 0
    try:
        for scheme in SCHEMES:
            app.setPalette(palette(scheme))
            for size in SIZES:
                count += len(shoot(app, out, size, scheme))
        count += len(shoot_job_log(out))
    finally:
        shutil.rmtree(config, ignore_errors=True)
    print(f"{count} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
