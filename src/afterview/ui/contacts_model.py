"""Every contact card, as a table: name, title, company, email, phone, preferred channel,
whether it is sample data, and how many interviews it is on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont

from afterview.store.values import ContactItem
from afterview.ui.item_table_model import Index, ItemTableModel, SortRole, sort_value

if TYPE_CHECKING:
    from afterview.ui.data import DataAccess

ContactIdRole = Qt.ItemDataRole.UserRole + 1

#: The column titles, translated when the model is made (context "ContactsModel").
COLUMNS: tuple[str, ...] = (
    "Name",
    "Title",
    "Company",
    "Email",
    "Phone",
    "Prefers",
    "Sample",
    "Interviews",
)
#: Says "Sample" on a sample card's row (the filter finds them by it too).
SAMPLE_COLUMN = COLUMNS.index("Sample")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ContactsModel", text)


class ContactsModel(ItemTableModel[ContactItem]):
    columns = COLUMNS

    def __init__(self, data: DataAccess, parent: Any = None) -> None:
        super().__init__(parent)
        # Not ``self.data``: that is the model's own data() method.
        self.access = data
        titles = (
            _tr("Name"),
            _tr("Title"),
            _tr("Company"),
            _tr("Email"),
            _tr("Phone"),
            _tr("Prefers"),
            _tr("Sample"),
            _tr("Interviews"),
        )
        self.columns = titles
        self._channels = {
            "email": _tr("Email"),
            "phone": _tr("Phone"),
            "letter": _tr("Letter"),
            None: "",
        }
        self._sample = _tr("Sample")
        self._sample_tip = _tr("Sample record (File ▸ Remove sample data deletes it)")

    def reload(self) -> None:
        self._set_items(self.access.store.contacts.items())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._item_at(index)
        if item is None:
            return None
        column = index.column()
        # No tooltips on user text: Qt guesses rich text in a tooltip, and names must show as
        # typed. The Sample cell's is Afterview's own words.
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            values: tuple[Any, ...] = (
                item.name,
                item.title,
                item.company,
                item.email,
                item.phone,
                self._channels.get(item.channel, item.channel or ""),
                self._sample if item.sample else "",
                item.interviews,
            )
            return sort_value(values[column], role)
        if role == Qt.ItemDataRole.FontRole and item.sample:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and item.sample and column == SAMPLE_COLUMN:
            return self._sample_tip
        if role == ContactIdRole:
            return item.id
        return self._right_aligned_count(column, role)


__all__ = ["COLUMNS", "SAMPLE_COLUMN", "ContactIdRole", "ContactItem", "ContactsModel", "SortRole"]
