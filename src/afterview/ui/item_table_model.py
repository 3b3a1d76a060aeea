"""The plumbing the record tables share: a list of frozen items shown under fixed column
titles, with a sort role that compares text without regard to case."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

SortRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class _HasId(Protocol):
    @property
    def id(self) -> int: ...


Item = TypeVar("Item", bound=_HasId)


def sort_value(value: Any, role: int) -> Any:
    """The value itself for display; for SortRole text is casefolded so "émile" sorts by "Émile"."""
    return value.casefold() if role == SortRole and isinstance(value, str) else value


class ItemTableModel(QAbstractTableModel, Generic[Item]):
    """A flat table of ``Item``s under the titles in ``columns`` (set by each subclass)."""

    columns: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Item] = []

    def _set_items(self, items: Sequence[Item]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def _item_at(self, index: Index) -> Item | None:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        return self._items[index.row()]

    def item(self, row: int) -> Item:
        return self._items[row]

    def row_of(self, item_id: int) -> int:
        for row, item in enumerate(self._items):
            if item.id == item_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section]
        return None

    def _right_aligned_count(self, column: int, role: int) -> Any:
        """Right alignment for the last column (a count), None for anything else."""
        if role == Qt.ItemDataRole.TextAlignmentRole and column == len(self.columns) - 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


__all__ = ["Index", "ItemTableModel", "SortRole", "sort_value"]
