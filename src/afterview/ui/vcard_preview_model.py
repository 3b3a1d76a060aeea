"""The cards of a .vcf file before import: one row per good card, duplicates marked, and a
check per row (checked: import it, or merge it into the contact it duplicates; unchecked: skip)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette

from afterview.interop.vcard import Choice, Duplicate, ParsedCard
from afterview.ui.translation import fill

Index = QModelIndex | QPersistentModelIndex

#: The column titles, translated when shown (context "VCardPreviewModel").
COLUMNS = ("Action", "Card", "Name", "Email", "Company", "Title", "Duplicate of")
ACTION, CARD, NAME, EMAIL, COMPANY, TITLE, DUPLICATE = range(len(COLUMNS))
#: The row's Choice, as its string value.
ChoiceRole = Qt.ItemDataRole.UserRole + 1
#: A duplicate row's amber tint, pale under dark text and deep under light text, so the
#: row's text stays at 4.5:1 or more in either palette (tests/ui/test_contrast.py).
_DUPLICATE_LIGHT, _DUPLICATE_DARK = QColor("#fff4d6"), QColor("#4a3800")


def _duplicate_words(duplicate: Duplicate) -> str:
    """Who a card duplicates, and by what, in the user's language: "Laura Chen (same
    email)", "card 2: Laura Chen (same UID)"."""
    if duplicate.by == "UID":
        said = QCoreApplication.translate("VCardPreviewModel", "%1 (same UID)")
    else:
        said = QCoreApplication.translate("VCardPreviewModel", "%1 (same email)")
    who = fill(said, duplicate.name)
    if duplicate.contact_id is None:
        return fill(QCoreApplication.translate("VCardPreviewModel", "card %1: %2"),
                    str(duplicate.earlier_card), who)  # fmt: skip
    return who


def duplicate_background(palette: QPalette) -> QColor:
    """The tint that marks a card already in the address book, for ``palette``."""
    return (
        _DUPLICATE_DARK
        if palette.color(QPalette.ColorRole.Text).lightness() > 128
        else _DUPLICATE_LIGHT
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("VCardPreviewModel", text)


def _titles() -> tuple[str, ...]:
    return (
        _tr("Action"),
        _tr("Card"),
        _tr("Name"),
        _tr("Email"),
        _tr("Company"),
        _tr("Title"),
        _tr("Duplicate of"),
    )


class VCardPreviewModel(QAbstractTableModel):
    def __init__(
        self,
        cards: list[ParsedCard],
        duplicates: Mapping[int, Duplicate],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._cards = cards
        self._duplicates = dict(duplicates)
        self._skip: set[int] = set()
        self._titles = _titles()
        self._actions = {
            Choice.IMPORT: _tr("Add"),
            Choice.MERGE: _tr("Merge"),
            Choice.SKIP: _tr("Skip"),
        }

    # --- what the dialog asks ---

    def is_duplicate(self, row: int) -> bool:
        return self._cards[row].number in self._duplicates

    def choice(self, row: int) -> Choice:
        card = self._cards[row]
        if card.number in self._skip:
            return Choice.SKIP
        return Choice.MERGE if card.number in self._duplicates else Choice.IMPORT

    def choices(self) -> dict[int, Choice]:
        return {card.number: self.choice(row) for row, card in enumerate(self._cards)}

    def counts(self) -> dict[Choice, int]:
        result = dict.fromkeys(Choice, 0)
        for row in range(len(self._cards)):
            result[self.choice(row)] += 1
        return result

    def set_duplicates(self, choice: Choice) -> None:
        """Merge (or skip) every duplicate at once."""
        for card in self._cards:
            if card.number in self._duplicates:
                if choice is Choice.SKIP:
                    self._skip.add(card.number)
                else:
                    self._skip.discard(card.number)
        if self._cards:
            self.dataChanged.emit(self.index(0, ACTION), self.index(len(self._cards) - 1, ACTION))

    # --- the Qt model ---

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cards)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._titles[section] if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == ACTION:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        column = index.column()
        duplicate = self._duplicates.get(card.number)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ACTION:
                choice = self.choice(index.row())
                return self._actions[choice]
            if column == CARD:
                return card.number
            if column == DUPLICATE:
                return _duplicate_words(duplicate) if duplicate else ""
            return _one_line(
                {NAME: card.name, EMAIL: card.email, COMPANY: card.company, TITLE: card.title}.get(
                    column, ""
                )
            )
        if role == Qt.ItemDataRole.CheckStateRole and column == ACTION:
            skipped = card.number in self._skip
            return Qt.CheckState.Unchecked if skipped else Qt.CheckState.Checked
        if role == Qt.ItemDataRole.ToolTipRole:
            where = _tr("Card {number}, line {line}").format(number=card.number, line=card.line)
            lines = [where, *card.warnings]
            if card.salutation and card.family_name:
                # Taken from the card's N only because its prefix is one of the salutations.
                lines.append(
                    _tr("Letters will greet “Dear {salutation} {family}”").format(
                        salutation=card.salutation, family=card.family_name
                    )
                )
            if duplicate:
                lines.append(
                    _tr("{duplicate}: checked merges the card into it").format(
                        duplicate=duplicate.describe()
                    )
                )
            # Qt guesses whether a tooltip is rich text: escape, so card text stays text.
            return "<qt>" + "<br>".join(html.escape(line) for line in lines) + "</qt>"
        if role == Qt.ItemDataRole.BackgroundRole and duplicate is not None:
            return QBrush(duplicate_background(QGuiApplication.palette()))
        if role == ChoiceRole:
            return self.choice(index.row()).value
        if role == Qt.ItemDataRole.TextAlignmentRole and column == CARD:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != ACTION:
            return False
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        card = self._cards[index.row()]
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        if checked:
            self._skip.discard(card.number)
        else:
            self._skip.add(card.number)
        self.dataChanged.emit(index, index)
        return True


def _one_line(text: str) -> str:
    # A name or title with line breaks would make the row grow; the full text is on import.
    return " ".join(text.split())
