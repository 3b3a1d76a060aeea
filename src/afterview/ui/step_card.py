"""One step on Today as a card: its words, its badges and its buttons (Write, Done, Snooze,
Open, in that order on screen and by Tab; a follow-up has two Done buttons, "no answer yet"
and "they answered").

Every button's accessible name says what it does, to which step, in which interview ("Mark
done: Write the debrief, Acme — Data engineer"): six cards that all read "Mark done: Write the
debrief" left a screen-reader user guessing (issue 15). The words on the button stay short.
A step in the Overdue group says so in words ("overdue since …", and in its accessible
name), not only by the group it is in or a bold face. A focused button draws a ring that
reaches 3:1 against the card in a light and a dark palette (the app's one ring colour,
:func:`afterview.ui.focus_ring.ring_colour`), where
Fusion's own focus rectangle is at 1.1:1.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.records import WRITTEN_KINDS, StepKind
from afterview.store.today import Group, TodayItem
from afterview.ui import snooze
from afterview.ui.focus_ring import ring_colour
from afterview.ui.icons import icon
from afterview.ui.interviews_model import format_due
from afterview.ui.plain_tips import set_tip
from afterview.ui.rule_words import words
from afterview.ui.step_keys import StepKey, StepTarget, with_key
from afterview.ui.write_guard import writes

#: The least width a card's words keep beside its buttons (logical pixels); narrower, the
#: buttons drop their words and show only their icons (a tooltip and an accessible name
#: still say what each does).
MIN_TEXT_WIDTH = 150


def plain(text: str, parent: QWidget, *, name: str = "") -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # user text: never rich text
    label.setText(text)
    if name:
        label.setObjectName(name)
    return label


def tool_button(text: str, icon_name: str, parent: QWidget, accessible: str) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setIcon(icon(icon_name))
    button.setIconSize(QSize(16, 16))
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAccessibleName(accessible)
    button.setAutoRaise(True)
    return button


def badge(text: str, parent: QWidget, name: str) -> QLabel:
    """A word in a rounded frame beside the step's title ("Sample")."""
    label = plain(text, parent, name=name)
    # Palette colours: readable in a light and a dark window alike.
    label.setStyleSheet(
        f"QLabel#{name} {{ border: 1px solid palette(mid); border-radius: 7px;"
        " padding: 0px 6px; color: palette(text); }"
    )
    return label


