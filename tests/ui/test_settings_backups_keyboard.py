"""Settings ▸ Backups by keyboard alone (issue 15's blocker): Tab leaves the table, Restore… is
reached and pressed with Space, the confirmation is answered by keys, and afterwards focus is
on the list and the result is announced."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.store import interchange
from afterview.store.api import open_store
from afterview.store.operations import Store
from afterview.store.values import ContactFields
from afterview.ui import assistive
from afterview.ui.backups_page import BackupsPage
from afterview.ui.data import DataAccess
from afterview.ui.settings_dialog import SettingsDialog

#: Afterview's backups are copies of the SQLite file (a server keeps its own).
pytestmark = pytest.mark.sqlite_only

NOW = datetime(2026, 11, 20, 20, tzinfo=UTC)


@pytest.fixture
def store(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), role="window") as opened:
        opened.data.import_document(interchange.parse_document(sample_document))
        yield opened


@pytest.fixture
def dialog(qtbot: QtBot, store: Store) -> SettingsDialog:
    shown = SettingsDialog(DataAccess(store), clock=lambda: NOW)
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    return shown


def _focus() -> QWidget | None:
    return QApplication.focusWidget()


def _tab(qtbot: QtBot, backwards: bool = False) -> QWidget | None:
    widget = _focus()
    assert widget is not None
    if backwards:
        qtbot.keyClick(widget, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return _focus()


def _backups_tab(qtbot: QtBot, dialog: SettingsDialog) -> BackupsPage:
    qtbot.keyClick(dialog.tabs.tabBar(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    page = dialog.tabs.currentWidget()
    assert isinstance(page, BackupsPage)
    return page


def test_tab_leaves_the_backups_table_for_its_buttons_and_back(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    page = _backups_tab(qtbot, dialog)
    page.back_up_now()
    dialog.tabs.tabBar().setFocus(Qt.FocusReason.TabFocusReason)
    assert _tab(qtbot) is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.selected() is not None
    assert _tab(qtbot) is page.backup_button  # out of the table, not to its next cell
    assert _tab(qtbot) is page.restore_button
    assert _tab(qtbot) is page.refresh_button
    assert _tab(qtbot) is dialog.save_button  # and on out of the page
    for _ in range(3):
        _tab(qtbot, backwards=True)
    assert _focus() is page.backup_button
    assert _tab(qtbot, backwards=True) is page.table
    assert dialog.isVisible()


def test_a_backup_is_restored_by_keyboard_and_focus_and_word_follow(
    qtbot: QtBot, dialog: SettingsDialog, store: Store
) -> None:
    page = _backups_tab(qtbot, dialog)
    page.back_up_now()
    store.contacts.create(ContactFields(name="Added after the backup"))
    heard: list[tuple[str, bool]] = []
    assistive.announcer.announced.connect(lambda text, assertive: heard.append((text, assertive)))

    page.table.setFocus(Qt.FocusReason.TabFocusReason)
    page.table.clearSelection()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Up)  # the newest backup: the one just made
    assert page.selected() == page.model.backup_at(0)
    assert _tab(qtbot) is page.backup_button
    assert _tab(qtbot) is page.restore_button

    answered: list[str] = []

    def answer_by_keys() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or answered:
            return
        focus = _focus()
        if not box.isActiveWindow() or focus is None or not box.isAncestorOf(focus):
            return  # shown but not yet given the focus (a busy machine): keys would go elsewhere
        answered.append(box.text())
        yes = box.button(QMessageBox.StandardButton.Yes)
        for _ in range(4):  # from the default (Cancel), Tab to Yes
            if _focus() is yes:
                break
            _tab(qtbot)
        assert _focus() is yes
        qtbot.keyClick(yes, Qt.Key.Key_Space)

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(answer_by_keys)
    timer.start()
    with qtbot.waitSignal(page.restored):
        qtbot.keyClick(page.restore_button, Qt.Key.Key_Space)
    timer.stop()
    assert answered and answered[0].startswith("Restore the backup from ")
    assert "Added after the backup" not in {item.name for item in store.contacts.items()}

    # Focus on the list, on the backup of the data as it was (Restore… again undoes it).
    # The offscreen platform does not give the dialog back its activation when the box
    # closes (a desktop does): do it as the window manager would.
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: _focus() is page.table)
    assert page.selected() == page.model.backup_at(0)
    assert page.restore_button.isEnabled()
    said = [text for text, assertive in heard if not assertive]
    assert said and said[-1].startswith("Restored the backup from ")
    assert said[-1] == page.status.text()
    assert dialog.isVisible()


def test_the_status_line_is_read_by_its_text(qtbot: QtBot, dialog: SettingsDialog) -> None:
    page = _backups_tab(qtbot, dialog)
    page.back_up_now()
    assert page.status.accessibleName() == ""  # Qt then reads a label by its text
    assert page.status.text().startswith("Backed up now")
    assert page.table.tabKeyNavigation() is False
