"""Choosing an interview by searching for it, never from a list of all of them.

With 100,000 interviews a checklist of every one is slow to fill and useless to scroll, so
the References page lists only the interviews a reference is on and adds more through this
picker: type to search (company and position, folded as the interview list folds), Up and
Down to move, Enter to add, Escape to close. It stays open, so several can be added.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from afterview.store.values import InterviewChoice
from afterview.ui.interview_chooser import label
from afterview.ui.translation import fill

if TYPE_CHECKING:
    from afterview.ui.data import DataAccess

#: The picker shows at most this many matches; typing more narrows them.
LIMIT = 50

#: Keys typed in the search field that move through the matches instead.
_MOVING_KEYS = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown})


def describe_interview(choice: InterviewChoice) -> str:
    """How a picker or a list names an interview: company, position and the date, as the
    locale writes it: "Acme — Backend Engineer (11/20/26)" (the letter chooser's label)."""
    return label(choice)


class InterviewPicker(QDialog):
    """Search the interviews and pick one at a time (``picked(InterviewChoice)``); those
    ``exclude()`` names (already chosen) are never offered."""

    picked = Signal(object)

    def __init__(
        self,
        data: DataAccess,
        exclude: Callable[[], Collection[int]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.exclude = exclude
        self.choices: list[InterviewChoice] = []
        self.setObjectName("interview_picker")
        self.setWindowTitle(self.tr("Add to interview"))
        self.setAccessibleName(self.tr("Add to interview"))

        self.search = QLineEdit(self)
        self.search.setObjectName("interview_search")
        self.search.setAccessibleName(self.tr("Search interviews"))
        self.search.setPlaceholderText(self.tr("Type a company or a position"))
        self.search.setClearButtonEnabled(True)
        find = QLabel(self.tr("&Find:"), self)
        find.setBuddy(self.search)

        self.results = QListWidget(self)
        self.results.setObjectName("interview_matches")
        self.results.setAccessibleName(self.tr("Matching interviews"))
        self.results.setUniformItemSizes(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("interview_picker_hint")
        self.hint.setAccessibleName(self.tr("Search result"))
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)

        self.buttons = QDialogButtonBox(self)
        # Enter anywhere but on Close adds: Add is the default button.
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.add_button.setObjectName("add_interview_choice")
        self.add_button.setAccessibleName(self.tr("Add the chosen interview"))
        self.add_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAccessibleName(self.tr("Close"))
        self.buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(find)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.resize(520, 420)

        self.search.textChanged.connect(lambda _text: self.refresh())
        self.search.installEventFilter(self)
        # Not ``activated``: Enter on the list also reaches the default button.
        self.results.doubleClicked.connect(lambda _index: self.add_current())
        self.results.currentRowChanged.connect(lambda _row: self._update_button())
        self.add_button.clicked.connect(self.add_current)
        self.buttons.rejected.connect(self.reject)
        self.refresh()
        self.search.setFocus()

    def refresh(self) -> None:
        """Search again (after typing, or after one was added); keeps the row the cursor
        was on, so Enter, Enter adds the next one down."""
        row = max(self.results.currentRow(), 0)
        text = self.search.text()
        self.choices = self.data.store.interviews.search(
            text, limit=LIMIT, exclude=sorted(self.exclude())
        )
        self.results.clear()
        for choice in self.choices:
            item = QListWidgetItem(describe_interview(choice))
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            self.results.addItem(item)
        if self.choices:
            self.results.setCurrentRow(min(row, len(self.choices) - 1))
        if not self.choices:
            self.hint.setText(
                self.tr("No interview matches.") if text.strip() else self.tr("No interviews.")
            )
        elif len(self.choices) == LIMIT:
            self.hint.setText(self.tr("The newest %n matches; type more to narrow.", "", LIMIT))
        else:
            self.hint.setText(self.tr("%n interview(s) match.", "", len(self.choices)))
        self._update_button()

    def current(self) -> InterviewChoice | None:
        row = self.results.currentRow()
        return self.choices[row] if 0 <= row < len(self.choices) else None

    def add_current(self) -> None:
        choice = self.current()
        if choice is None:
            return
        self.picked.emit(choice)
        self.refresh()
        self.hint.setText(fill(self.tr("Added: %1"), describe_interview(choice)))

    def _update_button(self) -> None:
        self.add_button.setEnabled(self.current() is not None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _MOVING_KEYS
        ):
            QApplication.sendEvent(self.results, event)
            return True
        return super().eventFilter(watched, event)


__all__ = ["LIMIT", "InterviewPicker", "describe_interview"]
