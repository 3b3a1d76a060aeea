"""The plumbing the record tables share: a list of frozen items shown under fixed column
titles, with a sort role and a filter that compare text folded as the interview list folds
it (afterview.domain.text.fold), so a name sorts where a search finds it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from afterview.domain.text import fold

SortRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class _HasId(Protocol):
    @property
    def id(self) -> int: ...


Item = TypeVar("Item", bound=_HasId)


def sort_value(value: Any, role: int) -> Any:
    """The value itself for display; for SortRole text is folded (case and accents, as the
    store's ``sort_name`` and the interview list), so "Ångström" sorts under A."""
    return fold(value) if role == SortRole and isinstance(value, str) else value


class FoldingFilterProxy(QSortFilterProxyModel):
    """Sorts by SortRole and keeps the rows holding every word of the filter text somewhere
    in their cells, both folded (the interview list's rule: "angstrom" finds "Ångström")."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self._words: list[str] = []

    def set_filter_text(self, text: str) -> None:
        words = fold(text).split(" ") if fold(text) else []
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        cells = (
            model.index(source_row, column, source_parent).data(Qt.ItemDataRole.DisplayRole)
            for column in range(model.columnCount(source_parent))
        )
        text = "\n".join(fold(str(cell)) for cell in cells if cell is not None)
        return all(word in text for word in self._words)


class ItemTableModel(QAbstractTableModel, Generic[Item]):
    """A flat table of ``Item``s under the titles in ``columns`` (set by each subclass).

    The titles are English source texts, translated when shown in the context of the
    subclass's name: mark them ``QT_TRANSLATE_NOOP("ContactsModel", "Name")`` so lupdate
    finds them."""

    columns: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Item] = []

    def reload(self) -> None:
        """Read the items again from the store."""
        raise NotImplementedError

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
            return QCoreApplication.translate(type(self).__name__, self.columns[section])
        return None

    def _right_aligned_count(self, column: int, role: int) -> Any:
        """Right alignment for the last column (a count), None for anything else."""
        if role == Qt.ItemDataRole.TextAlignmentRole and column == len(self.columns) - 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


__all__ = ["FoldingFilterProxy", "Index", "ItemTableModel", "SortRole", "sort_value"]
