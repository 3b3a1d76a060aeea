"""logind's PrepareForSleep, on a private bus standing in for the system bus."""

from __future__ import annotations

import pytest
from jeepney import DBusAddress, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, Proxy, open_dbus_connection
from PySide6.QtCore import QSocketNotifier
from pytestqt.qtbot import QtBot

from afterview.tray.sleep import SleepWatcher

pytestmark = pytest.mark.desktop

LOGIN1 = DBusAddress("/org/freedesktop/login1", interface="org.freedesktop.login1.Manager")


def _round_trip(connection: DBusConnection) -> None:
    """A call to the bus answered: every message sent before it has been routed on."""
    Proxy(message_bus, connection, timeout=10).GetId()


def test_resume_is_noticed_and_going_to_sleep_is_not_a_resume(
    session_bus: str, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", session_bus)
    watcher = SleepWatcher()
    assert watcher.active
    # The watcher reads the bus when its socket notifier fires; waiting for that after a
    # round trip means it has read "going to sleep" before "resumed" is even sent.
    (notifier,) = watcher.findChildren(QSocketNotifier)
    resumed: list[str] = []
    phase = "going to sleep"
    watcher.resumed.connect(lambda: resumed.append(phase))
    try:
        with open_dbus_connection(session_bus) as logind:
            logind.send(new_signal(LOGIN1, "PrepareForSleep", "b", (True,)))
            _round_trip(logind)
            with qtbot.waitSignal(notifier.activated, timeout=10_000):
                pass
            assert resumed == []
            phase = "resumed"
            logind.send(new_signal(LOGIN1, "PrepareForSleep", "b", (False,)))
            qtbot.waitUntil(lambda: resumed != [], timeout=10_000)
            assert resumed == ["resumed"]
    finally:
        watcher.close()


def test_no_system_bus_is_fine(monkeypatch: pytest.MonkeyPatch, qapp: object) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/system_bus_socket")
    watcher = SleepWatcher()
    assert not watcher.active
    watcher.close()
