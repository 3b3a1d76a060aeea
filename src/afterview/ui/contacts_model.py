"""Every contact card, as a table: name, title, company, email, phone, preferred channel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from sqlalchemy import func, select

from afterview.store.database import Database
from afterview.store.models import ContactRow, InterviewPersonRow

ContactIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

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

Index = QModelIndex | QPersistentModelIndex


class ContactsModel(QAbstractTableModel):
    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self._items: list[ContactItem] = []

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
        self.beginResetModel()
        self._items = [ContactItem(*row, interviews=counts.get(row[0], 0)) for row in rows]
        self.endResetModel()

    def item(self, row: int) -> ContactItem:
        return self._items[row]

    def row_of(self, contact_id: int) -> int:
        for row, item in enumerate(self._items):
            if item.id == contact_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
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
            value = values[column]
            if role == SortRole and isinstance(value, str):
                return value.casefold()
            return value
        if role == ContactIdRole:
            return item.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == len(COLUMNS) - 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


__all__ = ["COLUMNS", "ContactIdRole", "ContactItem", "ContactsModel", "SortRole"]
