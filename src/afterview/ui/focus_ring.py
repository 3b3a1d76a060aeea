"""One focus ring for every control, at 3:1 or more against what is next to it.

Fusion marks focus with a tint of the selection colour: 1.07:1 on a line edit, 1.16:1 beside a
check box, nothing at all on a plain-text box, and about 2:1 in the dark palette. WCAG 2.2
asks 3:1 of a focus indicator (1.4.11 "Non-text Contrast", 2.4.13 "Focus Appearance"). Qt's own
answer to "a focus frame outside a widget's paintable area" is :class:`QFocusFrame`; a proxy of
the application's style draws it as a two-pixel ring in :func:`ring_colour` over the control's
edge, and
:class:`FocusRing` moves it to whichever control has focus. Controls that draw a ring of their
own (a ``:focus`` rule in their style sheet: Today's cards, the letter's checks) keep theirs.

The pixels are measured, not the palette, by tests/ui/test_contrast.py.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFocusFrame,
    QLineEdit,
    QPlainTextEdit,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QTextEdit,
    QWidget,
)

from afterview.ui.palette import toward
from afterview.ui.tick_box_edge import draw_edge

#: The ring's width in device-independent pixels, drawn on the control's edge.
RING = 2
#: What the ring reaches against every background it may sit on (3:1 asked, some margin).
RING_CONTRAST = 3.5

_CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QTextEdit,
    QPlainTextEdit,
    QAbstractItemView,
)


def ring_colour(palette: QPalette) -> QColor:
    """The selection colour, darkened (light palette) or lightened (dark palette) until it
    reaches :data:`RING_CONTRAST` on the window, the fields' base and the buttons."""
    role = QPalette.ColorRole
    backgrounds = [palette.color(r) for r in (role.Window, role.Base, role.Button, role.Light)]
    return toward(
        palette.color(role.Highlight),
        backgrounds,
        palette.color(role.WindowText),
        least=RING_CONTRAST,
        steps=20,
    )


class RingStyle(QProxyStyle):
    """The application's style, with the focus frame drawn as a ring (Fusion draws none)."""

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element != QStyle.ControlElement.CE_FocusFrame:
            super().drawControl(element, option, painter, widget)
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pen = QPen(ring_colour(option.palette))  # type: ignore[attr-defined]
        pen.setWidth(1)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # QFocusFrame reaches the style's margin beyond the control on every side; the ring
        # goes on the control's own edge, so a control that fills its container (a text box
        # in a column with no margins) does not lose its ring to clipping. The metric stays
        # the style's: item views and others lay out by it.
        h = self.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, widget)
        v = self.pixelMetric(QStyle.PixelMetric.PM_FocusFrameVMargin, option, widget)
        outer: QRect = option.rect.adjusted(h, v, -h, -v)  # type: ignore[attr-defined]
        for inset in range(RING):
            painter.drawRect(outer.adjusted(inset, inset, -1 - inset, -1 - inset))
        painter.restore()

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            draw_edge(option, painter)  # a box in a table, a QCheckBox: seen in dark mode too
        elif element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            draw_edge(option, painter, round_=True)

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: object = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_FocusFrame_AboveWidget:
            return 1  # drawn over the control's edge (Qt's default stacks it beneath)
        if hint == QStyle.StyleHint.SH_FocusFrame_Mask:
            # No mask: the common style's mask keeps only the outer band, where the ring is
            # not; the frame paints nothing but the ring anyway.
            return 0
        return super().styleHint(hint, option, widget, returnData)  # type: ignore[arg-type]


def _ringed(widget: QWidget | None) -> QWidget | None:
    """The control the ring goes around when ``widget`` has focus (the spin box or combo box
    around its line edit), or None for one that draws its own or is no control."""
    if widget is None:
        return None
    parent = widget.parentWidget()
    if isinstance(widget, QLineEdit) and isinstance(parent, QAbstractSpinBox | QComboBox):
        widget = parent
    if not isinstance(widget, _CONTROLS) or ":focus" in widget.styleSheet():
        return None
    if widget.window() is widget:
        return None
    return widget


class FocusRing(QObject):
    """Keeps one :class:`QFocusFrame` around the focused control."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.frame: QFocusFrame | None = None
        app.focusChanged.connect(self._moved)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        target = _ringed(new)
        if target is None:
            if self.frame is not None:
                self.frame.setWidget(None)
            return
        if self.frame is None:
            # No parent: QFocusFrame moves itself into the parent of the widget it rings.
            self.frame = QFocusFrame()
            self.frame.destroyed.connect(self._forget)
        self.frame.setWidget(target)

    def _forget(self) -> None:
        self.frame = None


def install_focus_ring(app: QApplication) -> None:
    """Wrap ``app``'s style in :class:`RingStyle` and ring the focused control, once."""
    if app.findChild(FocusRing) is not None:
        return
    if not isinstance(app.style(), RingStyle):
        app.setStyle(RingStyle(app.style().name()))
    FocusRing(app)
