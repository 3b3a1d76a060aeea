"""A main window on its own data directory, loaded (the database opened) and ready."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.ui.main_window import MainWindow
from afterview.ui.workspace import Workspace


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> Iterator[MainWindow]:
    win = MainWindow(paths.resolve(data_dir))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.load()
    yield win
    if win.workspace is not None and win.isVisible():
        win.close()


@pytest.fixture
def workspace(window: MainWindow) -> Workspace:
    assert window.workspace is not None
    return window.workspace