class StepCard(StepTarget):
    done = Signal(int)
    #: A follow-up marked done with its answer: the step, and whether they answered.
    answered = Signal(int, bool)
    snoozed = Signal(int, object)
    open_interview = Signal(int, int)
    write_letter = Signal(int)

    def __init__(
        self, item: TodayItem, now: Callable[[], datetime], parent: QWidget, group: Group
    ) -> None:
        super().__init__(parent)
        self.item = item
        #: The group the card is shown in.
        self.group = group
        self.setObjectName(f"step-{item.step_id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title_text, reason_text = self.step_words(item)
        where = " — ".join(part for part in (item.company, item.position) if part)
        #: What the buttons' names add to the verb: the step and its interview.
        self.subject = self.tr("{0}, {1}").format(title_text, where) if where else title_text
        overdue = group is Group.OVERDUE
        self.setAccessibleName(
            (self.tr("Overdue step: {0}") if overdue else self.tr("Step: {0}")).format(self.subject)
        )
        # The words and the buttons side by side; under both, a follow-up's answer buttons,
        # across the card's width (beside the words they kept the card from narrowing).
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 8, 8)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(layout)
        text = QVBoxLayout()
        text.setSpacing(2)
        top = QHBoxLayout()
        optional = self.tr(" (optional)") if item.optional else ""
        title = plain(title_text + optional, self, name="title")
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        title.setWordWrap(True)
        top.addWidget(title, 1)
        self.sample_badge: QLabel | None = None
        if item.sample:
            self.sample_badge = badge(self.tr("Sample"), self, "sampleBadge")
            self.sample_badge.setToolTip(
                self.tr("Part of the sample data: File ▸ Remove sample data takes it away.")
            )
            self.sample_badge.setAccessibleName(self.tr("Sample record"))
            top.addWidget(self.sample_badge, 0, Qt.AlignmentFlag.AlignTop)
        text.addLayout(top)
        due = format_due(item.due, now(), item.time_zone)
        #: When the step is due, as the card says it.
        self.due_text = due
        if overdue:  # said in words, not only by the group it is in (issue 15)
            detail_text = (
                self.tr("{0} · overdue since {1}") if where else self.tr("Overdue since {1}")
            )
        elif item.status == "snoozed":
            detail_text = (
                self.tr("{0} · due {1} (snoozed)") if where else self.tr("Due {1} (snoozed)")
            )
        else:
            detail_text = self.tr("{0} · due {1}") if where else self.tr("Due {1}")
        detail = plain(detail_text.format(where, due), self)
        detail.setObjectName("detail")
        detail.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        detail.setWordWrap(True)
        text.addWidget(detail)
        if reason_text:
            reason = plain(reason_text, self, name="reason")
            # The article the rule comes from, and its figures (issue 14).
            set_tip(reason, self._said.tooltip())
            reason.setWordWrap(True)
            reason.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            small = reason.font()
            small.setPointSizeF(small.pointSizeF() * 0.92)
            reason.setFont(small)
            text.addWidget(reason)
        layout.addLayout(text, 1)
        self._build_buttons(item, now, layout, outer)
        # Read after a button's name: when the step is due, or that it is late.
        for button in self.buttons:
            button.setAccessibleDescription(detail.text())
        self._style_ring()
        #: The buttons' width with their words, measured at the first resize (a size hint
        #: polishes a widget: here it would be polished before it is in the window).
        self._wide: int | None = None

    def _build_buttons(
        self,
        item: TodayItem,
        now: Callable[[], datetime],
        layout: QHBoxLayout,
        below: QVBoxLayout,
    ) -> None:
        """The buttons, built in the order they are shown so Tab follows the screen, left to
        right: a follow-up's answer buttons (under the words, at the card's left) first, then
        those on the right."""
        self.buttons: list[QToolButton] = []
        self._by_key: dict[StepKey, QToolButton] = {}
        subject = self.subject
        #: A follow-up's "They answered" (None for other steps).
        self.answered_button: QToolButton | None = None
        if item.kind == StepKind.FOLLOW_UP.value:
            self._answer_buttons(item, below)
        #: The buttons on the right, which drop their words when the card is narrow.
        self.side_buttons: list[QToolButton] = []

        def add(key: StepKey, text: str, icon_name: str, name: str, tip: str) -> QToolButton:
            button = tool_button(text, icon_name, self, name)
            button.setObjectName(f"{key.value}Button")
            button.setToolTip(with_key(tip, key))
            self.buttons.append(button)
            self.side_buttons.append(button)
            self._by_key[key] = button
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            return button

        if item.kind in WRITTEN_KINDS:
            self.write_button = add(
                StepKey.WRITE,
                self.tr("Write"),
                "edit",
                self.tr("Write: {0}").format(subject),
                self.tr("Write the letter"),
            )
            self.write_button.clicked.connect(lambda: self.write_letter.emit(item.step_id))
        if self.answered_button is None:
            self.done_button = add(
                StepKey.DONE,
                self.tr("Done"),
                "done",
                self.tr("Mark done: {0}").format(subject),
                self.tr("Mark done"),
            )
            self.done_button.clicked.connect(lambda: self.done.emit(item.step_id))
        self.snooze_button = add(
            StepKey.SNOOZE,
            self.tr("Snooze"),
            "snooze",
            self.tr("Snooze: {0}").format(subject),
            self.tr("Snooze"),
        )
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_button.setMenu(
            snooze.SnoozeMenu(
                self, now, lambda: item.due, lambda until: self.snoozed.emit(item.step_id, until)
            )
        )
        writes(self.done_button, self.snooze_button)
        if self.answered_button is not None:
            writes(self.answered_button)
        if item.interview_id is not None:
            interview_id = item.interview_id
            self.open_button = add(
                StepKey.OPEN,
                self.tr("Open"),
                "open",
                self.tr("Open the interview: {0}").format(subject),
                self.tr("Open the interview"),
            )
            self.open_button.clicked.connect(
                lambda: self.open_interview.emit(interview_id, item.step_id)
            )
        for before, after in zip(self.buttons, self.buttons[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _answer_buttons(self, item: TodayItem, below: QVBoxLayout) -> None:
        """A follow-up is marked done with its answer, in one click (issue 17 §3), by one of
        two buttons under its words: "No answer yet" (the Done key's: the usual case the day
        a follow-up goes) and "They answered". The answer feeds the insight page and the "no
        response" offer. Under the words, not beside them: five buttons on the right did not
        keep their words at 800×600."""
        subject = self.subject
        row = QHBoxLayout()
        row.setSpacing(4)
        row.setContentsMargins(0, 4, 0, 0)
        asked = plain(self.tr("Done?"), self, name="answerQuestion")
        row.addWidget(asked)
        pairs = (
            (False, self.tr("No answer yet"), self.tr("Mark done, no answer yet: {0}")),
            (True, self.tr("They answered"), self.tr("Mark done, they answered: {0}")),
        )
        for answered, words_, name in pairs:
            button = tool_button(words_, "done", self, name.format(subject))
            button.clicked.connect(lambda _c=False, a=answered: self.answered.emit(item.step_id, a))
            self.buttons.append(button)
            row.addWidget(button)
            if answered:
                button.setObjectName("answeredButton")
                button.setToolTip(self.tr("Mark done: they answered"))
                self.answered_button = button
            else:
                button.setObjectName(f"{StepKey.DONE.value}Button")
                button.setToolTip(with_key(self.tr("Mark done: no answer yet"), StepKey.DONE))
                self._by_key[StepKey.DONE] = button
                self.done_button = button
        asked.setBuddy(self.done_button)
        row.addStretch(1)
        below.addLayout(row)

    def button_for(self, key: StepKey) -> QAbstractButton | None:
        return self._by_key.get(key)

    def step_words(self, item: TodayItem) -> tuple[str, str]:
        """The step's title and reason as the card shows them: the rule's words in the user's
        language (afterview.ui.rule_words), or the stored English for an unknown rule."""
        self._said = words(item.rule, item.rule_params, item.title, item.reason)
        return self._said.title, self._said.reason

    def _style_ring(self) -> None:
        """A 2-pixel ring round the focused button, in a colour that reads on this palette
        (set again when the palette changes: light to dark)."""
        color = ring_colour(self.palette()).name()
        sheet = f"QToolButton:focus {{ border: 2px solid {color}; border-radius: 4px; }}"
        if sheet != self.styleSheet():  # a new sheet changes the palette again
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._style_ring()
        super().changeEvent(event)

    @property
    def compact(self) -> bool:
        """The buttons show only their icons (the card is too narrow for their words)."""
        return self.snooze_button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly

    def wide_width(self) -> int:
        """The width the buttons take with their words, margins and spacing included."""
        if self._wide is None:
            layout = self.layout()
            margins = layout.contentsMargins()
            side = self.side_buttons
            self._wide = sum(button.sizeHint().width() for button in side)
            self._wide += layout.spacing() * len(side) + margins.left() + margins.right()
        return self._wide

    def resizeEvent(self, event: QResizeEvent) -> None:
        narrow = event.size().width() - self.wide_width() < MIN_TEXT_WIDTH
        style = (
            Qt.ToolButtonStyle.ToolButtonIconOnly
            if narrow
            else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        )
        for button in self.side_buttons:
            button.setToolButtonStyle(style)
        super().resizeEvent(event)
