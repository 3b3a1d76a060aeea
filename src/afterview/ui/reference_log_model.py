"""One reference's log: when they were told, how, about which interview, and a note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select

from afterview.store.database import Database
from afterview.store.models import InterviewRow, ReferenceNoticeRow
from afterview.ui.item_table_model import Index, ItemTableModel

NoticeIdRole = Qt.ItemDataRole.UserRole + 1

COLUMNS: tuple[str, ...] = ("When", "How", "About", "Note")
_CHANNELS = {"email": "Email", "phone": "Phone", "letter": "Letter"}


@dataclass(frozen=True)
class NoticeItem:
    id: int
    at: datetime
    channel: str | None
    interview: str
    note: str


def describe_interview(company: str, position: str, start: datetime) -> str:
    return f"{company} — {position} ({start.astimezone().date().isoformat()})"


class ReferenceLogModel(ItemTableModel[NoticeItem]):
    columns = COLUMNS

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.reference_id: int | None = None

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
        self._set_items(items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._item_at(index)
        if item is None:
            return None
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
