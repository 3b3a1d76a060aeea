"""Files given to the window: dropped on it, chosen with File ▸ Import a file…, or opened with
Afterview from a file manager or a mail client (issue 18). Each goes to the import for what
it holds (interop/incoming.py decides), which shows its preview before anything is saved.

Several files dropped at once are taken one after another, each with its own preview; a file
that is none of the kinds, or cannot be read, says so and the others still come.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QMimeData, QObject, QTimer
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from afterview.interop.incoming import Kind, kind_of
from afterview.store.errors import StoreError
from afterview.ui.widgets import message_box

if TYPE_CHECKING:
    from afterview.ui.main_window import MainWindow
    from afterview.ui.workspace import Workspace


def _tr(text: str) -> str:
    return QCoreApplication.translate("IncomingFiles", text)


def dropped_paths(mime: QMimeData) -> list[Path]:
    """The local files a drag carries, in its order; empty when it carries anything else
    (text, a web address, a board card), so such a drag is left to the widget under it."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return paths if len(paths) == len(mime.urls()) else []


def open_file(workspace: Workspace, path: Path) -> bool:
    """Import ``path`` by its kind, through that kind's preview. True when something was
    saved; False when the user cancelled or the file was refused (its message shown)."""
    from afterview.ui import file_actions

    try:
        kind = kind_of(path)
    except StoreError as error:
        message_box(workspace.window, QMessageBox.Icon.Warning, _tr("Import a file"), str(error))
        return False
    if kind is Kind.DATA:
        return file_actions.import_json(workspace, path)
    if kind is Kind.VCARD:
        return file_actions.import_vcards(workspace, path)
    if kind is Kind.INVITATION:
        return file_actions.import_invitation(workspace, path)
    if kind is Kind.EMAIL:
        return file_actions.import_email(workspace, path)
    return file_actions.import_posting(workspace, path)


_DRAGS = frozenset({QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop})


class FileDrops(QObject):
    """Files dragged over any part of ``window`` are its to import, wherever they are let go.

    A text field takes a dropped file as its address (``file:///…/invite.ics``) and the
    editors save what a field holds: dropped on the company field, an invitation became part
    of the company's name. So a drag of local files is taken from every widget of the window
    before the widget sees it; any other drag (text, a web address, a board card) goes on as
    before. Installed on the application, since widgets come and go with the pages."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _DRAGS or not isinstance(event, QDropEvent):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        paths = dropped_paths(event.mimeData())
        if not paths:
            return False
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            self._window.open_files(paths)
        return True

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class FileQueue(QObject):
    """Files waiting for their turn: each preview is modal, and a drop or a file handed over
    by another process must return at once, so each file is opened from the event loop."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.window)
        self._workspace = workspace
        self._waiting: list[Path] = []
        self._busy = False

    def add(self, paths: Iterable[Path]) -> None:
        """Open ``paths`` in turn, after the ones already waiting."""
        self._waiting.extend(paths)
        if not self._busy and self._waiting:
            QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        if self._busy or not self._waiting:
            return
        self._busy = True
        try:
            open_file(self._workspace, self._waiting.pop(0))
        finally:
            self._busy = False
        if self._waiting:
            QTimer.singleShot(0, self._next)

    @property
    def waiting(self) -> int:
        return len(self._waiting)


#: The File ▸ Import a file… dialog's filters: every kind first, then each kind alone.
FILTERS = tuple(
    str(QT_TRANSLATE_NOOP("IncomingFiles", text))
    for text in (
        "Files Afterview can import (*.ics *.eml *.html *.htm *.xhtml *.mhtml *.vcf *.json)",
        "Calendar invitations (*.ics *.eml)",
        "Emails (*.eml)",
        "Saved job postings (*.html *.htm *.xhtml *.mhtml)",
        "Contact cards (*.vcf)",
        "Afterview data (*.json)",
        "All files (*)",
    )
)


def choose_files(workspace: Workspace) -> list[Path]:
    """File ▸ Import a file…: the files the user chose to import (none when cancelled)."""
    chosen, _selected = QFileDialog.getOpenFileNames(
        workspace.window,
        _tr("Open a file to import"),
        str(Path.home()),
        ";;".join(_tr(text) for text in FILTERS),
    )
    return [Path(name) for name in chosen]
