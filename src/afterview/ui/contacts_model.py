"""Every contact card, as a table: name, title, company, email, phone, preferred channel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from afterview.store.values import ContactItem
from afterview.ui.item_table_model import Index, ItemTableModel, SortRole, sort_value

if TYPE_CHECKING:
    from afterview.ui.data import DataAccess

ContactIdRole = Qt.ItemDataRole.UserRole + 1

_CHANNEL_NAMES = {"email": "Email", "phone": "Phone", "letter": "Letter", None: ""}

COLUMNS: tuple[str, ...] = ("Name", "Title", "Company", "Email", "Phone", "Prefers", "Interviews")


class ContactsModel(ItemTableModel[ContactItem]):
    columns = COLUMNS

    def __init__(self, data: DataAccess, parent: Any = None) -> None:
        super().__init__(parent)
        # Not ``self.data``: that is the model's own data() method.
        self.access = data

    def reload(self) -> None:
        self._set_items(self.access.store.contacts.items())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._item_at(index)
        if item is None:
            return None
        column = index.column()
        # No tooltips: Qt guesses rich text in a tooltip, and names must show as typed.
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            values: tuple[Any, ...] = (
                item.name,
                item.title,
                item.company,
                item.email,
                item.phone,
                _CHANNEL_NAMES.get(item.channel, item.channel or ""),
                item.interviews,
            )
            return sort_value(values[column], role)
        if role == ContactIdRole:
            return item.id
        return self._right_aligned_count(column, role)


__all__ = ["COLUMNS", "ContactIdRole", "ContactItem", "ContactsModel", "SortRole"]
