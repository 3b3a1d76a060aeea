"""Today: what is due and overdue across all interviews, grouped by the calendar (Overdue,
Today, Tomorrow, This week, Next week, Later: :mod:`afterview.domain.today_groups`), in the
computer's local time zone, with weeks that start on the locale's first day.

Each step has one-click Done, a Snooze menu and a link to its interview. With
nothing due the page says so calmly (seed 001 §5: anxiety makes people
over-follow-up), and says when the next step is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPalette, QResizeEvent
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
    button.setToolTip(text)
    button.setIcon(icon(icon_name))
    button.setIconSize(QSize(16, 16))
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAccessibleName(accessible)
    button.setAutoRaise(True)
    return button


def group_title(group: Group) -> str:
    """A group's heading in the user's language."""
    titles = {
        Group.OVERDUE: QT_TRANSLATE_NOOP("TodayPage", "Overdue"),
        Group.TODAY: QT_TRANSLATE_NOOP("TodayPage", "Today"),
        Group.TOMORROW: QT_TRANSLATE_NOOP("TodayPage", "Tomorrow"),
        Group.THIS_WEEK: QT_TRANSLATE_NOOP("TodayPage", "This week"),
        Group.NEXT_WEEK: QT_TRANSLATE_NOOP("TodayPage", "Next week"),
        Group.LATER: QT_TRANSLATE_NOOP("TodayPage", "Later"),
    }
    return QCoreApplication.translate("TodayPage", titles[group])


def first_weekday() -> int:
    """The first day of the user's week, from the locale (ISO: Monday = 1 … Sunday = 7)."""
    return QLocale().firstDayOfWeek().value


