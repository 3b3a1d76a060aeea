"""The model behind one list of a contact's ways to reach them (its emails, its phones or its
postal addresses): each value with its labels and rank, and which one is used.

The one used is ticked (Qt.CheckStateRole): the user's choice when there is one, else the
card's preferred one (:func:`afterview.domain.contact_ways.preferred_index`, the one rule).
Ticking another row makes it the user's choice. Values are shown as plain text.
"""

from __future__ import annotations

from typing import Any, Generic

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from afterview.domain.contact_ways import V, Way, address_lines, labels_text, preferred_index

Index = QModelIndex | QPersistentModelIndex

#: The value itself (a str, or a PostalAddress), for the editor under the list.
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
#: The labels, as a tuple of words.
LABELS_ROLE = Qt.ItemDataRole.UserRole + 2


class WaysModel(QAbstractListModel, Generic[V]):
    """One kind of value of one card, in the card's order."""

    def __init__(self, blank: V, parent: Any = None) -> None:
        super().__init__(parent)
        self._blank: V = blank
        self._ways: list[Way[V]] = []
        self._chosen: int | None = None

    # -- the values ------------------------------------------------------------------------

    def set_ways(self, ways: tuple[Way[V], ...], chosen: int | None) -> None:
        self.beginResetModel()
        self._ways = list(ways)
        self._chosen = chosen if chosen is not None and 0 <= chosen < len(ways) else None
        self.endResetModel()

    def ways(self) -> tuple[Way[V], ...]:
        return tuple(self._ways)

    @property
    def chosen(self) -> int | None:
        """The user's choice (None: the card's rank decides)."""
        return self._chosen

    def used(self) -> int | None:
        """The row used: the user's choice, else the card's preferred one."""
        return preferred_index(self._ways, self._chosen)

    def add(self) -> int:
        """Append an empty value (the user fills it in); its row."""
        row = len(self._ways)
        self.beginInsertRows(QModelIndex(), row, row)
        self._ways.append(Way(self._blank))
        self.endInsertRows()
        self._used_changed()
        return row

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self._ways):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ways[row]
        if self._chosen == row:
            self._chosen = None
        elif self._chosen is not None and self._chosen > row:
            self._chosen -= 1
        self.endRemoveRows()
        self._used_changed()

    def set_value(self, row: int, value: V) -> None:
        if 0 <= row < len(self._ways) and self._ways[row].value != value:
            way = self._ways[row]
            self._ways[row] = Way(value, way.labels, way.pref)
            self.dataChanged.emit(self.index(row), self.index(row))

    def set_labels(self, row: int, labels: tuple[str, ...]) -> None:
        if 0 <= row < len(self._ways) and self._ways[row].labels != labels:
            way = self._ways[row]
            self._ways[row] = Way(way.value, labels, way.pref)
            self._used_changed()  # work over home can move the tick

    def choose(self, row: int | None) -> None:
        """Make ``row`` the user's choice (None: let the card decide)."""
        self._chosen = row if row is not None and 0 <= row < len(self._ways) else None
        self._used_changed()

    def _used_changed(self) -> None:
        if self._ways:
            self.dataChanged.emit(self.index(0), self.index(len(self._ways) - 1))

    # -- Qt --------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ways)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ways):
            return None
        way = self._ways[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = way.value
            text = value if isinstance(value, str) else ", ".join(address_lines(value))
            text = text or self.tr("(empty)")
            return f"{text} — {labels_text(way.labels)}" if way.labels else text
        if role == Qt.ItemDataRole.CheckStateRole:
            used = index.row() == self.used()
            return Qt.CheckState.Checked if used else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.row() != self.used():
                return self.tr("Tick to use this one")
            if self._chosen is not None:
                return self.tr("Used: your choice")
            return self.tr("Used: the card prefers it (its rank, then work over home)")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == VALUE_ROLE:
            return way.value
        if role == LABELS_ROLE:
            return way.labels
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.choose(index.row())
            return True
        return False


__all__ = ["LABELS_ROLE", "VALUE_ROLE", "WaysModel"]
