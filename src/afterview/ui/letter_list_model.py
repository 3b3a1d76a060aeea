"""The letters written so far, for the Letters tab: one row per letter, newest first.

model = LetterListModel(data)      # reloads itself when letters or the names on them change
view.setModel(model)
letter_id = model.letter_id(index) # open it: LetterEditor(data, letter_id=letter_id)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from afterview.letters.templates import templates_for
from afterview.store.changes import Changes, Kind
from afterview.store.values import LetterLine

if TYPE_CHECKING:
    from afterview.ui.data import DataAccess

#: Translated where shown (context "LetterListModel").
COLUMNS = (
    QT_TRANSLATE_NOOP("LetterListModel", "Date"),
    QT_TRANSLATE_NOOP("LetterListModel", "To"),
    QT_TRANSLATE_NOOP("LetterListModel", "Interview"),
    QT_TRANSLATE_NOOP("LetterListModel", "Letter"),
    QT_TRANSLATE_NOOP("LetterListModel", "Status"),
)
LETTER_ID_ROLE = Qt.ItemDataRole.UserRole
CHANNEL_WORDS = {
    "email": QT_TRANSLATE_NOOP("LetterListModel", "Sent by email"),
    "letter": QT_TRANSLATE_NOOP("LetterListModel", "Sent by post"),
    "phone": QT_TRANSLATE_NOOP("LetterListModel", "Sent by phone"),
}


def _tr(text: object) -> str:
    return QCoreApplication.translate("LetterListModel", str(text))


#: A row shows the letter, its person's name and its interview's names.
SHOWN_KINDS = (Kind.LETTERS, Kind.CONTACTS, Kind.REFERENCES, Kind.INTERVIEWS)

Index = QModelIndex | QPersistentModelIndex


class LetterListModel(QAbstractTableModel):
    def __init__(self, data: DataAccess, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_access = data
        self._titles = {
            info.name: info.title for info in templates_for(data.store.paths.config_dir).catalogue()
        }
        self._lines: list[LetterLine] = []
        self.reload()
        data.changed.connect(self._changed)

    def _changed(self, changes: Changes) -> None:
        if changes.touches(*SHOWN_KINDS):
            self.reload()

    def reload(self) -> None:
        lines = self.data_access.store.letters.lines()
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
            return _tr(COLUMNS[section])
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
            day = (line.sent_at or line.created_at).astimezone().date()
            return QLocale().toString(
                QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat
            )
        if column == 1:
            return line.person
        if column == 2:
            return line.interview
        if column == 3:
            return self._titles.get(line.template, line.template)
        if column == 4:
            if line.sent_at is None:
                return _tr("Draft")
            how = CHANNEL_WORDS.get(line.channel or "")
            if how is not None:
                return _tr(how)
            return _tr("Sent by {how}").format(how=line.channel) if line.channel else _tr("Sent")
        return None

    def letter_id(self, index: Index) -> int | None:
        value = self.data(index, LETTER_ID_ROLE)
        return value if isinstance(value, int) else None
