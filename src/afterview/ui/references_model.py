"""Every reference, as a table; a stale permission (seed 000 §3) carries a warning icon."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from afterview.domain import cards
from afterview.store.values import ReferenceItem
from afterview.ui import dates
from afterview.ui.item_table_model import Index, ItemTableModel, SortRole, sort_value
from afterview.ui.validators import Clock, utcnow

if TYPE_CHECKING:
    from afterview.ui.data import DataAccess

ReferenceIdRole = Qt.ItemDataRole.UserRole + 1
StaleRole = Qt.ItemDataRole.UserRole + 3
#: True for a record of the sample data.
SampleRole = Qt.ItemDataRole.UserRole + 4

_CONTEXT = "ReferencesModel"
COLUMNS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP(_CONTEXT, "Name"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Relationship"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Email"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Phone"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Permission"),
    QT_TRANSLATE_NOOP(_CONTEXT, "Used on"),
)
PERMISSION_COLUMN = 4


class ReferencesModel(ItemTableModel[ReferenceItem]):
    columns = COLUMNS

    def __init__(self, data: DataAccess, parent: Any = None, *, clock: Clock = utcnow) -> None:
        super().__init__(parent)
        # Not ``self.data``: that is the model's own data() method.
        self.access = data
        self.clock = clock

    def reload(self) -> None:
        self._set_items(self.access.store.references.items())

    def _stale(self, item: ReferenceItem) -> bool:
        return cards.permission_is_stale(item.permission_date, self.clock().astimezone().date())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        title = super().headerData(section, orientation, role)
        return QCoreApplication.translate(_CONTEXT, title) if isinstance(title, str) else title

    @staticmethod
    def _not_recorded() -> str:
        return QCoreApplication.translate(_CONTEXT, "Not recorded")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._item_at(index)
        if item is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            permission = dates.short_date(item.permission_date) if item.permission_date else ""
            if role != SortRole and item.permission_date is not None:
                permission = QLocale().toString(
                    QDate(item.permission_date), QLocale.FormatType.ShortFormat
                )
            values: tuple[Any, ...] = (
                item.name,
                item.relationship,
                item.email,
                item.phone,
                permission if role == SortRole else (permission or self._not_recorded()),
                item.interviews,
            )
            return sort_value(values[column], role)
        if role == ReferenceIdRole:
            return item.id
        if role == StaleRole:
            return self._stale(item)
        if role == Qt.ItemDataRole.FontRole and item.sample:
            font = QFont()
            font.setItalic(True)  # sample records are in italics, as in the other lists
            return font
        if role == Qt.ItemDataRole.ToolTipRole and item.sample:
            return QCoreApplication.translate(
                _CONTEXT, "Sample record (File ▸ Remove sample data deletes it)"
            )
        if role == SampleRole:
            return item.sample
        if role == Qt.ItemDataRole.DecorationRole and column == PERMISSION_COLUMN:
            style = QApplication.style() if QApplication.instance() is not None else None
            if style is not None and self._stale(item):
                return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            return None
        return self._right_aligned_count(column, role)


__all__ = [
    "COLUMNS",
    "PERMISSION_COLUMN",
    "ReferenceIdRole",
    "ReferenceItem",
    "ReferencesModel",
    "SampleRole",
    "SortRole",
    "StaleRole",
]
