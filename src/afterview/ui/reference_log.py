"""A reference's log: when they were told what to expect, how, about which interview.

Part of the reference editor (afterview.ui.references_page); it writes through the
editor's ``write`` so the page knows the write is its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from afterview.store.values import InterviewChoice
from afterview.ui import assistive
from afterview.ui.first_row import choose_first_row_on_focus
from afterview.ui.form_access import buddy_label
from afterview.ui.interview_picker import describe_interview
from afterview.ui.reference_log_model import CHANNELS, NoticeIdRole, ReferenceLogModel
from afterview.ui.validators import Clock
from afterview.ui.widgets import DateTimeField, date_field, plain_label

if TYPE_CHECKING:
    from afterview.ui.data import Attempt, DataAccess

#: How the editor writes: runs the store command, marks the write as its own.
Write = Callable[[Callable[[], Any]], "Attempt[Any]"]


class ReferenceLog(QGroupBox):
    """ "Told what to expect": the log table and a new entry under it. ``changed`` after an
    entry is added or removed."""

    changed = Signal()

    def __init__(
        self, data: DataAccess, write: Write, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Told what to expect"))
        self.data = data
        self._write = write
        self.clock = clock
        self.reference_id: int | None = None
        self.log_model = ReferenceLogModel(data, self)
        self.log = QTableView(self)
        self.log.setObjectName("reference_log")
        self.log.setAccessibleName(self.tr("When they were told"))
        self.log.setModel(self.log_model)
        self.log.setTabKeyNavigation(False)  # arrows inside, Tab on to the new entry
        self.log.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        choose_first_row_on_focus(self.log)  # Tab in chooses a row, not a bare focus
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.verticalHeader().hide()
        self.log.setShowGrid(False)
        self.log.setAlternatingRowColors(True)
        self.log.horizontalHeader().setStretchLastSection(True)
        self.log.setColumnWidth(0, 130)
        self.log.setColumnWidth(1, 60)
        self.log.setColumnWidth(2, 230)
        self.log.setMinimumHeight(110)
        self.log.setMaximumHeight(150)
        self.log.setWordWrap(False)
        self.log_at = DateTimeField(self)
        self.log_at.setObjectName("log_at")
        date_field(self.log_at, self.tr("When they were told"))
        self.log_channel = QComboBox(self)
        self.log_channel.setAccessibleName(self.tr("How they were told"))
        for value, caption in CHANNELS.items():
            self.log_channel.addItem(
                QCoreApplication.translate("ReferenceLogModel", caption), value
            )
        self.log_interview = QComboBox(self)
        self.log_interview.setAccessibleName(self.tr("Which interview"))
        self.log_interview.setMinimumContentsLength(8)  # its items elide; at 800 px it fits
        self.log_interview.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.log_note = QLineEdit(self)
        self.log_note.setAccessibleName(self.tr("Log note"))
        self.log_note.setPlaceholderText(self.tr("What you told them (optional)"))
        self.log_add = QPushButton(self.tr("Add to lo&g"), self)
        self.log_add.setAccessibleName(self.tr("Add to log"))
        self.log_add.clicked.connect(self.add_log_entry)
        self.log_remove = QPushButton(self.tr("Remove entry"), self)
        self.log_remove.setAccessibleName(self.tr("Remove log entry"))
        self.log_remove.clicked.connect(self.remove_log_entry)
        self.log_message = plain_label("", self, name="log message")  # read by its text
        self.log_at.set_message(self.log_message)  # a typed date it cannot read
        log_layout = QVBoxLayout(self)
        log_layout.addWidget(self.log)
        entry = QHBoxLayout()
        entry.addWidget(self.log_at)
        # Related labels: on Linux a combo box is otherwise named by its current value.
        entry.addWidget(buddy_label(self.tr("by"), self.log_channel, self))
        entry.addWidget(self.log_channel)
        entry.addStretch(1)
        log_layout.addLayout(entry)
        # On a row of its own: with its label beside the others, an 800-pixel window is
        # too narrow for the page.
        about = QHBoxLayout()
        about.addWidget(buddy_label(self.tr("about"), self.log_interview, self))
        about.addWidget(self.log_interview, 1)
        log_layout.addLayout(about)
        entry2 = QHBoxLayout()
        entry2.addWidget(self.log_note, 1)
        entry2.addWidget(self.log_add)
        entry2.addWidget(self.log_remove)
        log_layout.addLayout(entry2)
        log_layout.addWidget(self.log_message)
        self.log.selectionModel().selectionChanged.connect(self._log_buttons)
        self._log_buttons()

    def show_reference(
        self, reference_id: int | None, stored: list[InterviewChoice], *, again: bool
    ) -> None:
        """The log of ``reference_id`` (None: a new reference, no log yet); ``stored`` are the
        interviews it is on. Reading the same one ``again`` keeps an entry being typed."""
        self.reference_id = reference_id
        self.log_model.set_reference(reference_id)
        self._fill_interviews(stored, keep=again)
        if not again:
            self.log_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(self.clock().timestamp())))
            self.log_note.clear()
            self.log_message.clear()
        self.setEnabled(reference_id is not None)
        self._log_buttons()

    def _fill_interviews(self, stored: list[InterviewChoice], *, keep: bool) -> None:
        """The log's "about which interview": the interviews this reference is on (as
        stored), never every interview."""
        chosen = self.log_interview.currentData() if keep else None
        self.log_interview.clear()
        self.log_interview.addItem(self.tr("No particular interview"), 0)
        for choice in stored:
            self.log_interview.addItem(describe_interview(choice), choice.id)
        index = self.log_interview.findData(chosen) if chosen is not None else -1
        if index >= 0:
            self.log_interview.setCurrentIndex(index)
        elif self.log_interview.count() > 1:
            self.log_interview.setCurrentIndex(1)

    def add_log_entry(self) -> None:
        reference_id = self.reference_id
        if reference_id is None:
            return
        at = datetime.fromtimestamp(self.log_at.dateTime().toSecsSinceEpoch(), UTC)
        interview = int(self.log_interview.currentData() or 0) or None
        channel, note = str(self.log_channel.currentData()), self.log_note.text()
        added = self._write(
            lambda: self.data.store.references.add_notice(
                reference_id, at=at, channel=channel, note=note, interview_id=interview
            )
        )
        if added.value is None:
            self._say(str(added.error), error=True)
            return
        self.log_model.reload()
        self.log_note.clear()
        self._say(self.tr("Added to the log."))
        self.changed.emit()

    def remove_log_entry(self) -> None:
        rows = self.log.selectionModel().selectedRows()
        if not rows:
            return
        notice_id = int(rows[0].data(NoticeIdRole))
        removed = self._write(lambda: self.data.store.references.delete_notice(notice_id))
        if removed.value is None:
            self._say(str(removed.error), error=True)
            return
        self.log_model.reload()
        self._log_buttons()
        # Remove entry is now disabled (nothing chosen): focus goes to the log, or to the
        # new entry's note when the log is empty.
        if self.log_model.rowCount() > 0:
            self.log.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.log_note.setFocus(Qt.FocusReason.OtherFocusReason)
        self._say(self.tr("Entry removed."))
        self.changed.emit()

    def _say(self, text: str, *, error: bool = False) -> None:
        """The log's message line, announced (an error at once)."""
        self.log_message.setText(text)
        assistive.announce(self.log_message, text, assertive=error)

    def _log_buttons(self, *_: object) -> None:
        self.log_remove.setEnabled(bool(self.log.selectionModel().selectedRows()))


__all__ = ["ReferenceLog"]
