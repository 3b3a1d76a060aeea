"""One column of the board (issue 17 §2): the cards of one stage, as a list model.

Every card's words are plain text from the user's records and tr(); the delegate
(afterview.ui.board_delegate) paints them, a screen reader reads them whole through
``AccessibleTextRole``. A card is dragged as its application's id (:data:`MIME`); a drop on
another column emits :attr:`BoardColumnModel.dropped` and changes nothing itself: the page
decides (it may ask first, or ask why for Closed) and writes through the store.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from afterview.domain.applications import Stage, contradicts
from afterview.domain.text import fold
from afterview.store.board_values import Card, RoundSeen
from afterview.ui.interviews_model import format_due, status_label
from afterview.ui.rule_words import step_title
from afterview.ui.stage_words import outcome_text, stage_label

Index = QModelIndex | QPersistentModelIndex
#: What a dragged card carries: its application's id, as ASCII digits.
MIME = "application/x-afterview-application"
_CONTEXT = "BoardColumnModel"


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(_CONTEXT, text, None, n)


@dataclass(frozen=True)
class CardWords:
    """What a card says, line by line (plain text)."""

    company: str
    position: str
    next_step: str
    #: When the next step is due ("" when there is none).
    due: str
    quiet: str
    #: Its next step's time has passed (the list shows such a due in bold too).
    overdue: bool = False
    #: One of the sample's records (shown in italics, as everywhere).
    sample: bool = False

    @property
    def lines(self) -> tuple[str, str, str, str, str]:
        return (self.company, self.position, self.next_step, self.due, self.quiet)

    def sentence(self) -> str:
        """The whole card as one sentence, for a screen reader."""
        parts = [self.company, self.position, self.next_step, self.due, self.quiet]
        return _tr("{0}.").format(". ".join(p.rstrip(".") for p in parts if p))


def quiet_days(card: Card, now: datetime) -> int | None:
    """Calendar days, in the computer's zone, since something last happened to the application
    (None: nothing dated): applied yesterday evening is a day ago this morning."""
    if card.last_activity is None:
        return None
    return max(0, (now.astimezone().date() - card.last_activity.astimezone().date()).days)


def card_words(card: Card, now: datetime) -> CardWords:
    """A card's lines: company, position, its next step and when it is due (a closed one:
    how it ended), and how long it has been quiet."""
    due = ""
    if card.outcome is not None:
        step = outcome_text(card.outcome, card.outcome_detail)
    elif card.next_due is not None:
        title = step_title(card.next_step_rule, card.next_step_params, card.next_step)
        step = _tr("Next: {0}").format(title)
        due = _tr("Due {0}").format(format_due(card.next_due, now))
    else:
        step = _tr("No next step planned")
    days = quiet_days(card, now)
    if days is None:
        quiet = _tr("Nothing dated yet")
    elif days == 0:
        quiet = _tr("Active today")
    else:
        quiet = _tr("Quiet for %n day(s)", days)
    overdue = card.outcome is None and card.next_due is not None and card.next_due <= now
    return CardWords(card.company, card.position, step, due, quiet, overdue, card.sample)


def needle_words(needle: str) -> list[str]:
    """The words a filter's text looks for, folded as :func:`matches` compares them."""
    return fold(needle).split()


def matches(card: Card, words: Sequence[str]) -> bool:
    """Whether every one of ``words`` (:func:`needle_words`) is in the card's company or
    position, as the Interviews list's filter matches."""
    if not words:
        return True
    text = f"{fold(card.company)} {fold(card.position)}"
    return all(word in text for word in words)


def contradicting_round(card: Card, stage: Stage) -> RoundSeen | None:
    """The latest round, when moving the card to ``stage`` (an open stage) says something
    else than that round does (Offer while a round awaits a decision; Applied with rounds);
    None when the move agrees with it, or there is no round (domain.applications.contradicts,
    the rule the command line's move asks by too)."""
    latest = card.latest_round
    return latest if latest is not None and contradicts(latest.status, stage) else None


def merged(cards: Sequence[Card], fresh: Sequence[Card], ids: Collection[int]) -> list[Card]:
    """``cards`` with the applications ``ids`` read again: each replaced by its card in
    ``fresh``, left out when none came back (deleted meanwhile); oldest first, as the
    store orders them (by id). The other cards are the same objects."""
    by_id = {card.id: card for card in cards}
    for gone in ids:
        by_id.pop(gone, None)
    by_id.update((card.id, card) for card in fresh)
    return sorted(by_id.values(), key=lambda card: card.id)


def round_words(found: RoundSeen) -> str:
    """A round as a question names it: "the Onsite round (Awaiting decision)"."""
    name = found.round.strip() or _tr("latest")
    return _tr("the {0} round ({1})").format(name, status_label(found.status.value))


class BoardColumnModel(QAbstractListModel):
    """The cards of one stage, in the order given (oldest application first)."""

    #: The card itself (afterview.store.board.Card).
    CardRole = Qt.ItemDataRole.UserRole + 1
    #: The card's lines (:class:`CardWords`), for the delegate.
    WordsRole = Qt.ItemDataRole.UserRole + 2
    #: A card dropped here: its application's id, and this column's stage (its value).
    dropped = Signal(int, str)

    def __init__(self, stage: Stage, clock: Callable[[], datetime], parent: Any = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self._clock = clock
        self._cards: list[Card] = []
        self._words: list[CardWords | None] = []

    @property
    def title(self) -> str:
        return stage_label(self.stage)

    def set_cards(self, cards: Sequence[Card]) -> None:
        """Show ``cards``; nothing happens when they are the very cards shown (a move
        re-reads its one card: the other columns keep their rows, scroll and words)."""
        if len(cards) == len(self._cards) and all(
            new is old for new, old in zip(cards, self._cards, strict=True)
        ):
            return
        self.beginResetModel()
        self._cards = list(cards)
        self._words = [None] * len(self._cards)  # worded when first shown
        self.endResetModel()

    def card(self, row: int) -> Card | None:
        return self._cards[row] if 0 <= row < len(self._cards) else None

    def row_of(self, application_id: int) -> int | None:
        for row, card in enumerate(self._cards):
            if card.id == application_id:
                return row
        return None

    def words(self, row: int) -> CardWords:
        found = self._words[row]
        if found is None:
            found = self._words[row] = card_words(self._cards[row], self._clock())
        return found

    # --- the model -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cards[row].company
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return self.words(row).sentence()
        if role == self.CardRole:
            return self._cards[row]
        if role == self.WordsRole:
            return self.words(row)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
        )

    # --- dragging --------------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        cards = [self._cards[i.row()] for i in indexes if i.isValid()]
        if cards:
            mime.setData(MIME, QByteArray(str(cards[0].id).encode("ascii")))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        found = dropped_id(data)
        return found is not None and self.row_of(found) is None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """A card from another column: say so (:attr:`dropped`) and leave the rows as they
        are; they change when the write is heard. False for anything else."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        found = dropped_id(data)
        assert found is not None
        self.dropped.emit(found, self.stage.value)
        # False: the view that started the drag must not remove the row itself.
        return False


def dropped_id(data: QMimeData) -> int | None:
    """The application id a drag carries, or None when it carries none."""
    if not data.hasFormat(MIME):
        return None
    raw = bytes(data.data(MIME).data()).decode("ascii", "replace")
    return int(raw) if raw.isdigit() else None


__all__ = [
    "MIME",
    "BoardColumnModel",
    "CardWords",
    "card_words",
    "contradicting_round",
    "dropped_id",
    "matches",
    "merged",
    "needle_words",
    "quiet_days",
    "round_words",
]
