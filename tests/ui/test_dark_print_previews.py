"""Print previews in a dark window show the page's own colours, black on white (issue 17,
tester §6: the title, the name and date-range header, the headings, captions and "Page 1 of 1"
were white on the white page, while the PDFs were fine).

Each preview is opened under a dark application palette and its page read from the pixels
the preview widget itself draws (it replays what the paint function recorded, with its own
painter: the path that lost the black pen). Every line of ink in the page's header band, and
in the job-search log's foot, must reach 4.5:1 against the white paper, and the band must
hold the lines expected. The ratio is WCAG 2.1's, written out here.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPageRanges, QPalette, QPdfWriter
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from afterview.domain.job_log import Activity, ActivityKind, Reached
from afterview.letters.job_log_pdf import JobLog
from afterview.letters.render import document, page_layout, print_document
from afterview.ui.insight_figures import Figure, Shape
from afterview.ui.insight_print import insight_html
from afterview.ui.insight_print import preview as insight_preview
from afterview.ui.job_log_dialog import LogPreview
from afterview.ui.letter_output import PreviewDialog
from afterview.ui.palette import palette_for
from tests.desktop.window.shoot_pages import dark_palette as desktop_dark
from tests.needs import need

PAPER = 0xFFFFFF
#: A pixel this close to white is paper, not ink (channels out of 255).
INK_BELOW = 245
TEXT = 4.5
#: The fewest rows of ink a line of text spans in these pictures (8.5 points at least).
TEXT_ROWS = 4


def _luminance(rgb: int) -> float:
    def channel(value: int) -> float:
        s = value / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    red, green, blue = (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def on_white(rgb: int) -> float:
    """WCAG contrast of ``rgb`` on white paper."""
    return 1.05 / (_luminance(rgb) + 0.05)


def test_the_ratio_matches_known_pairs() -> None:
    assert on_white(0x000000) == pytest.approx(21.0, abs=0.01)
    assert on_white(0x767676) == pytest.approx(4.54, abs=0.01)  # WebAIM's least grey
    assert on_white(0xE6E6E6) == pytest.approx(1.25, abs=0.01)  # the dark palette's text


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[None]:
    before = QPalette(qapp.palette())
    qapp.setPalette(palette_for(Qt.ColorScheme.Dark, desktop_dark()))
    assert qapp.palette().color(QPalette.ColorRole.Text).lightness() > 200
    yield
    qapp.setPalette(before)


def first_page(qtbot: QtBot, dialog: QPrintPreviewDialog, pages: int) -> QImage:
    """The preview's first page as the preview draws it, the whole page in view."""
    dialog.resize(900, 1200)
    dialog.open()
    qtbot.waitExposed(dialog)
    shown = dialog.findChild(QPrintPreviewWidget)
    assert shown is not None
    qtbot.waitUntil(lambda: shown.pageCount() == pages)
    shown.setViewMode(QPrintPreviewWidget.ViewMode.SinglePageView)
    shown.setCurrentPage(1)
    shown.fitInView()
    image = shown.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    dialog.reject()
    # The page is the box of pure white the view draws it as (the view around it is grey).
    whites = [
        (x, y)
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixel(x, y) & 0xFFFFFF == PAPER
    ]
    left, right = min(x for x, _ in whites), max(x for x, _ in whites)
    top, bottom = min(y for _, y in whites), max(y for _, y in whites)
    assert right - left > 300 and bottom - top > 400, "no page in the preview"
    return image.copy(left, top, right - left, bottom - top)


