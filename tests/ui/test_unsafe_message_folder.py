"""The tray and the window when the folder for their sockets is refused (another user's, or
open to others; see afterview.ipc.private_folder): each keeps working on its own and says
why, instead of listening where someone else could answer."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from afterview import ipc
from afterview.ui.main_window import MainWindow

INSTANCE = "9fe009e96b9a488f88a8fe90db18a5a5-3c1d22e0"


@pytest.fixture
def refused_folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No XDG_RUNTIME_DIR, and in a temporary folder of the test's own, an afterview-UID
    folder others can reach (the owner check itself is in tests/unit/test_ipc.py)."""
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    with tempfile.TemporaryDirectory(prefix="av", dir="/tmp") as short:
        monkeypatch.setattr(tempfile, "tempdir", short)
        folder = Path(short) / f"afterview-{os.getuid()}"
        folder.mkdir()
        folder.chmod(0o777)
        yield folder


def test_the_tray_server_does_not_listen_and_says_why(
    refused_folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from afterview.tray.single import MessageServer

    server = MessageServer(INSTANCE)
    with caplog.at_level(logging.WARNING, logger="afterview.tray"):
        assert server.listen() is False
        assert server.listen(INSTANCE.replace("9fe0", "aaaa")) is False  # a new identity
    assert [r.getMessage() for r in caplog.records] == [
        f"Afterview will not use {refused_folder} for messages between its window and its "
        "tray: other users can reach it (its mode is 0777, not 0700). Remove it, or set "
        "XDG_RUNTIME_DIR to a folder of your own."
    ] * 2
    assert os.listdir(refused_folder) == []
    server.close()


def test_the_window_opens_without_listening_and_says_why(
    refused_folder: Path, window: MainWindow, capsys: pytest.CaptureFixture[str]
) -> None:
    from afterview.ui.app import WindowServer

    server = WindowServer(window.paths, window)
    assert server.listening is False
    assert server.instance == ipc.instance_for(window.paths)
    err = capsys.readouterr().err
    assert err.startswith(f"afterview: Afterview will not use {refused_folder} ")
    assert "other users can reach it" in err
    assert os.listdir(refused_folder) == []
    assert window.isVisible()
    server.handle({"type": "quit"})  # what it would have been told still works by hand
    assert not window.isVisible()
