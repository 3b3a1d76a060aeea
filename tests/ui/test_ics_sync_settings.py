"""Settings → Calendar file: choose a folder, the file appears and follows the steps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from afterview.interop.ics_sync import SYNC_FILE_NAME
from afterview.ui import assistive
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


def test_stop_by_keyboard_keeps_focus_and_says_what_happened(
    qtbot: QtBot, data: DataAccess, tmp_path: Path
) -> None:
    widget = CalendarFileSettings(data)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    heard: list[tuple[str, bool]] = []
    assistive.announcer.announced.connect(lambda text, assertive: heard.append((text, assertive)))
    assert widget.choose(tmp_path)
    assert heard[-1] == (widget.state.text(), False)
    assert not widget.choose(tmp_path / "missing")
    assert heard[-1][1] is True and heard[-1][0].startswith("Kept up to date")  # an error
    widget.stop_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(widget.stop_button, Qt.Key.Key_Space)
    assert not widget.stop_button.isEnabled()
    # The pressed button is now disabled: focus goes to the one that starts again.
    assert QApplication.focusWidget() is widget.choose_button
    assert heard[-1] == ("No calendar file is kept.", False)
