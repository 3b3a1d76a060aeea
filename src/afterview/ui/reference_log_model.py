"""One reference's log: when they were told, how, about which interview, and a note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from sqlalchemy import select

from afterview.store.database import Database
from afterview.store.models import InterviewRow, ReferenceNoticeRow

NoticeIdRole = Qt.ItemDataRole.UserRole + 1

COLUMNS: tuple[str, ...] = ("When", "How", "About", "Note")
_CHANNELS = {"email": "Email", "phone": "Phone", "letter": "Letter"}

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class NoticeItem:
    id: int
    at: datetime
    channel: str | None
    interview: str
    note: str


def describe_interview(company: str, position: str, start: datetime) -> str:
    return f"{company} — {position} ({start.astimezone().date().isoformat()})"


class ReferenceLogModel(QAbstractTableModel):
    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.reference_id: int | None = None
        self._items: list[NoticeItem] = []

    def set_reference(self, reference_id: int | None) -> None:
        self.reference_id = reference_id
        self.reload()

    def reload(self) -> None:
        items: list[NoticeItem] = []
        if self.reference_id is not None:
            with self.db.read() as session:
                query = (
                    select(
                        ReferenceNoticeRow.id,
                        ReferenceNoticeRow.at,
                        ReferenceNoticeRow.channel,
                        ReferenceNoticeRow.note,
                        InterviewRow.company,
                        InterviewRow.position,
                        InterviewRow.start,
                    )
                    .outerjoin(InterviewRow, InterviewRow.id == ReferenceNoticeRow.interview_id)
                    .where(ReferenceNoticeRow.reference_id == self.reference_id)
                    .order_by(ReferenceNoticeRow.at.desc(), ReferenceNoticeRow.id.desc())
                )
                for row in session.execute(query):
                    about = (
                        describe_interview(row.company, row.position, row.start)
                        if row.company is not None
                        else ""
                    )
                    items.append(NoticeItem(row.id, row.at, row.channel, about, row.note))
        self.beginResetModel()
        self._items = items
        self.endResetModel()

    def item(self, row: int) -> NoticeItem:
        return self._items[row]

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
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return item.at.astimezone().strftime("%Y-%m-%d %H:%M")
            if column == 1:
                return _CHANNELS.get(item.channel or "", "")
            if column == 2:
                return item.interview
            # One line per entry in the table; the full note is in the entry itself.
            return item.note.replace("\n", " ")
        if role == NoticeIdRole:
            return item.id
        return None


__all__ = ["COLUMNS", "NoticeIdRole", "NoticeItem", "ReferenceLogModel", "describe_interview"]
