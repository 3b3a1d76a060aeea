"""The Debrief tab: written right after the interview, saved as you type (seed 000 §2, 004).

Once what the debrief step asks for is written (what you learned, the questions still open,
what to improve: seed 000 §2), the tab offers to mark "Write the debrief" done, the way the
contact-cards step completes itself when the cards are there; it only offers, because the
user may want to add more first.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from afterview.store.conflicts import STALE, ConflictError
from afterview.ui.assistive import announce
from afterview.ui.data import DataAccess, not_saved_conflict, not_saved_yet
from afterview.ui.widgets import plain_label
from afterview.ui.write_guard import writes

SAVE_DELAY_MS = 700
FIELDS: tuple[tuple[str, str, str], ...] = (
    (
        "learned",
        QT_TRANSLATE_NOOP("DebriefTab", "What you learned about the company and the role"),
        "",
    ),
    ("significant_points", QT_TRANSLATE_NOOP("DebriefTab", "Significant points raised"), ""),
    ("open_questions", QT_TRANSLATE_NOOP("DebriefTab", "Questions still open"), ""),
    (
        "strong_points",
        QT_TRANSLATE_NOOP("DebriefTab", "Your strong points"),
        QT_TRANSLATE_NOOP("DebriefTab", "What went well: remind them in the thank-you"),
    ),
    ("to_improve", QT_TRANSLATE_NOOP("DebriefTab", "Points to improve"), ""),
    (
        "thank_you_topic",
        QT_TRANSLATE_NOOP("DebriefTab", "Topic for the thank-you note"),
        QT_TRANSLATE_NOOP("DebriefTab", "Something specific you discussed"),
    ),
)
#: What the "Write the debrief" step asks for (its reason, from seed 000 §2): once these
#: are written the tab offers to mark the step done.
WRITTEN_WHEN = ("learned", "open_questions", "to_improve")


def _tr(text: str) -> str:
    return QCoreApplication.translate("DebriefTab", text) if text else ""


class DebriefTab(QWidget):
    def __init__(self, data: DataAccess | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        writes(self)  # every input in it changes the data
        self.data = data
        self._waiting = False  # the state says a change waits to be saved
        if data is not None:
            data.caught_up.connect(self._saved_at_last)
            data.conflicted.connect(self._kept_write_conflicted)
        self.interview_id: int | None = None
        #: The debrief's version when it was read (0: none saved yet; issue 16 §4).
        self.version: int | None = None
        #: Changes kept by the store to be saved once it can be written again.
        self._kept: dict[str, str] = {}
        self._pending: dict[str, str] = {}
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName(self.tr("Debrief"))
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no unnamed stop: Tab goes to fields
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)
        self.editors: dict[str, QPlainTextEdit] = {}
        self._offer(layout, body)
        for name, label, hint in FIELDS:
            title = QLabel(_tr(label), body)
            layout.addWidget(title)
            editor = QPlainTextEdit(body)
            title.setBuddy(editor)  # a sibling, so AT-SPI relates them
            editor.setObjectName(f"debrief-{name}")
            editor.setAccessibleName(_tr(label))
            editor.setPlaceholderText(_tr(hint))
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(56)
            editor.textChanged.connect(lambda n=name: self._queue(n))
            self.editors[name] = editor
            layout.addWidget(editor)
        self.state = plain_label("", body, "debriefState")
        layout.addWidget(self.state)
        scroll.setWidget(body)
        outer.addWidget(scroll)

    def _offer(self, layout: QVBoxLayout, body: QWidget) -> None:
        self.offer = QWidget(body)
        self.offer.setObjectName("debriefOffer")
        row = QHBoxLayout(self.offer)
        row.setContentsMargins(0, 0, 0, 4)
        self.offer_text = plain_label(
            self.tr("Your debrief is written. Mark “Write the debrief” done?"),
            self.offer,
            "debriefOfferText",
        )
        self.offer_text.setWordWrap(True)
        self.offer_button = QPushButton(self.tr("Mark done"), self.offer)
        self.offer_button.setAccessibleName(self.tr("Mark “Write the debrief” done"))
        self.offer_button.clicked.connect(self.mark_done)
        row.addWidget(self.offer_text, 1)
        row.addWidget(self.offer_button)
        self.offer.hide()
        layout.addWidget(self.offer)

    def open_debrief_step(self) -> int | None:
        """The interview's open "Write the debrief" step, if any."""
        if self.interview_id is None or self.data is None:
            return None
        steps = self.data.store.steps.of_interview(self.interview_id)
        return next(
            (s.id for s in steps if s.kind == "debrief" and s.status in ("pending", "snoozed")),
            None,
        )

    def update_offer(self) -> None:
        written = all(self.editors[name].toPlainText().strip() for name in WRITTEN_WHEN)
        self.offer.setVisible(written and self.open_debrief_step() is not None)

    def mark_done(self) -> None:
        step_id = self.open_debrief_step()
        if step_id is None or self.data is None:
            return
        self.save_now()
        store = self.data.store
        if self.data.write(lambda: store.steps.done(step_id), retry=True) is not None:
            self.offer.hide()  # focus moves on to the first field, next in the chain
            announce(self, self.tr("Done: Write the debrief."))

    def show_interview(self, interview_id: int | None) -> None:
        self.save_now()
        self.interview_id = interview_id
        self.state.clear()
        if interview_id is None or self.data is None:
            self.offer.hide()
            return
        interview = self.data.store.interviews.get(interview_id)
        debrief, self.version = interview.debrief, interview.debrief_version
        self._loading = True
        try:
            for name, editor in self.editors.items():
                editor.setPlainText(getattr(debrief, name))
        finally:
            self._loading = False
        self.update_offer()

    def _queue(self, name: str) -> None:
        if self._loading or self.interview_id is None:
            return
        self._pending[name] = self.editors[name].toPlainText()
        self.state.setText(self.tr("Editing…"))
        self._timer.start()

    def save_now(self) -> None:
        self._timer.stop()
        if not self._pending or self.interview_id is None or self.data is None:
            self._pending.clear()
            return
        fields, self._pending = dict(self._pending), {}
        interview_id, version = self.interview_id, self.version
        store = self.data.store
        result = self.data.attempt(
            lambda: store.interviews.save_debrief(interview_id, fields, expected_version=version),
            retry=True,
        )
        self._waiting = result.waiting
        if isinstance(result.error, ConflictError):
            self._resolve(result.error, fields)
            return
        if result.value is not None:
            self.version = result.value
        if result.waiting and result.error is not None:
            self._kept.update(fields)
            if version is not None:
                self.version = version + 1  # what it will be once the kept save is made
            self.state.setText(not_saved_yet(result.error))  # the text stays as typed
            announce(self.state, self.state.text(), assertive=True)
        elif result.error is not None:
            self.state.setText(self.tr("Not saved: see the message above."))
            announce(self.state, self.state.text(), assertive=True)
        else:
            # Said only when seen: a confirmation on every pause in typing would be noise.
            self.state.setText(self.tr("Saved."))
        self.update_offer()

    def _resolve(self, conflict: ConflictError, fields: dict[str, str]) -> None:
        """Another computer saved the debrief since it was read: ask, then show theirs, save
        this over theirs, or (Cancel) keep it here for the next save."""
        from afterview.ui.conflict_dialog import Choice, ask

        choice = ask(conflict, self)
        if choice is Choice.RELOAD:
            self._pending.clear()
            self.show_interview(self.interview_id)
            self.state.setText(self.tr("Reloaded."))
            return
        self._pending = {**fields, **self._pending}
        if choice is Choice.KEEP:
            self.version = conflict.version
            self.save_now()
            return
        self.state.setText(not_saved_conflict())
        announce(self.state, self.state.text(), assertive=True)

    def _kept_write_conflicted(self, conflict: ConflictError) -> None:
        # As the Process tab's: the kept text goes back to pending; the next save asks.
        if conflict.kind == "debrief" and conflict.record_id == self.interview_id:
            self._pending = {**self._kept, **self._pending}
            self._kept.clear()
            self.version = STALE
            self._timer.start(0)

    def _saved_at_last(self) -> None:
        self._kept.clear()
        if self._waiting:
            self._waiting = False
            self.state.setText(self.tr("Saved."))
