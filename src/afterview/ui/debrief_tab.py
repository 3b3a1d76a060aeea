"""The Debrief tab: written right after the interview, saved as you type (seed 000 §2, 004)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from afterview.ui.data import DataAccess, not_saved_yet
from afterview.ui.widgets import plain_label
from afterview.ui.write_guard import writes

SAVE_DELAY_MS = 700
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("learned", "What you learned about the company and the role", ""),
    ("significant_points", "Significant points raised", ""),
    ("open_questions", "Questions still open", ""),
    ("strong_points", "Your strong points", "What went well: remind them in the thank-you"),
    ("to_improve", "Points to improve", ""),
    ("thank_you_topic", "Topic for the thank-you note", "Something specific you discussed"),
)


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
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName("Debrief")
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)
        self.editors: dict[str, QPlainTextEdit] = {}
        for name, label, hint in FIELDS:
            layout.addWidget(QLabel(label, body))
            editor = QPlainTextEdit(body)
            editor.setObjectName(f"debrief-{name}")
            editor.setAccessibleName(label)
            editor.setPlaceholderText(hint)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(56)
            editor.textChanged.connect(lambda n=name: self._queue(n))
            self.editors[name] = editor
            layout.addWidget(editor)
        self.state = plain_label("", body, "debriefState")
        layout.addWidget(self.state)
        scroll.setWidget(body)
        outer.addWidget(scroll)

    def show_interview(self, interview_id: int | None) -> None:
        self.save_now()
        self.interview_id = interview_id
        self.state.clear()
        if interview_id is None or self.data is None:
            return
        debrief = self.data.store.interviews.get(interview_id).debrief
        self._loading = True
        try:
            for name, editor in self.editors.items():
                editor.setPlainText(getattr(debrief, name))
        finally:
            self._loading = False

    def _queue(self, name: str) -> None:
        if self._loading or self.interview_id is None:
            return
        self._pending[name] = self.editors[name].toPlainText()
        self.state.setText("Editing…")
        self._timer.start()

    def save_now(self) -> None:
        self._timer.stop()
        if not self._pending or self.interview_id is None or self.data is None:
            self._pending.clear()
            return
        fields, self._pending = dict(self._pending), {}
        interview_id = self.interview_id
        store = self.data.store
        result = self.data.attempt(
            lambda: store.interviews.save_debrief(interview_id, fields), retry=True
        )
        self._waiting = result.waiting
        if result.waiting and result.error is not None:
            self.state.setText(not_saved_yet(result.error))  # the text stays as typed
        else:
            self.state.setText(
                "Saved." if result.error is None else "Not saved: see the message above."
            )

    def _saved_at_last(self) -> None:
        if self._waiting:
            self._waiting = False
            self.state.setText("Saved.")
