"""The Contacts page: every card in a filterable list, the card editor beside it.

Moving to another card with unsaved edits saves them when they are valid; when they are
not, the selection stays put and the problems stay beside their fields, so nothing typed
is lost (record_list_page.RecordListPage does the moving, saving and deleting). Cards made
elsewhere (the New-interview dialog, the People tab, an import) show up as they are written:
the page reloads when ``data.changed`` names contacts or interviews.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from afterview.store.changes import Kind, Outcome
from afterview.store.values import DeletedContact
from afterview.ui.contact_editor import ContactEditor, ContactEditorDialog
from afterview.ui.contacts_model import ContactIdRole, ContactsModel
from afterview.ui.interview_picker import describe_interview
from afterview.ui.record_list_page import RecordListPage
from afterview.ui.validators import plain_label

if TYPE_CHECKING:
    from afterview.ui.data import DataAccess

#: Columns shown by default (the title is on the card beside the list).
VISIBLE_COLUMNS = (0, 2, 3)


class ContactsPage(RecordListPage):
    id_role = ContactIdRole
    record_phrase = "the card of"
    emit_changed_on_save = True
    unnamed = "this contact"
    # Interviews too: the list counts them, and the card names the ones it is on.
    kinds = (Kind.CONTACTS, Kind.INTERVIEWS)

    def __init__(self, data: DataAccess, parent: QWidget | None = None) -> None:
        super().__init__(data, parent, "Contacts")
        self._build_list(
            ContactsModel(data, self),
            filter_label="Filter contacts",
            placeholder="Filter by name, company, email…",
            table_name="contacts_table",
            table_label="Contact list",
        )
        self.filter.setObjectName("contacts_filter")
        self._build_list_buttons("&New contact", "New contact", "Delete contact")
        self._deleted: list[DeletedContact] = []
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column in range(self.model.columnCount()):
            self.table.setColumnHidden(column, column not in VISIBLE_COLUMNS)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(2, 110)

        self.editor = ContactEditor(data, self)
        self.editor.validityChanged.connect(self._update_buttons)
        self.editor.dirtyChanged.connect(self._update_buttons)
        self.interviews = plain_label("", self, name="contact interviews")
        self.interviews.setWordWrap(True)
        self.status = plain_label("", self, name="contacts status")
        self._build_editor_buttons("card")

        editor_pane = QWidget(self)
        editor_layout = QVBoxLayout(editor_pane)
        editor_layout.setContentsMargins(12, 0, 0, 0)
        editor_layout.addWidget(self.editor)
        editor_layout.addWidget(self.interviews)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        editor_layout.addLayout(buttons)
        editor_layout.addStretch(1)
        self._build_stack(
            editor_pane,
            "No contact cards yet.\n\nAdd the people you meet at interviews: their names, "
            "titles and a way to reach them make the thank-you notes and follow-ups possible.",
            "contacts empty",
        )

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("contacts_splitter")
        splitter.setChildrenCollapsible(False)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(self._list_actions())
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 680])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(splitter)

        # Keyboard order: find, list, the card top to bottom, its buttons, then list actions.
        chain = [
            self.filter,
            self.table,
            self.editor.name,
            self.editor.title,
            self.editor.company,
            *self.editor.emails.focus_chain(),
            *self.editor.phones.focus_chain(),
            *self.editor.addresses.focus_chain(),
            self.editor.channel,
            self.editor.notes,
            self.revert_button,
            self.save_button,
            self.new_button,
            self.delete_button,
            self.undo_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._start()

    # -- hooks -------------------------------------------------------------------------

    def _editing_id(self) -> int | None:
        return self.editor.contact_id

    def _record_shown(self, switched: bool) -> None:
        self._after_load()

    def _delete_record(self, record_id: int) -> Outcome[DeletedContact]:
        return self.data.store.contacts.delete(record_id)

    def _restore_record(self, deleted: DeletedContact) -> Outcome[int]:
        return self.data.store.contacts.undo_delete(deleted)

    def _after_load(self) -> None:
        self.status.clear()
        contact_id = self.editor.contact_id
        if contact_id is None:
            self.interviews.setText("Not on any interview yet.")
            return
        on = self.data.store.contacts.interviews_of(contact_id)
        described = [describe_interview(choice) for choice in on[:5]]
        extra = len(on) - len(described)
        if not described:
            self.interviews.setText("Not on any interview yet.")
            return
        text = "On interviews: " + "; ".join(described)
        if extra > 0:
            text += f"; and {extra} more"
        self.interviews.setText(text)

    # -- actions -------------------------------------------------------------------------

    def new_contact(self) -> None:
        """Start a blank card in the editor (saved with Save, like any card)."""
        self._start_new()

    def confirm_delete(self, name: str) -> bool:
        return self._ask(
            "Delete contact",
            f"Delete the card of {name}? Their roles on interviews go too, and the "
            "interviews' steps are planned again without them.",
        )

    def add_in_dialog(self, company: str = "", country: str | None = None) -> int | None:
        """Open the card editor as a dialog for a new card (what W1's interview pane uses)."""
        contact_id = ContactEditorDialog.create(self.data, self, company=company, country=country)
        if contact_id is not None:  # the page heard the write (data.changed) and reloaded
            self.changed.emit()
        return contact_id


__all__ = ["ContactEditor", "ContactEditorDialog", "ContactsPage"]
