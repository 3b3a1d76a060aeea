"""A main window on its own data directory, loaded (the database opened) and ready; the
sample database and a shown page for the page tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.store import interchange
from afterview.store.api import open_store
from afterview.store.database import Database
from afterview.store.operations import Store
from afterview.ui.assistive import announcer
from afterview.ui.data import DataAccess
from afterview.ui.main_window import MainWindow
from afterview.ui.translation import EnglishPlurals
from afterview.ui.workspace import Workspace

# When the sample is imported; the page tests that use ``db`` call this NOW too.
SAMPLE_IMPORTED_AT = datetime(2026, 11, 22, 12, tzinfo=UTC)

Page = TypeVar("Page", bound=QWidget)


class ShowPage(Protocol):
    def __call__(self, widget: Page, width: int, height: int) -> Page: ...


@pytest.fixture(scope="session", autouse=True)
def english_plurals(qapp: QApplication) -> Iterator[None]:
    """As the window's process does (ui.translation.install_translators): "1 reference",
    "2 references" from "%n reference(s)"."""
    translator = EnglishPlurals(qapp)
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.fixture
def use_locale() -> Iterator[Callable[[str], None]]:
    """``use_locale("de_DE")``: the application's default locale for this test (dates,
    numbers), put back after it."""
    before = QLocale()
    yield lambda name: QLocale.setDefault(QLocale(name))
    QLocale.setDefault(before)


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
def store(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Store]:
    """The sample data in a fresh database, its writes dated SAMPLE_IMPORTED_AT (a test
    module may define its own ``store``)."""
    with open_store(
        paths.resolve(data_dir), role="window", clock=lambda: SAMPLE_IMPORTED_AT
    ) as opened:
        opened.data.import_document(interchange.parse_document(sample_document))
        yield opened


@pytest.fixture
def data(store: Store) -> DataAccess:
    """The store as the window's pages get it (its writes heard as Qt signals)."""
    return DataAccess(store)


@pytest.fixture
def db(store: Store) -> Database:
    """The database under ``store``, for a test to look at the rows themselves."""
    return store._core.db


@pytest.fixture
def show_page(qtbot: QtBot) -> ShowPage:
    """Shows a page at a size."""

    def show(widget: Page, width: int, height: int) -> Page:
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show()
        return widget

    return show


@pytest.fixture
def mail_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A mail program registered for mailto: links the freedesktop way: its desktop entry,
    and the user's mimeapps.list choosing it (what xdg-mime reads)."""
    data, config = tmp_path / "xdg-data", tmp_path / "xdg-config"
    (data / "applications").mkdir(parents=True)
    config.mkdir()
    (data / "applications" / "mail.desktop").write_text(
        "[Desktop Entry]\nType=Application\nName=Mail\nExec=true %u\n"
        "MimeType=x-scheme-handler/mailto;\n",
        encoding="utf-8",
    )
    (config / "mimeapps.list").write_text(
        "[Default Applications]\nx-scheme-handler/mailto=mail.desktop\n", encoding="utf-8"
    )
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("XDG_DATA_DIRS", str(tmp_path / "no-system-entries"))


def open_sample(qtbot: QtBot, data_dir: Path, now: datetime) -> tuple[MainWindow, Workspace]:
    """The window on ``data_dir`` with its clock at ``now`` (aware), the sample data loaded
    from the welcome page as a user does, on the Interviews page."""
    from afterview.ui.workspace import INTERVIEWS

    window = MainWindow(paths.resolve(data_dir), clock=lambda: now)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.load()
    window.welcome.sample_button.click()
    workspace = window.workspace
    assert workspace is not None
    window.show_page(INTERVIEWS)
    return window, workspace


@pytest.fixture
def heard() -> Iterator[list[tuple[str, bool]]]:
    """Every announcement to a screen reader (afterview.ui.assistive) during the test, in
    order: (text, assertive)."""
    said: list[tuple[str, bool]] = []

    def listen(text: str, assertive: bool) -> None:
        said.append((text, assertive))

    announcer.announced.connect(listen)
    yield said
    announcer.announced.disconnect(listen)


@pytest.fixture
def sample_window(qtbot: QtBot, data_dir: Path) -> Iterator[MainWindow]:
    """The window at 1200×800 on the sample data (added through the workspace), its clock at
    2026-11-30 09:00 UTC, on Today."""
    now = datetime(2026, 11, 30, 9, tzinfo=UTC)
    window = MainWindow(paths.resolve(data_dir), clock=lambda: now)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.load() and window.workspace is not None
    window.workspace.add_sample()
    yield window
    if window.isVisible():
        window.close()
