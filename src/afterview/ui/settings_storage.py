"""Settings ▸ Storage (issue 16, items 1 and 6): where the data is, another database to use
(an SQLite file or a PostgreSQL server), Test connection, the password kept in the keyring
(never in a file), the opt-in to an unencrypted connection, and Copy my data there.

The page only reads the data (its controls stay on while the data is read-only: a coach
may still choose another database). The checks and the copy are the store's
(:mod:`afterview.store.target_check`, :mod:`afterview.store.copy`); the copy runs on a
worker thread behind a progress dialog.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from afterview.paths import ENV_DATABASE, Paths
from afterview.store.errors import StoreError
from afterview.ui import assistive
from afterview.ui.data import DataAccess
from afterview.ui.form_access import buddy_label
from afterview.ui.storage_copy import CopyRunner, copy_words, restart_afterview
from afterview.ui.storage_sharing import SharingBox
from afterview.ui.widgets import plain_label, quiet
from afterview.ui.write_guard import reads


class StoragePage(QWidget):
    """``StoragePage(data, parent)``; ``restart`` is called when the user chose a database
    and asked to restart now (a test passes its own)."""

    #: The saved choice changed (the text, or None for the SQLite file here).
    target_saved = Signal(object)
    #: A copy finished (its CopyReport), or failed (why, in words; the target is as it was).
    copied = Signal(object)
    copy_failed = Signal(str)

    def __init__(
        self,
        data: DataAccess,
        parent: QWidget | None = None,
        *,
        restart: Callable[[], None] = restart_afterview,
    ) -> None:
        super().__init__(parent)
        reads(self)  # choosing where the data is does not change the data
        self.setObjectName("storagePage")
        self.data = data
        self.paths: Paths = data.store.paths
        self._restart = restart
        self.runner: CopyRunner | None = None
        self.progress: QProgressDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 18)
        self.where = plain_label("", self, name="storageWhere")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)
        self.chosen_by = quiet(plain_label("", self, name="storageChosenBy"))
        self.chosen_by.setWordWrap(True)
        layout.addWidget(self.chosen_by)
        layout.addLayout(self._fields())
        self.warning = plain_label(
            self.tr(
                "Warning: without encryption, anyone on the network between this computer "
                "and the server can read your job search and your password. Allow it only on "
                "a network you trust completely."
            ),
            self,
            name="storageInsecureWarning",
        )
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020;" if not _dark(self) else "color: #ff8a80;")
        self.warning.setVisible(False)
        layout.addWidget(self.warning)
        layout.addLayout(self._buttons())
        self.status = plain_label("", self, name="storageStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Shown once it says something: an empty selectable label is an object a screen
        # reader stops at and cannot name.
        self.status.setVisible(False)
        layout.addWidget(self.status)
        # Sharing is the owner's: a coach reading a shared search has nothing to grant.
        self.sharing = SharingBox(self.paths, self, owner=data.store.read_only is None)
        layout.addWidget(self.sharing)
        layout.addStretch(1)
        self.insecure.toggled.connect(self.warning.setVisible)
        self._load()

    # -- building --------------------------------------------------------------------------

    def _fields(self) -> QGridLayout:
        grid = QGridLayout()
        self.target = QLineEdit(self)
        self.target.setObjectName("storageTarget")
        self.target.setPlaceholderText(
            self.tr("sqlite:PATH, postgresql://user@host/dbname?search=NAME, or a service name")
        )
        self.target.setAccessibleName(self.tr("Database to use"))
        assistive.describe(
            self.target,
            self.tr(
                "Leave it empty to keep your data in the file on this computer. For a server, "
                "add ?search=NAME to choose your own schema on it."
            ),
        )
        grid.addWidget(buddy_label(self.tr("&Database:"), self.target, self), 0, 0)
        grid.addWidget(self.target, 0, 1)
        self.password = QLineEdit(self)
        self.password.setObjectName("storagePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        assistive.describe(
            self.password,
            self.tr(
                "Kept in your system keyring, never in Afterview's files. Leave it empty "
                "when your pgpass file has it."
            ),
        )
        self.save_password = QPushButton(self.tr("&Keep in keyring"), self)
        self.save_password.setAccessibleName(self.tr("Keep the password in the keyring"))
        self.save_password.clicked.connect(self.keep_password)
        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(self.save_password)
        grid.addWidget(buddy_label(self.tr("Pass&word:"), self.password, self), 1, 0)
        grid.addLayout(row, 1, 1)
        self.insecure = QCheckBox(self.tr("Allow an &unencrypted connection"), self)
        self.insecure.setAccessibleName(self.tr("Allow an unencrypted connection"))
        assistive.describe(
            self.insecure,
            self.tr(
                "Only for a server on a network you trust: your data would travel unencrypted."
            ),
        )
        grid.addWidget(self.insecure, 2, 1)
        return grid

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.test_button = self._button(self.tr("&Test connection"), self.test_connection)
        self.use_button = self._button(self.tr("Use t&his database"), self.use_target)
        self.copy_button = self._button(self.tr("Cop&y my data there"), self.copy_there)
        for button in (self.test_button, self.use_button, self.copy_button):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(assistive.without_mnemonic(text))
        button.clicked.connect(slot)
        return button

    def _load(self) -> None:
        from afterview.store.target import SqliteTarget, resolve_target
        from afterview.store.target_settings import read_setting

        try:
            current = resolve_target(
                self.paths.database, self.paths.config_dir, self.paths.database_target
            )
            # A file opens as Paths.database (the data folder's), as the store does.
            where = (
                str(self.paths.database) if isinstance(current, SqliteTarget) else current.display()
            )
            saved, allow = read_setting(self.paths.config_dir)
        except (StoreError, ValueError) as error:
            where, saved, allow = str(error), None, False
        self.where.setText(self.tr("Your data is in: {where}").format(where=where))
        if self.paths.database_target is not None:
            chooser = self.tr("--database, which wins over the setting below")
        elif os.environ.get(ENV_DATABASE, "").strip():
            chooser = self.tr("{name}, which wins over the setting below").format(name=ENV_DATABASE)
        else:
            chooser = ""
        self.chosen_by.setText(
            self.tr("Chosen by {chooser}.").format(chooser=chooser) if chooser else ""
        )
        self.chosen_by.setVisible(bool(chooser))
        self.target.setText(saved or "")
        self.insecure.setChecked(allow)

    # -- actions ---------------------------------------------------------------------------

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        assistive.announce(self.status, text, assertive=problem)

    def test_connection(self) -> bool:
        """Check the target as typed (with a typed password); True when it can be used."""
        from afterview.store.target_check import Verdict, check_target

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = check_target(
                self.target.text(),
                data_dir_database=self.paths.database,
                allow_insecure=self.insecure.isChecked(),
                password=self.password.text() or None,
            )
        finally:
            QApplication.restoreOverrideCursor()
        self._say(found.words, problem=found.verdict is not Verdict.OK)
        return found.verdict is Verdict.OK

    def keep_password(self) -> bool:
        """Store the typed password in the keyring for the typed server; True when kept."""
        from afterview.store.target import PostgresTarget, parse_target, store_password

        if not self.password.text():
            self._say(self.tr("Type the password first."), problem=True)
            return False
        try:
            target = parse_target(self.target.text())
            if not isinstance(target, PostgresTarget):
                self._say(self.tr("A file needs no password."), problem=True)
                return False
            store_password(target, self.password.text())
        except StoreError as error:
            self._say(str(error), problem=True)
            return False
        self.password.clear()
        self._say(self.tr("The password is kept in your keyring."))
        return True

    def use_target(self) -> bool:
        """Save the typed database as the one to open (empty: the file here), then offer to
        restart Afterview on it. True when saved."""
        from afterview.store.target import save_target

        text = self.target.text().strip() or None
        if self.password.text() and not self.keep_password():
            return False
        try:
            save_target(self.paths.config_dir, text, allow_insecure=self.insecure.isChecked())
        except (StoreError, OSError) as error:
            self._say(str(error), problem=True)
            return False
        self.target_saved.emit(text)
        self._say(self.tr("Saved. Afterview opens this database from its next start."))
        from afterview.ui.widgets import message_box

        box = QMessageBox.StandardButton
        answer = message_box(
            self,
            QMessageBox.Icon.Question,
            self.tr("Restart Afterview?"),
            self.tr(
                "Afterview will use the chosen database the next time it starts. Restart "
                "now? (The reminders in the tray follow when it starts again.)"
            ),
            box.Yes | box.No,
            box.No,
        )
        if answer == box.Yes:
            self._restart()
        return True

    def copy_there(self) -> None:
        """Copy everything to the typed database, on a worker thread, with progress."""
        if not self.target.text().strip():
            self._say(self.tr("Type the database to copy to first."), problem=True)
            return
        if self.password.text() and not self.keep_password():
            return
        self.progress = QProgressDialog(
            self.tr("Copying your data…"), self.tr("Working…"), 0, 100, self
        )
        self.progress.setObjectName("copyProgress")
        self.progress.setWindowTitle(self.tr("Copy my data there"))
        self.progress.setAccessibleName(self.tr("Copying your data"))
        self.progress.setCancelButton(None)  # all or nothing: it finishes or is undone
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setValue(0)
        self.progress.show()
        self.runner = CopyRunner(self.paths, self.target.text(), self.insecure.isChecked())
        self.runner.progressed.connect(self._progressed)
        self.runner.copied.connect(self._copied)
        self.runner.failed.connect(self._failed)
        self.runner.finished.connect(self._ended)
        self.copy_button.setEnabled(False)
        self.runner.start()

    def is_copying(self) -> bool:
        return self.runner is not None

    def _progressed(self, percent: int, words: str) -> None:
        if self.progress is not None:
            self.progress.setLabelText(copy_words(self, words))
            self.progress.setValue(percent)

    def _copied(self, report: object) -> None:
        counts = getattr(report, "counts", None)
        target = getattr(report, "target", "")
        text = self.tr(
            "Copied and checked: {interviews} interviews, {contacts} contacts, {letters} "
            "letters are now also in {target}. Choose “Use this database” to work there."
        ).format(
            interviews=getattr(counts, "interviews", 0),
            contacts=getattr(counts, "contacts", 0),
            letters=getattr(counts, "letters", 0),
            target=target,
        )
        self._say(text)
        self.copied.emit(report)

    def _failed(self, text: str) -> None:
        self._say(text, problem=True)
        self.copy_failed.emit(text)

    def _ended(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
        if self.runner is not None:
            self.runner.deleteLater()
            self.runner = None
        self.copy_button.setEnabled(True)

    def wait_for_copy(self) -> None:
        """Before the dialog closes: the copy is all or nothing, so it is let finish."""
        if self.runner is not None:
            self.runner.wait()


def _dark(widget: QWidget) -> bool:
    from PySide6.QtGui import QPalette

    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
