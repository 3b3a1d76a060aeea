"""The automatic and manual backups of the database, newest first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from afterview.store import backup as backups

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Taken", "Kind", "Size")
TAKEN, KIND, SIZE = range(len(COLUMNS))
BackupRole = Qt.ItemDataRole.UserRole + 1
KIND_LABELS = {
    backups.BackupKind.AUTO: "Automatic",
    backups.BackupKind.MANUAL: "Made by hand",
    backups.BackupKind.PRE_MIGRATION: "Before an update",
    backups.BackupKind.PRE_RESTORE: "Before a restore",
}


def human_size(size: int) -> str:
    value, unit = float(size), "B"
    for larger in ("KB", "MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, larger
    if unit == "B":
        return f"{size} B"
    return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"


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
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TAKEN:
                return item.taken_at.astimezone().strftime("%a %d %b %Y, %H:%M:%S")
            if column == KIND:
                return KIND_LABELS.get(item.kind, item.kind.value)
            if column == SIZE:
                return human_size(item.size)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(item.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == BackupRole:
            return item.name
        return None
