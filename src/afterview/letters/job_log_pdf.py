"""The job-search log on paper (issue 17 §5): the letters' pipeline (their page layout, paper
size and font, :mod:`afterview.letters.render`), with what a letter does not need: the user's
name and the date range at the top of every page, "Page n of N" at the foot, and one table
that runs over as many pages as it needs, its header row repeated on each.

The table is built with QTextCursor.insertText, never from HTML: what the user typed (an
employer "A&B <Labs>") reaches the page as the characters typed. The page furniture is drawn
with QPainter.drawText, plain too.

The same :func:`paint` draws on a QPdfWriter (the PDF) and on the QPrinter of a print preview
(the window), so what is previewed is what is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)

from afterview.domain.job_log import COLUMN_WORDS, Activity, row_words
from afterview.interop.files import write_atomically
from afterview.letters.render import ensure_gui, letter_font, page_ink, page_layout, paper_context

#: Shares of the width after the date's, in the order of COLUMN_WORDS after the date.
COLUMN_SHARES = (14, 20, 20, 19, 9, 15)
#: Points.
TABLE_POINTS = 8.5
HEADER_POINTS = 9.5
#: The header row's background: a light grey that prints on any printer.
HEADER_SHADE = "#e6e6e6"


def tr(text: str) -> str:
    """``text`` in the user's language (Qt's translations, context "JobSearchLog")."""
    return QCoreApplication.translate("JobSearchLog", text)


@dataclass(frozen=True)
class JobLog:
    """What one log prints: whose search, the range (dates in the user's home time zone,
    both included) and its activities in order."""

    name: str
    first: date
    last: date
    activities: Sequence[Activity]

    def title(self, words: Callable[[str], str] = tr) -> str:
        """The top line of every page: "Job-search log: Ada Park", or without a name."""
        name = self.name.strip()
        return words("Job-search log: %1").replace("%1", name) if name else words("Job-search log")

    def range_text(self, words: Callable[[str], str] = tr) -> str:
        return (
            words("From %1 to %2")
            .replace("%1", self.first.isoformat())
            .replace("%2", self.last.isoformat())
        )


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont(letter_font())
    font.setFamily("DejaVu Sans")
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _table(
    rows: Sequence[Sequence[str]], device: QPagedPaintDevice, width: float
) -> tuple[QTextDocument, QTextTable | None]:
    """A document of one table, the header row and ``rows``, ``width`` wide (device pixels:
    the document is laid out for ``device``), not paginated: the pages are cut by
    :func:`page_rows`, between rows."""
    units = _format_units(device)
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(_font(TABLE_POINTS))
    doc.setDocumentMargin(0)
    option = doc.defaultTextOption()
    # A long address with no space breaks inside the cell rather than running over the next.
    option.setWrapMode(option.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setTextWidth(width)
    cursor = QTextCursor(doc)
    # One edit block: laid out once at its end, not after every cell (minutes for 300 rows).
    cursor.beginEditBlock()
    if not rows:
        cursor.insertText(tr("No activity in this range."))
        cursor.endEditBlock()
        return doc, None
    # Lengths in the format's units: 2.5 points of padding, a border of one unit (thinner
    # is not drawn at all).
    padding, border = 2.5 * device.logicalDpiY() / 72.0 / units, 1.0
    table_format = QTextTableFormat()
    table_format.setHeaderRowCount(1)
    table_format.setBorder(border)
    table_format.setBorderStyle(QTextTableFormat.BorderStyle.BorderStyle_Solid)
    table_format.setBorderCollapse(True)
    table_format.setCellPadding(padding)
    table_format.setCellSpacing(0)
    table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    table_format.setColumnWidthConstraints(_widths(width, padding * units, device))
    table = cursor.insertTable(len(rows) + 1, len(COLUMN_WORDS), table_format)
    heading = QTextCharFormat()
    heading.setFont(_font(TABLE_POINTS, bold=True))
    heading.setBackground(QColor(HEADER_SHADE))
    for column, word in enumerate(COLUMN_WORDS):
        cell = table.cellAt(0, column)
        shade = cell.format()
        shade.setBackground(QColor(HEADER_SHADE))
        cell.setFormat(shade)
        cell.firstCursorPosition().insertText(tr(word), heading)
    plain = QTextCharFormat()
    plain.setFont(_font(TABLE_POINTS))
    for row, cells in enumerate(rows, start=1):
        for column, text in enumerate(cells):
            # insertText: the user's text is never read as markup.
            table.cellAt(row, column).firstCursorPosition().insertText(text, plain)
    cursor.endEditBlock()
    return doc, table


def _widths(width: float, padding: float, device: QPagedPaintDevice) -> list[QTextLength]:
    """Shares of the width: the date column as wide as a date (``padding`` in device pixels
    on each side), the rest by COLUMN_SHARES."""
    metrics = QFontMetricsF(_font(TABLE_POINTS, bold=True), device)
    date_share = 100 * (metrics.horizontalAdvance("0000-00-00") + 2 * padding + 2) / width
    total = sum(COLUMN_SHARES)
    percent = QTextLength.Type.PercentageLength
    return [QTextLength(percent, date_share)] + [
        QTextLength(percent, (100 - date_share) * share / total) for share in COLUMN_SHARES
    ]


def _format_units(device: QPagedPaintDevice) -> float:
    """How many device pixels a table format's length unit is: the layout scales those from
    Qt's default resolution (the screen's, or 96 dots per inch) to the device's."""
    screen = QGuiApplication.primaryScreen()
    default = screen.logicalDotsPerInchY() if screen is not None else 96.0
    return device.logicalDpiY() / round(default)


