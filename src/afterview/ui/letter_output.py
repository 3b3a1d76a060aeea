"""How a letter leaves: printer, PDF, mail client, clipboard."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from afterview.letters.mailto import build_mailto
from afterview.letters.render import PAGE_SIZES, document, page_layout, print_document, write_pdf


def make_printer(size: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(size))
    return printer


def print_html(html: str, printer: QPrinter) -> None:
    """Print ``html`` on ``printer`` (or a print preview's), black on white whatever the
    window's palette."""
    print_document(document(html, printer.pageLayout()), printer)


class PreviewDialog(QPrintPreviewDialog):
    """A print preview (with its own Print button) for one page.

    It keeps its printer: QPrintPreviewDialog does not own the one it is given,
    and a printer collected while the dialog paints crashes the process.
    """

    def __init__(self, html: str, size: str, parent: QWidget | None) -> None:
        self._kept_printer = make_printer(size)
        super().__init__(self._kept_printer, parent)
        self.html = html
        self.setWindowTitle(self.tr("Print preview"))
        self.paintRequested.connect(self._paint)

    def _paint(self, target: QPrinter) -> None:
        print_html(self.html, target)


def preview_dialog(html: str, size: str, parent: QWidget | None) -> PreviewDialog:
    return PreviewDialog(html, size, parent)


def save_pdf(html: str, target: Path, size: str, title: str) -> Path:
    return write_pdf(html, target, size, title)


#: Characters no common file system takes in a name (Windows refuses most of them, every
#: system refuses "/"); a slash or colon in a name or company becomes a hyphen.
_AS_HYPHEN = re.compile(r"[/\\:|]+")
_DROPPED = re.compile(r'[*?"<>]+')
#: A title's trailing qualifier, "Thank-you letter (printed)": not part of a file's name.
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")
#: Names Windows keeps for devices, whatever the extension.
_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)]
)
#: Most file systems take at most 255 bytes of UTF-8 in one name.
NAME_BYTES = 255


def _file_name_part(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    # Control and format characters (a right-to-left override could disguise ".pdf").
    text = "".join(
        " " if unicodedata.category(c) == "Cc" else c
        for c in text
        if unicodedata.category(c) != "Cf"
    )
    text = _DROPPED.sub("", _AS_HYPHEN.sub("-", text))
    return " ".join(text.split()).strip(" .-")


def pdf_file_name(title: str, person: str, company: str) -> str:
    """The PDF's name for a letter: "Thank-you letter – Maria Anders – Northwind.pdf" (the
    template's title without its qualifier, the person, the company, joined by " – ").

    Safe on common file systems: no path separators or characters Windows refuses, no control
    or invisible formatting characters, no leading dot, at most :data:`NAME_BYTES` bytes, never
    a Windows device name; parts that are empty after cleaning are left out ("Letter.pdf" when
    all are).
    """
    parts: list[str] = []
    for part in (_QUALIFIER.sub("", title), person, company):
        clean = _file_name_part(part)
        if clean and clean not in parts:
            parts.append(clean)
    letter = QCoreApplication.translate("LetterOutput", "Letter")
    stem = " – ".join(parts) or letter
    if stem.upper() in _DEVICES:
        stem = f"{letter} {stem}"
    suffix = ".pdf"
    while len((stem + suffix).encode("utf-8")) > NAME_BYTES:
        stem = stem[:-1].rstrip(" .–-")
    return stem + suffix


def mail_client_known() -> bool | None:
    """Whether the desktop has a program for mailto: links: False when freedesktop's
    ``xdg-mime`` names none (then xdg-open fails after Qt has reported success, since Qt
    only sees that xdg-open started), None when it cannot tell (no xdg-mime: another system,
    or a desktop that answers the link itself)."""
    program = shutil.which("xdg-mime")
    if program is None:
        return None
    try:
        found = subprocess.run(
            [program, "query", "default", "x-scheme-handler/mailto"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if found.returncode != 0:
        return None
    return bool(found.stdout.strip())


def open_mail_draft(to: str, subject: str, body: str) -> bool:
    """Hand the draft to the user's mail client; nothing is sent from here."""
    url = build_mailto(to, subject, body)
    return QDesktopServices.openUrl(QUrl.fromEncoded(url.encode("ascii")))


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def page_size_id(size: str) -> QPageSize.PageSizeId:
    return PAGE_SIZES[size]
