"""Which database the window is on, said quietly (tester's F8): at the right of its status
bar, "on db.example.org/afterview" for a server, "on jobs.sqlite3" for a SQLite file other
than the data folder's own, and nothing for that default file. The title stays the
application's name (what a task bar and a screen reader know the window by).

The words come from the target's display text (:meth:`PostgresTarget.display`), which never
holds a password; the full text is the label's tooltip. Reading the choice opens nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from afterview.paths import DATABASE_NAME, Paths
from afterview.store.errors import StoreError
from afterview.ui.widgets import plain_tooltip


def _tr(text: str) -> str:
    return QCoreApplication.translate("DatabaseShown", text)


class _Elided(QLabel):
    """A one-line label that shortens its text in the middle rather than widen the window
    (a long service or host name must not push an 800-pixel window off the screen)."""

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.full = text

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(
            min(hint.width(), self.fontMetrics().horizontalAdvance("M" * 12)), hint.height()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = self.contentsRect().width()
        self.setText(self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideMiddle, room))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self.full) + margins.left() + margins.right()
        return QSize(width + 2, hint.height())


def where(paths: Paths) -> tuple[str, str] | None:
    """(short, full) words for the database ``paths`` chooses; None for the data folder's
    own SQLite file, or a choice that cannot be read (opening the store says why)."""
    from afterview.store.target import PostgresTarget, resolve_target

    try:
        target = resolve_target(paths.database, paths.config_dir, paths.database_target)
    except StoreError:
        return None
    if not isinstance(target, PostgresTarget):
        if target.path == paths.data_dir / DATABASE_NAME:
            return None
        return target.path.name, str(target.path)
    full = target.display()
    service, _colon, uri = full.rpartition(": ")
    authority, slash, rest = uri.removeprefix("postgresql://").partition("/")
    host = authority.rpartition("@")[2]  # no user name: the host says where
    if host.startswith(("%2F", "@")):
        host = "localhost"  # a Unix socket's folder (quoted) means nothing to a user
    short = host + slash + rest
    if service:
        short = f"{service.removeprefix('service ')} ({short})"
    return short, full


def show_database(window: QMainWindow, paths: Paths) -> QLabel | None:
    """Put the database's words in ``window``'s status bar, for good (plain text); the
    label, or None when it is the default file."""
    words = where(paths)
    if words is None:
        return None
    short, full = words
    text = _tr("on {database}").format(database=short)
    label = _Elided(text, window)
    label.setObjectName("databaseShown")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setToolTip(plain_tooltip(full))  # a path may hold '<'
    label.setAccessibleName(_tr("Database"))
    label.setAccessibleDescription(full)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setContentsMargins(4, 0, 8, 0)
    window.statusBar().addPermanentWidget(label)
    return label
