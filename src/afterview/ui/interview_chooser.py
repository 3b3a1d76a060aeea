"""Choosing an interview without loading them all: the current one and the newest few in the
list, and the store's search as the user types (a database may hold 100,000 interviews).

    chooser = InterviewChooser(store, parent)
    chooser.show_current(choice)          # an InterviewChoice
    chooser.currentIndexChanged.connect(...)
    chooser.current_id()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from afterview.store.errors import StoreError
from afterview.store.values import InterviewChoice
from afterview.ui.dates import short_date
from afterview.ui.translation import fill

if TYPE_CHECKING:
    from afterview.store.operations import Store

#: Offered in the list before anything is typed, besides the current interview.
NEWEST = 15
#: Matches shown while typing.
SEARCH_LIMIT = 20
SEARCH_DELAY_MS = 200
ID_ROLE = Qt.ItemDataRole.UserRole


def label(choice: InterviewChoice) -> str:
    """ "Acme — Backend Engineer (11/20/26)": the date as the locale writes it."""
    return fill(
        QCoreApplication.translate("InterviewChooser", "%1 — %2 (%3)"),
        choice.company,
        choice.position,
        short_date(choice.start),
    )


class InterviewChooser(QComboBox):
    """An editable combo box: its list holds the current interview and the newest few;
    typing asks the store (``store.interviews.search``) and offers the matches in a popup.
    Picking one puts it in the list and makes it current (``currentIndexChanged``)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        line = self.lineEdit()
        assert line is not None  # editable
        self.line = line
        line.setPlaceholderText(self.tr("Type to find an interview"))
        self.setAccessibleName(self.tr("Interview: pick one or type to search"))
        self.found = QStandardItemModel(self)
        self.completer_ = QCompleter(self.found, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(self.completer_)
        # The index overload: two interviews may share a label.
        self.completer_.activated[QModelIndex].connect(self._picked)  # type: ignore[index]
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        line.textEdited.connect(self._typed)

    # --- the list -------------------------------------------------------------------------

    def show_current(self, current: InterviewChoice) -> None:
        """The list: this interview first, then the newest others (no signal)."""
        try:
            newest = self.store.interviews.search("", limit=NEWEST, exclude=[current.id])
        except StoreError:
            newest = []  # the current one alone still lets the letter be written
        self.blockSignals(True)
        try:
            self.clear()
            for choice in [current, *newest]:
                self.addItem(label(choice), choice.id)
            self.setCurrentIndex(0)
        finally:
            self.blockSignals(False)
        self.line.home(False)  # a long label shows its start, the company (tester 15)

    def current_id(self) -> int | None:
        value = self.currentData()
        return value if isinstance(value, int) else None

    def select(self, interview_id: int, *, quiet: bool = False) -> bool:
        """Make this interview current if it is in the list (quiet: without a signal)."""
        index = self.findData(interview_id)
        if index < 0:
            return False
        self.blockSignals(quiet)
        try:
            self.setCurrentIndex(index)
        finally:
            self.blockSignals(False)
        self.line.home(False)
        return True

    # --- searching ------------------------------------------------------------------------

    def _typed(self, _text: str) -> None:
        self._timer.start()

    def search_now(self) -> None:
        self._timer.stop()
        text = self.line.text().strip()
        if not text or text == self.chosen_text():
            self.found.clear()
            return
        try:
            matches = self.store.interviews.search(text, limit=SEARCH_LIMIT)
        except StoreError:
            matches = []
        self.found.clear()
        for choice in matches:
            item = QStandardItem(label(choice))
            item.setData(choice.id, ID_ROLE)
            item.setData(choice, ID_ROLE + 1)
            item.setEditable(False)
            self.found.appendRow(item)
        if not matches:
            item = QStandardItem(fill(self.tr("No interview matches “%1”"), text))
            item.setEnabled(False)
            item.setSelectable(False)
            self.found.appendRow(item)
        self.completer_.complete()

    def _picked(self, index: QModelIndex | QPersistentModelIndex) -> None:
        choice = index.data(ID_ROLE + 1)
        if not isinstance(choice, InterviewChoice):
            return
        if self.findData(choice.id) < 0:
            self.blockSignals(True)
            self.insertItem(1, label(choice), choice.id)
            self.blockSignals(False)
        self.select(choice.id)
        self.setEditText(self.chosen_text())
        self.line.home(False)

    def chosen_text(self) -> str:
        """The label of the chosen interview (``currentText`` is what is typed)."""
        return self.itemText(self.currentIndex())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if not shiboken6.isValid(self.line):
            return  # the dialog is being torn down
        # Typed text that matched nothing never stands in for the chosen interview.
        popup = self.completer_.popup()
        if popup is not None and popup.isVisible():
            return
        if self.line.text() != self.chosen_text():
            self.setEditText(self.chosen_text())
        self.line.home(False)
