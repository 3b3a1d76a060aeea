"""Contacts from an email (issue 18 §2): the preview of the people a saved message names, one
row per person (the sender first, with their signature's fields), every field editable and
every row untickable, then one transaction for the ticked rows.

    preview_and_import_email(workspace, path)   # File ▸ Import, a drop, "Open with"

The message (at most 25 MB) is read on the GUI thread under a wait cursor: parsing a message
of that size takes well under a second. Nothing is written before Import.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.cards import check_phone, email_key
from afterview.interop.email_contacts import EmailContacts, EmailPerson, load_email
from afterview.interop.email_import import NOTHING_IMPORTED, already_contacts, import_people
from afterview.store.card_values import CardImportSummary, Duplicate
from afterview.store.errors import StoreError
from afterview.ui.assistive import announce
from afterview.ui.translation import fill
from afterview.ui.validators import error_label
from afterview.ui.widgets import discard_corrections, message_box
from afterview.ui.window_fit import PREFERRED, dialog_size

if TYPE_CHECKING:
    from afterview.ui.data import DataAccess
    from afterview.ui.workspace import Workspace

#: The table's columns; the editable ones are EmailPerson's fields of the same name.
TICK, NAME, TITLE, COMPANY, EMAIL, PHONE, ADDRESS, KNOWN = range(8)
FIELDS = {NAME: "name", TITLE: "title", COMPANY: "company", EMAIL: "email", PHONE: "phone",
          ADDRESS: "address"}  # fmt: skip


def _tr(text: str) -> str:
    return QCoreApplication.translate("EmailPreview", text)


def _plain_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names come from the message: never rich text
    label.setWordWrap(True)
    return label


class EmailPreviewDialog(QDialog):
    """The people of one message, editable; Import writes the ticked rows. After Accepted,
    ``summary`` says what was written (``imported`` is emitted with it)."""

    imported = Signal(object)

    def __init__(
        self,
        data: DataAccess,
        read: EmailContacts,
        region: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = data.store
        self.read = read
        self.region = region
        self.summary: CardImportSummary | None = None
        own = self.store.settings.profile().email
        own_key = email_key(own) if own.strip() else ""
        self.people = [p for p in read.people if not own_key or p.email != own_key]
        self.left_out_own = len(read.people) - len(self.people)
        name = Path(read.source).name
        self.setWindowTitle(self.tr("Contacts from an email — {file}").format(file=name))

        layout = QVBoxLayout(self)
        self.heading = _plain_label("", self)
        self.heading.setObjectName("heading")
        layout.addWidget(self.heading)

        self.table = QTableWidget(len(self.people), len(FIELDS) + 2, self)
        self.table.setObjectName("people")
        self.table.setAccessibleName(self.tr("People in the email"))
        self.table.setTabKeyNavigation(False)  # arrows move in the table; Tab leaves it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        # Editing starts on F2, a double-click or typing, never on moving to a cell: arrows
        # and Tab move from cell to cell, and Escape in a cell editor only leaves the cell.
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Import"),
                self.tr("Name"),
                self.tr("Title"),
                self.tr("Company"),
                self.tr("Email"),
                self.tr("Phone"),
                self.tr("Address"),
                self.tr("In your contacts"),
            ]
        )
        layout.addWidget(self.table, 1)

        self.note = _plain_label(
            self.tr(
                "Untick anyone you do not want; double-click a cell to correct it. A person "
                "whose email is already in your contacts is merged into that contact, whose "
                "own name, title and company are shown and kept unless you correct them."
            ),
            self,
        )
        layout.addWidget(self.note)

        self.error = error_label(self)
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("import")
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.do_import)

        try:
            known = already_contacts(self.store, self.people)
        except StoreError as error:
            known = {}
            self._show_error(str(error))
        self._fill(known)
        self.table.itemChanged.connect(self._update)
        self._update()
        self._as_read = self.ticked()

    def changed(self) -> bool:
        """Whether the user has corrected a cell or changed a tick."""
        return self.ticked() != self._as_read

    def reject(self) -> None:
        """Escape, Cancel and the window's close: with corrections, asked first."""
        if self.changed() and not discard_corrections(self):
            return
        super().reject()

    def _stored(self, duplicate: Duplicate | None) -> dict[int, str]:
        """The name, title and company a known contact has, by column: shown in place of
        what the email gives, so the preview shows what will be kept and an edit is what gets
        saved (the contact's emails, phones and addresses are joined, never replaced)."""
        if duplicate is None or duplicate.contact_id is None:
            return {}
        try:
            contact = self.store.contacts.get(duplicate.contact_id)
        except StoreError:
            return {}
        values = {NAME: contact.name, TITLE: contact.title, COMPANY: contact.company}
        return {column: value for column, value in values.items() if value.strip()}

    def _fill(self, known: dict[int, Duplicate]) -> None:
        roles = {"sender": self.tr("Sender"), "to": self.tr("To"), "cc": self.tr("Cc")}
        for row, person in enumerate(self.people):
            stored = self._stored(known.get(row))
            tick = QTableWidgetItem(roles.get(person.role, person.role))
            tick.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            tick.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, TICK, tick)
            for column, field in FIELDS.items():
                value = str(getattr(person, field))
                if column == PHONE and value:
                    value = check_phone(value, self.region).value  # "+49 30 1234567"
                item = QTableWidgetItem(stored.get(column, value))
                if column in stored and stored[column] != value and value:
                    item.setToolTip(self.tr("The email gives: {value}").format(value=value))
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsEditable
                )
                self.table.setItem(row, column, item)
            duplicate = known.get(row)
            marker = QTableWidgetItem(
                self.tr("Yes: {name}").format(name=duplicate.name) if duplicate else ""
            )
            marker.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.table.setItem(row, KNOWN, marker)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(60)
        self.table.resizeColumnsToContents()  # once: editing a cell does not move the columns
        header.setStretchLastSection(True)
        # Wide enough for every column, up to the main window's first width, when the screen
        # allows; else the table scrolls (Import and Cancel stay on the screen).
        wanted = header.length() + self.table.frameWidth() * 2 + 40
        self.resize(dialog_size(self, QSize(max(720, min(wanted, PREFERRED.width())), 340)))

    def ticked(self) -> list[EmailPerson]:
        """The ticked rows as edited."""
        people: list[EmailPerson] = []
        for row, person in enumerate(self.people):
            tick = self.table.item(row, TICK)
            if tick is None or tick.checkState() != Qt.CheckState.Checked:
                continue
            values = {
                field: (item.text() if (item := self.table.item(row, column)) else "")
                for column, field in FIELDS.items()
            }
            people.append(EmailPerson(role=person.role, **values))
        return people

    def _update(self) -> None:
        count = len(self.ticked())
        parts = [
            fill(
                self.tr("People in %1 (“%2”): %n row(s), %3 ticked", "", len(self.people)),
                Path(self.read.source).name,
                self.read.subject,
                str(count),
            )
        ]
        if self.left_out_own:
            parts.append(self.tr("your own address is left out"))
        self.heading.setText("; ".join(parts) + ".")
        self.import_button.setEnabled(count > 0)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        announce(self, text, assertive=True)

    def do_import(self) -> None:
        people = self.ticked()
        if not people:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            # The rows show a known contact's own name, title and company unless corrected
            # here: what they say is what is saved.
            summary = import_people(self.store, people, self.region, keep_stored=False).value
        except StoreError as error:
            reason = str(error).removesuffix(NOTHING_IMPORTED)  # said first, not twice
            self._show_error(self.tr("Nothing was imported: {error}").format(error=reason))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.summary = summary
        self.imported.emit(summary)
        self.accept()


