"""Settings ▸ Storage (issue 16, items 1 and 6): where the data is, Test connection in
words, the choice saved without a password, the unencrypted opt-in with its warning, and
Copy my data there with a progress dialog on a worker thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QMessageBox, QProgressDialog
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.store.api import open_store
from afterview.store.target_settings import read_setting
from afterview.ui.data import DataAccess
from afterview.ui.settings_storage import StoragePage


@pytest.fixture
def restarts() -> list[bool]:
    return []


@pytest.fixture
def page(qtbot: QtBot, data: DataAccess, restarts: list[bool]) -> StoragePage:
    shown = StoragePage(data, restart=lambda: restarts.append(True))
    qtbot.addWidget(shown)
    shown.resize(760, 480)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _type(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def test_it_says_where_the_data_is(page: StoragePage, data_dir: Path, backend: str) -> None:
    text = page.where.text()
    assert text.startswith("Your data is in: ")
    if backend == "sqlite":
        assert text.endswith(str(data_dir / paths.DATABASE_NAME))
        assert not page.chosen_by.isVisible()
    else:
        assert "postgresql://" in text
        assert page.chosen_by.text() == (
            "Chosen by AFTERVIEW_DATABASE, which wins over the setting below."
        )
    assert page.where.textFormat() == Qt.TextFormat.PlainText


def test_every_control_is_named_and_reachable_by_tab(page: StoragePage) -> None:
    controls = [*page.findChildren(QLineEdit), *page.findChildren(QAbstractButton)]
    assert len(controls) >= 7
    for control in controls:
        assert control.accessibleName(), control.objectName()
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.accessibleName()
    for button in page.findChildren(QAbstractButton):
        assert "&" in button.text(), button.text()  # an Alt shortcut


def test_test_connection_in_words(
    qtbot: QtBot, page: StoragePage, tmp_path: Path, pg_cluster: Any
) -> None:
    _type(qtbot, page.target, pg_cluster.uri("there_is_no_such_database"))
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert "does not exist" in page.status.text()
    _type(qtbot, page.target, f"sqlite:{tmp_path / 'new.sqlite3'}")
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert page.status.text().startswith("OK: there is no database at")


def test_the_unencrypted_opt_in_warns(qtbot: QtBot, page: StoragePage) -> None:
    assert not page.warning.isVisible()
    page.insecure.setFocus()
    qtbot.keyClick(page.insecure, Qt.Key.Key_Space)
    assert page.insecure.isChecked() and page.warning.isVisible()
    assert "can read your job search and your password" in page.warning.text()


def test_use_this_database_saves_it_and_offers_a_restart(
    qtbot: QtBot,
    page: StoragePage,
    data_dir: Path,
    restarts: list[bool],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def answer(_parent: Any, _icon: Any, title: str, *_args: Any) -> Any:
        asked.append(title)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr("afterview.ui.widgets.message_box", answer)
    target = "postgresql://anna@db.example.org/afterview?search=anna"
    _type(qtbot, page.target, target)
    qtbot.mouseClick(page.use_button, Qt.MouseButton.LeftButton)
    assert asked == ["Restart Afterview?"] and restarts == [True]
    assert read_setting(paths.resolve(data_dir).config_dir) == (target, False)
    _type(qtbot, page.target, "postgresql://anna:secret@db.example.org/afterview")
    qtbot.mouseClick(page.use_button, Qt.MouseButton.LeftButton)
    assert "holds a password" in page.status.text()
    assert read_setting(paths.resolve(data_dir).config_dir) == (target, False)


def test_copy_my_data_there_with_progress(
    qtbot: QtBot, page: StoragePage, tmp_path: Path, data: DataAccess
) -> None:
    moved = tmp_path / "moved"
    moved.mkdir()
    target = f"sqlite:{moved / paths.DATABASE_NAME}"
    _type(qtbot, page.target, target)
    seen: list[int] = []
    with qtbot.waitSignal(page.copied, timeout=60_000) as done:
        qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
        progress = page.findChild(QProgressDialog, "copyProgress")
        assert progress is not None and progress.isVisible()
        assert page.runner is not None
        page.runner.progressed.connect(lambda percent, _words: seen.append(percent))
        assert not page.copy_button.isEnabled()
    qtbot.waitUntil(lambda: not page.is_copying())
    assert done.args is not None and done.args[0].counts.interviews == 4
    assert page.status.text().startswith("Copied and checked: 4 interviews")
    assert page.copy_button.isEnabled()
    assert seen and seen[-1] >= 80
    with open_store(paths.resolve(moved, target)) as copied:
        assert copied.data.export_document() == data.store.data.export_document()
    # Again into the same file: refused in words, nothing changed.
    with qtbot.waitSignal(page.copy_failed, timeout=60_000):
        qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_copying())
    assert "already exists and is not empty" in page.status.text()
