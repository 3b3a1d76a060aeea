"""The application's history, where the user reads the interview (issue 17 §3): every change
of the application's standing with its date, oldest first, and what moved it.

Shown as the "History" section at the foot of the interview's Process tab: the board's cards
have no details pane of their own, and the Process tab is where the user already reads and
sets the round's status, whose changes move the stage. A read-only list with a heading (a
heading to a screen reader) and an accessible name; the user's own words (a withdrawal's
reason) are plain text in the cells.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.applications import Cause, Event, Stage
from afterview.ui.data import DataAccess
from afterview.ui.dates import date_time
from afterview.ui.heading import heading
from afterview.ui.stage_words import outcome_text, stage_label
from afterview.ui.validators import utcnow
from afterview.ui.widgets import plain_label, plain_tooltip
from afterview.ui.write_guard import writes


def _tr(text: str) -> str:
    return QCoreApplication.translate("ApplicationHistory", text)


def cause_text(cause: Cause) -> str:
    """What moved the standing, in the user's words."""
    words = {
        Cause.CREATED: _tr("You added the application"),
        Cause.ROUND: _tr("A round was added or changed"),
        Cause.MOVED: _tr("You moved it"),
        Cause.CLOSED: _tr("You closed it"),
        Cause.GROUPED: _tr("Made from your interviews"),
    }
    return words.get(cause, "")


def standing_text(event: Event) -> str:
    """The stage, or for a closed application its outcome ("Closed: Rejected after Onsite")."""
    standing = event.standing
    if standing.stage is Stage.CLOSED and standing.outcome is not None:
        closed = _tr("{0}: {1}")
        return closed.format(
            stage_label(Stage.CLOSED), outcome_text(standing.outcome, standing.outcome_detail)
        )
    return stage_label(standing.stage)


class ApplicationHistory(QWidget):
    """The history of the application an interview is a round of."""

    def __init__(self, data: DataAccess | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicationHistory")
        self.data = data
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        self.title = heading(self.tr("History"), self, "historyHeading")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.application_id: int | None = None
        # The application's own fields (company, source, link, posting) are edited here too:
        # the Process tab is where the user reads an interview's application.
        self.edit_button = QPushButton(self.tr("Edit a&pplication…"), self)
        self.edit_button.setObjectName("historyEditApplication")
        self.edit_button.setAccessibleName(self.tr("Edit application"))
        self.edit_button.clicked.connect(lambda _checked=False: self.edit_application())
        writes(self.edit_button)
        layout.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.note = plain_label("", self, "historyNote")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("historyList")
        self.tree.setAccessibleName(self.tr("History of the application"))
        self.tree.setHeaderLabels([self.tr("Date"), self.tr("Stage"), self.tr("Why")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTabKeyNavigation(False)
        self.tree.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        # The stage takes the room left (a withdrawal's reason may be long; its cell's tooltip
        # has it whole); the date and why keep theirs.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.setMinimumHeight(150)
        layout.addWidget(self.tree)

    def show_interview(self, interview_id: int | None) -> None:
        """The history of the application ``interview_id`` is a round of (hidden for none)."""
        self.tree.clear()
        self.application_id = None
        if interview_id is None or self.data is None:
            self.hide()
            return
        store = self.data.store
        application = store.applications.of_interview(interview_id)
        if application is None:
            self.hide()
            return
        self.application_id = application.id
        events = store.applications.history(application.id)
        where = " — ".join(p for p in (application.company, application.position) if p)
        self.note.setText(
            self.tr("Every change of where the application to {0} stands, oldest first.").format(
                where
            )
        )
        for event in events:
            item = QTreeWidgetItem([day_text(event), standing_text(event), cause_text(event.cause)])
            item.setToolTip(1, plain_tooltip(item.text(1)))  # the user's words: never markup
            self.tree.addTopLevelItem(item)
        self.show()

    def edit_application(self) -> bool:
        """Open the editor on the application shown; True when the user saved it."""
        from afterview.ui.application_saves import edit_application

        if self.data is None or self.application_id is None:
            return False
        return edit_application(self, self.data, utcnow(), self.application_id)


def day_text(event: Event) -> str:
    """The event's date and time in the computer's zone, as every date of the window is
    written (afterview.ui.dates: ISO 8601 in the C locale, where Qt's own short format
    wrote "1 12 2026")."""
    return date_time(event.at)


__all__ = ["ApplicationHistory", "cause_text", "day_text", "standing_text"]
