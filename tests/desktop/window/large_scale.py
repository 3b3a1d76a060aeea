"""Run on a real X server with large scale or large text (QT_SCALE_FACTOR, QT_FONT_DPI set by
the caller): does the window fit its screen, and can every control of every page, tab and
dialog be reached (inside the window, or in a scroll area that can scroll to it)?

    large_scale.py DATA_DIR            prints one JSON object on stdout

The window opens at the size the app chooses (no resize here: the first size is part of what
is tested). With AFTERVIEW_SHOOT set, the script prints "shoot NAME" at each page and waits
for a line on stdin, so the caller can take a screenshot of the X screen
(tests/desktop/test_large_scale_on_x11.py, ``import -window root``).
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QScrollArea,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from afterview import paths  # noqa: E402
from afterview.store import interchange  # noqa: E402
from afterview.store.api import open_store  # noqa: E402
from afterview.ui.main_window import PAGES, MainWindow  # noqa: E402
from tests.desktop.window.shoot_pages import settled  # noqa: E402
from tests.ui.test_small_window import LONG  # noqa: E402
from tests.ui.tour import Tour, fit_dialog, slug  # noqa: E402

NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)
#: Pixels a control may overhang its parent (a focus frame's antialiasing, rounding at 2×).
SLACK = 1


def _qt_part(widget: QWidget) -> bool:
    """A part Qt draws inside a compound control (a combo's line edit, a spin box's arrows, a
    scroll bar), reached through that control."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QLineEdit):
            return True
        if type(parent).__name__ in ("QScrollBar", "QCalendarWidget", "QTabBar"):
            return True
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_")


def is_control(widget: QWidget) -> bool:
    """Something a user acts on: a Tab stop or a button."""
    takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    return (takes_tab or isinstance(widget, QAbstractButton)) and not _qt_part(widget)


def _scrolls_to(area: QAbstractScrollArea, rect: QRect) -> bool:
    """Whether ``area`` can scroll ``rect`` (in its content's coordinates) into view."""
    if not isinstance(area, QScrollArea) or area.widget() is None:
        return True  # an item view scrolls its own items
    content = area.widget().rect()
    off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    viewport = area.viewport().size()
    if area.horizontalScrollBarPolicy() == off and content.width() > viewport.width() + SLACK:
        return False
    if area.verticalScrollBarPolicy() == off and content.height() > viewport.height() + SLACK:
        return False
    return content.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect)


def unreachable(widget: QWidget, top: QWidget) -> str | None:
    """Why ``widget`` cannot be seen whole in ``top`` even by scrolling, or None when it can.
    Each ancestor clips it, except a scroll area's viewport, which scrolls to it."""
    rect = widget.rect()
    child: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None:
        rect = QRect(child.mapToParent(rect.topLeft()), rect.size())
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            if not _scrolls_to(area, QRect(child.mapToParent(QPoint(0, 0)), child.size())):
                return f"cannot be scrolled to in {area.objectName() or type(area).__name__}"
            rect, child, parent = area.rect(), area, area.parentWidget()
            continue
        if not parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect):
            name = parent.objectName() or type(parent).__name__
            return f"clipped by {name} ({_size(parent.rect())} holds {_size(rect)})"
        if parent is top:
            break
        child, parent = parent, parent.parentWidget()
    room = top.screen().availableGeometry()
    on_screen = QRect(top.mapToGlobal(rect.topLeft()), rect.size())
    if not room.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(on_screen):
        return f"off the screen ({_size(on_screen)} on a screen of {_size(room)})"
    return None


def _size(rect: QRect) -> str:
    return f"{rect.x()},{rect.y()} {rect.width()}×{rect.height()}"


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    name = widget.accessibleName() or text or widget.objectName()
    return f"{type(widget).__name__} {name!r}"


def problems_in(top: QWidget) -> list[str]:
    found = []
    layout = top.layout()
    # Shorter than its layout's minimum, rows and buttons are squeezed below their text's
    # height. (Narrower, Qt narrows fields and combo boxes and elides their text: usable.)
    if layout is not None and top.height() < layout.totalMinimumSize().height():
        found.append(
            f"squeezed to {top.height()} px high, needs {layout.totalMinimumSize().height()}"
        )
    for widget in top.findChildren(QWidget):
        if widget.window() is not top or not widget.isVisible() or not is_control(widget):
            continue
        why = unreachable(widget, top)
        if why:
            found.append(f"{describe(widget)}: {why}")
    return found


def main(data_dir: str) -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Afterview")
    shoot = bool(os.environ.get("AFTERVIEW_SHOOT"))
    with open_store(paths.resolve(data_dir), role="window", clock=lambda: NOW) as store:
        store.data.import_document(interchange.parse_document(LONG))
    window = MainWindow(paths.resolve(data_dir), clock=lambda: NOW)
    window.show()
    assert window.load() and window.workspace is not None
    window.workspace.add_sample()
    screen = window.screen()
    room = screen.availableGeometry()
    report: dict[str, Any] = {
        "screen": [room.width(), room.height()],
        "ratio": screen.devicePixelRatio(),
        "font_px": window.fontInfo().pixelSize(),
        "problems": {},
    }

    def settle(widget: QWidget) -> None:
        settled(app, widget)

    def check(name: str, top: QWidget) -> None:
        problems = [] if top is window else fit_dialog(top, room.width(), room.height())
        settle(top)
        if top is not window:  # a window manager keeps a dialog that fits on the screen
            frame = top.frameGeometry()
            top.move(
                max(room.x(), min(frame.x(), room.right() + 1 - frame.width())),
                max(room.y(), min(frame.y(), room.bottom() + 1 - frame.height())),
            )
            settle(top)
        frame = top.frameGeometry()
        if not room.contains(frame):
            problems.append(f"the window ({_size(frame)}) is larger than the screen")
        problems += problems_in(top)
        if problems:
            report["problems"][name] = problems
        if shoot and top is window and ("-" not in name or name == "interviews-process"):
            print(f"shoot {slug(name)}", flush=True)
            sys.stdin.readline()

    settle(window)
    report["window"] = [window.frameGeometry().width(), window.frameGeometry().height()]
    tour = Tour(window, check, settle, prefer="Northwind")
    tour.pages(window.show_page, [name for _text, name in PAGES])
    report["visited"] = tour.visited
    print(json.dumps(report), flush=True)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
