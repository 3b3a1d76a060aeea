"""A tab bar's name follows its tabs (issue 15): Qt names a tab bar by its current tab but
sent no name change, so AT-SPI kept the first one and the tester heard the interview's tab
bar called "Process" while Steps was shown."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QApplication, QTabBar, QTabWidget
from pytestqt.qtbot import QtBot

from afterview.store.operations import Store
from afterview.ui.data import DataAccess
from afterview.ui.main_window import MainWindow
from afterview.ui.settings_dialog import SettingsDialog
from afterview.ui.workspace import Workspace


def _name(bar: QTabBar) -> str:
    interface = QAccessible.queryAccessibleInterface(bar)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


@pytest.fixture
def name_changes(monkeypatch: pytest.MonkeyPatch) -> list[QObject]:
    """The objects a NameChanged accessibility event was sent for (then sent on)."""
    sent: list[QObject] = []
    original = QAccessible.updateAccessibility

    def spy(event: QAccessibleEvent) -> None:
        if event.type() == QAccessible.Event.NameChanged:
            sent.append(event.object())
        original(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", spy)
    return sent


def _walk_tabs_by_keys(qtbot: QtBot, tabs: QTabWidget, sent: list[QObject]) -> None:
    """Right arrow on the focused bar through every tab: each change tells assistive
    technology that the bar's name changed, and the name is the tab shown."""
    bar = tabs.tabBar()
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar)
    for index in range(1, tabs.count()):
        sent.clear()
        qtbot.keyClick(bar, Qt.Key.Key_Right)
        qtbot.waitUntil(lambda i=index: tabs.currentIndex() == i)
        assert bar in sent, tabs.tabText(index)
        assert _name(bar) == tabs.tabText(index).replace("&", "")


def test_the_interview_tab_bar_is_renamed_with_its_tab(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, name_changes: list[QObject]
) -> None:
    workspace.add_sample()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    first = workspace.page.model.interview_id(0)
    assert first is not None
    workspace.page.select(first)
    tabs = workspace.page.detail.tabs
    qtbot.waitUntil(tabs.isVisible)
    _walk_tabs_by_keys(qtbot, tabs, name_changes)


def test_the_settings_tab_bar_is_renamed_with_its_tab(
    qtbot: QtBot, store: Store, name_changes: list[QObject]
) -> None:
    dialog = SettingsDialog(DataAccess(store), clock=lambda: datetime(2026, 11, 20, tzinfo=UTC))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    _walk_tabs_by_keys(qtbot, dialog.tabs, name_changes)