def ink_lines(page: QImage, start: float, end: float) -> list[tuple[int, int]]:
    """The lines of text between ``start`` and ``end`` (shares of the page's height): for
    each, its first row and its darkest pixel. Runs of ink fewer than :data:`TEXT_ROWS`
    rows tall are rules, not text (the log's half-point rule is one grey row at this size)."""
    lines: list[tuple[int, int]] = []
    darkest: int | None = None
    first = 0

    def close(y: int) -> None:
        if darkest is not None and y - first >= TEXT_ROWS:
            lines.append((first, darkest))

    for y in range(int(page.height() * start), int(page.height() * end)):
        row = [page.pixel(x, y) & 0xFFFFFF for x in range(page.width())]
        inked = [p for p in row if min((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF) < INK_BELOW]
        if inked:
            deepest = min(inked, key=_luminance)
            if darkest is None:
                first, darkest = y, deepest
            elif _luminance(deepest) < _luminance(darkest):
                darkest = deepest
        elif darkest is not None:
            close(y)
            darkest = None
    close(int(page.height() * end))
    return lines


def assert_black_on_white(page: QImage, start: float, end: float, least_lines: int) -> None:
    lines = ink_lines(page, start, end)
    assert len(lines) >= least_lines, f"{len(lines)} lines of ink in {start:.0%}..{end:.0%}"
    faint = [(y, f"#{rgb:06x}", round(on_white(rgb), 2)) for y, rgb in lines]
    assert all(ratio >= TEXT for _, _, ratio in faint), faint


def log() -> JobLog:
    activities = [
        Activity(date(2026, 11, 2), ActivityKind.APPLIED, "Fabrikam", "Engineer", result="applied"),
        Activity(
            date(2026, 11, 4),
            ActivityKind.INTERVIEW,
            "Globex",
            "Analyst",
            "Dee Hiring",
            Reached.VIDEO,
            "scheduled",
        ),
    ]
    return JobLog("Ada Park", date(2026, 11, 1), date(2026, 11, 30), activities)


def test_the_job_log_preview_shows_its_header_and_page_number(qtbot: QtBot, dark: None) -> None:
    page = first_page(qtbot, LogPreview(log(), "a4", None), pages=1)
    # Within the 22 mm margins (7.4 % of the A4 height): the name, the range and the table's
    # first rows; at the foot, "Page 1 of 1".
    assert_black_on_white(page, 0.05, 0.16, least_lines=3)
    assert_black_on_white(page, 0.85, 0.95, least_lines=1)


def test_the_insight_preview_shows_its_title_and_headings(qtbot: QtBot, dark: None) -> None:
    figure = Figure(
        name="funnel",
        title="From application to offer",
        note="Your applications, counted once each.",
        shape=Shape.NONE,
        headers=("Step", "Applications"),
        rows=(("Applied", (3,)), ("Offer", (1,))),
    )
    html = insight_html([figure], "Jordan Doe", "Tuesday, 1 December 2026")
    page = first_page(qtbot, insight_preview(html, "a4", None), pages=1)
    # The title, the name and day, the heading, and its caption run into the table below.
    assert_black_on_white(page, 0.05, 0.25, least_lines=4)


def test_a_letter_preview_shows_its_text(qtbot: QtBot, dark: None) -> None:
    html = "<p>Ada Park</p><p>2026-12-01</p><p>Dear Dee,</p><p>Thank you for your time.</p>"
    page = first_page(qtbot, PreviewDialog(html, "a4", None), pages=1)
    assert_black_on_white(page, 0.05, 0.25, least_lines=4)


def test_the_pages_a_print_dialog_asked_for_are_the_ones_printed(
    qapp: QApplication, tmp_path: Path
) -> None:
    """Drawn page by page, as QTextDocument.print did: pages 2 to 3 of a print dialog's
    range, not the whole letter."""
    need("pdfinfo", package="poppler-utils")
    html = "".join(f"<p>Paragraph {n} of a long letter.</p>" for n in range(150))
    doc = document(html, page_layout("a4"))
    assert doc.pageCount() >= 4
    target = tmp_path / "range.pdf"
    writer = QPdfWriter(str(target))
    writer.setPageLayout(page_layout("a4"))
    ranges = QPageRanges()
    ranges.addRange(2, 3)
    writer.setPageRanges(ranges)
    print_document(doc, writer)
    del writer  # the PDF is complete once the writer is gone
    info = subprocess.run(
        ["pdfinfo", str(target)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert "Pages:           2" in info
    assert "Paragraph 0 " not in text and "Paragraph 149 " not in text
