"""Issue 13 §6 in the window: File ▸ Import and File ▸ Import contact cards given a hostile
file show the importer's message (never a crash, never a hang on a pipe or /dev/zero), and
the data stays as it was."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from afterview.store.operations import Store
from afterview.ui import file_actions
from afterview.ui.data import DataAccess
from afterview.ui.main_window import MainWindow
from afterview.ui.vcard_import_dialog import VCardImportDialog
from afterview.ui.workspace import Workspace

READ_TIMEOUT_MS = 20_000


def _zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _deep(path: Path) -> Path:
    path.write_text("[" * 100_000 + "]" * 100_000)
    return path


def _nul(path: Path) -> Path:
    path.write_text('{"format": "afterview/2", "contacts": [{"key": "m", "name": "M\\u0000"}]}')
    return path


def _photo(path: Path) -> Path:
    with path.open("wb") as handle:
        handle.write(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big\r\nPHOTO;ENCODING=b:")
        handle.write(b"QUFB" * (3 * 1024 * 1024))
        handle.write(b"\r\nEND:VCARD\r\n")
    return path


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_zero, "is a device, not a file"),
        (_fifo, "is a named pipe, not a file"),
        (_deep, "is nested too deeply"),
        (_nul, "contact #1 (key 'm'): field 'name': contains a NUL character"),
    ],
    ids=["symlink-to-dev-zero", "fifo", "deeply-nested", "nul-in-field"],
)
def test_import_all_data_shows_why_a_hostile_file_is_refused(
    window: MainWindow,
    workspace: Workspace,
    sample_json: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[Path], Path],
    says: str,
) -> None:
    assert file_actions.import_json(workspace, sample_json)
    before = json.dumps(workspace.store.data.export_document(), sort_keys=True)
    shown: list[str] = []
    monkeypatch.setattr(file_actions, "message_box", lambda _p, _i, _t, text: shown.append(text))
    hostile = make(tmp_path / "hostile.json")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(hostile), ""))
    window.import_json_action.trigger()
    assert len(shown) == 1 and shown[0].startswith("Nothing was imported.")
    assert str(hostile) in shown[0] and says in shown[0]
    assert json.dumps(workspace.store.data.export_document(), sort_keys=True) == before


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_zero, "is a device, not a file"),
        (_fifo, "is a named pipe, not a file"),
        (_photo, "Card 1 (line 4): PHOTO is 12 MB; a card may hold at most 10 MB"),
    ],
    ids=["symlink-to-dev-zero", "fifo", "photo-12-mb"],
)
def test_the_card_import_shows_why_a_hostile_file_is_refused(
    qtbot: QtBot,
    data: DataAccess,
    store: Store,
    tmp_path: Path,
    make: Callable[[Path], Path],
    says: str,
) -> None:
    before = len(store.contacts.items())
    dialog = VCardImportDialog(data, make(tmp_path / "hostile.vcf"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_reading(), timeout=READ_TIMEOUT_MS)
    shown = dialog.error.text() if dialog.error.isVisible() else ""
    problems = [dialog.problems.item(n).text() for n in range(dialog.problems.count())]
    assert says in shown or any(says in problem for problem in problems), (shown, problems)
    assert not dialog.import_button.isEnabled()
    assert len(store.contacts.items()) == before
