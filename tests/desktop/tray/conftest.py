"""A private D-Bus session bus, a recording notification server, a tray host, and the tray.

Nothing here sleeps for a fixed time: every wait polls a condition with a
generous timeout (the machine is a loaded 2-core box).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from afterview import ipc, paths
from tests.desktop.conftest import wait_until
from tests.desktop.tray.daemons import BusMonitor, Daemon, Dunst, NotificationDaemon, Recording
from tests.needs import need

SERVER = Path(__file__).with_name("fake_notification_server.py")
ROOT = Path(__file__).resolve().parents[3]
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@pytest.fixture
def session_bus(tmp_path: Path) -> Iterator[str]:
    """The address of a private session bus with no activatable services at all."""
    need("dbus-daemon", package="dbus")
    config = tmp_path / "bus.conf"
    config.write_text(BUS_CONFIG.format(dir=tmp_path), encoding="utf-8")
    daemon = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # "failed to set fd limit" as non-root: harmless
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    if not address:
        daemon.kill()
        pytest.fail("dbus-daemon did not start")
    yield address
    daemon.terminate()
    daemon.wait(timeout=10)


@dataclass
class NotificationServer:
    record: Path
    address: str
    process: subprocess.Popen[str]

    def calls(self) -> list[dict[str, Any]]:
        if not self.record.exists():
            return []
        lines = self.record.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def invoke(self, notification_id: int, key: str) -> None:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        with open_dbus_connection(self.address) as conn:
            target = DBusAddress(
                "/org/freedesktop/Notifications",
                bus_name="org.freedesktop.Notifications",
                interface="org.afterview.Test",
            )
            message = new_method_call(target, "InvokeAction", "us", (notification_id, key))
            conn.send_and_get_reply(message, timeout=10)


def start_server(address: str, record: Path, *flags: str) -> NotificationServer:
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address}
    process = subprocess.Popen(
        [sys.executable, str(SERVER), str(record), *flags],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    if process.stdout.readline().strip() != "ready":
        process.kill()
        pytest.fail("the fake notification server did not start")
    return NotificationServer(record, address, process)


@pytest.fixture
def notification_server(session_bus: str, tmp_path: Path) -> Iterator[NotificationServer]:
    server = start_server(session_bus, tmp_path / "notify.jsonl")
    yield server
    server.process.terminate()
    server.process.wait(timeout=10)


@pytest.fixture
def bus_monitor(session_bus: str) -> Iterator[BusMonitor]:
    """Every Notify and CloseNotification on the private bus, with the server's answer."""
    monitor = BusMonitor(session_bus)
    yield monitor
    monitor.stop()


@pytest.fixture
def dunst(session_bus: str, xvfb: str, tmp_path: Path) -> Iterator[Dunst]:
    """A real dunst on the private bus and the tests' X server."""
    daemon = Dunst(session_bus, tmp_path / "dunst", xvfb)
    daemon.start()
    yield daemon
    daemon.stop()


@pytest.fixture
def notification_daemon(
    session_bus: str, xvfb: str, tmp_path: Path
) -> Iterator[NotificationDaemon]:
    """GNOME's notification-daemon, real, on the private bus and the tests' X server."""
    daemon = NotificationDaemon(session_bus, tmp_path / "notification-daemon", xvfb)
    daemon.start()
    yield daemon
    daemon.stop()


@pytest.fixture(params=["recording", "dunst"])
def daemon(request: pytest.FixtureRequest, session_bus: str, tmp_path: Path) -> Iterator[Daemon]:
    """The recording server, then a real dunst: the same test against each (not started)."""
    server: Daemon
    if request.param == "dunst":
        server = Dunst(session_bus, tmp_path / "dunst", request.getfixturevalue("xvfb"))
    else:
        server = Recording(session_bus, tmp_path / "recording")
    yield server
    server.stop()


@pytest.fixture
def trayer(xvfb: str, tmp_path: Path) -> Iterator[str]:
    """A system-tray host on the Xvfb display, so QSystemTrayIcon has somewhere to live.

    Per test, so other tests' screenshots of the shared display never show its panel."""
    need("trayer", package="trayer")
    errors = (tmp_path / "trayer.log").open("w")
    host = subprocess.Popen(
        [
            "trayer",
            "--edge",
            "top",
            "--align",
            "right",
            "--widthtype",
            "pixel",
            "--width",
            "160",
            "--heighttype",
            "pixel",
            "--height",
            "32",
            "--SetDockType",
            "true",
            "--transparent",
            "false",
            "--tint",
            "0xdddddd",
        ],
        env={**os.environ, "DISPLAY": xvfb},
        stdout=subprocess.DEVNULL,
        stderr=errors,
    )

    def owned() -> bool:
        return tray_selection_owned(xvfb) or host.poll() is not None

    wait_until(owned, what="trayer to own the system tray selection")
    assert host.poll() is None, f"trayer exited: {(tmp_path / 'trayer.log').read_text()}"
    yield xvfb
    host.terminate()
    host.wait(timeout=10)
    # The next test's trayer refuses to start while the selection is still owned.
    wait_until(
        lambda: not tray_selection_owned(xvfb) and '"panel"' not in _tree(xvfb),
        what="trayer to let go of the display",
    )


def _tree(display: str) -> str:
    result = subprocess.run(
        ["xwininfo", "-display", display, "-root", "-tree"], capture_output=True, text=True
    )
    return result.stdout