class StepCard(QFrame):
    done = Signal(int)
    snoozed = Signal(int, object)
    open_interview = Signal(int, int)
    write_letter = Signal(int)

    def __init__(self, item: TodayItem, now: Callable[[], datetime], parent: QWidget) -> None:
        super().__init__(parent)
        self.item = item
        #: The group the card is shown in (the page sets it).
        self.group = Group.TODAY
        self.setObjectName(f"step-{item.step_id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title_text, reason_text = self.step_words(item)
        self.setAccessibleName(self.tr("Step: {0}").format(title_text))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
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
            self.sample_badge = plain(self.tr("Sample"), self, name="sampleBadge")
            self.sample_badge.setToolTip(
                self.tr("Part of the sample data: File ▸ Remove sample data takes it away.")
            )
            self.sample_badge.setAccessibleName(self.tr("Sample record"))
            # Palette colours: readable in a light and a dark window alike.
            self.sample_badge.setStyleSheet(
                "QLabel#sampleBadge { border: 1px solid palette(mid); border-radius: 7px;"
                " padding: 0px 6px; color: palette(text); }"
            )
            top.addWidget(self.sample_badge, 0, Qt.AlignmentFlag.AlignTop)
        text.addLayout(top)
        where = " — ".join(part for part in (item.company, item.position) if part)
        due = format_due(item.due, now(), item.time_zone)
        if item.status == "snoozed":
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
            reason.setToolTip(plain_tooltip(self._said.tooltip()))
            reason.setWordWrap(True)
            reason.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            small = reason.font()
            small.setPointSizeF(small.pointSizeF() * 0.92)
            reason.setFont(small)
            text.addWidget(reason)
        layout.addLayout(text, 1)

        self.done_button = tool_button(
            self.tr("Done"), "done", self, self.tr("Mark done: {0}").format(title_text)
        )
        self.done_button.clicked.connect(lambda: self.done.emit(item.step_id))
        self.snooze_button = tool_button(
            self.tr("Snooze"), "snooze", self, self.tr("Snooze: {0}").format(title_text)
        )
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_button.setMenu(
            snooze.SnoozeMenu(
                self, now, lambda: item.due, lambda until: self.snoozed.emit(item.step_id, until)
            )
        )
        writes(self.done_button, self.snooze_button)
        self.buttons: list[QToolButton] = []
        if item.kind in WRITTEN_KINDS:
            self.write_button = tool_button(
                self.tr("Write"), "edit", self, self.tr("Write: {0}").format(title_text)
            )
            self.write_button.clicked.connect(lambda: self.write_letter.emit(item.step_id))
            self.buttons.append(self.write_button)
        self.buttons += [self.done_button, self.snooze_button]
        if item.interview_id is not None:
            interview_id = item.interview_id
            self.open_button = tool_button(
                self.tr("Open"), "open", self, self.tr("Open the interview: {0}").format(where)
            )
            self.open_button.clicked.connect(
                lambda: self.open_interview.emit(interview_id, item.step_id)
            )
            self.buttons.append(self.open_button)
        for button in self.buttons:
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        #: The buttons' width with their words, measured at the first resize (a size hint
        #: polishes a widget: here it would be polished before it is in the window).
        self._wide: int | None = None

    def step_words(self, item: TodayItem) -> tuple[str, str]:
        """The step's title and reason as the card shows them: the rule's words in the user's
        language (afterview.ui.rule_words), or the stored English for an unknown rule."""
        self._said = words(item.rule, item.rule_params, item.title, item.reason)
        return self._said.title, self._said.reason

    @property
    def compact(self) -> bool:
        """The buttons show only their icons (the card is too narrow for their words)."""
        return self.done_button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly

    def wide_width(self) -> int:
        """The width the buttons take with their words, margins and spacing included."""
        if self._wide is None:
            layout = self.layout()
            margins = layout.contentsMargins()
            self._wide = sum(button.sizeHint().width() for button in self.buttons)
            self._wide += layout.spacing() * len(self.buttons) + margins.left() + margins.right()
        return self._wide

    def resizeEvent(self, event: QResizeEvent) -> None:
        narrow = event.size().width() - self.wide_width() < MIN_TEXT_WIDTH
        style = (
            Qt.ToolButtonStyle.ToolButtonIconOnly
            if narrow
            else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        )
        for button in self.buttons:
            button.setToolButtonStyle(style)
        super().resizeEvent(event)


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
        self.setAccessibleName(self.tr("Today"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setAccessibleName(self.tr("Steps due"))
        outer.addWidget(self.scroll)
        self.cards: list[StepCard] = []
        self.heading: QLabel | None = None
        self.summary: QLabel | None = None
        self._body: QWidget | None = None
        self._pending: list[tuple[QVBoxLayout, Group, TodayItem]] = []
        if source is not None:
            self.load(source, first=FIRST_CARDS)
        else:
            self.show_groups({g: [] for g in Group}, loading=True)

    def _header(self, layout: QVBoxLayout, body: QWidget, count: int) -> None:
        local = self.now().astimezone()
        day = QDate(local.year, local.month, local.day)
        heading = QLocale().toString(day, QLocale.FormatType.LongFormat)
        self.heading = plain(heading, body, name="todayHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        text = self.tr("%n step(s) to look at.", "", count) if count else ""
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
            self.summary.setText(self.tr("Opening your follow-ups…"))
        elif count == 0:
            layout.addSpacing(40)
            calm = QLabel(body)
            calm.setPixmap(icon("calm").pixmap(QSize(56, 56)))
            calm.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            calm.setAccessibleName(self.tr("Nothing due"))
            layout.addWidget(calm)
            message = plain(self.tr("Nothing is due. Enjoy your day."), body, name="calmMessage")
            message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            font = message.font()
            font.setPointSizeF(font.pointSizeF() * 1.25)
            message.setFont(font)
            layout.addWidget(message)
            later = (
                self.tr("The next step falls due {0}.").format(format_due(next_due, self.now()))
                if next_due is not None
                else self.tr("Afterview will tell you when a follow-up falls due.")
            )
            often = self.tr("Following up more often than that rarely helps.")
            note = plain(f"{later} {often}", body, name="calmNote")
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
                    self.tr("{0} ({1})").format(
                        group_title(group), QLocale().toString(totals[group])
                    ),
                    body,
                    name=f"group-{group.name}",
                )
                font = title.font()
                font.setBold(True)
                font.setPointSizeF(font.pointSizeF() * 1.1)
                title.setFont(font)
                title.setAccessibleName(group_title(group))
                layout.addWidget(title)
                group_cards = QVBoxLayout()
                group_cards.setSpacing(layout.spacing())
                layout.addLayout(group_cards)
                for item in items:
                    if first is not None and len(self.cards) >= first:
                        pending.append((group_cards, group, item))
                    else:
                        self._add_card(group_cards, group, item, body)
                hidden = totals[group] - len(items)
                if hidden > 0:
                    more = plain(
                        self.tr(
                            "…and %n more. The Interviews list shows every step by due date.",
                            "",
                            hidden,
                        ),
                        body,
                        name=f"more-{group.name}",
                    )
                    more.setForegroundRole(QPalette.ColorRole.PlaceholderText)
                    layout.addWidget(more)
        layout.addStretch(1)
        body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.scroll.setWidget(body)
        self._body = body

    def _add_card(
        self, group_cards: QVBoxLayout, group: Group, item: TodayItem, body: QWidget
    ) -> None:
        card = StepCard(item, self.now, body)
        card.group = group
        card.done.connect(self.done)
        card.snoozed.connect(self.snoozed)
        card.open_interview.connect(self.open_interview)
        card.write_letter.connect(self.write_letter)
        self.cards.append(card)
        group_cards.addWidget(card)

    def fill_rest(self) -> None:
        """Build the cards :meth:`show_groups` left for later (none when it built them all)."""
        pending, self._pending = self._pending, []
        for group_cards, group, item in pending:
            assert self._body is not None  # show_groups made it with the pending cards
            self._add_card(group_cards, group, item, self._body)

    def load(self, source: TodaySource, *, first: int | None = None) -> None:
        """Read and show what is due (plain sqlite3: the same before the rest of the store has
        loaded, when Today is the page the window opens on, and after)."""
        now = self.now()
        groups = source.groups(now, first_weekday=first_weekday())
        next_due = source.next_due_after(now) if not groups.total else None
        self.show_groups(groups, next_due=next_due, first=first)

    def card(self, step_id: int) -> StepCard | None:
        return next((c for c in self.cards if c.item.step_id == step_id), None)