def page_rows(
    rows: Sequence[Sequence[str]], device: QPagedPaintDevice, width: float, height: float
) -> list[range]:
    """Which rows go on which page: as many whole rows as fit under the header row in
    ``height``; a row is never cut (one taller than a page gets a page of its own)."""
    if not rows:
        return [range(0)]
    doc, table = _table(rows, device, width)
    assert table is not None
    layout = doc.documentLayout()

    def top(row: int) -> float:
        return layout.blockBoundingRect(table.cellAt(row, 0).firstCursorPosition().block()).top()

    tops = [top(row) for row in range(len(rows) + 1)]
    tops.append(doc.size().height())
    header = tops[1] - tops[0]
    pages: list[range] = []
    first = 0
    while first < len(rows):
        last = first + 1
        while last < len(rows) and header + tops[last + 2] - tops[first + 1] <= height:
            last += 1
        pages.append(range(first, last))
        first = last
    return pages


def paint(log: JobLog, device: QPagedPaintDevice) -> int:
    """Draw every page of ``log`` on ``device`` (a QPdfWriter, or a preview's QPrinter),
    starting on its current page; returns how many pages."""
    resolution = device.logicalDpiY()
    points = resolution / 72.0
    area = device.pageLayout().paintRectPixels(resolution)
    width, height = float(area.width()), float(area.height())
    line = HEADER_POINTS * 1.5 * points
    top = 2 * line + 6 * points
    body = QRectF(0, top, width, height - top - line - 6 * points)
    rows = [row_words(activity, tr) for activity in log.activities]
    # A little room for the table's closing border.
    pages = page_rows(rows, device, body.width(), body.height() - 2 * points)
    painter = QPainter(device)
    try:
        for number, chosen in enumerate(pages):
            if number:
                device.newPage()
            _furniture(painter, log, number, len(pages), QRectF(0, 0, width, height), line, points)
            doc, _ = _table([rows[i] for i in chosen], device, body.width())
            painter.save()
            painter.translate(body.topLeft())
            clip = QRectF(0, 0, body.width(), body.height())
            painter.setClipRect(clip)
            page_ink(painter)
            doc.documentLayout().draw(painter, paper_context(clip))
            painter.restore()
    finally:
        painter.end()
    return len(pages)


def _furniture(
    painter: QPainter,
    log: JobLog,
    page: int,
    pages: int,
    area: QRectF,
    line: float,
    points: float,
) -> None:
    """The name and range at the top, the page number at the foot; plain text, black (never
    the window's text colour: see :func:`afterview.letters.render.page_ink`)."""
    page_ink(painter)
    painter.setFont(_font(HEADER_POINTS, bold=True))
    top_line = QRectF(0, 0, area.width(), line)
    elide = painter.fontMetrics().elidedText(
        log.title(), Qt.TextElideMode.ElideRight, int(area.width())
    )
    painter.drawText(top_line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elide)
    painter.setFont(_font(HEADER_POINTS))
    second = QRectF(0, line, area.width(), line)
    painter.drawText(
        second, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, log.range_text()
    )
    rule_y = 2 * line + 2 * points
    # Half a point: a one-pixel pen is a hairline a printer at 1200 dots per inch all but loses.
    painter.save()
    painter.setPen(QPen(QColor("#000000"), 0.5 * points))
    painter.drawLine(QPointF(0, rule_y), QPointF(area.width(), rule_y))
    painter.restore()
    painter.setFont(_font(HEADER_POINTS - 1))
    foot = QRectF(0, area.height() - line, area.width(), line)
    number = tr("Page %1 of %2").replace("%1", str(page + 1)).replace("%2", str(pages))
    painter.drawText(foot, Qt.AlignmentFlag.AlignCenter, number)


def pdf_bytes(log: JobLog, size: str) -> tuple[bytes, int]:
    """The log as a PDF on ``size`` paper ("letter" or "a4"), in memory, and its pages."""
    ensure_gui()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout(size))
    writer.setResolution(300)
    writer.setTitle(f"{log.title()} ({log.range_text()})")
    writer.setCreator("Afterview")
    pages = paint(log, writer)
    del writer  # the PDF is complete once the writer is gone
    data = bytes(buffer.data().data())
    buffer.close()
    return data, pages


def write_log_pdf(log: JobLog, target: Path, size: str) -> int:
    """Write the log's PDF to ``target`` whole or not at all; returns its pages. StoreError, in
    words, when the folder is missing or the disk refuses."""
    data, pages = pdf_bytes(log, size)
    write_atomically(Path(target), data)
    return pages


__all__ = ["COLUMN_SHARES", "JobLog", "page_rows", "paint", "pdf_bytes", "write_log_pdf"]
