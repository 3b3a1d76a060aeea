"""The letters written so far, for the Letters tab: one row per letter, newest first.

model = LetterListModel(db)        # model.reload() after a change
view.setModel(model)
letter_id = model.letter_id(index) # open it: LetterEditor(db, letter_id=letter_id)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from sqlalchemy import select

from afterview.letters.templates import templates_for
from afterview.store.database import Database
from afterview.store.models import ContactRow, InterviewRow, LetterRow, ReferenceRow

COLUMNS = ("Date", "To", "Interview", "Letter", "Status")
LETTER_ID_ROLE = Qt.ItemDataRole.UserRole
CHANNEL_WORDS = {"email": "email", "letter": "post", "phone": "phone"}

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class LetterLine:
    id: int
    created_at: datetime
    sent_at: datetime | None
    channel: str | None
    person: str
    interview: str
    template: str
    subject: str


class LetterListModel(QAbstractTableModel):
    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._titles = {
            info.name: info.title for info in templates_for(db.paths.config_dir).catalogue()
        }
        self._lines: list[LetterLine] = []
        self.reload()

    def reload(self) -> None:
        query = (
            select(
                LetterRow,
                ContactRow.name,
                ReferenceRow.name,
                InterviewRow.company,
                InterviewRow.position,
            )
            .outerjoin(ContactRow, ContactRow.id == LetterRow.contact_id)
            .outerjoin(ReferenceRow, ReferenceRow.id == LetterRow.reference_id)
            .outerjoin(InterviewRow, InterviewRow.id == LetterRow.interview_id)
            .order_by(LetterRow.created_at.desc(), LetterRow.id.desc())
        )
        with self.db.read() as session:
            lines = [
                LetterLine(
                    id=row.id,
                    created_at=row.created_at,
                    sent_at=row.sent_at,
                    channel=row.channel,
                    person=contact or reference or "",
                    interview=f"{company} — {position}" if company else "",
                    template=row.template,
                    subject=row.subject,
                )
                for row, contact, reference, company, position in session.execute(query)
            ]
        self.beginResetModel()
        self._lines = lines
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        if role == LETTER_ID_ROLE:
            return line.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.subject or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return (line.sent_at or line.created_at).astimezone().strftime("%Y-%m-%d")
        if column == 1:
            return line.person
        if column == 2:
            return line.interview
        if column == 3:
            return self._titles.get(line.template, line.template)
        if column == 4:
            if line.sent_at is None:
                return "Draft"
            how = CHANNEL_WORDS.get(line.channel or "", line.channel or "")
            return f"Sent by {how}" if how else "Sent"
        return None

    def letter_id(self, index: Index) -> int | None:
        value = self.data(index, LETTER_ID_ROLE)
        return value if isinstance(value, int) else None
