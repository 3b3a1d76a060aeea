"""An unticked box can be seen (WCAG 2.1 SC 1.4.11, 3:1 for what identifies a control): in an
import preview's table and as a QCheckBox, in the light palette and the dark one. Fusion drew
the dark palette's at 1.04:1 (a screenshot of the invitation preview: the "This is me" column
looked empty). The ratio is the one tests/ui/test_contrast.py writes out and pins."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QTableWidget,
    QTableWidgetItem,
)
from pytestqt.qtbot import QtBot

from afterview.ui.focus_ring import install_focus_ring
from afterview.ui.palette import palette_for
from tests.desktop.window.shoot_pages import dark_palette as desktop_dark
from tests.ui.test_contrast import Picture, ratio

EDGE = 3.0


def _palette(qapp: QApplication, scheme: str) -> QPalette:
    if scheme == "dark":
        return palette_for(Qt.ColorScheme.Dark, desktop_dark())
    return palette_for(Qt.ColorScheme.Light, qapp.style().standardPalette())


def _strongest(picture: Picture, rect: QRect, background: int) -> float:
    return max(ratio(pixel, background) for pixel in set(picture.area(rect)))


@pytest.fixture
def styled(qapp: QApplication) -> QApplication:
    install_focus_ring(qapp)  # the application's style, as the window installs it
    return qapp


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_unticked_box_in_a_table_reaches_3_to_1(
    qtbot: QtBot, styled: QApplication, scheme: str
) -> None:
    table = QTableWidget(1, 2)
    table.setPalette(_palette(styled, scheme))
    for column, state in enumerate((Qt.CheckState.Unchecked, Qt.CheckState.Checked)):
        item = QTableWidgetItem("")
        item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        item.setCheckState(state)
        table.setItem(0, column, item)
    table.resize(300, 120)
    qtbot.addWidget(table)
    table.show()
    qtbot.waitExposed(table)
    picture = Picture(table.viewport().grab().toImage())
    cell = table.visualRect(table.model().index(0, 0))
    background = Counter(picture.area(cell)).most_common(1)[0][0]
    assert ratio(background, table.palette().color(QPalette.ColorRole.Base).rgb() & 0xFFFFFF) < 1.1
    assert _strongest(picture, cell, background) >= EDGE


@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_unticked_check_box_or_radio_button_reaches_3_to_1(
    qtbot: QtBot, styled: QApplication, scheme: str, kind: type[QCheckBox | QRadioButton]
) -> None:
    box = kind("")
    box.setPalette(_palette(styled, scheme))
    box.resize(40, 30)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    picture = Picture(box.grab().toImage())
    window = box.palette().color(QPalette.ColorRole.Window).rgb() & 0xFFFFFF
    option = QStyleOptionButton()
    box.initStyleOption(option)
    element = QStyle.SubElement.SE_CheckBoxIndicator
    if isinstance(box, QRadioButton):
        element = QStyle.SubElement.SE_RadioButtonIndicator
    indicator = box.style().subElementRect(element, option, box)
    assert _strongest(picture, indicator, window) >= EDGE
