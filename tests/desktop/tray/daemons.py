"""Real notification daemons on the private session bus, and the other programs around them.

- :class:`Dunst` and :class:`NotificationDaemon` run the real servers (on the tests'
  Xvfb display); :class:`Recording` runs fake_notification_server.py. All three can be
  stopped and started again: a restart is part of what the tests play.
- :class:`BusMonitor` sees every Notify and CloseNotification on the bus, whoever sends
  it and whichever server answers, so what a test checks is what went over the wire.
- :class:`OtherApp` is another application on the same bus: it posts notifications of its
  own and emits whatever signals it likes.

Nothing sleeps: every wait is on a condition (a bus name owned, a file written).
"""

from __future__ import annotations

import os
import socket
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jeepney import DBusAddress, HeaderFields, Message, MessageType, new_method_call, new_signal
from jeepney.bus_messages import Monitoring, message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

from tests.desktop.conftest import wait_until
from tests.needs import need

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
SERVICE = DBusAddress(PATH, bus_name=NAME, interface=NAME)
NOTIFICATION_DAEMON = "/usr/lib/notification-daemon/notification-daemon"
#: dunst as shipped, except that nothing expires while a loaded machine runs the test, and
#: its context menu ("dmenu") is a script that records the menu and picks the entry the
#: test asks for.
DUNSTRC = """[global]
    dmenu = {menu}
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
"""
MENU = """#!/bin/sh
# dunst's context menu: every action of every notification shown, one line each.
cat > "{dir}/menu.partial"
grep -F -m1 -e "$(cat "{dir}/pick")" "{dir}/menu.partial"
mv "{dir}/menu.partial" "{dir}/menu.txt"
"""


def owner(address: str, name: str = NAME) -> str:
    """The unique bus name owning ``name`` ("" for none)."""
    with open_dbus_connection(address) as conn:
        reply = conn.send_and_get_reply(message_bus.GetNameOwner(name), timeout=10)
        if reply.header.message_type is MessageType.error:
            return ""
        return str(reply.body[0])


class Daemon:
    """A notification server process that owns the name while it runs."""

    def __init__(self, address: str, directory: Path) -> None:
        self.address = address
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.process: subprocess.Popen[bytes] | None = None
        self.unique_name = ""
        self.starts = 0

    def command(self) -> list[str]:
        raise NotImplementedError

    def env(self) -> dict[str, str]:
        return {**os.environ, "DBUS_SESSION_BUS_ADDRESS": self.address}

    def start(self) -> None:
        assert owner(self.address) == "", "another server still owns the name"
        self.starts += 1
        errors = (self.directory / f"stderr-{self.starts}.txt").open("wb")
        self.process = subprocess.Popen(
            self.command(), env=self.env(), stdout=subprocess.DEVNULL, stderr=errors
        )
        wait_until(
            lambda: owner(self.address) != "" or self.process_ended(),
            what=f"{self.command()[0]} to own {NAME}",
        )
        assert not self.process_ended(), (self.directory / f"stderr-{self.starts}.txt").read_text()
        self.unique_name = owner(self.address)

    def process_ended(self) -> bool:
        return self.process is not None and self.process.poll() is not None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        wait_until(lambda: owner(self.address) == "", what=f"{NAME} to have no owner")

    def invoke(self, notification_id: int, key: str) -> None:
        """Do what a user does to run action ``key`` of a notification on the screen."""
        raise NotImplementedError


class Recording(Daemon):
    """fake_notification_server.py: it invokes an action when the test asks it to."""

    def command(self) -> list[str]:
        import sys

        server = Path(__file__).with_name("fake_notification_server.py")
        return [sys.executable, str(server), str(self.directory / f"notify-{self.starts}.jsonl")]

    def invoke(self, notification_id: int, key: str) -> None:
        with open_dbus_connection(self.address) as conn:
            target = DBusAddress(PATH, bus_name=NAME, interface="org.afterview.Test")
            message = new_method_call(target, "InvokeAction", "us", (notification_id, key))
            conn.send_and_get_reply(message, timeout=10)


class XDaemon(Daemon):
    def __init__(self, address: str, directory: Path, display: str) -> None:
        super().__init__(address, directory)
        self.display = display

    def env(self) -> dict[str, str]:
        # NO_AT_BRIDGE: GTK would look for an accessibility bus this private session lacks.
        return {**super().env(), "DISPLAY": self.display, "NO_AT_BRIDGE": "1"}


