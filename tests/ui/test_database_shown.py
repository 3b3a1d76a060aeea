"""The window says which database it is on (tester's F8): quietly, at the right of its
status bar (its title stays the application's name); nothing extra for the data folder's
own SQLite file; a password given with the target is never shown. Building the window
opens no database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.paths import ENV_DATABASE
from afterview.ui.database_shown import show_database
from afterview.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def no_database_from_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DATABASE, raising=False)  # each test names its own


def _window(qtbot: QtBot, data_dir: Path, database: str | None) -> MainWindow:
    window = MainWindow(paths.resolve(data_dir, database))
    qtbot.addWidget(window)
    return window


def _shown(window: MainWindow) -> QLabel | None:
    return window.statusBar().findChild(QLabel, "databaseShown")


def test_a_server_is_named_without_its_password(qtbot: QtBot, tmp_path: Path) -> None:
    secret = "s3cret-Pw"
    window = _window(
        qtbot,
        tmp_path / "data",
        f"postgresql://anna:{secret}@db.example.org/afterview?sslmode=verify-full",
    )
    assert window.windowTitle() == "Afterview"
    label = _shown(window)
    assert label is not None and not label.isHidden()
    assert label.text() == "on db.example.org/afterview"
    assert "postgresql://anna@db.example.org/afterview" in label.toolTip()
    for text in (
        window.windowTitle(),
        label.text(),
        label.toolTip(),
        label.accessibleName(),
        label.accessibleDescription(),
    ):
        assert secret not in text


def test_a_port_and_a_schema_are_kept(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(
        qtbot, tmp_path / "data", "postgresql://coach@db.example.org:5544/office?search=anna"
    )
    label = _shown(window)
    assert label is not None
    assert label.text() == "on db.example.org:5544/office?search=anna"


def test_the_default_file_adds_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path / "data", None)
    assert window.windowTitle() == "Afterview"
    assert _shown(window) is None


def test_another_sqlite_file_shows_its_name(qtbot: QtBot, tmp_path: Path) -> None:
    chosen = tmp_path / "elsewhere" / "jobs.sqlite3"
    window = _window(qtbot, tmp_path / "data", f"sqlite:{chosen}")
    label = _shown(window)
    assert label is not None and label.text() == "on jobs.sqlite3"
    assert str(chosen) in label.toolTip()


def test_a_local_socket_is_localhost(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(
        qtbot, tmp_path / "data", "postgresql://anna@%2Frun%2Fpostgresql:5433/afterview"
    )
    label = _shown(window)
    assert label is not None
    assert label.text() == "on localhost/afterview"


def test_a_long_name_is_shortened_not_the_window_widened(qtbot: QtBot, tmp_path: Path) -> None:
    name = "job-search-shared-with-my-coach-and-my-laptop-" * 4 + "final.sqlite3"
    chosen = tmp_path / "elsewhere" / name  # a file: showing the window reaches no network
    # A bare main window with the same status bar: showing Afterview's would load its data.
    window = QMainWindow()
    qtbot.addWidget(window)
    show_database(window, paths.resolve(tmp_path / "data", f"sqlite:{chosen}"))
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    label = window.statusBar().findChild(QLabel, "databaseShown")
    assert label is not None
    assert window.width() <= 800
    qtbot.waitUntil(lambda: "…" in label.text())
    assert label.text().startswith("on job-search") and label.text().endswith("final.sqlite3")
    assert str(chosen) in label.toolTip()
