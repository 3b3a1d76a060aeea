"""The automatic and manual backups of the database, newest first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from afterview.store import backup as backups
from afterview.ui.dates import date_time

Index = QModelIndex | QPersistentModelIndex

#: The English source texts, translated where they are shown (context "BackupsModel").
COLUMNS = (
    str(QT_TRANSLATE_NOOP("BackupsModel", "Taken")),
    str(QT_TRANSLATE_NOOP("BackupsModel", "Kind")),
    str(QT_TRANSLATE_NOOP("BackupsModel", "Size")),
)
TAKEN, KIND, SIZE = range(len(COLUMNS))
BackupRole = Qt.ItemDataRole.UserRole + 1
KIND_LABELS = {
    backups.BackupKind.AUTO: str(QT_TRANSLATE_NOOP("BackupsModel", "Automatic")),
    backups.BackupKind.MANUAL: str(QT_TRANSLATE_NOOP("BackupsModel", "Made by hand")),
    backups.BackupKind.PRE_MIGRATION: str(QT_TRANSLATE_NOOP("BackupsModel", "Before an update")),
    backups.BackupKind.PRE_RESTORE: str(QT_TRANSLATE_NOOP("BackupsModel", "Before a restore")),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupsModel", text)


def kind_label(kind: backups.BackupKind) -> str:
    """What the user reads for a kind of backup ("Made by hand"), translated."""
    source = KIND_LABELS.get(kind)
    return _tr(source) if source is not None else kind.value


def human_size(size: int) -> str:
    """A size in bytes as the locale writes it: "1,023 bytes", "4.9 kB" (en_US, 1 kB =
    1024 bytes, one decimal)."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


class BackupsModel(QAbstractTableModel):
    def __init__(self, backup_dir: Path, parent: Any = None) -> None:
        super().__init__(parent)
        self.backup_dir = backup_dir
        self._items: list[backups.Backup] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._items = backups.list_backups(self.backup_dir)
        self.endResetModel()

    def backup_at(self, row: int) -> backups.Backup:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(COLUMNS[section]) if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TAKEN:
                return date_time(item.taken_at)
            if column == KIND:
                return kind_label(item.kind)
            if column == SIZE:
                return human_size(item.size)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(item.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == BackupRole:
            return item.name
        return None
