"""What the Contacts and References pages share: a filterable, sortable list of records
beside an editor, saving as you move on, and Delete with an Undo for this session.

Moving to another record with unsaved edits saves them when they are valid; when they are
not, the selection stays put and the problems stay beside their fields, so nothing typed
is lost. Each page builds its own editor and layout and names its records.

Every write goes through the store's operations (``data.write``), whose one write path backs
up, tells the other processes and emits ``data.changed``. A page reloads when a change names
one of its ``kinds`` (a card typed in the New-interview dialog, an edit in the tray, another
process) unless it made the change itself, and keeps an unsaved editor as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QWidget,
)

from afterview.store.changes import Changes, Kind, Outcome
from afterview.ui import assistive
from afterview.ui.first_row import choose_first_row_on_focus
from afterview.ui.form_access import name_clear_button
from afterview.ui.item_table_model import FoldingFilterProxy, ItemTableModel
from afterview.ui.widgets import plain_label, quiet
from afterview.ui.write_guard import writes

if TYPE_CHECKING:
    from afterview.ui.data import DataAccess


class RecordListPage(QWidget):
    """The list half and the save/delete/undo flow; a subclass sets ``editor``, ``status``,
    ``stack`` (empty message, editor), ``save_button``, ``revert_button`` and fills in the
    hooks below."""

    changed = Signal()

    #: The model's role that carries a record's id.
    id_role: int = Qt.ItemDataRole.UserRole + 1
    #: How status messages name a record: "Deleted {record_phrase} Ann." (marked for
    #: translation with QT_TRANSLATE_NOOP and the page's class name as the context).
    record_phrase = QT_TRANSLATE_NOOP("RecordListPage", "the record")
    #: Whether a save here emits ``changed`` (else the editor's own signal does).
    emit_changed_on_save = False
    #: What the delete question calls a record without a name.
    unnamed = QT_TRANSLATE_NOOP("RecordListPage", "this record")
    #: The kinds of change (afterview.store.changes.Kind) after which the page reloads.
    kinds: tuple[Kind, ...] = ()

    editor: Any
    status: QLabel
    stack: QStackedWidget
    save_button: QPushButton
    revert_button: QPushButton

    def __init__(self, data: DataAccess, parent: QWidget | None, name: str) -> None:
        super().__init__(parent)
        self.data = data
        self.setAccessibleName(name)
        self._reselecting = False
        self._writing = False
        #: A change was heard while the page was hidden: reload when it is shown.
        self._stale = False
        self._deleted: list[Any] = []

    # -- hooks ---------------------------------------------------------------------------

    def _editing_id(self) -> int | None:
        raise NotImplementedError

    def _record_shown(self, switched: bool) -> None:
        """After the editor shows a record: ``switched`` when the user moved to it or started
        a new one, not when the same page re-read it (reload, save, undo)."""

    def _delete_record(self, record_id: int) -> Outcome[Any]:
        """Delete through the store; its value is what Undo needs (with a ``label``)."""
        raise NotImplementedError

    def _restore_record(self, deleted: Any) -> Outcome[int]:
        raise NotImplementedError

    # -- building ------------------------------------------------------------------------

    def _build_list(
        self,
        model: ItemTableModel[Any],
        *,
        filter_label: str,
        placeholder: str,
        table_name: str,
        table_label: str,
    ) -> None:
        self.model = model
        self.proxy = FoldingFilterProxy(self)
        self.proxy.setSourceModel(model)

        self.filter = QLineEdit(self)
        self.filter.setAccessibleName(filter_label)
        self.filter.setPlaceholderText(placeholder)
        self.filter.setClearButtonEnabled(True)
        name_clear_button(self.filter, self.tr("Clear the filter"))
        self.filter.textChanged.connect(self.proxy.set_filter_text)

        self.table = QTableView(self)
        self.table.setObjectName(table_name)
        self.table.setAccessibleName(table_label)
        self.table.setModel(self.proxy)
        # Arrows move between records; Tab goes on to the buttons and the editor.
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        choose_first_row_on_focus(self.table)  # Tab in chooses a row, not a bare focus
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    def _build_list_buttons(self, new_text: str, new_label: str, delete_label: str) -> None:
        self.new_button = QPushButton(new_text, self)
        self.new_button.setAccessibleName(new_label)
        self.new_button.clicked.connect(self._start_new)
        self.delete_button = QPushButton(self.tr("Dele&te"), self)
        self.delete_button.setAccessibleName(delete_label)
        self.delete_button.clicked.connect(self.delete_current)
        self.undo_button = QPushButton(self.tr("&Undo delete"), self)
        self.undo_button.setAccessibleName(self.tr("Undo delete"))
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_button.hide()
        writes(self.new_button, self.delete_button, self.undo_button)

    def _list_actions(self) -> QHBoxLayout:
        """New and Delete on the left under the list, Undo delete on the right."""
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        actions.addWidget(self.undo_button)
        return actions

    def _build_editor_buttons(self, what: str) -> None:
        """Save and Revert for the editor (``what``: "card", "reference")."""
        self.save_button = QPushButton(self.tr("S&ave"), self)
        self.save_button.setAccessibleName(self.tr("Save {0}").format(what))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        writes(self.save_button)
        self.revert_button = QPushButton(self.tr("&Revert"), self)
        self.revert_button.setAccessibleName(self.tr("Revert {0}").format(what))
        self.revert_button.clicked.connect(self.editor.revert)
        later = getattr(self.editor, "unsavedChanged", None)
        if later is not None:  # a kept save made, or refused, after save() returned
            later.connect(self._unsaved_later)

    def _build_stack(self, pane: QWidget, empty_text: str, empty_name: str) -> None:
        """The editor pane (scrolling) behind a message for when there are no records yet."""
        scroll = QScrollArea(self)
        # Not a Tab stop of its own (an unnamed, invisible one): Tab goes to the fields in
        # it, and it scrolls to show each.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(pane)
        self.empty = plain_label(empty_text, self, name=empty_name)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        quiet(self.empty)  # secondary text at 4.5:1, not a disabled label at 1.8:1
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(scroll)

    def _start(self) -> None:
        """The last step of a page's construction: keys, listening, the first load."""
        self._add_keys()
        self.data.changed.connect(self._heard)
        self.reload()

    def _add_keys(self) -> None:
        # Enter on a record in the list opens it for editing.
        self.table.activated.connect(lambda _index: self.editor.name.setFocus())
        # Ctrl+F and Ctrl+Z belong to the main window (it calls focus_filter and undo_delete);
        # a second window-wide shortcut on the same keys would make both ambiguous.
        save = QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_current)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)

    # -- data ----------------------------------------------------------------------------

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Selection changes made here are the page's own, not the user moving."""
        self._reselecting = True
        try:
            yield
        finally:
            self._reselecting = False

    @contextmanager
    def _own_write(self) -> Iterator[None]:
        """The page reloads after its own writes itself; it does not need to hear them."""
        self._writing = True
        try:
            yield
        finally:
            self._writing = False

    def _heard(self, changes: Changes) -> None:
        if not changes.touches(*self.kinds) or self._writing or self.editor.writing:
            return
        if self.isVisible():
            self.reload()
        else:  # a hidden page reads once, when it is shown
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Read the records again (after another part of the window wrote); unsaved edits
        on screen, and a new record just started, stay as they are."""
        self._stale = False
        current = self._editing_id()
        with self._quietly():
            self.model.reload()
            if current is not None and self.model.row_of(current) >= 0:
                self.select(current, clear_filter=False)
        if self.editor.is_dirty():
            pass
        elif current is not None and self.model.row_of(current) >= 0:
            self._show_editor(True)
            self.editor.load(current)
            self._record_shown(False)
        elif current is None and self.stack.currentIndex() == 1:
            pass  # a blank new record on screen
        elif self.model.rowCount() > 0:
            self.table.selectRow(0)
        else:
            self._show_editor(False)
        self._update_buttons()

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def select(self, record_id: int, *, clear_filter: bool = True) -> None:
        row = self.model.row_of(record_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # filtered out: clear the filter rather than hide the record
            if not clear_filter:  # never under the user's typing
                return
            self.filter.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _clear_selection(self) -> None:
        with self._quietly():
            self.table.clearSelection()
            self.table.selectionModel().clearCurrentIndex()

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._reselecting:
            return
        target = current.data(self.id_role) if current.isValid() else None
        if self.editor.is_dirty():
            # Saving reloads the model, which must not happen inside the selection change.
            QTimer.singleShot(0, lambda: self._leave_dirty(target))
            return
        if target is None:
            if self._editing_id() is not None:
                self._show_editor(False)
            return
        self._show_editor(True)
        self.editor.load(target)
        self._record_shown(True)

    def _leave_dirty(self, target: int | None) -> None:
        if not self.editor.is_dirty():
            return
        if not self.editor.is_valid():
            self._say(self.tr("Fix the marked fields first, or revert."), error=True)
            editing = self._editing_id()
            if editing is not None:
                self._reselect(editing)
            else:
                self._clear_selection()
            return
        if self.save() is not None and target is not None:
            self._reselect(target)

    def _reselect(self, record_id: int) -> None:
        with self._quietly():
            self.select(record_id)
        if self._editing_id() != record_id and not self.editor.is_dirty():
            self.editor.load(record_id)
            self._record_shown(False)

    def _show_editor(self, shown: bool) -> None:
        self.stack.setCurrentIndex(1 if shown else 0)
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        editing = self.stack.currentIndex() == 1
        self.save_button.setEnabled(editing and self.editor.is_valid() and self.editor.is_dirty())
        self.revert_button.setEnabled(editing and self.editor.is_dirty())
        self.delete_button.setEnabled(editing and self._editing_id() is not None)

    # -- actions -------------------------------------------------------------------------

    def _start_new(self) -> None:
        """Start a blank record in the editor (saved with Save, like any other)."""
        if self.editor.is_dirty() and self.editor.is_valid():
            self.save()
        self._clear_selection()
        self._show_editor(True)
        self.editor.load(None)
        self._record_shown(True)
        self.editor.name.setFocus()

    def save(self) -> int | None:
        if not (self.editor.is_dirty() or self._editing_id() is None):
            return self._editing_id()
        with self._own_write():
            record_id: int | None = self.editor.save()
        if record_id is None:
            self._say_unsaved(getattr(self.editor, "unsaved", "invalid"))
            return None
        with self._quietly():
            self.model.reload()
            self.select(record_id)
        self._record_shown(False)
        self._say(self.tr("Saved."))
        self._update_buttons()
        if self.emit_changed_on_save:
            self.changed.emit()
        return record_id

    def _say_unsaved(self, why: str) -> None:
        """The status line after a save that wrote nothing, saying why in words that are
        true now (``why``: the editor's ``unsaved``)."""
        if why == "reloaded":
            with self._quietly():  # their save may have renamed it in the list
                self.model.reload()
                editing = self._editing_id()
                if editing is not None:
                    self.select(editing, clear_filter=False)
            self._update_buttons()
            self._say(self.tr("Not saved: this card now shows what the other computer saved."))
            return
        words = {
            "conflict": self.tr(
                "Not saved: this was changed on another computer. Save again to compare and choose."
            ),
            "waiting": self.tr(
                "Not saved yet: Afterview saves it once the database can be reached again."
            ),
            "refused": self.tr("Not saved: see the note on the card."),
        }
        self._say(words.get(why, self.tr("Not saved: fix the marked fields.")), error=True)

    def _unsaved_later(self, why: str) -> None:
        if why:
            self._say_unsaved(why)
        else:
            self._say(self.tr("Saved."))

    def confirm_delete(self, name: str) -> bool:
        raise NotImplementedError

    def _ask(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete_current(self) -> None:
        record_id = self._editing_id()
        if record_id is None:
            return
        unnamed = QCoreApplication.translate(type(self).__name__, self.unnamed)
        if not self.confirm_delete(self.editor.fields().name or unnamed):
            return
        with self._own_write():
            result = self.data.attempt(lambda: self._delete_record(record_id))
        deleted = result.value
        if deleted is None:
            self._say(str(result.error), error=True)
            return
        self._deleted.append(deleted)
        row = self.model.row_of(record_id)
        self.editor.load(None)
        with self._quietly():
            self.model.reload()
        self.undo_button.show()
        # Focus on the list, at the record that took the deleted one's place (or on New
        # when none is left): the Delete button would now act on that other record.
        if self.proxy.rowCount() > 0:
            self.table.selectRow(min(max(row, 0), self.proxy.rowCount() - 1))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._show_editor(False)
            self.new_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._say(self.tr("Deleted {0} {1}.").format(self._phrase(), deleted.label))
        self.changed.emit()

    def _phrase(self) -> str:
        """``record_phrase`` in the user's language (a subclass marks it with
        QT_TRANSLATE_NOOP under its own class name)."""
        return QCoreApplication.translate(type(self).__name__, self.record_phrase)

    def can_undo(self) -> bool:
        return bool(self._deleted)

    def undo_delete(self) -> int | None:
        """Bring back the record deleted last in this session; its id, or None."""
        if not self._deleted:
            return None
        deleted = self._deleted.pop()
        self.undo_button.setVisible(bool(self._deleted))
        with self._own_write():
            result = self.data.attempt(lambda: self._restore_record(deleted))
        record_id = result.value
        if record_id is None:
            self._say(str(result.error), error=True)
            return None
        with self._quietly():
            self.model.reload()
            self.select(record_id)
        self._show_editor(True)
        self.editor.load(record_id)
        self._record_shown(False)
        # The Undo button may just have hidden itself: focus on the record brought back.
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._say(self.tr("Restored {0} {1}.").format(self._phrase(), deleted.label))
        self.changed.emit()
        return record_id

    def _say(self, text: str, *, error: bool = False) -> None:
        """Show ``text`` in the status line and announce it (an error interrupts)."""
        self.status.setText(text)
        assistive.announce(self.status, text, assertive=error)


__all__ = ["RecordListPage"]
