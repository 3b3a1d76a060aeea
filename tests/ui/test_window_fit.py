"""Large text in-process (afterview.ui.window_fit): the window and its dialogs fit the screen,
pages scroll to the control that gets focus, and a dialog taller than the screen scrolls with
its Tab order kept. The real sizes (2× scale, 2× font DPI, both) are walked on an X server by
tests/desktop/test_large_scale_on_x11.py."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from afterview.ui.main_window import INTERVIEWS, MainWindow
from afterview.ui.workspace import Workspace
from tests.ui.tour import visible_rect


def test_a_window_larger_than_the_screen_is_made_to_fit(qtbot: QtBot, window: MainWindow) -> None:
    room = window.screen().availableGeometry()
    window.resize(room.width() + 300, room.height() + 200)
    window.hide()
    window.show()  # as at the next start, with a saved size from a larger screen
    qtbot.waitExposed(window)
    assert window.width() <= room.width() and window.height() <= room.height()
    assert room.contains(window.frameGeometry().topLeft())  # the rest of the frame: the WM's


def test_a_page_scrolls_to_the_control_given_focus(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    workspace.add_sample()
    window.resize(420, 240)  # less than the page needs: it scrolls
    window.show_page(INTERVIEWS)
    workspace.page.table.selectRow(0)
    qtbot.waitUntil(lambda: workspace.page.detail.interview_id is not None)
    scroll = window.page_scroll
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    window.activateWindow()
    fields = [
        w
        for w in workspace.page.detail.findChildren(QLineEdit)
        if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    lowest = max(fields, key=lambda w: w.mapTo(window, w.rect().topLeft()).y())
    seen = visible_rect(lowest, window)
    assert seen.height() < lowest.height() - 2  # out of view before it has focus
    lowest.setFocus(Qt.FocusReason.OtherFocusReason)  # as after an action, not by Tab
    qtbot.waitUntil(lambda: visible_rect(lowest, window).height() >= lowest.height() - 2)


def test_a_dialog_taller_than_the_screen_scrolls_and_keeps_its_tab_order(
    qtbot: QtBot, window: MainWindow
) -> None:
    room = window.screen().availableGeometry()
    dialog = QDialog(window)
    layout = QVBoxLayout(dialog)
    edits = []
    for number in range(room.height() // 20 + 10):  # more rows than the screen holds
        edit = QLineEdit(dialog)
        edit.setObjectName(f"row{number}")
        edit.setMinimumHeight(24)
        edits.append(edit)
        layout.addWidget(edit)
    ok = QPushButton("OK", dialog)
    layout.addWidget(ok)
    QWidget.setTabOrder(ok, edits[0])  # OK first, then the rows (not the layout's order)
    for first, second in itertools.pairwise(edits):
        QWidget.setTabOrder(first, second)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.findChild(QScrollArea, "dialogScroll") is not None
    assert dialog.height() <= room.height()
    assert room.contains(dialog.frameGeometry().topLeft())
    ok.setFocus()
    qtbot.keyClick(ok, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edits[0])
    edits[-1].setFocus(Qt.FocusReason.TabFocusReason)
    # Qt scrolls a field's text cursor into view: all of it but perhaps its bottom border.
    qtbot.waitUntil(lambda: visible_rect(edits[-1], dialog).height() >= edits[-1].height() - 2)
    dialog.close()
