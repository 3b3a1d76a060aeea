"""A main window on its own data directory, loaded (the database opened) and ready; the
sample database and a shown page for the page tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from afterview import ipc, paths
from afterview.store import interchange
from afterview.store.database import Database, open_database
from afterview.ui.main_window import MainWindow
from afterview.ui.workspace import Workspace

# When the sample is imported; the page tests that use ``db`` call this NOW too.
SAMPLE_IMPORTED_AT = datetime(2026, 11, 22, 12, tzinfo=UTC)

Page = TypeVar("Page", bound=QWidget)


class ShowPage(Protocol):
    def __call__(self, widget: Page, width: int, height: int) -> Page: ...


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


@pytest.fixture
def db(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Database]:
    """The sample data in a fresh database (a test module may define its own ``db``)."""
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        document = interchange.parse_document(sample_document)
        interchange.import_document(session, document, SAMPLE_IMPORTED_AT)
    yield database
    database.close()


@pytest.fixture
def show_page(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> ShowPage:
    """Shows a page at a size; the tray is not told about its writes (there is none)."""
    monkeypatch.setattr(ipc, "notify_changed", lambda where: False)

    def show(widget: Page, width: int, height: int) -> Page:
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show()
        return widget

    return show
