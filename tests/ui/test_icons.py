"""The window's SVG icons: drawn at the screen's scale, in the palette's colours."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from afterview.ui.icons import PATHS, icon


@pytest.mark.parametrize("name", sorted(PATHS))
def test_each_icon_is_drawn_at_twice_the_pixels_on_a_2x_screen(qtbot: QtBot, name: str) -> None:
    pixmap = icon(name).pixmap(QSize(20, 20), 2.0)
    assert pixmap.devicePixelRatio() == 2.0
    assert (pixmap.width(), pixmap.height()) == (40, 40)
    image = pixmap.toImage()
    painted = sum(image.pixelColor(x, y).alpha() > 0 for x in range(40) for y in range(40))
    assert painted > 20, "something is drawn"


def test_icons_take_the_palette_text_colour(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#ff0000"))
    app.setPalette(dark)
    try:
        image = icon("add").pixmap(QSize(24, 24), 1.0, QIcon.Mode.Normal).toImage()
        strongest = max(
            (image.pixelColor(x, y) for x in range(24) for y in range(24)),
            key=lambda c: c.alpha(),
        )
        assert (strongest.red(), strongest.green(), strongest.blue()) == (255, 0, 0)
    finally:
        app.setPalette(original)
