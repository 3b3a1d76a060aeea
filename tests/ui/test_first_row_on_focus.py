"""Tab into a list with nothing chosen chooses its first row (issue 15): Qt made the first
row current but unselected, so a screen reader heard a row nothing acted on and Down went
to the second row, skipping the first (seen in Interviews and Contacts)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

from afterview.ui.main_window import MainWindow
from tests.ui.conftest import open_sample

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def _tab_into(qtbot: QtBot, start: QWidget, view: QAbstractItemView) -> None:
    """Tab from ``start`` until ``view`` has focus, as a keyboard user arrives there."""
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(start.hasFocus)
    for _ in range(30):
        if QApplication.focusWidget() is view:
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {view.accessibleName()}")


def _selected_rows(view: QAbstractItemView) -> list[int]:
    return sorted(index.row() for index in view.selectionModel().selectedRows())


@pytest.mark.parametrize(("key", "view_of"), [
    (Qt.Key.Key_2, lambda w: w.workspace.page.table),
    (Qt.Key.Key_3, lambda w: w.pages[2].table),
    (Qt.Key.Key_4, lambda w: w.pages[3].table),
])  # fmt: skip
def test_tab_into_a_list_with_nothing_chosen_chooses_the_first_row(
    qtbot: QtBot, data_dir: Path, key: Qt.Key, view_of: object
) -> None:
    window, _workspace = open_sample(qtbot, data_dir, NOW)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    view = view_of(window)  # type: ignore[operator]
    qtbot.waitUntil(lambda: view.isVisible() and view.model().rowCount() > 0)
    view.selectionModel().clear()  # nothing chosen, nothing current
    assert not view.currentIndex().isValid()
    _tab_into(qtbot, window.sidebar, view)
    qtbot.waitUntil(lambda: _selected_rows(view) == [0])
    assert view.currentIndex().row() == 0
    if view.model().rowCount() > 1:  # Down goes on to the second row, not past it
        qtbot.keyClick(view, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: _selected_rows(view) == [1])


def test_a_chosen_row_stays_chosen_when_tab_comes_back(qtbot: QtBot, data_dir: Path) -> None:
    window: MainWindow
    window, _workspace = open_sample(qtbot, data_dir, NOW)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    view = window.pages[2].table
    qtbot.waitUntil(lambda: view.isVisible() and view.model().rowCount() > 2)
    view.selectRow(2)
    _tab_into(qtbot, window.sidebar, view)
    assert _selected_rows(view) == [2] and view.currentIndex().row() == 2
