"""The main window at large text and scale: it fits the screen, and its pages scroll.

At 2× scale on a 1920×1080 screen the desktop has 960×540 logical pixels, less than the
800×600 the pages are laid out for; at 2× font DPI the words double instead. The window is
never made larger than the screen's available area, and the pages sit in a scroll area that
scrolls only when a page cannot shrink to the room left (issue 15, "Large text").
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

#: The window's size on a first run, when the screen has room for it (logical pixels).
PREFERRED = QSize(1180, 760)


class PageScroll(QScrollArea):
    """The pages' (or a dialog's) scroll area: not a Tab stop of its own (Tab reaches the
    controls in it), and it scrolls to whichever control gets focus, by Tab or by the program."""

    def __init__(
        self, pages: QWidget, parent: QWidget | None = None, name: str = "pageScroll"
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(pages)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.isVisible() and self.widget().isAncestorOf(new):
            # After the layout the focus change may bring (a focus frame, a field that grows).
            QTimer.singleShot(0, self, lambda: self._bring_into_view(new))

    def _bring_into_view(self, new: QWidget) -> None:
        if not isValid(new) or QApplication.focusWidget() is not new:
            return
        # Inner scroll areas first (a tab's form): Tab brings a control into their view, but
        # focus set by the program (the next control after an action) does not.
        parent = new.parentWidget()
        while parent is not None and parent is not self:
            if isinstance(parent, QScrollArea) and parent.widget() is not None:
                parent.ensureWidgetVisible(new, 8, 8)
            parent = parent.parentWidget()
        self.ensureWidgetVisible(new, 8, 8)


def available(widget: QWidget) -> QSize:
    """The room on ``widget``'s screen less the desktop's panels, in logical pixels."""
    screen = widget.screen() or QApplication.primaryScreen()
    return screen.availableGeometry().size()


def fit_to_screen(window: QWidget) -> None:
    """Shrink (and move) ``window`` so it lies inside its screen's available area; a window
    that fits is left as it is. Its minimum size gives way where it is larger, and a dialog
    whose controls need more room than that scrolls (:func:`scroll_contents`). The frame is
    the window manager's to place, as it does for any window as large as the screen."""
    screen = window.screen() or QApplication.primaryScreen()
    room = screen.availableGeometry()
    most = room.size()
    layout = window.layout()
    # Too narrow, Qt narrows combo boxes and fields (their text elided, still usable); too
    # short, it squeezes rows and buttons below their text's height: then the dialog scrolls.
    if (
        isinstance(window, QDialog)
        and layout is not None
        and layout.totalMinimumSize().height() > most.height()
    ):
        scroll_contents(window)
    if window.minimumWidth() > most.width() or window.minimumHeight() > most.height():
        window.setMinimumSize(window.minimumSize().boundedTo(most))
    size = window.size().boundedTo(most)
    if size != window.size():
        window.resize(size)
    place = window.geometry()
    if not room.contains(place):
        x = min(max(place.x(), room.x()), room.right() + 1 - place.width())
        y = min(max(place.y(), room.y()), room.bottom() + 1 - place.height())
        window.move(x, y)


#: Room kept for a window manager's title bar and borders around a dialog sized before it is
#: shown (its frame is not known yet): at 800x600 a dialog of the screen's whole height
#: would have its bottom row, Import and Cancel, below the screen (issue 18, F9).
FRAME_ROOM = QSize(16, 48)


def dialog_size(dialog: QWidget, wanted: QSize) -> QSize:
    """``wanted``, or less where the screen (less :data:`FRAME_ROOM`) is smaller: a preview
    sized by this keeps its buttons on the screen, and its table scrolls instead."""
    return wanted.boundedTo(available(dialog) - FRAME_ROOM)


def first_size(window: QWidget) -> QSize:
    """PREFERRED, or less where the screen is smaller."""
    return PREFERRED.boundedTo(available(window))


def sidebar_width(sidebar: QWidget, texts: list[str], icon: int, padding: int) -> int:
    """Wide enough for the longest page name in the sidebar's font (which grows with the
    font DPI), its icon and padding; at least the 184 px it was designed at."""
    metrics = sidebar.fontMetrics()
    widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
    return max(184, widest + icon + padding)


def _focus_chain(window: QWidget) -> list[QWidget]:
    chain, widget = [], window.nextInFocusChain()
    while widget is not window and widget not in chain:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def scroll_contents(dialog: QDialog) -> None:
    """Put everything ``dialog`` holds into a scroll area, so a dialog that needs more room
    than the screen has (4× scale) scrolls instead of squeezing its controls. Its Tab order
    is kept (moving a widget to a new parent would append it to the end)."""
    if dialog.findChild(QScrollArea, "dialogScroll") is not None:
        return
    chain = _focus_chain(dialog)
    inner = QWidget()
    inner.setObjectName("dialogContents")
    inner.setLayout(dialog.layout())  # Qt takes a layout off its widget (as Designer does)
    for child in dialog.children():
        if isinstance(child, QWidget) and not child.isWindow():
            hidden = child.isHidden()
            child.setParent(inner)
            child.setHidden(hidden)
    scroll = PageScroll(inner, dialog, "dialogScroll")
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    for first, second in itertools.pairwise(w for w in chain if inner.isAncestorOf(w)):
        QWidget.setTabOrder(first, second)
