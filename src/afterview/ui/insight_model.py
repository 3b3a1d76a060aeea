"""The table beside each Insight chart (issue 17 §4): the chart's figures as rows a screen
reader reads, and a keyboard walks, cell by cell."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from afterview.ui.insight_figures import Figure

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class FigureTableModel(QAbstractTableModel):
    """One figure's rows: the label, a count per column, then its extra text (a per cent)."""

    def __init__(self, figure: Figure, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.figure = figure

    def set_figure(self, figure: Figure) -> None:
        self.beginResetModel()
        self.figure = figure
        self.endResetModel()

    def _headers(self) -> tuple[str, ...]:
        extra = (self.figure.extra_header,) if self.figure.extra else ()
        return (*self.figure.headers, *extra)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.figure.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers())

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        label, counts = self.figure.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return label
            if column <= len(counts):
                count = counts[column - 1]
                return "–" if count is None else QLocale().toString(count)
            return self.figure.extra[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return _RIGHT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = self._headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


__all__ = ["FigureTableModel"]
