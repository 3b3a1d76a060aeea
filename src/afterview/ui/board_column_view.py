"""One column of the board as a view: its cards dragged out and dropped in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QWidget

from afterview.ui.board_delegate import CardDelegate
from afterview.ui.board_model import BoardColumnModel

#: A column is never narrower than this (pixels): a card's lines stay readable.
COLUMN_MIN_WIDTH = 100


class ColumnView(QListView):
    """One stage's cards, dragged out and dropped in (the page takes Left and Right across)."""

    def __init__(self, model: BoardColumnModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName(f"board_{model.stage.value}")
        self.setItemDelegate(CardDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(True)  # 2,000 cards are laid out without asking each
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setMinimumWidth(COLUMN_MIN_WIDTH)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundRole(QPalette.ColorRole.Window)

    def column_model(self) -> BoardColumnModel:
        model = self.model()
        assert isinstance(model, BoardColumnModel)
        return model


__all__ = ["COLUMN_MIN_WIDTH", "ColumnView"]
