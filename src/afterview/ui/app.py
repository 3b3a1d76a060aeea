"""The main window's entry point.

For now a calm placeholder that says what is due; the full window (interview
list, contact cards, Today) is its own piece of work. The window paints
first and opens the database after, so start-up feels instant.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from afterview import __version__
from afterview.paths import APP_NAME, Paths


class PlaceholderWindow(QMainWindow):
    def __init__(self, paths: Paths) -> None:
        super().__init__()
        self.paths = paths
        self.setWindowTitle(APP_NAME)
        self.resize(640, 420)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 32, 32, 32)
        self.heading = QLabel(APP_NAME, body)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.heading.setFont(font)
        self.summary = QLabel("Opening your follow-ups…", body)
        self.summary.setObjectName("summary")
        self.details = QLabel("", body)
        self.details.setObjectName("details")
        self.where = QLabel("", body)
        for label in (self.heading, self.summary, self.details, self.where):
            # Names and titles come from the user: never let Qt read them as rich text.
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addStretch(1)
        self.setCentralWidget(body)
        self.statusBar().showMessage(f"Afterview {__version__}")
        self._load_scheduled = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        # Open the database only once the window has been painted: the user sees it at once.
        if not self._load_scheduled:
            self._load_scheduled = True
            QTimer.singleShot(0, self.load)

    def load(self) -> None:
        from afterview.store import steps
        from afterview.store.database import open_database
        from afterview.store.errors import StoreError

        try:
            with open_database(self.paths) as db, db.read() as session:
                due = steps.due_steps(session, datetime.now(UTC))
                lines = [
                    f"• {row.title}" + (f" — {row.interview.company}" if row.interview else "")
                    for row in due[:12]
                ]
        except StoreError as error:
            self.summary.setText("Afterview could not open your data.")
            QMessageBox.critical(self, APP_NAME, str(error))
            return
        if due:
            self.summary.setText(f"{len(due)} follow-up steps are due.")
        else:
            self.summary.setText("Nothing is due. Enjoy your day.")
        self.details.setText("\n".join(lines))
        self.where.setText(f"Data: {self.paths.database}")


def run_window(paths: Paths) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    window = PlaceholderWindow(paths)
    window.show()
    return int(app.exec())
