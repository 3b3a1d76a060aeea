"""Settings → Backups: the backups with their time and size, one made now, one restored after a
confirmation (the current data is itself backed up first, by store.restore)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from afterview.store import backup as backups
from afterview.store.errors import StoreError
from afterview.ui import assistive
from afterview.ui.backups_model import KIND, BackupsModel, kind_label
from afterview.ui.data import DataAccess
from afterview.ui.dates import long_date, time_of_day
from afterview.ui.first_row import choose_first_row_on_focus
from afterview.ui.translation import fill
from afterview.ui.widgets import plain_label
from afterview.ui.write_guard import reads


def _when(backup: backups.Backup) -> str:
    """When a backup was taken, in words: "Monday, November 30, 2026 at 3:05 PM"."""
    return fill(
        QCoreApplication.translate("BackupsPage", "%1 at %2"),
        long_date(backup.taken_at),
        time_of_day(backup.taken_at),
    )


class BackupsPage(QWidget):
    """``BackupsPage(data, parent)``. After a restore, ``restored`` is emitted (the write
    path has already told every page, and the other processes, that everything changed)."""

    restored = Signal()
    backed_up = Signal()

    def __init__(self, data: DataAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Backups"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        heading.setFont(font)
        layout.addWidget(heading)
        explanation = QLabel(
            self.tr(
                "Afterview backs up your data by itself, at most once an hour while it "
                "changes, and keeps the newest backup of each of the last 7 days and of each "
                "of the last 4 weeks. It also backs up before every update and every restore."
            ),
            self,
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        self.where = QLabel(fill(self.tr("Folder: %1"), str(data.store.paths.backup_dir)), self)
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)

        self.model = BackupsModel(data.store.paths.backup_dir, self)
        self.table = QTableView(self)
        self.table.setObjectName("backups")
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setAccessibleDescription(self.tr("Choose one with the arrow keys."))
        self.table.setModel(self.model)
        # Arrows move between backups; Tab goes on to the buttons (Restore…), not round the
        # cells for ever.
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        choose_first_row_on_focus(self.table)  # Tab in chooses a row, not a bare focus
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        self.empty = QLabel(self.tr("No backups yet. “Back up now” makes the first one."), self)
        layout.addWidget(self.empty)

        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Back up now"), self)
        self.restore_button = QPushButton(self.tr("Restore…"), self)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.backup_button.setAccessibleName(self.tr("Back up now"))
        self.restore_button.setAccessibleName(self.tr("Restore the chosen backup"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the list of backups"))
        reads(self.refresh_button)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout.addLayout(buttons)

        self.status = plain_label("", self, "status")  # read by its text
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._update)
        self.model.modelReset.connect(self._update)
        self._update()
        if data.store.backups.on_server:
            self._on_server(explanation)

    def _on_server(self, explanation: QLabel) -> None:
        """Afterview's backups are copies of an SQLite file; a server keeps its own."""
        explanation.setText(
            self.tr(
                "Your job search is on a database server, which keeps its own backups: ask "
                "whoever runs it. For a copy of your own, use File ▸ Export, which holds "
                "everything and can be imported again."
            )
        )
        shown_for_files = (self.where, self.table, self.empty, self.backup_button)
        for part in (*shown_for_files, self.restore_button, self.refresh_button):
            part.hide()
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.addStretch(1)  # the sentence under the heading, not in the table's space

    def refresh(self) -> None:
        self.model.reload()

    def _update(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)
        self.empty.setVisible(self.model.rowCount() == 0 and not self.data.store.backups.on_server)

    def selected(self) -> backups.Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup_at(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def back_up_now(self) -> backups.Backup | None:
        try:
            made = self.data.store.backups.take()
        except (OSError, StoreError) as error:
            self._say(fill(self.tr("The backup failed: %1"), str(error)), error=True)
            return None
        self.refresh()
        self.select_row(0)  # the newest first: the one just made
        self._say(fill(self.tr("Backed up now (%1)."), made.name))
        self.backed_up.emit()
        return made

    def confirm_restore(self, chosen: backups.Backup) -> bool:
        """Ask first: restoring replaces everything entered since that backup."""
        answer = QMessageBox.question(
            self,
            self.tr("Restore this backup?"),
            fill(
                self.tr(
                    "Restore the backup from %1?\n\n"
                    "Everything you entered after it will be replaced. Your data as it is now is "
                    "backed up first, so you can come back to it from this list."
                ),
                _when(chosen),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> bool:
        chosen = self.selected()
        if chosen is None or not self.confirm_restore(chosen):
            return False
        try:
            kept = self.data.store.backups.restore(chosen).value
        except (OSError, StoreError) as error:
            self._say(fill(self.tr("Nothing was restored: %1"), str(error)), error=True)
            return False
        self.refresh()
        message = fill(self.tr("Restored the backup from %1."), _when(chosen))
        if kept is not None:
            message += " " + fill(
                self.tr("Your data as it was is kept as “%1”, %2."),
                kind_label(kept.kind),
                _when(kept),
            )
        # Focus on the list, on the backup of the data as it was: Restore… again undoes it.
        self.select_row(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._say(message)
        self.restored.emit()
        return True

    def _say(self, text: str, *, error: bool = False) -> None:
        """Show ``text`` in the status line and announce it (an error interrupts)."""
        self.status.setText(text)
        assistive.announce(self.status, text, assertive=error)
