"""How a letter leaves: printer, PDF, mail client, clipboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from afterview.letters.mailto import build_mailto
from afterview.letters.render import PAGE_SIZES, document, page_layout, write_pdf


def make_printer(size: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(size))
    return printer


def print_html(html: str, printer: QPrinter) -> None:
    layout = printer.pageLayout()
    document(html, layout).print_(printer)


class PreviewDialog(QPrintPreviewDialog):
    """A print preview (with its own Print button) for one page.

    It keeps its printer: QPrintPreviewDialog does not own the one it is given,
    and a printer collected while the dialog paints crashes the process.
    """

    def __init__(self, html: str, size: str, parent: QWidget | None) -> None:
        self._kept_printer = make_printer(size)
        super().__init__(self._kept_printer, parent)
        self.html = html
        self.setWindowTitle("Print preview")
        self.paintRequested.connect(self._paint)

    def _paint(self, target: QPrinter) -> None:
        print_html(self.html, target)


def preview_dialog(html: str, size: str, parent: QWidget | None) -> PreviewDialog:
    return PreviewDialog(html, size, parent)


def save_pdf(html: str, target: Path, size: str, title: str) -> Path:
    return write_pdf(html, target, size, title)


def open_mail_draft(to: str, subject: str, body: str) -> bool:
    """Hand the draft to the user's mail client; nothing is sent from here."""
    url = build_mailto(to, subject, body)
    return QDesktopServices.openUrl(QUrl.fromEncoded(url.encode("ascii")))


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def page_size_id(size: str) -> QPageSize.PageSizeId:
    return PAGE_SIZES[size]
