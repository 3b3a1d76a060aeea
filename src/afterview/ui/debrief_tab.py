"""The Debrief tab: written right after the interview, saved as you type (seed 000 §2, 004).

Once what the debrief step asks for is written (what you learned, the questions still open,
what to improve: seed 000 §2), the tab offers to mark "Write the debrief" done, the way the
contact-cards step completes itself when the cards are there; it only offers, because the
user may want to add more first.
"""

from __future__ import annotations

from typing import Any

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

from afterview.domain.records import Interview
from afterview.ui.assistive import announce
from afterview.ui.data import DataAccess, not_saved_yet
from afterview.ui.typed_saves import TypedSaves
from afterview.ui.widgets import plain_label
from afterview.ui.write_guard import read_only_note, writes

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
        self.interview_id: int | None = None
        self._pending: dict[str, str] = {}
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        #: The debrief's version the tab read (0: none saved yet), sent with each save.
        self.saves = TypedSaves(self, self, "debrief", data)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        #: Says why nothing can be typed while the data is read-only (a coach's reading).
        self.read_only_note = read_only_note(self)
        self.read_only_note.setContentsMargins(16, 8, 16, 0)
        outer.addWidget(self.read_only_note)
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
        debrief, self.saves.version = interview.debrief, interview.debrief_version
        self.saves.read = self.values_of(interview)
        self._loading = True
        try:
            for name, editor in self.editors.items():
                editor.setPlainText(getattr(debrief, name))
        finally:
            self._loading = False
        self.update_offer()

    def values_of(self, interview: Interview) -> dict[str, Any]:
        """The debrief's fields of ``interview``, in the tab's order."""
        return {name: getattr(interview.debrief, name) for name in self.editors}

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
        interview_id, version = self.interview_id, self.saves.version
        store = self.data.store
        result = self.data.attempt(
            lambda: store.interviews.save_debrief(interview_id, fields, expected_version=version),
            retry=True,
        )
        self._waiting = result.waiting
        if self.saves.after(result, version, dict(fields)):
            return
        if result.waiting and result.error is not None:
            self.state.setText(not_saved_yet(result.error))  # the text stays as typed
            announce(self.state, self.state.text(), assertive=True)
        elif result.error is not None:
            self.state.setText(self.tr("Not saved: see the message above."))
            announce(self.state, self.state.text(), assertive=True)
        else:
            # Said only when seen: a confirmation on every pause in typing would be noise.
            self.state.setText(self.tr("Saved."))
        self.update_offer()

    def say_unsaved(self, text: str) -> None:
        self.state.setText(text)
        announce(self.state, text, assertive=True)

    def _saved_at_last(self) -> None:
        if self._waiting:
            self._waiting = False
            self.state.setText(self.tr("Saved."))
