"""Which database the window is on, said quietly (tester's F8): at the right of its status
bar, "on db.example.org/afterview" for a server, "on jobs.sqlite3" for a SQLite file other
than the data folder's own, and nothing for that default file. The title stays the
application's name (what a task bar and a screen reader know the window by).

The words come from the target's display text (:meth:`PostgresTarget.display`), which never
holds a password; the full text is the label's tooltip. Reading the choice opens nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from afterview.paths import DATABASE_NAME, Paths
from afterview.store.errors import StoreError
from afterview.ui.widgets import plain_tooltip


def _tr(text: str) -> str:
    return QCoreApplication.translate("DatabaseShown", text)


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
    label = QLabel(text, window)
    label.setObjectName("databaseShown")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setToolTip(plain_tooltip(full))  # a path may hold '<'
    label.setAccessibleName(_tr("Database"))
    label.setAccessibleDescription(full)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setContentsMargins(4, 0, 8, 0)
    window.statusBar().addPermanentWidget(label)
    return label
