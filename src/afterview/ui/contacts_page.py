"""The Contacts page: every card in a filterable list, the card editor beside it.

Moving to another card with unsaved edits saves them when they are valid; when they are
not, the selection stays put and the problems stay beside their fields, so nothing typed
is lost (record_list_page.RecordListPage does the moving, saving and deleting). Cards made
elsewhere (the New-interview dialog, the People tab, an import) show up as they are written:
the page reloads when ``data.changed`` names contacts or interviews.

Save and Revert sit below the scrolling card, so they stay on screen in an 800 x 600 window.
"No contact cards yet." shows only when there are none; sample cards are marked in the list
(a "Sample" column, shown while there are any) and on the card.
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
from afterview.ui.contacts_model import SAMPLE_COLUMN, ContactIdRole, ContactsModel
from afterview.ui.interview_picker import describe_interview
from afterview.ui.record_list_page import RecordListPage
from afterview.ui.widgets import plain_label

if TYPE_CHECKING:
    from afterview.ui.data import DataAccess

#: Columns shown by default (the title is on the card beside the list); the Sample column
#: too while there is sample data.
VISIBLE_COLUMNS = (0, 2, 3)


class ContactsPage(RecordListPage):
    id_role = ContactIdRole
    record_phrase = "the card of"
    emit_changed_on_save = True
    unnamed = "this contact"
    # Interviews too: the list counts them, and the card names the ones it is on.
    kinds = (Kind.CONTACTS, Kind.INTERVIEWS)

    def __init__(self, data: DataAccess, parent: QWidget | None = None) -> None:
        super().__init__(data, parent, self.tr("Contacts"))
        self._build_list(
            ContactsModel(data, self),
            filter_label=self.tr("Filter contacts"),
            placeholder=self.tr("Filter by name, company, email…"),
            table_name="contacts_table",
            table_label=self.tr("Contact list"),
        )
        self.filter.setObjectName("contacts_filter")
        self._build_list_buttons(
            self.tr("New &contact"), self.tr("New contact"), self.tr("Delete contact")
        )
        self._deleted: list[DeletedContact] = []
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column in range(self.model.columnCount()):
            self.table.setColumnHidden(column, column not in VISIBLE_COLUMNS)
        self.table.setColumnWidth(0, 110)  # room for the Sample column in an 800-pixel window
        self.table.setColumnWidth(2, 110)
        header.moveSection(header.visualIndex(SAMPLE_COLUMN), 1)  # beside the name it marks
        header.setSectionResizeMode(SAMPLE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.model.modelReset.connect(self._show_sample_column)
        for signal in (
            self.proxy.modelReset,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._refresh_empty_text)

        self.editor = ContactEditor(data, self)
        self.editor.validityChanged.connect(self._update_buttons)
        self.editor.saveableChanged.connect(self._update_buttons)
        self.editor.dirtyChanged.connect(self._update_buttons)
        self.interviews = plain_label("", self, name="contact interviews")
        self.interviews.setWordWrap(True)
        self.status = plain_label("", self, name="contacts status")
        self.status.setWordWrap(True)
        self._build_editor_buttons("card")
        self.save_button.setAccessibleName(self.tr("Save card"))
        self.editor.explain_save(self.save_button)  # why Save is grey (issue 15)
        self.revert_button.setAccessibleName(self.tr("Revert card"))

        editor_pane = QWidget(self)
        editor_layout = QVBoxLayout(editor_pane)
        editor_layout.setContentsMargins(12, 0, 0, 0)
        editor_layout.addWidget(self.editor)
        editor_layout.addWidget(self.interviews)
        editor_layout.addStretch(1)
        self._build_stack(editor_pane, self._empty_text(), "contacts empty")
        self.stack.currentChanged.connect(self._stack_shown)

        # Below the scrolling card, so always on screen.
        self.editor_buttons = QWidget(self)
        buttons = QHBoxLayout(self.editor_buttons)
        buttons.setContentsMargins(12, 6, 0, 0)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.stack, 1)
        right_layout.addWidget(self.editor_buttons)
        self._stack_shown(self.stack.currentIndex())

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
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        # A third for the list: in an 800-pixel window the card then fits without scrolling
        # sideways (its messages under the fields).
        splitter.setSizes([340, 760])
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
            self.editor.salutation,
            self.editor.family_name,
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
            self.interviews.setText(self.tr("Not on any interview yet."))
            return
        on = self.data.store.contacts.interviews_of(contact_id)
        described = [describe_interview(choice) for choice in on[:5]]
        extra = len(on) - len(described)
        if not described:
            self.interviews.setText(self.tr("Not on any interview yet."))
            return
        text = self.tr("On interviews: {list}").format(list="; ".join(described))
        if extra > 0:
            text += self.tr("; and %n more", "", extra)
        self.interviews.setText(text)

    # -- what the page says ----------------------------------------------------------------

    def _empty_text(self) -> str:
        """Behind the card: "none yet" only when there are none; else what to do."""
        if self.model.rowCount() == 0:
            return self.tr(
                "No contact cards yet.\n\nAdd the people you meet at interviews: their names, "
                "titles and a way to reach them make the thank-you notes and follow-ups possible."
            )
        if self.proxy.rowCount() == 0:
            return self.tr("No card matches the filter.\n\nClear the filter to see every card.")
        return self.tr("Choose a card in the list, or add a new one.")

    def _refresh_empty_text(self, *_: object) -> None:
        if hasattr(self, "empty"):  # the list is built before the message behind the card
            self.empty.setText(self._empty_text())

    def _show_editor(self, shown: bool) -> None:
        self._refresh_empty_text()
        super()._show_editor(shown)

    def _stack_shown(self, index: int) -> None:
        self.editor_buttons.setVisible(index == 1)

    def _show_sample_column(self) -> None:
        any_sample = any(self.model.item(row).sample for row in range(self.model.rowCount()))
        self.table.setColumnHidden(SAMPLE_COLUMN, not any_sample)

    def _update_buttons(self, *_: object) -> None:
        super()._update_buttons()
        # A new card may be saved as soon as nothing shown is wrong: trying shows what is
        # missing (a name) instead of a Save that is grey for no visible reason.
        editing = self.stack.currentIndex() == 1
        new = editing and self._editing_id() is None and self.editor.is_dirty()
        if new and self.editor.can_try_save():
            self.save_button.setEnabled(True)

    def _leave_dirty(self, target: int | None) -> None:
        if self.editor.is_dirty() and not self.editor.is_valid():
            self.editor.reveal()  # why the card stays: the missing name too
        super()._leave_dirty(target)

    # -- actions -------------------------------------------------------------------------

    def new_contact(self) -> None:
        """Start a blank card in the editor (saved with Save, like any card)."""
        self._start_new()

    def confirm_delete(self, name: str) -> bool:
        return self._ask(
            self.tr("Delete contact"),
            self.tr(
                "Delete the card of {name}? Their roles on interviews go too, and the "
                "interviews' steps are planned again without them."
            ).format(name=name),
        )

    def add_in_dialog(self, company: str = "", country: str | None = None) -> int | None:
        """Open the card editor as a dialog for a new card (what W1's interview pane uses)."""
        contact_id = ContactEditorDialog.create(self.data, self, company=company, country=country)
        if contact_id is not None:  # the page heard the write (data.changed) and reloaded
            self.changed.emit()
        return contact_id


__all__ = ["ContactEditor", "ContactEditorDialog", "ContactsPage"]
