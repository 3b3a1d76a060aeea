"""Shows one of the interop dialogs on a real X server for a screenshot.

Usage: python -m tests.desktop.show_interop DATA_DIR vcard|backups|calendar [FILE]
Prints "shown" once the window is exposed on the X server (the vCard dialog: and has read its
file), then exits when standard input closes.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from afterview import paths
from afterview.store import backup as backups


class SayWhenExposed(QObject):
    """Prints "shown" once the X server has exposed the window (mapped, drawable) and the
    widget is ready (``ready()`` called, when ``wait_for_ready``)."""

    def __init__(self, widget: QWidget, wait_for_ready: bool = False) -> None:
        super().__init__(widget)
        self.said = False
        self.exposed = False
        self.is_ready = not wait_for_ready
        handle = widget.windowHandle()
        assert handle is not None
        self.window = handle
        handle.installEventFilter(self)

    def ready(self) -> None:
        self.is_ready = True
        self._say()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and self.window.isExposed():
            self.exposed = True
            self._say()
        return False

    def _say(self) -> None:
        if not self.said and self.exposed and self.is_ready:
            self.said = True
            print("shown", flush=True)


def main() -> int:
    data_dir, what = Path(sys.argv[1]), sys.argv[2]
    app = QApplication([])
    widget: QWidget
    closing: list[Callable[[], None]] = []
    dialog = None
    if what == "vcard":
        from afterview.store.api import open_store
        from afterview.ui.data import DataAccess
        from afterview.ui.vcard_import_dialog import VCardImportDialog

        store = open_store(paths.resolve(data_dir), role="window")
        closing.append(store.close)
        widget = dialog = VCardImportDialog(DataAccess(store), Path(sys.argv[3]))

        def choose() -> None:
            assert dialog is not None
            dialog.skip_bad.setChecked(True)
            dialog.table.selectRow(1)

        dialog.loaded.connect(choose)  # the cards come in off the GUI thread
    elif what == "backups":
        from afterview.store.api import open_store
        from afterview.ui.backups_page import BackupsPage
        from afterview.ui.data import DataAccess

        store = open_store(paths.resolve(data_dir), role="window")
        closing.append(store.close)
        where = store.paths
        now = datetime.now(UTC)
        for made in backups.list_backups(where.backup_dir):
            made.path.unlink()  # the import's own: the shot shows these four
        for hours, kind in ((49, "auto"), (26, "auto"), (3, "pre-restore"), (1, "manual")):
            backups.take_backup(
                where.database,
                where.backup_dir,
                backups.BackupKind(kind),
                now - timedelta(hours=hours),
            )
        widget = BackupsPage(DataAccess(store))
        widget.resize(720, 460)
        widget.select_row(1)
        widget.status.setText("Backed up now (afterview-…-manual.sqlite3).")
    else:
        from afterview.store.api import open_store
        from afterview.ui.data import DataAccess
        from afterview.ui.ics_sync import CalendarFileSettings

        store = open_store(paths.resolve(data_dir), role="window")
        closing.append(store.close)
        widget = CalendarFileSettings(DataAccess(store))
        widget.resize(640, 260)
        widget.choose(Path(sys.argv[3]))
    widget.winId()  # the native window exists before it is shown: the filter sees its Expose
    _exposed = SayWhenExposed(widget, wait_for_ready=dialog is not None)
    if dialog is not None:
        dialog.loaded.connect(_exposed.ready)
    widget.show()
    widget.raise_()

    closed = threading.Event()

    def wait_for_eof() -> None:
        sys.stdin.read()
        closed.set()

    threading.Thread(target=wait_for_eof, daemon=True).start()
    # Qt objects belong to the GUI thread: it looks at the event, the reader thread only sets it.
    watcher = QTimer()
    watcher.timeout.connect(lambda: closed.is_set() and app.quit())
    watcher.start(50)
    status = app.exec()
    widget.close()
    for close in closing:
        close()
    return status


if __name__ == "__main__":
    sys.exit(main())
