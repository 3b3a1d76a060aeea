"""logind's PrepareForSleep, on a private bus standing in for the system bus."""

from __future__ import annotations

import pytest
from jeepney import DBusAddress, new_signal
from jeepney.io.blocking import open_dbus_connection
from pytestqt.qtbot import QtBot

from afterview.tray.sleep import SleepWatcher

pytestmark = pytest.mark.desktop

LOGIN1 = DBusAddress("/org/freedesktop/login1", interface="org.freedesktop.login1.Manager")


def test_resume_is_noticed_and_going_to_sleep_is_not_a_resume(
    session_bus: str, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", session_bus)
    watcher = SleepWatcher()
    assert watcher.active
    resumed: list[bool] = []
    watcher.resumed.connect(lambda: resumed.append(True))
    try:
        with open_dbus_connection(session_bus) as logind:
            logind.send(new_signal(LOGIN1, "PrepareForSleep", "b", (True,)))
            logind.send(new_signal(LOGIN1, "PrepareForSleep", "b", (False,)))
        qtbot.waitUntil(lambda: resumed == [True], timeout=10_000)
    finally:
        watcher.close()


def test_no_system_bus_is_fine(monkeypatch: pytest.MonkeyPatch, qapp: object) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/system_bus_socket")
    watcher = SleepWatcher()
    assert not watcher.active
    watcher.close()
