"""The Contacts page: every card in a filterable list, the card editor beside it.

Moving to another card with unsaved edits saves them when they are valid; when they are
not, the selection stays put and the problems stay beside their fields, so nothing typed
is lost.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from afterview import ipc
from afterview.store import contacts
from afterview.store.database import Database
from afterview.store.errors import RecordError
from afterview.ui.contact_editor import ContactEditor, ContactEditorDialog
from afterview.ui.contacts_model import ContactIdRole, ContactsModel, SortRole
from afterview.ui.validators import Clock, plain_label, utcnow

#: Columns shown by default (the title is on the card beside the list).
VISIBLE_COLUMNS = (0, 2, 3)


class ContactsPage(QWidget):
    changed = Signal()

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, clock: Clock = utcnow
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.setAccessibleName("Contacts")
        self._reselecting = False

        self.model = ContactsModel(db, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SortRole)

        self.filter = QLineEdit(self)
        self.filter.setObjectName("contacts_filter")
        self.filter.setAccessibleName("Filter contacts")
        self.filter.setPlaceholderText("Filter by name, company, email…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.new_button = QPushButton("&New contact", self)
        self.new_button.setAccessibleName("New contact")
        self.new_button.clicked.connect(self.new_contact)
        self.delete_button = QPushButton("&Delete", self)
        self.delete_button.setAccessibleName("Delete contact")
        self.delete_button.clicked.connect(self.delete_current)
        self.undo_button = QPushButton("&Undo delete", self)
        self.undo_button.setAccessibleName("Undo delete")
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_button.hide()
        self._deleted: list[contacts.DeletedContact] = []

        self.table = QTableView(self)
        self.table.setObjectName("contacts_table")
        self.table.setAccessibleName("Contact list")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column in range(self.model.columnCount()):
            self.table.setColumnHidden(column, column not in VISIBLE_COLUMNS)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(2, 110)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.editor = ContactEditor(db, self, clock=clock)
        self.editor.validityChanged.connect(self._update_buttons)
        self.editor.dirtyChanged.connect(self._update_buttons)
        self.interviews = plain_label("", self, name="contact interviews")
        self.interviews.setWordWrap(True)
        self.status = plain_label("", self, name="contacts status")
        self.save_button = QPushButton("&Save", self)
        self.save_button.setAccessibleName("Save card")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Re&vert", self)
        self.revert_button.setAccessibleName("Revert card")
        self.revert_button.clicked.connect(self.editor.revert)

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
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(editor_pane)

        self.empty = plain_label(
            "No contact cards yet.\n\nAdd the people you meet at interviews: their names, "
            "titles and a way to reach them make the thank-you notes and follow-ups possible.",
            self,
            name="contacts empty",
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(scroll)

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
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        actions.addWidget(self.undo_button)
        left_layout.addLayout(actions)
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
            self.editor.email,
            self.editor.phone,
            self.editor.address,
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
        # Enter on a card in the list opens it for editing.
        self.table.activated.connect(lambda _index: self.editor.name.setFocus())
        # Ctrl+F and Ctrl+Z belong to the main window (it calls focus_filter and undo_delete);
        # a second window-wide shortcut on the same keys would make both ambiguous.
        save = QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_current)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.reload()

    # -- data ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the cards again (after another part of the window wrote); unsaved edits on
        screen stay as they are."""
        current = self.editor.contact_id
        self._reselecting = True
        try:
            self.model.reload()
            if current is not None and self.model.row_of(current) >= 0:
                self.select(current)
        finally:
            self._reselecting = False
        if self.editor.is_dirty():
            pass
        elif current is not None and self.model.row_of(current) >= 0:
            self._show_editor(True)
            self.editor.load(current)
            self._after_load()
        elif self.model.rowCount() > 0:
            self.table.selectRow(0)
        else:
            self._show_editor(False)
        self._update_buttons()

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def select(self, contact_id: int) -> None:
        row = self.model.row_of(contact_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # filtered out: clear the filter rather than hide the card
            self.filter.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._reselecting:
            return
        target = current.data(ContactIdRole) if current.isValid() else None
        if self.editor.is_dirty():
            # Saving reloads the model, which must not happen inside the selection change.
            QTimer.singleShot(0, lambda: self._leave_dirty_card(target))
            return
        if target is None:
            if self.editor.contact_id is not None:
                self._show_editor(False)
            return
        self._show_editor(True)
        self.editor.load(target)
        self._after_load()

    def _leave_dirty_card(self, target: int | None) -> None:
        if not self.editor.is_dirty():
            return
        if not self.editor.is_valid():
            self.status.setText("Fix the marked fields first, or revert.")
            editing = self.editor.contact_id
            if editing is not None:
                self._reselect(editing)
            else:
                self._reselecting = True
                try:
                    self.table.clearSelection()
                    self.table.selectionModel().clearCurrentIndex()
                finally:
                    self._reselecting = False
            return
        if self.save() is not None and target is not None:
            self._reselect(target)

    def _reselect(self, contact_id: int) -> None:
        self._reselecting = True
        try:
            self.select(contact_id)
        finally:
            self._reselecting = False
        if self.editor.contact_id != contact_id and not self.editor.is_dirty():
            self.editor.load(contact_id)
            self._after_load()

    def _after_load(self) -> None:
        self.status.clear()
        contact_id = self.editor.contact_id
        if contact_id is None:
            self.interviews.setText("Not on any interview yet.")
            return
        with self.db.read() as session:
            rows = contacts.interviews_of(session, contact_id)
            described = [
                f"{row.company} — {row.position} ({row.start.date().isoformat()})"
                for row in rows[:5]
            ]
            extra = len(rows) - len(described)
        if not described:
            self.interviews.setText("Not on any interview yet.")
            return
        text = "On interviews: " + "; ".join(described)
        if extra > 0:
            text += f"; and {extra} more"
        self.interviews.setText(text)

    def _show_editor(self, shown: bool) -> None:
        self.stack.setCurrentIndex(1 if shown else 0)
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        editing = self.stack.currentIndex() == 1
        self.save_button.setEnabled(editing and self.editor.is_valid() and self.editor.is_dirty())
        self.revert_button.setEnabled(editing and self.editor.is_dirty())
        self.delete_button.setEnabled(editing and self.editor.contact_id is not None)

    # -- actions -------------------------------------------------------------------------

    def new_contact(self) -> None:
        """Start a blank card in the editor (saved with Save, like any card)."""
        if self.editor.is_dirty() and self.editor.is_valid():
            self.save()
        self._reselecting = True
        try:
            self.table.clearSelection()
            self.table.selectionModel().clearCurrentIndex()
        finally:
            self._reselecting = False
        self._show_editor(True)
        self.editor.load(None)
        self._after_load()
        self.editor.name.setFocus()

    def save(self) -> int | None:
        if not (self.editor.is_dirty() or self.editor.contact_id is None):
            return self.editor.contact_id
        contact_id = self.editor.save()
        if contact_id is None:
            self.status.setText("Not saved: fix the marked fields.")
            return None
        self._reselecting = True
        try:
            self.model.reload()
            self.select(contact_id)
        finally:
            self._reselecting = False
        self._after_load()
        self.status.setText("Saved.")
        self._update_buttons()
        self.changed.emit()
        return contact_id

    def confirm_delete(self, name: str) -> bool:
        answer = QMessageBox.question(
            self,
            "Delete contact",
            f"Delete the card of {name}? Their roles on interviews go too, and the "
            "interviews' steps are planned again without them.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete_current(self) -> None:
        contact_id = self.editor.contact_id
        if contact_id is None:
            return
        if not self.confirm_delete(self.editor.fields().name or "this contact"):
            return
        try:
            with self.db.write() as session:
                deleted = contacts.delete_contact(session, contact_id, self.clock())
        except RecordError as error:
            self.status.setText(str(error))
            return
        self._deleted.append(deleted)
        self.db.backup_if_due()
        ipc.notify_changed(self.db.paths)
        row = self.model.row_of(contact_id)
        self.editor.contact_id = None
        self.editor.load(None)
        self._reselecting = True
        try:
            self.model.reload()
        finally:
            self._reselecting = False
        if self.model.rowCount() > 0:
            self.table.selectRow(min(max(row, 0), self.proxy.rowCount() - 1))
        else:
            self._show_editor(False)
        self.status.setText(f"Deleted the card of {deleted.label}.")
        self.undo_button.show()
        self.changed.emit()

    def can_undo(self) -> bool:
        return bool(self._deleted)

    def undo_delete(self) -> int | None:
        """Bring back the card deleted last in this session; its id, or None."""
        if not self._deleted:
            return None
        deleted = self._deleted[-1]
        try:
            with self.db.write() as session:
                contact_id = contacts.undo_delete_contact(session, deleted, self.clock()).id
        except RecordError as error:
            self._deleted.pop()
            self.status.setText(str(error))
            self.undo_button.setVisible(bool(self._deleted))
            return None
        self._deleted.pop()
        self.undo_button.setVisible(bool(self._deleted))
        self.db.backup_if_due()
        ipc.notify_changed(self.db.paths)
        self._reselecting = True
        try:
            self.model.reload()
            self.select(contact_id)
        finally:
            self._reselecting = False
        self._show_editor(True)
        self.editor.load(contact_id)
        self._after_load()
        self.status.setText(f"Restored the card of {deleted.label}.")
        self.changed.emit()
        return contact_id

    def add_in_dialog(self, company: str = "", country: str | None = None) -> int | None:
        """Open the card editor as a dialog for a new card (what W1's interview pane uses)."""
        contact_id = ContactEditorDialog.create(self.db, self, company=company, country=country)
        if contact_id is not None:
            self.reload()
            self.changed.emit()
        return contact_id


__all__ = ["ContactEditor", "ContactEditorDialog", "ContactsPage"]
