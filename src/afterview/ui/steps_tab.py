"""The Steps tab: the interview's planned steps with due time and reason, and the actions.

Titles and reasons are worded from each step's rule id (:mod:`afterview.ui.rule_words`), in
the user's language; "Why?" names the article the rule comes from and opens Help ▸ Sources."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from itertools import pairwise

from PySide6.QtCore import QCoreApplication, QDateTime, QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.records import WRITTEN_KINDS, StepKind
from afterview.domain.steps import is_open
from afterview.store.errors import StoreError
from afterview.ui import snooze
from afterview.ui.assistive import announce
from afterview.ui.data import DataAccess
from afterview.ui.icons import icon
from afterview.ui.interviews_model import format_due
from afterview.ui.plain_tips import set_tip
from afterview.ui.rule_words import words
from afterview.ui.sources_dialog import show_sources
from afterview.ui.widgets import DateTimeField, date_field, plain_label, plain_tooltip
from afterview.ui.write_guard import reads, writes

STEP_ROLE = Qt.ItemDataRole.UserRole + 1
#: Where an item keeps its step's words: reason, source (article title), tip.
REASON_ROLE, SOURCE_ROLE, TIP_ROLE = STEP_ROLE + 1, STEP_ROLE + 4, STEP_ROLE + 5


def status_text(status: str, answered: bool | None = None) -> str:
    """A step's status as the Steps tab names it; a done follow-up's answer with it."""
    if status == "done" and answered is not None:
        return (
            QCoreApplication.translate("StepsTab", "Done, they answered")
            if answered
            else QCoreApplication.translate("StepsTab", "Done, no answer yet")
        )
    return {
        "pending": QCoreApplication.translate("StepsTab", "To do"),
        "snoozed": QCoreApplication.translate("StepsTab", "Snoozed"),
        "done": QCoreApplication.translate("StepsTab", "Done"),
        "skipped": QCoreApplication.translate("StepsTab", "Skipped"),
    }.get(status, "")


def _button(text: str, name: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setIcon(icon(name))
    button.setIconSize(QSize(16, 16))
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAccessibleName(text.rstrip("…"))
    return button


class StepsTab(QWidget):
    def __init__(
        self, data: DataAccess | None, now: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        writes(self)  # every input in it changes the data
        self.data = data
        self.now = now
        self.interview_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("stepsList")
        self.tree.setAccessibleName(self.tr("Steps"))
        self.tree.setHeaderLabels([self.tr("Step"), self.tr("Due"), self.tr("Status")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        self.tree.setAlternatingRowColors(True)
        self.tree.setTabKeyNavigation(False)  # arrows move in the list; Tab moves on
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout.addWidget(self.tree, 1)
        self.reason = plain_label("", self, "stepReason")
        self.reason.setWordWrap(True)
        self.reason.setMinimumHeight(40)
        self.reason.setAlignment(Qt.AlignmentFlag.AlignTop)
        why_row = QHBoxLayout()
        why_row.addWidget(self.reason, 1)
        self.why_button = QToolButton(self)
        self.why_button.setObjectName("stepWhy")
        self.why_button.setText(self.tr("Why?"))
        self.why_button.setAutoRaise(True)
        self.why_button.setAccessibleName(self.tr("Where this advice comes from"))
        self.why_button.clicked.connect(lambda: show_sources(self, self._source()))
        why_row.addWidget(self.why_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(why_row)
        self.tip = plain_label("", self, "stepTip")  # read by its text, "Tip: …"
        self.tip.setWordWrap(True)
        self.tip.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.tip)
        row = QHBoxLayout()
        self.done_button = _button(self.tr("Done"), "done", self)
        # A follow-up is done with its answer, in one click (issue 17 §3); once done, the
        # same buttons change the answer (it came later).
        self.no_answer_button = _button(self.tr("No answer yet"), "done", self)
        self.no_answer_button.setAccessibleName(self.tr("Mark done, no answer yet"))
        self.answered_button = _button(self.tr("They answered"), "done", self)
        self.answered_button.setAccessibleName(self.tr("Mark done, they answered"))
        self.snooze_button = _button(self.tr("Snooze"), "snooze", self)
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_menu = snooze.SnoozeMenu(self, now, self._current_due, self._snooze)
        self.snooze_button.setMenu(self.snooze_menu)
        self.skip_button = _button(self.tr("Skip"), "skip", self)
        self.edit_button = _button(self.tr("Edit due…"), "edit", self)
        self.reopen_button = _button(self.tr("Reopen"), "undo", self)
        self.write_button = _button(self.tr("Write…"), "edit", self)
        self.write_button.setAccessibleName(self.tr("Write the letter for this step"))
        self.write_button.clicked.connect(self._write)
        reads(self.write_button)  # a letter can be read, printed and saved as PDF
        # Two rows, so no label is cut short in a narrow pane ("Edi…ue…"): acting on the
        # step first, then changing it.
        second = QHBoxLayout()
        acting = (self.write_button, self.done_button, *self._answers())
        for line, buttons in (
            (row, (*acting, self.snooze_button, self.skip_button)),
            (second, (self.edit_button, self.reopen_button)),
        ):
            for button in buttons:
                button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
                line.addWidget(button)
            line.addStretch(1)
            layout.addLayout(line)
        # Tab goes as the eye does: the list, "Why?", then the buttons row by row.
        chain = (self.tree, self.why_button, self.write_button, self.done_button, *self._answers())
        chain += (self.snooze_button, self.skip_button, self.edit_button, self.reopen_button)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.done_button.clicked.connect(lambda: self._act("done"))
        self.no_answer_button.clicked.connect(lambda: self._answer(False))
        self.answered_button.clicked.connect(lambda: self._answer(True))
        self.skip_button.clicked.connect(lambda: self._act("skip"))
        self.reopen_button.clicked.connect(lambda: self._act("reopen"))
        self.edit_button.clicked.connect(self._edit_due)
        self.tree.currentItemChanged.connect(lambda *_: self._selection_changed())
        self._selection_changed()

    selected_step_changed = Signal(int)
    #: The user wants to write the letter this step asks for.
    write_letter = Signal(int)

    def show_interview(self, interview_id: int | None, select_step: int | None = None) -> None:
        keep = select_step if select_step is not None else self.current_step()
        self.interview_id = interview_id
        self.tree.clear()
        if interview_id is None or self.data is None:
            self._selection_changed()
            return
        rows = self.data.store.steps.of_interview(interview_id)
        now = self.now()
        for step in rows:
            due = step.due
            said = words(step.rule, step.rule_params, step.title, step.reason)
            title = (
                self.tr("%1 (optional)").replace("%1", said.title) if step.optional else said.title
            )
            shown = format_due(due, now, step.time_zone)
            item = QTreeWidgetItem([title, shown, status_text(step.status, step.answered)])
            item.setData(0, STEP_ROLE, step.id)
            item.setData(0, REASON_ROLE, said.reason)
            item.setData(0, STEP_ROLE + 2, step.status)
            item.setData(0, STEP_ROLE + 3, step.kind)
            item.setData(0, SOURCE_ROLE, said.source)
            item.setData(0, TIP_ROLE, (said.short_tip, said.tip))
            item.setToolTip(0, plain_tooltip(said.tooltip()))
            if is_open(step.status) and due <= now:
                font = item.font(1)
                font.setBold(True)
                item.setFont(1, font)
            self.tree.addTopLevelItem(item)
            if step.id == keep:
                self.tree.setCurrentItem(item)
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._selection_changed()

    def current_step(self) -> int | None:
        item = self.tree.currentItem()
        return int(item.data(0, STEP_ROLE)) if item is not None else None

    def select_step(self, step_id: int) -> bool:
        for n in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(n)
            if item.data(0, STEP_ROLE) == step_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _selection_changed(self) -> None:
        item = self.tree.currentItem()
        status = item.data(0, STEP_ROLE + 2) if item is not None else None
        self.reason.setText(str(item.data(0, REASON_ROLE) or "") if item is not None else "")
        source = str(item.data(0, SOURCE_ROLE) or "") if item is not None else ""
        self.why_button.setVisible(bool(source))
        set_tip(
            self.why_button,
            self.tr("From the article “%1”. Click for all the sources.").replace("%1", source)
            if source
            else "",
        )
        short, tip = item.data(0, TIP_ROLE) if item is not None else ("", "")
        self.tip.setText(short)
        set_tip(self.tip, tip)
        self.tip.setVisible(bool(short))
        actionable = status is not None and is_open(status)
        for button in (self.done_button, self.snooze_button, self.skip_button):
            button.setEnabled(actionable)
        if actionable:
            self.snooze_menu.refresh()  # and again whenever it opens
        self.edit_button.setEnabled(actionable)
        self.reopen_button.setEnabled(status in ("done", "skipped", "snoozed"))
        kind = item.data(0, STEP_ROLE + 3) if item is not None else None
        self.write_button.setEnabled(actionable and kind in WRITTEN_KINDS)
        follow_up = kind == StepKind.FOLLOW_UP.value
        self.done_button.setVisible(not follow_up)
        for button in self._answers():
            button.setVisible(follow_up)
            button.setEnabled(actionable or status == "done")

    def _answers(self) -> tuple[QToolButton, QToolButton]:
        return self.no_answer_button, self.answered_button

    def _answer(self, answered: bool) -> None:
        """The chosen follow-up done with its answer (or its answer changed)."""
        step_id = self.current_step()
        if step_id is None or self.data is None:
            return
        store = self.data.store
        before = self._before_acting()
        if self.data.write(lambda: store.steps.done(step_id, answered), retry=True) is not None:
            self._acted("answered" if answered else "no_answer", *before)

    def _write(self) -> None:
        step_id = self.current_step()
        if step_id is not None:
            self.write_letter.emit(step_id)

    def _act(self, action: str) -> None:
        """``action``: "done", "skip" or "reopen", a command of the store's steps."""
        step_id = self.current_step()
        if step_id is None or self.data is None:
            return
        command = getattr(self.data.store.steps, action)
        before = self._before_acting()
        if self.data.write(lambda: command(step_id), retry=True) is not None:
            self._acted(action, *before)

    def _before_acting(self) -> tuple[int, int, str]:
        """The chosen step, its row and its title, before an action changes the list."""
        item = self.tree.currentItem()
        step_id = self.current_step() or 0
        return step_id, self.tree.indexOfTopLevelItem(item), item.text(0) if item else ""

    def _acted(self, action: str, step_id: int, row: int, title: str) -> None:
        """After an action on a step: the list as it is now, the next open step chosen (the
        step itself after Reopen or a new due time), focus on the list, and the action said.
        Without this the button that was pressed turned off and focus fell to the sidebar."""
        self.show_interview(self.interview_id, select_step=step_id)
        if action in ("done", "skip", "snooze", "answered", "no_answer"):
            items = [self.tree.topLevelItem(n) for n in range(self.tree.topLevelItemCount())]
            open_ = [
                (n, item)
                for n, item in enumerate(items)
                if item.data(0, STEP_ROLE) != step_id and is_open(item.data(0, STEP_ROLE + 2))
            ]
            after = [item for n, item in open_ if n >= row] + [item for _n, item in open_]
            if after:
                self.tree.setCurrentItem(after[0])
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        said = {
            "done": self.tr("Done: %1."),
            "answered": self.tr("Done, they answered: %1."),
            "no_answer": self.tr("Done, no answer yet: %1."),
            "skip": self.tr("Skipped: %1."),
            "snooze": self.tr("Snoozed: %1."),
            "reopen": self.tr("Reopened: %1."),
            "edit": self.tr("New due time: %1."),
        }[action].replace("%1", title)
        chosen = self.tree.currentItem()
        if chosen is not None and chosen.data(0, STEP_ROLE) != step_id:
            said += " " + self.tr("Next: %1.").replace("%1", chosen.text(0))
        announce(self.tree, said)

    def _source(self) -> str | None:
        """The title of the article the chosen step's advice comes from, if any."""
        item = self.tree.currentItem()
        source = str(item.data(0, SOURCE_ROLE) or "") if item is not None else ""
        return source or None

    def _current_due(self) -> datetime | None:
        """The chosen step's effective due as the store has it now (None: no step chosen)."""
        step_id = self.current_step()
        if step_id is None or self.data is None:
            return None
        try:
            return self.data.store.steps.get(step_id).due
        except StoreError:  # deleted meanwhile (another process): the list reloads
            return None

    def _snooze(self, until: datetime) -> None:
        step_id = self.current_step()
        if step_id is None or self.data is None:
            return
        store = self.data.store
        before = self._before_acting()
        if self.data.write(lambda: store.steps.snooze([step_id], until), retry=True) is not None:
            self._acted("snooze", *before)

    def _edit_due(self) -> None:
        step_id = self.current_step()
        if step_id is None or self.data is None:
            return
        current = self.data.store.steps.get(step_id).due
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Edit the due time"))
        layout = QVBoxLayout(dialog)
        # The one date field every form uses: typed whole, refused text said, a calendar.
        editor = DateTimeField(dialog)
        date_field(editor, self.tr("Due"))
        editor.setDateTime(QDateTime.fromSecsSinceEpoch(int(current.timestamp())))
        label = plain_label(self.tr("Due at (your time):"), dialog)
        label.setBuddy(editor)
        layout.addWidget(label)
        layout.addWidget(editor)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        due = datetime.fromtimestamp(editor.dateTime().toSecsSinceEpoch(), UTC)
        store = self.data.store
        before = self._before_acting()
        if self.data.write(lambda: store.steps.set_due(step_id, due), retry=True) is not None:
            self._acted("edit", *before)
