"""The menu bar as a keyboard and screen-reader user meets it: every menu read by its own
title, no mnemonic used twice, and Settings on Ctrl+, (issue 15)."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from afterview.ui.main_window import MainWindow
from afterview.ui.workspace import Workspace
from tests.ui.test_mnemonics import letter


def _duplicates(texts: list[str]) -> dict[str, list[str]]:
    letters = Counter(found for t in texts if (found := letter(t)))
    return {
        found: [t for t in texts if letter(t) == found]
        for found, count in letters.items()
        if count > 1
    }


def test_no_mnemonic_is_used_twice_in_the_menu_bar_or_any_menu(window: MainWindow) -> None:
    bar = [a.text() for a in window.menuBar().actions() if not a.isSeparator()]
    assert bar and not _duplicates(bar), _duplicates(bar)
    clashes = {}
    menus = window.findChildren(QMenu)
    assert len(menus) >= 4
    for menu in menus:
        texts = [a.text() for a in menu.actions() if not a.isSeparator() and a.isVisible()]
        if found := _duplicates(texts):
            clashes[menu.objectName() or menu.title()] = found
    assert not clashes, clashes


def test_every_file_and_edit_entry_has_a_mnemonic(window: MainWindow) -> None:
    for menu in window.menuBar().findChildren(QMenu):
        if menu.objectName() in ("fileMenu", "editMenu", "viewMenu", "helpMenu"):
            missing = [
                a.text() for a in menu.actions() if not a.isSeparator() and not letter(a.text())
            ]
            assert not missing, (menu.objectName(), missing)


@pytest.mark.parametrize(
    ("name", "spoken"),
    [("fileMenu", "File"), ("editMenu", "Edit"), ("viewMenu", "View"), ("helpMenu", "Help")],
)
def test_each_menu_is_read_by_its_title(window: MainWindow, name: str, spoken: str) -> None:
    menu = window.findChild(QMenu, name)
    assert menu is not None
    interface = QAccessible.queryAccessibleInterface(menu)
    assert interface is not None
    assert interface.text(QAccessible.Text.Name) == spoken


def test_settings_has_ctrl_comma_shown_in_the_menu(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.settings_action.shortcut() == QKeySequence("Ctrl+,")
    file_menu = window.findChild(QMenu, "fileMenu")
    assert window.settings_action in file_menu.actions()  # the menu shows an action's keys
    opened: list[bool] = []
    monkeypatch.setattr(workspace, "open_settings", lambda: opened.append(True))
    window.activateWindow()
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: opened == [True])


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_edit_delete_names_and_deletes_what_the_page_shows(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tester read "Delete interview (Del)" in the Edit menu on the Contacts page; by
    keys, each page's Edit ▸ Delete names its own record and asks about that one."""
    workspace.add_sample()
    asked: list[str] = []
    monkeypatch.setattr(workspace, "delete_current", lambda: asked.append("interview"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    expected = {
        Qt.Key.Key_1: None,
        Qt.Key.Key_2: "Delete interview",
        Qt.Key.Key_3: "Delete contact",
        Qt.Key.Key_4: "Delete reference",
    }
    edit_menu = window.findChild(QMenu, "editMenu")
    for key, text in expected.items():
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        page = window.pages[window.sidebar.currentRow()]
        if hasattr(page, "confirm_delete"):
            monkeypatch.setattr(page, "confirm_delete", lambda name: asked.append(name) and False)
            qtbot.waitUntil(lambda p=page: p.editor.fields().name != "")
        focus = QApplication.focusWidget() or window
        qtbot.keyClick(focus, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is edit_menu)
        entry = window.delete_action
        assert entry.text().replace("&", "") == (text or "Delete"), key
        assert entry.isEnabled() == (text is not None), key
        asked.clear()
        # Its mnemonic; off, the entry takes no key and Escape closes the menu.
        qtbot.keyClick(edit_menu, Qt.Key.Key_D if text else Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
        if text is None:
            assert asked == []
        elif text == "Delete interview":
            assert asked == ["interview"]
        else:  # the page's own question, about the record it shows
            assert asked == [page.editor.fields().name]