@dataclass
class TrayProcess:
    data_dir: Path
    process: subprocess.Popen[str]
    env: dict[str, str]
    output: list[str] = field(default_factory=list)

    @property
    def log(self) -> str:
        path = self.data_dir / "logs" / "tray.log"
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def has_loaded(self, package: str) -> bool:
        """Whether the running tray has mapped a compiled module of ``package`` (as SQLAlchemy's
        are): read from outside, in /proc, as a person's tools would."""
        maps = Path(f"/proc/{self.process.pid}/maps").read_text(encoding="utf-8")
        return f"/site-packages/{package}/" in maps

    def wait_running(self) -> None:
        wait_until(
            lambda: "tray running" in self.log or self.process.poll() is not None,
            timeout=60,
            what="the tray to start",
        )
        assert self.process.poll() is None, self.stop()

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
        try:
            out, err = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
        return out + err


def afterview(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "afterview", "--data-dir", str(data_dir), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def snooze_soon(run: Callable[..., object], step_id: int | str, seconds: float = 3.0) -> datetime:
    """Snooze ``step_id`` to ``seconds`` from now with ``run`` (the test's way of running
    ``afterview ARGS…``, failing with the command's stderr), and return the instant it was
    snoozed to. On a busy machine the command may start after that instant, and a snooze into
    the past is refused ("has passed"): it is asked again with twice the margin, four times at
    most (a CI run hung on nothing but a loaded machine's slow start)."""
    for attempt in range(5):
        due = datetime.now(UTC) + timedelta(seconds=seconds * 2**attempt)
        try:
            run("step", "snooze", str(step_id), "--until", due.isoformat())
        except AssertionError as refused:
            if "has passed" not in str(refused) or attempt == 4:
                raise
            continue
        return due
    raise AssertionError("unreachable")


@pytest.fixture
def start_tray(xvfb: str) -> Iterator[Callable[..., TrayProcess]]:
    started: list[TrayProcess] = []

    def start(data_dir: Path, bus: str | None, **extra: str) -> TrayProcess:
        env = {
            **os.environ,
            "DISPLAY": xvfb,
            "QT_QPA_PLATFORM": "xcb",
            "AFTERVIEW_DATA_DIR": str(data_dir),
            "PYTHONPATH": str(ROOT / "src"),
            **extra,
        }
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        if bus is not None:
            env["DBUS_SESSION_BUS_ADDRESS"] = bus
        process = subprocess.Popen(
            [sys.executable, "-m", "afterview", "tray"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        tray = TrayProcess(data_dir, process, env)
        started.append(tray)
        return tray

    yield start
    for tray in started:
        tray.stop()


def quiet_db(data_dir: Path, sample_json: Path) -> None:
    """The sample data with no quiet hours and every step already announced: a calm start."""
    from afterview.store.database import open_database
    from afterview.store.models import StepNoticeRow, StepRow
    from afterview.store.settings import save_settings

    afterview(data_dir, "import", "json", str(sample_json))
    with open_database(paths.resolve(data_dir)) as db, db.write() as session:
        save_settings(session, {"quiet_hours": ["00:00", "00:00"]})
        for row in session.query(StepRow):
            row.notified_at = datetime.now(UTC)
            # ... on every computer (issue 16 keeps "notified" per computer)
            session.add(StepNoticeRow(step_id=row.id, computer="*", notified_at=row.notified_at))


def scheduler_ran_again(tray: TrayProcess) -> None:
    """Make the running tray's scheduler plan again, and return once it has.

    "Nothing more was sent" is checked after this positive event rather than after a fixed
    wait: the tray's own "changed" message makes the scheduler re-read everything and claim
    whatever is due, exactly where a repeat or a summary would be sent (synchronously: the
    notification server records a call before it replies)."""
    marker = "wake (changed)"
    before = tray.log.count(marker)
    where = paths.resolve(tray.data_dir)
    identity = ipc.instance_of(where.data_dir, where.database)
    assert identity is not None
    assert ipc.send(identity, "tray", {"type": "changed"}), "tray not listening"
    wait_until(lambda: tray.log.count(marker) > before, what="the scheduler to run again")


def click(display: str, x: int, y: int, button: int = 1) -> None:
    """A real pointer click through the XTEST extension (no xdotool needed)."""
    import ctypes
    import ctypes.util

    xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XFlush.argtypes = [ctypes.c_void_p]
    xlib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    xtst.XTestFakeMotionEvent.argtypes = [
        ctypes.c_void_p,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_ulong,
    ]
    xtst.XTestFakeButtonEvent.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint,
        ctypes.c_int,
        ctypes.c_ulong,
    ]
    handle = xlib.XOpenDisplay(display.encode())
    if not handle:
        pytest.fail(f"cannot open display {display}")
    try:
        xtst.XTestFakeMotionEvent(handle, -1, x, y, 0)
        xtst.XTestFakeButtonEvent(handle, button, 1, 0)
        xtst.XTestFakeButtonEvent(handle, button, 0, 0)
        xlib.XSync(handle, 0)
    finally:
        xlib.XCloseDisplay(handle)


def tray_selection_owned(display: str) -> bool:
    """Whether a tray host owns _NET_SYSTEM_TRAY_S0: what isSystemTrayAvailable() asks X."""
    import ctypes
    import ctypes.util

    xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XInternAtom.restype = ctypes.c_ulong
    xlib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    xlib.XGetSelectionOwner.restype = ctypes.c_ulong
    xlib.XGetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    handle = xlib.XOpenDisplay(display.encode())
    if not handle:
        return False
    try:
        atom = xlib.XInternAtom(handle, b"_NET_SYSTEM_TRAY_S0", 0)
        return bool(xlib.XGetSelectionOwner(handle, atom))
    finally:
        xlib.XCloseDisplay(handle)
