"""The checks panel ("Before it goes"): each check's verdict in words, what it found, and why
it matters (the seed), in the user's language (:mod:`afterview.ui.check_words`).

A screen reader reaches it by Tab (arrows move between the checks, Tab leaves) and hears
each check as "Needs attention: Sounds desperate: …": the verdict is in the words, not only
in the icon's shape and colour (WCAG 2.2, 1.1.1 and 1.4.1).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from afterview.domain.letter_checks import CheckResult, Verdict
from afterview.ui import check_words
from afterview.ui.focus_ring import ring_colour

_ICONS = {
    Verdict.PASS: QStyle.StandardPixmap.SP_DialogApplyButton,
    Verdict.WARN: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Verdict.FAIL: QStyle.StandardPixmap.SP_MessageBoxCritical,
}
KEY_ROLE = Qt.ItemDataRole.UserRole
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 1


class _CheckDelegate(QStyledItemDelegate):
    """Measures a wrapped check at the width it is painted with, and frames the current check
    in the app's ring colour while the list has the keyboard.

    The style measured a wrapped item at another width than it painted it with, so a check's
    last line could be cut off; and its own frame for the current item is a pale line (1.6:1
    on the light base), under WCAG 2.2's 3:1 for a focus indicator. The app's one ring colour
    (:func:`afterview.ui.focus_ring.ring_colour`) reaches 3.5:1 on both palettes.
    """

    FRAME = 2

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        view = self._view
        style = view.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        width = max(40, view.viewport().width() - 2 * view.spacing())
        # Where the style puts the text in an item that wide, less the margin it leaves
        # inside that (as QCommonStyle draws item text).
        shaped = QStyleOptionViewItem(option)
        self.initStyleOption(shaped, index)
        shaped.rect = QRect(0, 0, width, 100000)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, shaped, view)
        text_width = max(20, text_rect.width() - 2 * margin)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bounds = QFontMetrics(shaped.font).boundingRect(
            QRect(0, 0, text_width, 100000), Qt.TextFlag.TextWordWrap, text
        )
        height = max(bounds.height(), view.iconSize().height()) + 2 * (margin + self.FRAME)
        return QSize(max(40, width), height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        if option.state & QStyle.StateFlag.State_HasFocus and self._view.hasFocus():  # type: ignore[operator]
            painter.save()
            pen = QPen(ring_colour(option.palette), self.FRAME)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()


class ChecksPanel(QListWidget):
    """A list of plain-text items (QListWidget never reads item text as markup)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterChecks")
        self.setAccessibleName(self.tr("Before it goes"))
        self.setWordWrap(True)
        # The view sizes a wrapped item with a slightly different width than it paints it
        # with; eliding would then cut a check's last line to "…" above blank space.
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setIconSize(QSize(18, 18))
        # Read, not chosen: no selection, but a current item the arrows move, so the
        # keyboard and a screen reader can go from check to check.
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setTabKeyNavigation(False)
        self.setUniformItemSizes(False)
        # Wrapped items are measured again at each width (the delegate measures them).
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(_CheckDelegate(self))
        self.setSpacing(3)
        self.results: list[CheckResult] = []

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Adjust lays a top-to-bottom list out again only when its height changes; a wrapped
        # check needs it when the width does (a scroll bar coming or going, too).
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()

    def show_results(self, results: list[CheckResult]) -> None:
        # The checks run again as the letter changes: the reader keeps their place.
        row = self.currentRow()
        self.results = list(results)
        self.clear()
        for result in results:
            item = QListWidgetItem(self.style().standardIcon(_ICONS[result.verdict]), "")
            why = check_words.reason(result)
            text = f"{check_words.line(result)}\n{why}"
            item.setText(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            item.setToolTip(why)
            item.setData(KEY_ROLE, result.key)
            item.setData(VERDICT_ROLE, result.verdict.value)
            self.addItem(item)
        if 0 <= row < self.count():
            self.setCurrentRow(row)

    def verdicts(self) -> dict[str, Verdict]:
        return {r.key: r.verdict for r in self.results}

    def focus_first_failing(self) -> None:
        """Put the keyboard on the first check that fails (the first check when none does):
        after "Go back" in "Send anyway?", the reader lands on what to fix."""
        rows = [row for row, r in enumerate(self.results) if r.verdict is Verdict.FAIL]
        if self.count():
            self.setCurrentRow(rows[0] if rows else 0)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
