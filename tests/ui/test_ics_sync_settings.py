"""Settings → Calendar file: choose a folder, the file appears and follows the steps."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from afterview.interop.ics_sync import SYNC_FILE_NAME
from afterview.ui.data import DataAccess
from afterview.ui.ics_sync import CalendarFileSettings


def test_choose_update_stop(qtbot: QtBot, data: DataAccess, tmp_path: Path) -> None:
    widget = CalendarFileSettings(data)
    qtbot.addWidget(widget)
    assert widget.state.text() == "No calendar file is kept."
    assert not widget.update_button.isEnabled()
    folder = tmp_path / "cal"
    folder.mkdir()
    with qtbot.waitSignal(widget.changed):
        assert widget.choose(folder)
    target = folder / SYNC_FILE_NAME
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert widget.state.text() == f"Kept up to date: {target}\nWritten just now."
    target.unlink()
    widget.update_now()
    assert target.exists()
    assert not widget.choose(tmp_path / "missing")
    assert "Not changed:" in widget.state.text() and "is not a folder" in widget.state.text()
    assert widget.choose(None)
    assert widget.state.text() == "No calendar file is kept."
