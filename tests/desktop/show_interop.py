"""Shows one of the interop dialogs on a real X server for a screenshot.

Usage: python -m tests.desktop.show_interop DATA_DIR vcard|backups|calendar [FILE]
Prints "shown" once the window is exposed on the X server, then exits when standard input
closes.
"""

from __future__ import annotations

import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from afterview import paths
from afterview.store import backup as backups
from afterview.store.database import open_database


class SayWhenExposed(QObject):
    """Prints "shown" the first time the X server exposes the window (mapped, drawable)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.said = False
        handle = widget.windowHandle()
        assert handle is not None
        self.window = handle
        handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.said and event.type() == QEvent.Type.Expose and self.window.isExposed():
            self.said = True
            print("shown", flush=True)
        return False


def main() -> int:
    data_dir, what = Path(sys.argv[1]), sys.argv[2]
    app = QApplication([])
    db = open_database(paths.resolve(data_dir))
    widget: QWidget
    if what == "vcard":
        from afterview.ui.vcard_import_dialog import VCardImportDialog

        widget = VCardImportDialog(db, Path(sys.argv[3]))
        widget.skip_bad.setChecked(True)
        widget.table.selectRow(1)
    elif what == "backups":
        from afterview.ui.backups_page import BackupsPage

        now = datetime.now(UTC)
        for hours, kind in ((49, "auto"), (26, "auto"), (3, "pre-restore"), (1, "manual")):
            backups.take_backup(
                db.path, db.paths.backup_dir, backups.BackupKind(kind), now - timedelta(hours=hours)
            )
        widget = BackupsPage(db)
        widget.resize(720, 460)
        widget.select_row(1)
        widget.status.setText("Backed up now (afterview-…-manual.sqlite3).")
    else:
        from afterview.ui.ics_sync import CalendarFileSettings

        widget = CalendarFileSettings(db)
        widget.resize(640, 260)
        widget.choose(Path(sys.argv[3]))
    widget.winId()  # the native window exists before it is shown: the filter sees its Expose
    _exposed = SayWhenExposed(widget)
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
    db.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
