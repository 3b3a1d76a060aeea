"""Settings → Calendar: keep one .ics file up to date in a chosen folder, so a calendar
client can subscribe to it. The Qt-free work is in afterview.interop.ics_sync; the store's
write path rewrites the file after every write (it does nothing until a folder is chosen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from afterview.interop.ics_sync import SYNC_FILE_NAME, refresh_calendar_file
from afterview.store.errors import StoreError
from afterview.ui import assistive
from afterview.ui.data import DataAccess
from afterview.ui.translation import fill

__all__ = ["CalendarFileSettings"]


class CalendarFileSettings(QWidget):
    changed = Signal()

    def __init__(self, data: DataAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Calendar file"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        heading.setFont(font)
        layout.addWidget(heading)
        intro = QLabel(
            fill(
                self.tr(
                    "Afterview can keep your pending follow-ups and your interviews in one "
                    "calendar file, %1, in a folder you choose. Subscribe to that file in your "
                    "calendar program and it stays up to date."
                ),
                SYNC_FILE_NAME,
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.state = QLabel("", self)
        self.state.setObjectName("state")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.state)
        row = QHBoxLayout()
        self.choose_button = QPushButton(self.tr("Choose folder…"), self)
        self.update_button = QPushButton(self.tr("Update now"), self)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.choose_button.setAccessibleName(self.tr("Choose the folder for the calendar file"))
        self.update_button.setAccessibleName(self.tr("Update the calendar file now"))
        self.stop_button.setAccessibleName(self.tr("Stop keeping a calendar file"))
        row.addWidget(self.choose_button)
        row.addWidget(self.update_button)
        row.addWidget(self.stop_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.choose_button.clicked.connect(self._ask_folder)
        self.update_button.clicked.connect(self.update_now)
        self.stop_button.clicked.connect(lambda: self.choose(None))
        self._show()

    def folder(self) -> Path | None:
        return self.data.store.settings.calendar_folder()

    def _show(self, note: str = "", *, said: bool = False, error: bool = False) -> None:
        """The state line; ``said`` announces it (after an action), ``error`` at once."""
        folder = self.folder()
        if folder is None:
            text = self.tr("No calendar file is kept.")
        else:
            text = fill(self.tr("Kept up to date: %1"), folder / SYNC_FILE_NAME)
        self.state.setText(f"{text}\n{note}".strip())
        lost_focus = QApplication.focusWidget() in (self.update_button, self.stop_button)
        self.update_button.setEnabled(folder is not None)
        self.stop_button.setEnabled(folder is not None)
        if lost_focus and folder is None:  # a disabled button would drop it to nowhere
            self.choose_button.setFocus(Qt.FocusReason.OtherFocusReason)
        if said:  # after an action: say what happened
            assistive.announce(self.state, self.state.text(), assertive=error)

    def _ask_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the calendar file"))
        if chosen:
            self.choose(Path(chosen))

    def choose(self, folder: Path | None) -> bool:
        try:
            # The write path writes the file in the new folder (and says if it could not).
            outcome = self.data.store.settings.set_calendar_folder(folder)
        except (OSError, StoreError) as error:
            self._show(fill(self.tr("Not changed: %1"), error), said=True, error=True)
            return False
        written = self.tr("Written just now.") if folder is not None else ""
        self._show("\n".join(outcome.warnings) or written, said=True)
        self.changed.emit()
        return True

    def update_now(self) -> None:
        try:
            target = refresh_calendar_file(self.data.store)
        except (OSError, StoreError) as error:
            self._show(fill(self.tr("Not written: %1"), error), said=True, error=True)
            return
        self._show(self.tr("Written just now.") if target is not None else "", said=True)