class Dunst(XDaemon):
    """dunst 1.9, which shows no buttons: its actions are in a context menu (``dunstctl
    context``), where the test's script picks one, as a user would with dmenu."""

    def __init__(self, address: str, directory: Path, display: str) -> None:
        need("dunst", "dunstctl", package="dunst")
        super().__init__(address, directory, display)
        menu = directory / "menu.sh"
        menu.write_text(MENU.format(dir=directory), encoding="utf-8")
        menu.chmod(0o755)
        (directory / "dunstrc").write_text(DUNSTRC.format(menu=menu), encoding="utf-8")

    def command(self) -> list[str]:
        return ["dunst", "-config", str(self.directory / "dunstrc")]

    def menu(self, pick: str = "\n") -> list[str]:
        """Open the context menu, choose the first line containing ``pick`` (none by
        default), and return the menu's lines as dunst offered them."""
        (self.directory / "pick").write_text(pick, encoding="utf-8")
        shown = self.directory / "menu.txt"
        shown.unlink(missing_ok=True)
        refused = [self.refusals()]

        def opened() -> bool:
            if shown.exists():
                return True
            # dunst takes a moment after the last menu's script ends to read its choice,
            # and refuses a new menu until then (it says so): ask again once it has.
            if self.refusals() > refused[0]:
                refused[0] = self.refusals()
                subprocess.run(["dunstctl", "context"], env=self.env(), check=True, timeout=30)
            return False

        subprocess.run(["dunstctl", "context"], env=self.env(), check=True, timeout=30)
        wait_until(opened, what="dunst's context menu")
        return shown.read_text(encoding="utf-8").splitlines()

    def refusals(self) -> int:
        errors = self.directory / f"stderr-{self.starts}.txt"
        return errors.read_text(encoding="utf-8").count("Context menu already running")

    def invoke(self, notification_id: int, key: str) -> None:
        lines = self.menu(f"[{notification_id},{key}]")
        assert any(line.endswith(f"[{notification_id},{key}]") for line in lines), lines

    def displayed(self) -> int:
        result = subprocess.run(
            ["dunstctl", "count", "displayed"],
            env=self.env(),
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        return int(result.stdout.strip())


class NotificationDaemon(XDaemon):
    """GNOME's notification-daemon: buttons for every action but "default"."""

    def __init__(self, address: str, directory: Path, display: str) -> None:
        need(NOTIFICATION_DAEMON, package="notification-daemon")
        super().__init__(address, directory, display)

    def command(self) -> list[str]:
        return [NOTIFICATION_DAEMON]


@dataclass(frozen=True)
class Shown:
    """One Notify call and the server's answer, as seen on the bus."""

    id: int
    client: str
    server: str
    app_name: str
    summary: str
    body: str
    actions: list[str]


@dataclass
class BusMonitor:
    """Watches the bus (BecomeMonitor) in a thread; a monitor cannot send anything."""

    address: str
    shown: list[Shown] = field(default_factory=list)
    #: (client, server, id) of every CloseNotification.
    closes: list[tuple[str, str, int]] = field(default_factory=list)
    _calls: dict[tuple[str, int], Message] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._conn: DBusConnection = open_dbus_connection(self.address)
        rules = [f"type='method_call',interface='{NAME}'", "type='method_return'"]
        reply = self._conn.send_and_get_reply(Monitoring().BecomeMonitor(rules), timeout=10)
        assert reply.header.message_type is MessageType.method_return, reply.body
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            try:
                message = self._conn.receive()
            except (OSError, ValueError, EOFError):
                return
            self._see(message)

    def _see(self, message: Message) -> None:
        fields = message.header.fields
        sender = str(fields.get(HeaderFields.sender, ""))
        kind = message.header.message_type
        if kind is MessageType.method_call:
            member = fields.get(HeaderFields.member)
            if member == "Notify":
                self._calls[(sender, message.header.serial)] = message
            elif member == "CloseNotification":
                destination = str(fields.get(HeaderFields.destination, ""))
                self.closes.append((sender, destination, int(message.body[0])))
        elif kind is MessageType.method_return:
            key = (str(fields.get(HeaderFields.destination, "")),
                   int(fields.get(HeaderFields.reply_serial, 0)))  # fmt: skip
            call = self._calls.pop(key, None)
            if call is not None:
                app_name, _replaces, _icon, summary, body, actions, _hints, _expire = call.body
                self.shown.append(
                    Shown(int(message.body[0]), key[0], sender, app_name, summary, body,
                          list(actions))
                )  # fmt: skip

    def from_app(self, app_name: str) -> list[Shown]:
        return [shown for shown in list(self.shown) if shown.app_name == app_name]

    def stop(self) -> None:
        self._conn.sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=10)
        self._conn.close()


class OtherApp:
    """Another program on the same session bus, with a connection (a unique name) of its own."""

    def __init__(self, address: str) -> None:
        self.conn = open_dbus_connection(address)
        self.unique_name = str(self.conn.unique_name)

    def notify(self, summary: str, actions: list[str]) -> int:
        message = new_method_call(
            SERVICE,
            "Notify",
            "susssasa{sv}i",
            ("Mail", 0, "", summary, "", actions, {}, -1),
        )
        reply = self.conn.send_and_get_reply(message, timeout=10)
        assert reply.header.message_type is MessageType.method_return, reply.body
        return int(reply.body[0])

    def emit(self, member: str, signature: str, body: tuple[Any, ...]) -> None:
        """Broadcast a Notifications signal of its own making, then make a round trip to the
        bus: once that returns, the bus has routed the signal to every receiver."""
        self.conn.send(new_signal(DBusAddress(PATH, interface=NAME), member, signature, body))
        self.conn.send_and_get_reply(message_bus.GetId(), timeout=10)

    def close(self) -> None:
        self.conn.close()
