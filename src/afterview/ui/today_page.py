"""Today: what is due and overdue across all interviews, grouped Overdue / Today / This week.

Each step has one-click Done, a Snooze menu and a link to its interview. With
nothing due the page says so calmly (seed 001 §5: anxiety makes people
over-follow-up), and says when the next step is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.records import WRITTEN_KINDS
from afterview.store.today import Group, TodayGroups, TodayItem, TodaySource
from afterview.ui import snooze
from afterview.ui.icons import icon
from afterview.ui.interviews_model import format_due
from afterview.ui.rule_words import words
from afterview.ui.widgets import plain_tooltip
from afterview.ui.write_guard import writes

#: Cards built before the first paint when Today is the page the window opens on: more than a
#: tall screen shows. The rest follow once it has painted (:meth:`TodayPage.fill_rest`), so
#: the page the user sees first does not wait for cards below the fold.
FIRST_CARDS = 15


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


class StepCard(QFrame):
    done = Signal(int)
    snoozed = Signal(int, object)
    open_interview = Signal(int, int)
    write_letter = Signal(int)

    def __init__(self, item: TodayItem, now: Callable[[], datetime], parent: QWidget) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName(f"step-{item.step_id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(f"Step: {item.title}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        text = QVBoxLayout()
        text.setSpacing(2)
        said = words(item.rule, item.rule_params, item.title, item.reason)  # issue 14: plain words
        title = plain(said.title + (" (optional)" if item.optional else ""), self, name="title")
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        title.setWordWrap(True)
        text.addWidget(title)
        where = " — ".join(part for part in (item.company, item.position) if part)
        due = format_due(item.due, now(), item.time_zone)
        snoozed = " (snoozed)" if item.status == "snoozed" else ""
        detail = plain(f"{where} · due {due}{snoozed}" if where else f"Due {due}{snoozed}", self)
        detail.setObjectName("detail")
        detail.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        detail.setWordWrap(True)
        text.addWidget(detail)
        if said.reason:
            reason = plain(said.reason, self, name="reason")
            reason.setToolTip(plain_tooltip(said.tooltip()))  # the article's title, the figures
            reason.setWordWrap(True)
            reason.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            small = reason.font()
            small.setPointSizeF(small.pointSizeF() * 0.92)
            reason.setFont(small)
            text.addWidget(reason)
        layout.addLayout(text, 1)

        self.done_button = tool_button("Done", "done", self, f"Mark done: {item.title}")
        self.done_button.clicked.connect(lambda: self.done.emit(item.step_id))
        self.snooze_button = tool_button("Snooze", "snooze", self, f"Snooze: {item.title}")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_button.setMenu(
            snooze.SnoozeMenu(
                self, now, lambda: item.due, lambda until: self.snoozed.emit(item.step_id, until)
            )
        )
        writes(self.done_button, self.snooze_button)
        if item.kind in WRITTEN_KINDS:
            self.write_button = tool_button("Write", "edit", self, f"Write: {item.title}")
            self.write_button.clicked.connect(lambda: self.write_letter.emit(item.step_id))
            layout.addWidget(self.write_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.snooze_button, 0, Qt.AlignmentFlag.AlignTop)
        if item.interview_id is not None:
            interview_id = item.interview_id
            self.open_button = tool_button("Open", "open", self, f"Open the interview: {where}")
            self.open_button.clicked.connect(
                lambda: self.open_interview.emit(interview_id, item.step_id)
            )
            layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)


class TodayPage(QWidget):
    done = Signal(int)
    snoozed = Signal(int, object)
    open_interview = Signal(int, int)
    write_letter = Signal(int)

    def __init__(
        self,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
        *,
        source: TodaySource | None = None,
    ) -> None:
        """With ``source`` the page is filled at once; without, it says it is loading."""
        super().__init__(parent)
        self.now = now
        self.setObjectName("todayPage")
        self.setAccessibleName("Today")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setAccessibleName("Steps due")
        outer.addWidget(self.scroll)
        self.cards: list[StepCard] = []
        self.heading: QLabel | None = None
        self.summary: QLabel | None = None
        self._body: QWidget | None = None
        self._pending: list[tuple[QVBoxLayout, TodayItem]] = []
        if source is not None:
            self.load(source, first=FIRST_CARDS)
        else:
            self.show_groups({g: [] for g in Group}, loading=True)

    def _header(self, layout: QVBoxLayout, body: QWidget, count: int) -> None:
        local = self.now().astimezone()
        self.heading = plain(f"{local:%A %d %B}", body, name="todayHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        text = f"{count:,} step{'s' if count != 1 else ''} to look at." if count else ""
        self.summary = plain(text, body, name="todaySummary")
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.summary)

    def show_groups(
        self,
        groups: TodayGroups | dict[Group, list[TodayItem]],
        *,
        loading: bool = False,
        next_due: datetime | None = None,
        first: int | None = None,
    ) -> None:
        """Show ``groups``; with ``first``, only that many cards until :meth:`fill_rest`."""
        body = QWidget()
        body.setObjectName("todayBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(8)
        self.cards = []
        self._pending = pending = []
        totals = (
            groups.totals
            if isinstance(groups, TodayGroups)
            else {g: len(items) for g, items in groups.items()}
        )
        count = sum(totals.values())
        self._header(layout, body, count)
        if loading and self.summary is not None:
            self.summary.setText("Opening your follow-ups…")
        elif count == 0:
            layout.addSpacing(40)
            calm = QLabel(body)
            calm.setPixmap(icon("calm").pixmap(QSize(56, 56)))
            calm.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            calm.setAccessibleName("Nothing due")
            layout.addWidget(calm)
            message = plain("Nothing is due. Enjoy your day.", body, name="calmMessage")
            message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            font = message.font()
            font.setPointSizeF(font.pointSizeF() * 1.25)
            message.setFont(font)
            layout.addWidget(message)
            later = (
                f"The next step falls due {format_due(next_due, self.now())}."
                if next_due is not None
                else "Afterview will tell you when a follow-up falls due."
            )
            note = plain(
                later + " Following up more often than that rarely helps.", body, name="calmNote"
            )
            note.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            note.setWordWrap(True)
            note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            layout.addWidget(note)
        else:
            for group in Group:
                items = groups.get(group, [])
                if not items:
                    continue
                layout.addSpacing(10)
                title = plain(
                    f"{group.value} ({totals[group]:,})", body, name=f"group-{group.name}"
                )
                font = title.font()
                font.setBold(True)
                font.setPointSizeF(font.pointSizeF() * 1.1)
                title.setFont(font)
                title.setAccessibleName(group.value)
                layout.addWidget(title)
                group_cards = QVBoxLayout()
                group_cards.setSpacing(layout.spacing())
                layout.addLayout(group_cards)
                for item in items:
                    if first is not None and len(self.cards) >= first:
                        pending.append((group_cards, item))
                    else:
                        self._add_card(group_cards, item, body)
                hidden = totals[group] - len(items)
                if hidden > 0:
                    more = plain(
                        f"…and {hidden:,} more. The Interviews list shows every step by due date.",
                        body,
                        name=f"more-{group.name}",
                    )
                    more.setForegroundRole(QPalette.ColorRole.PlaceholderText)
                    layout.addWidget(more)
        layout.addStretch(1)
        body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.scroll.setWidget(body)
        self._body = body

    def _add_card(self, group_cards: QVBoxLayout, item: TodayItem, body: QWidget) -> None:
        card = StepCard(item, self.now, body)
        card.done.connect(self.done)
        card.snoozed.connect(self.snoozed)
        card.open_interview.connect(self.open_interview)
        card.write_letter.connect(self.write_letter)
        self.cards.append(card)
        group_cards.addWidget(card)

    def fill_rest(self) -> None:
        """Build the cards :meth:`show_groups` left for later (none when it built them all)."""
        pending, self._pending = self._pending, []
        for group_cards, item in pending:
            assert self._body is not None  # show_groups made it with the pending cards
            self._add_card(group_cards, item, self._body)

    def load(self, source: TodaySource, *, first: int | None = None) -> None:
        """Read and show what is due (plain sqlite3: the same before the rest of the store has
        loaded, when Today is the page the window opens on, and after)."""
        now = self.now()
        groups = source.groups(now)
        next_due = source.next_due_after(now) if not groups.total else None
        self.show_groups(groups, next_due=next_due, first=first)

    def card(self, step_id: int) -> StepCard | None:
        return next((c for c in self.cards if c.item.step_id == step_id), None)
