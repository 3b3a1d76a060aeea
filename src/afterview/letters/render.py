"""HTML -> QTextDocument -> PDF or printer. Works headless with the offscreen platform."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextDocument,
)

from afterview.store.errors import StoreError
from afterview.store.faults import unavailable

PAGE_SIZES = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}
MARGIN_MM = 22.0


def ensure_gui() -> QGuiApplication:
    """An application for fonts and painting; the CLI gets one on the offscreen platform.

    A QApplication rather than a bare QGuiApplication, so a window opened later in
    the same process (or a test) can still make widgets.
    """
    from PySide6.QtWidgets import QApplication

    app = QGuiApplication.instance()
    if app is None:
        app = QApplication(["afterview", "-platform", "offscreen"])
    assert isinstance(app, QGuiApplication)
    return app


def system_territory() -> str | None:
    """The two-letter country of the user's locale, or None for the C locale."""
    from PySide6.QtCore import QLocale

    name = QLocale.system().name()  # "en_US", or "C"
    code = name.partition("_")[2][:2]
    return code.upper() if len(code) == 2 and code.isalpha() else None


def page_layout(size: str) -> QPageLayout:
    return QPageLayout(
        QPageSize(PAGE_SIZES[size]),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def letter_font() -> QFont:
    font = QFont("DejaVu Serif", 11)
    # Without ligatures a PDF reads back as typed: "Griffith", not "Gri\ufb03th".
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def document(html: str, layout: QPageLayout | None = None) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(letter_font())
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    if layout is not None:
        # A paginated document prints as laid out, without Qt's page numbers.
        doc.setPageSize(QSizeF(layout.paintRectPoints().size()))
    return doc


def page_ink(painter: QPainter) -> None:
    """Give ``painter`` a black pen that the page itself records; call it at the top of every
    page, before any text.

    A print preview records each page as a QPicture and replays it with the preview window's
    painter, whose pen is the window's text colour (white in a dark scheme). QPainter passes a
    pen on to the page only when it differs from its current one, and it starts black: black
    text drawn before any other pen was replayed white on the white page (issue 17, tester
    §6). Another pen first makes the black one a change, so the page carries it.
    """
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setPen(QColor("#000000"))


def paper_context(clip: QRectF) -> QAbstractTextDocumentLayout.PaintContext:
    """A text layout's paint context for paper: black text whatever the window's palette
    (the context's palette starts as the application's, white text in a dark scheme)."""
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = clip
    context.palette.setColor(QPalette.ColorRole.Text, QColor("#000000"))
    context.palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    return context


def print_document(doc: QTextDocument, device: QPagedPaintDevice) -> None:
    """Draw ``doc``, paginated (see :func:`document`), on ``device`` (a printer, a print
    preview's printer, a PDF writer) black on white: the pages the device was asked for (its
    page ranges, as a print dialog sets them), else all. Does what QTextDocument.print does
    for a paginated document, but starts every page with :func:`page_ink`: print() draws a
    page's first text with the painter's first pen, which a preview replays in the window's
    text colour."""
    size = doc.pageSize()
    wanted = device.pageRanges()
    numbers = [n for n in range(1, doc.pageCount() + 1) if wanted.isEmpty() or wanted.contains(n)]
    painter = QPainter(device)
    if not painter.isActive():
        return
    try:
        # The document is laid out in points on a page of paintRectPoints: scaled to the
        # device's printable area.
        painter.scale(device.width() / size.width(), device.height() / size.height())
        for index, number in enumerate(numbers):
            if index and not device.newPage():
                return
            top = (number - 1) * size.height()
            view = QRectF(0, top, size.width(), size.height())
            painter.save()
            painter.translate(0, -top)
            painter.setClipRect(view)
            page_ink(painter)
            doc.documentLayout().draw(painter, paper_context(view))
            painter.restore()
    finally:
        painter.end()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _pdf_bytes(html: str, layout: QPageLayout, title: str) -> bytes:
    """The page as a PDF, in memory."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(layout)
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator("Afterview")
    print_document(document(html, layout), writer)
    del writer  # the PDF is complete once the writer is gone
    data = bytes(buffer.data().data())
    buffer.close()
    return data


def write_pdf(html: str, target: Path, size: str, title: str = "") -> Path:
    """Write the page to ``target`` whole or not at all (a temporary file, then a rename)."""
    ensure_gui()
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise StoreError(f"Cannot save the PDF: the folder {folder} does not exist.")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".afterview-", suffix=".pdf", dir=folder)
    except OSError as error:
        raise StoreError(f"Cannot save the PDF in {folder}: {error.strerror}.") from None
    os.close(handle)
    try:
        data = _pdf_bytes(html, page_layout(size), title)
        # Written by us, not by Qt: QPdfWriter says nothing when the disk fills, and a cut-off
        # PDF would replace a good one.
        try:
            with open(temporary, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        except OSError as error:
            fault = unavailable(error, "Cannot save the PDF", folder)
            words = fault.advice if fault is not None else f"{error.strerror or error}."
            raise StoreError(
                f"Cannot save the PDF {target}: {words} The file was not changed."
            ) from error
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return target
