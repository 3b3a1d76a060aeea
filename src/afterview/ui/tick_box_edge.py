"""A tick box's edge, and a radio button's, that can be seen: Fusion draws an unticked box's
edge at 1.9:1 on a white field and at 1.04:1 on the dark palette's, so the "This is me" and
"Add" columns of the import previews looked empty in dark mode. WCAG 2.1 SC 1.4.11 (non-text
contrast) asks 3:1 for what identifies a control: the edge is drawn again, over Fusion's, at
:data:`EDGE_CONTRAST` against the box's fill and the window around it."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyleOption

from afterview.ui.palette import toward

#: WCAG 2.1 SC 1.4.11's 3:1, with a margin for rounding.
EDGE_CONTRAST = 3.1
#: A circle is drawn smoothed, which spreads its line over two pixels, each fainter than the
#: pen: the pen is made stronger so that the circle's strongest pixels keep 3:1.
ROUND_EDGE_CONTRAST = 4.0


def edge_colour(palette: QPalette, least: float = EDGE_CONTRAST) -> QColor:
    """The field's colour (Base) moved toward the window text until it reaches ``least``
    (WCAG ratio) on the field and on the window: the first step that does, so the edge is no
    louder than the rule asks."""
    role = QPalette.ColorRole
    backgrounds = [palette.color(role.Base), palette.color(role.Window)]
    return toward(palette.color(role.Base), backgrounds, palette.color(role.WindowText),
                  least=least, steps=40)  # fmt: skip


def draw_edge(option: QStyleOption, painter: QPainter, *, round_: bool = False) -> None:
    """The box's one-pixel edge on ``option.rect``'s border (a circle for a radio button's,
    ``round_``), over what the style drew."""
    rect: QRect = option.rect  # type: ignore[attr-defined]
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, round_)
    least = ROUND_EDGE_CONTRAST if round_ else EDGE_CONTRAST
    painter.setPen(QPen(edge_colour(option.palette, least), 1))  # type: ignore[attr-defined]
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if round_:
        painter.drawEllipse(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5))
    else:
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
    painter.restore()
