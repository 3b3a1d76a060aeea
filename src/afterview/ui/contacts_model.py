"""Every contact card, as a table: name, title, company, email, phone, preferred channel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from afterview.store.database import Database
from afterview.store.models import ContactRow, InterviewPersonRow
from afterview.ui.item_table_model import Index, ItemTableModel, SortRole, sort_value

ContactIdRole = Qt.ItemDataRole.UserRole + 1

_CHANNEL_NAMES = {"email": "Email", "phone": "Phone", "letter": "Letter", None: ""}


@dataclass(frozen=True)
class ContactItem:
    id: int
    name: str
    title: str
    company: str
    email: str
    phone: str
    channel: str | None
    interviews: int


COLUMNS: tuple[str, ...] = ("Name", "Title", "Company", "Email", "Phone", "Prefers", "Interviews")


class ContactsModel(ItemTableModel[ContactItem]):
    columns = COLUMNS

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db

    def reload(self) -> None:
        with self.db.read() as session:
            count_query = select(
                InterviewPersonRow.contact_id,
                func.count(func.distinct(InterviewPersonRow.interview_id)),
            ).group_by(InterviewPersonRow.contact_id)
            counts: dict[int, int] = {
                contact_id: count for contact_id, count in session.execute(count_query)
            }
            rows = session.execute(
                select(
                    ContactRow.id,
                    ContactRow.name,
                    ContactRow.title,
                    ContactRow.company,
                    ContactRow.email,
                    ContactRow.phone,
                    ContactRow.preferred_channel,
                ).order_by(func.lower(ContactRow.name), ContactRow.id)
            ).all()
        self._set_items([ContactItem(*row, interviews=counts.get(row[0], 0)) for row in rows])

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
