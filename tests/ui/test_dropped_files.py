"""Files dropped on the window, handed over by another ``afterview FILE`` start, or waiting
for the data to open (issue 18): each goes to the import for what it holds, one after
another; a drag of anything else is left alone, and a file of no kind says why and imports
nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.ui import incoming_files
from afterview.ui.app import WindowServer
from afterview.ui.main_window import MainWindow
from afterview.ui.workspace import Workspace


def _mime(*files: Path, text: str = "") -> QMimeData:
    mime = QMimeData()
    if files:
        mime.setUrls([QUrl.fromLocalFile(str(path)) for path in files])
    if text:
        mime.setText(text)
    return mime


def _drop(window: MainWindow, mime: QMimeData) -> tuple[bool, bool]:
    """Drag ``mime`` over the window's middle and let go: whether the window took the drag
    when it came in, and the drop."""
    where = QPointF(window.width() / 2, window.height() / 2)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        where.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    enter.ignore()
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(
        where, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    drop.ignore()
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def _companies(workspace: Workspace) -> set[str]:
    return {interview.company for interview in workspace.store.interviews.each()}


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(
        incoming_files, "message_box", lambda _parent, _icon, _title, text: said.append(text)
    )
    return said


def test_a_dropped_data_file_is_imported(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, sample_json: Path
) -> None:
    wanted = {row["company"] for row in json.loads(sample_json.read_text())["interviews"]}
    assert not _companies(workspace) & wanted
    assert _drop(window, _mime(sample_json)) == (True, True)
    qtbot.waitUntil(lambda: wanted <= _companies(workspace))


def test_a_drag_of_text_or_a_web_address_is_left_alone(
    window: MainWindow, workspace: Workspace
) -> None:
    assert _drop(window, _mime(text="Dana Example")) == (False, False)
    web = QMimeData()
    web.setUrls([QUrl("https://jobs.example/123")])
    assert _drop(window, web) == (False, False)
    assert window.file_queue is not None and window.file_queue.waiting == 0


def test_files_of_no_kind_say_why_one_after_another(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, tmp_path: Path, shown: list[str]
) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("a shopping list")
    second.write_text("another one")
    before = _companies(workspace)
    assert _drop(window, _mime(first, second)) == (True, True)
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert "first.txt" in shown[0] and "second.txt" in shown[1]
    assert "Nothing was imported" in shown[0]
    assert _companies(workspace) == before


def test_a_file_handed_over_by_another_start_is_imported(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, sample_json: Path
) -> None:
    server = WindowServer(window.paths, window)
    try:
        server.handle({"type": "open", "files": [str(sample_json)]})
        qtbot.waitUntil(lambda: "Globex" in _companies(workspace))
    finally:
        server.server.close()


def test_a_file_given_before_the_data_opens_waits_for_it(
    qtbot: QtBot, data_dir: Path, sample_json: Path
) -> None:
    window = MainWindow(paths.resolve(data_dir))
    qtbot.addWidget(window)
    window.open_files([sample_json])  # as run_window does with `afterview FILE`
    assert window.pending_files == [sample_json]
    window.show()
    qtbot.waitExposed(window)
    assert window.load()
    assert window.workspace is not None
    workspace = window.workspace
    qtbot.waitUntil(lambda: "Globex" in _companies(workspace))
    window.close()
