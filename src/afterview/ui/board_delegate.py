"""How a card looks on the board: a framed box of four lines, painted as plain text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from afterview.ui.board_model import BoardColumnModel, CardWords

#: Room inside a card's frame, and between cards (pixels).
PADDING = 8
GAP = 6
#: A card's lines: company, position, next step, when it is due, how long it is quiet.
LINES = 5


class CardDelegate(QStyledItemDelegate):
    """Paints a card; the fonts and their metrics are made once per view font (a column
    paints a screenful of cards, five lines each, on every scroll)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fonts: dict[tuple[str, bool, bool], tuple[QFont, QFontMetrics]] = {}

    def _font(self, base: QFont, bold: bool, italic: bool) -> tuple[QFont, QFontMetrics]:
        key = (base.key(), bold, italic)
        found = self._fonts.get(key)
        if found is None:
            shown = QFont(base)
            shown.setBold(bold)
            shown.setItalic(italic)
            found = self._fonts[key] = (shown, QFontMetrics(shown))
        return found

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        line = self._font(option.font, False, False)[1].height()
        return QSize(120, LINES * line + 2 * PADDING + GAP + 2)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        words = index.data(BoardColumnModel.WordsRole)
        if not isinstance(words, CardWords):
            return
        palette: QPalette = option.palette
        state = option.state
        whole: QRect = option.rect
        box = whole.adjusted(1, GAP // 2, -2, -GAP // 2)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        edge = QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Mid
        painter.setPen(QPen(palette.color(edge), 2 if selected or focused else 1))
        painter.drawRoundedRect(box, 5, 5)
        text = box.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        font: QFont = option.font
        line = self._font(font, False, False)[1].height()
        text_role, quiet_role = QPalette.ColorRole.Text, QPalette.ColorRole.PlaceholderText
        lines = (
            (words.company, True, text_role),
            (words.position, False, text_role),
            (words.next_step, False, text_role),
            (words.due, words.overdue, text_role),
            (words.quiet, False, quiet_role),
        )
        for number, (value, bold, role) in enumerate(lines):
            shown, metrics = self._font(font, bold, words.sample)
            painter.setFont(shown)
            painter.setPen(palette.color(role))
            elided = metrics.elidedText(value, Qt.TextElideMode.ElideRight, text.width())
            row = QRect(text.left(), text.top() + number * line, text.width(), line)
            # drawText with a plain string: a name never becomes markup.
            painter.drawText(
                row, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided
            )
        painter.restore()


__all__ = ["CardDelegate"]
