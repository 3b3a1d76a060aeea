"""Where the contact card's messages go: beside their fields (a column of their own) on a
wide card, in the row under each field on a narrow one (an 800-pixel window), so a message
is never scrolled out of sight sideways. The row under stays empty, taking no room, while
the message is beside.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QWidget

#: The card's margin at either side on a wide card (half on a narrow one), in pixels.
CARD_MARGIN = 22
#: The message column's least width on a wide card (pixels); a longer message wraps.
MESSAGE_WIDTH = 140


class MessagePlacement(QObject):
    """Moves the messages of ``card`` (laid out by ``layout``, inside ``owner``) between
    beside and under their fields as the room for the card changes."""

    def __init__(self, owner: QWidget, card: QFrame, layout: QGridLayout) -> None:
        super().__init__(owner)
        self.owner, self.card, self.layout = owner, card, layout
        #: (message, its row beside, its row under, the columns it spans under the field)
        self._messages: list[tuple[QWidget, int, int, tuple[int, int]]] = []
        self.beside = True
        self._watched: QScrollArea | None = None

    def add(self, message: QWidget, beside: int, under: int, columns: tuple[int, int]) -> None:
        """A message in row ``beside`` (column 2) on a wide card, or in row ``under`` across
        ``columns`` (first column, span) on a narrow one."""
        self._messages.append((message, beside, under, columns))

    def watch(self) -> None:
        """Hear the resizes of the scroll area around the card, if any (call when shown): in
        one, the card is never narrower than its least width, so what decides is the width
        the scroll area shows."""
        area = self._scroll_area()
        if area is not None and area is not self._watched:
            self._watched = area
            area.viewport().installEventFilter(self)
        self.place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        watching = self._watched is not None and watched is self._watched.viewport()
        if watching and event.type() == QEvent.Type.Resize:
            self.place()
        return super().eventFilter(watched, event)

    def _scroll_area(self) -> QScrollArea | None:
        parent = self.owner.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        return parent

    def _room(self) -> int:
        """The width the card can have without scrolling sideways (pixels)."""
        area = self._scroll_area()
        if area is None:
            return self.owner.width()
        viewport = area.viewport()
        return viewport.width() - self.owner.mapTo(viewport, QPoint(0, 0)).x()

    def place(self) -> None:
        """Messages beside their fields when the card has room for them, else under them."""
        width = self._room()
        layout = self.layout
        spacing = layout.horizontalSpacing()
        narrow = self.card.minimumSizeHint().width()  # then: without margins or messages
        if self.beside:
            narrow -= MESSAGE_WIDTH + spacing + 2 * CARD_MARGIN
        else:
            narrow -= CARD_MARGIN // 2 * 2
        beside = width >= narrow + MESSAGE_WIDTH + spacing + 2 * CARD_MARGIN
        if beside == self.beside:
            return
        self.beside = beside
        for message, row_beside, row_under, (column, span) in self._messages:
            layout.removeWidget(message)
            if beside:
                layout.addWidget(message, row_beside, 2)
            else:
                layout.addWidget(message, row_under, column, 1, span)
        layout.setColumnMinimumWidth(2, MESSAGE_WIDTH if beside else 0)
        layout.setColumnStretch(2, 2 if beside else 0)
        side = CARD_MARGIN if beside else CARD_MARGIN // 2
        layout.setContentsMargins(side, 18, side, 18)


__all__ = ["CARD_MARGIN", "MESSAGE_WIDTH", "MessagePlacement"]