def summary_text(summary: CardImportSummary) -> str:
    """The status bar's words for what an import wrote."""
    text = QCoreApplication.translate(
        "EmailPreview", "Contacts from the email: %n added, %1 merged.", "", summary.added
    )
    return fill(text, summary.merged)


def _run(dialog: EmailPreviewDialog) -> int:
    """Show the preview modally (the tests replace this to drive it)."""
    return dialog.exec()


def preview_and_import_email(workspace: Workspace, path: Path) -> bool:
    """Read the saved message at ``path``, show the preview, and on Import write the ticked
    people as contacts (merged by email) and say so in the status bar. A file that is not a
    message, too large, or unreadable: a warning box with the reader's message, nothing
    written, False. True when something was imported."""
    parent = workspace.window
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        region = workspace.store.settings.home_region()
        read = load_email(Path(path), region)
    except StoreError as error:
        QGuiApplication.restoreOverrideCursor()
        message_box(parent, QMessageBox.Icon.Warning, _tr("Import an email"), str(error))
        return False
    QGuiApplication.restoreOverrideCursor()
    dialog = EmailPreviewDialog(workspace.data, read, region, parent)
    try:
        if _run(dialog) != QDialog.DialogCode.Accepted or dialog.summary is None:
            return False
        workspace.window.statusBar().showMessage(summary_text(dialog.summary), 10000)
        return True
    finally:
        dialog.deleteLater()
