"""The bus a screen reader listens on, and the window read over it once per module.

A private D-Bus session bus (as tests/desktop/tray/conftest.py makes one), the AT-SPI bus
started on it by Debian's at-spi-bus-launcher (at-spi2-core), the window walked stop by stop
(drive_window.py) and, for each stop, its accessibility tree read by walk_tree.py with the
system Python's pyatspi (python3-pyatspi), as Orca reads it.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.desktop.conftest import wait_until
from tests.desktop.tray.conftest import BUS_CONFIG
from tests.needs import need

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
SYSTEM_PYTHON = "/usr/bin/python3"
#: Qt's AT-SPI bridge says this on every start; it is harmless (the lead's probe).
HARMLESS = 'applicationInterface does not implement "GetApplicationBusAddress"'


@dataclass
class StopSeen:
    """One stop of the walk: what the window said about itself, and the tree AT-SPI read."""

    stop: str
    object_names: set[str]
    errors: list[dict[str, Any]]
    announce: list[str]
    nodes: list[dict[str, Any]]
    heard: list[str] = field(default_factory=list)


@dataclass
class Walk:
    stops: list[StopSeen]
    stderr: str


class Lines:
    """A child process spoken to one line at a time (its answers are JSON lines)."""

    def __init__(self, process: subprocess.Popen[str], what: str) -> None:
        self.process = process
        self.what = what

    def read(self) -> Any:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            error = self.process.stderr.read() if self.process.stderr is not None else ""
            pytest.fail(f"{self.what} stopped: {error[-3000:]}")
        return json.loads(line) if line.strip() not in ("ready", "") else line.strip()

    def send(self, text: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()


def plain(text: str) -> str:
    """A message without the sign shown before it (the sign is not the words)."""
    return text.strip().lstrip("✕⚠✓✗!").strip()


def expected_announcements(stop: StopSeen) -> list[str]:
    """What the stop's action must have announced: its confirmation and its errors."""
    errors = {plain(text) for error in stop.errors for text in error["texts"]}
    return [*stop.announce, *sorted(errors)]


def unheard(stop: StopSeen) -> list[str]:
    return [
        text
        for text in expected_announcements(stop)
        if not any(plain(text) in h or (plain(h) and plain(h) in text) for h in stop.heard)
    ]


def _a11y_bus_up(env: dict[str, str]) -> bool:
    result = subprocess.run(
        ["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus", "/org/a11y/bus",
         "org.a11y.Bus.GetAddress"],
        env=env, capture_output=True, text=True, timeout=10,
    )  # fmt: skip
    return result.returncode == 0 and "unix:" in result.stdout


def read_tree(walker: Lines, said: dict[str, Any]) -> dict[str, Any]:
    """The tree at this stop, once two readings in a row agree and the stop's dialog or menu
    is on it: the bridge tells AT-SPI of new windows and rebuilt pages a moment later, and a
    reading in between misses whole pages."""
    tree: dict[str, Any] = {"nodes": []}

    def settled() -> bool:
        nonlocal tree
        walker.send(f"walk {said['pid']}")
        last, tree = tree, walker.read()
        assert "error" not in tree, f"{said['stop']}: {tree['error']}"
        same = [n["path"] for n in last["nodes"]] == [n["path"] for n in tree["nodes"]]
        return same and (
            not said["expect"]
            or any(n["role"] == said["expect"] and "showing" in n["states"] for n in tree["nodes"])
        )

    wait_until(settled, timeout=15, what=f"a settled tree on AT-SPI at {said['stop']}")
    return tree


@pytest.fixture(scope="module")
def walk(xvfb: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Walk]:
    """Every stop of the window, each with the tree a screen reader reads at that moment."""
    need("dbus-daemon", "dbus-send", package="dbus")
    for tool, package in ((LAUNCHER, "at-spi2-core"), (SYSTEM_PYTHON, "python3-pyatspi")):
        if not Path(tool).exists():
            pytest.skip(f"{tool} not installed (Debian package {package})")
    check = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True)
    if check.returncode != 0:
        pytest.skip("pyatspi not importable by the system Python (Debian package python3-pyatspi)")

    tmp = tmp_path_factory.mktemp("a11y")
    config = tmp / "bus.conf"
    config.write_text(BUS_CONFIG.format(dir=tmp), encoding="utf-8")
    started: list[subprocess.Popen[str]] = []
    try:
        bus = subprocess.Popen(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        started.append(bus)
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        assert address, "dbus-daemon did not start"
        env = {
            **os.environ,
            "DISPLAY": xvfb,
            "DBUS_SESSION_BUS_ADDRESS": address,
            "QT_QPA_PLATFORM": "xcb",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "QT_ACCESSIBILITY": "1",
            "NO_AT_BRIDGE": "0",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
            "AFTERVIEW_DATA_DIR": str(tmp / "data"),
        }
        launcher = subprocess.Popen(
            [LAUNCHER, "--launch-immediately"], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        started.append(launcher)
        wait_until(lambda: _a11y_bus_up(env), what="the AT-SPI bus on the session bus")

        walker_process = subprocess.Popen(
            [SYSTEM_PYTHON, str(HERE / "walk_tree.py")], env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        started.append(walker_process)
        walker = Lines(walker_process, "the AT-SPI walker")
        assert walker.read() == "ready"

        app_process = subprocess.Popen(
            [sys.executable, str(HERE / "drive_window.py"), str(tmp / "data")], env=env,
            text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        started.append(app_process)
        app = Lines(app_process, "the window")
        seen: list[StopSeen] = []
        while True:
            said = app.read()
            if said.get("done"):
                break
            tree = read_tree(walker, said)
            walker.send("announcements")
            heard = walker.read()
            stop = StopSeen(
                said["stop"], set(said["object_names"]), said["errors"], said["announce"],
                tree["nodes"], heard,
            )  # fmt: skip
            if expected_announcements(stop):
                # The event left the window before it printed the stop; the walker may hear
                # it a moment later: wait for it (or for the time out, reported by the test).
                def all_heard(stop: StopSeen = stop) -> bool:
                    walker.send("announcements")
                    stop.heard.extend(walker.read())
                    return not unheard(stop)

                # Not heard in time: the test names what is missing.
                with contextlib.suppress(pytest.fail.Exception):
                    wait_until(all_heard, timeout=5, what="announcements")
            seen.append(stop)
            app.send("next")
        app_process.wait(timeout=30)
        stderr = app_process.stderr.read() if app_process.stderr is not None else ""
        # The whole walk, for a person reading a failure (AFTERVIEW_A11Y_DUMP=path).
        dump = os.environ.get("AFTERVIEW_A11Y_DUMP")
        if dump:
            Path(dump).write_text(
                json.dumps([{**vars(s), "object_names": sorted(s.object_names)} for s in seen]),
                encoding="utf-8",
            )
        yield Walk(seen, stderr)
    finally:
        for process in reversed(started):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
