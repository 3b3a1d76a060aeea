"""Today: what is due and overdue across all interviews, grouped by the calendar (Overdue,
Today, Tomorrow, This week, Next week, Later: :mod:`afterview.domain.today_groups`), in the
computer's local time zone, with weeks that start on the locale's first day.

Each step has one-click Done, a Snooze menu and a link to its interview (a card:
:mod:`afterview.ui.step_card`). With nothing due the page says so calmly (seed 001 §5: anxiety
makes people over-follow-up), and says when the next step is.

By keyboard (issue 15): Tab goes through the cards' buttons in the order they are shown, Up and
Down move to the same button of the card above or below (Home and End: the first and last
card), and the window's Step menu (:mod:`afterview.ui.step_keys`) gives the focused step's
buttons keys. After Done or Snooze the page is built anew; focus goes to the card that took
the place of the one acted on (the one before it if it was the last, the calm message if
none is left), and what happened is announced. The group headings are headings to a screen
reader (:mod:`afterview.ui.heading`), not only bold text.

Above the steps, the applications whose last follow-up has gone unanswered long enough, each
with a button to close it as "no response" (:mod:`afterview.ui.no_response_row`): offered,
never done without the click (issue 17 §3).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QObject,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from afterview.store.today import Group, TodayGroups, TodayItem, TodaySource
from afterview.ui.assistive import announce
from afterview.ui.focus_ring import ring_colour
from afterview.ui.heading import heading
from afterview.ui.icons import icon
from afterview.ui.interviews_model import format_due
from afterview.ui.no_response_row import NoResponseRow
from afterview.ui.step_card import StepCard, plain

#: Cards built before the first paint when Today is the page the window opens on: more than a
#: tall screen shows. The rest follow once it has painted (:meth:`TodayPage.fill_rest`), so
#: the page the user sees first does not wait for cards below the fold.
FIRST_CARDS = 15
#: Keys that move between cards, and the card each goes to (from the index of the focused one
#: and the number of cards).
_MOVES = {
    Qt.Key.Key_Up: lambda at, _n: at - 1,
    Qt.Key.Key_Down: lambda at, _n: at + 1,
    Qt.Key.Key_Home: lambda _at, _n: 0,
    Qt.Key.Key_End: lambda _at, n: n - 1,
}


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


class TodayPage(QWidget):
    done = Signal(int)
    #: A follow-up marked done with its answer (issue 17 §3).
    answered = Signal(int, bool)
    snoozed = Signal(int, object)
    open_interview = Signal(int, int)
    write_letter = Signal(int)
    #: The user closes an application as "no response" (its id, the version read).
    close_no_response = Signal(int, int)

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
        # Not a Tab stop of its own (it was an unnamed, invisible one): focus goes to the cards'
        # buttons, and the area scrolls to show the focused one.
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(self.scroll)
        self.cards: list[StepCard] = []
        self.heading: QLabel | None = None
        self.summary: QLabel | None = None
        self._body: QWidget | None = None
        self._pending: list[tuple[QVBoxLayout, Group, TodayItem]] = []
        self.calm: QLabel | None = None
        #: After Done or Snooze from a card: where it was, its step, the button pressed and
        #: what to announce, until the page is built anew (:meth:`_focus_after_action`).
        self._acted: tuple[int, int, str, str] | None = None
        #: The "no response" offers (afterview.store.no_response), read at each load once the
        #: store is open (the window sets it): none before.
        self.offers_source: Callable[[], list[Any]] | None = None
        self._offers: list[Any] = []
        self.offer_rows: list[NoResponseRow] = []
        if source is not None:
            self.load(source, first=FIRST_CARDS)
        else:
            self.show_groups({g: [] for g in Group}, loading=True)

    def _header(self, layout: QVBoxLayout, body: QWidget, count: int) -> None:
        local = self.now().astimezone()
        day = QDate(local.year, local.month, local.day)
        date_text = QLocale().toString(day, QLocale.FormatType.LongFormat)
        self.heading = heading(date_text, body, "todayHeading")
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
        self.calm = None
        self._pending = pending = []
        totals = (
            groups.totals
            if isinstance(groups, TodayGroups)
            else {g: len(items) for g, items in groups.items()}
        )
        count = sum(totals.values())
        self._header(layout, body, count)
        self.offer_rows = []
        if self._offers and not loading:
            layout.addLayout(self._offer_rows(body, layout.spacing()))
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
            # Where focus rests after the last step is done (not a Tab stop; it draws a ring).
            message.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            ring = ring_colour(self.palette()).name()
            message.setStyleSheet(f"QLabel#calmMessage:focus {{ border: 2px solid {ring}; }}")
            self.calm = message
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
                title = heading(
                    self.tr("{0} ({1})").format(
                        group_title(group), QLocale().toString(totals[group])
                    ),
                    body,
                    f"group-{group.name}",
                )
                font = title.font()
                font.setBold(True)
                font.setPointSizeF(font.pointSizeF() * 1.1)
                title.setFont(font)
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
        self._distinct_names()
        self._focus_after_action()

    def add_offers(self, offers: list[Any]) -> None:
        """Show ``offers`` on the page already built, under its heading, without building its
        cards again: Today painted before the store opened could not read them."""
        body = self._body
        if not offers or self.offer_rows or body is None:
            return
        self._offers = offers
        layout = body.layout()
        assert isinstance(layout, QVBoxLayout)
        # After the heading and the summary (:meth:`_header`), where show_groups puts them.
        layout.insertLayout(2, self._offer_rows(body, layout.spacing()))

    def _offer_rows(self, body: QWidget, spacing: int) -> QVBoxLayout:
        """The applications Today offers to close as "no response", above the steps."""
        layout = QVBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)
        layout.addSpacing(10)
        title = heading(self.tr("Unanswered applications"), body, "group-NO_RESPONSE")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        title.setFont(font)
        layout.addWidget(title)
        for offer in self._offers:
            row = NoResponseRow(offer, body)
            row.close_it.connect(self.close_no_response)
            self.offer_rows.append(row)
            layout.addWidget(row)
        return layout

    def _add_card(
        self, group_cards: QVBoxLayout, group: Group, item: TodayItem, body: QWidget
    ) -> None:
        card = StepCard(item, self.now, body, group)
        card.done.connect(self._card_done)
        card.answered.connect(self._card_answered)
        card.snoozed.connect(self._card_snoozed)
        card.open_interview.connect(self.open_interview)
        card.write_letter.connect(self.write_letter)
        for button in card.buttons:
            button.installEventFilter(self)
        if self.cards:  # Tab goes from the last button of one card to the first of the next
            QWidget.setTabOrder(self.cards[-1].buttons[-1], card.buttons[0])
        self.cards.append(card)
        group_cards.addWidget(card)
        if body.isVisible():  # a card below the fold, added once the page has painted
            card.show()

    def _distinct_names(self) -> None:
        """No two buttons on the page with the same accessible name: two steps of the same
        title in one interview are told apart by when they are due, then by a number."""
        for round_ in range(2):
            seen: dict[str, list[QToolButton]] = {}
            for card in self.cards:
                for button in card.buttons:
                    seen.setdefault(button.accessibleName(), []).append(button)
            for name, same in seen.items():
                if len(same) < 2:
                    continue
                for number, button in enumerate(same, 1):
                    card = button.parentWidget()
                    assert isinstance(card, StepCard)
                    extra = card.due_text if round_ == 0 else QLocale().toString(number)
                    button.setAccessibleName(self.tr("{0} ({1})").format(name, extra))

    def _card_done(self, step_id: int) -> None:
        self._acting(step_id, "done", self.tr("Marked done: {0}"))
        self.done.emit(step_id)
        self._acted = None  # the write was refused: the page was not built anew

    def _card_answered(self, step_id: int, answered: bool) -> None:
        said = self.tr("Marked done, they answered: {0}")
        if not answered:
            said = self.tr("Marked done, no answer yet: {0}")
        self._acting(step_id, "done" if not answered else "answered", said)
        self.answered.emit(step_id, answered)
        self._acted = None

    def _card_snoozed(self, step_id: int, until: object) -> None:
        self._acting(step_id, "snooze", self.tr("Snoozed: {0}"))
        self.snoozed.emit(step_id, until)
        self._acted = None

    def _acting(self, step_id: int, button: str, said: str) -> None:
        card = self.card(step_id)
        if card is not None:
            self._acted = (self.cards.index(card), step_id, button, said.format(card.subject))

    def _focus_after_action(self) -> None:
        """After Done or Snooze rebuilt the page: focus on the step if it is still shown (a
        snooze within the week), else on the card now in its place, else the one before it,
        else the calm message; and say what was done."""
        if self._acted is None:
            return
        at, step_id, pressed, said = self._acted
        self._acted = None
        target: QWidget | None = None
        card = self.card(step_id)
        if card is not None:
            target = next((b for b in card.buttons if b.objectName() == f"{pressed}Button"), None)
        elif self.cards:
            card = self.cards[min(at, len(self.cards) - 1)]
            target = card.buttons[0]
        else:
            target = self.calm
        if target is None:
            return
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        if card is not None:
            self.scroll.ensureWidgetVisible(card)
        announce(target, said)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down on a card's button: the same button on the card above or below (its
        first, when it has none such); Home and End: the first and the last card."""
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QToolButton):
            assert isinstance(event, QKeyEvent)
            move = _MOVES.get(Qt.Key(event.key()))
            card = watched.parentWidget()
            plain_key = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if move is not None and plain_key and isinstance(card, StepCard) and card in self.cards:
                at = move(self.cards.index(card), len(self.cards))
                if 0 <= at < len(self.cards):
                    self._focus_card(self.cards[at], watched.objectName())
                return True
        return super().eventFilter(watched, event)

    def _focus_card(self, card: StepCard, like: str) -> None:
        same = [b for b in card.buttons if b.objectName() == like]
        (same or card.buttons)[0].setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.ensureWidgetVisible(card)

    def fill_rest(self) -> None:
        """Build the cards :meth:`show_groups` left for later (none when it built them all)."""
        pending, self._pending = self._pending, []
        for group_cards, group, item in pending:
            assert self._body is not None  # show_groups made it with the pending cards
            self._add_card(group_cards, group, item, self._body)
        if pending:
            self._distinct_names()

    def load(self, source: TodaySource, *, first: int | None = None) -> None:
        """Read and show what is due (plain sqlite3: the same before the rest of the store has
        loaded, when Today is the page the window opens on, and after)."""
        now = self.now()
        if self.offers_source is not None:
            self._offers = self.offers_source()
        groups = source.groups(now, first_weekday=first_weekday())
        next_due = source.next_due_after(now) if not groups.total else None
        self.show_groups(groups, next_due=next_due, first=first)

    def card(self, step_id: int) -> StepCard | None:
        return next((c for c in self.cards if c.item.step_id == step_id), None)
