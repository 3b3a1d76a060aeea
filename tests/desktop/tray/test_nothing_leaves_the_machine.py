"""Nothing leaves the machine, proven: the window and the tray go through a whole day's work
under ``strace -f``, and every address any of their processes connected or sent to is a
local one (a Unix socket, loopback, the kernel).

The scenario: a JSON import, the window opened on the data, the tray started with a
notification server on a private session bus, a step snoozed to fall due, the tray's
notification, "Done" clicked on it (the tray runs ``afterview step done``), a letter saved as
PDF, and both processes asked to quit. Every ``afterview`` process runs under strace, and
``-f`` follows the processes and threads they start.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from afterview import ipc, paths
from afterview.store.database import open_database
from afterview.store.models import StepNoticeRow, StepRow
from tests.desktop.conftest import screenshot, wait_until
from tests.desktop.tray.conftest import NotificationServer, snooze_soon
from tests.desktop.window.x11 import close_window, window_id
from tests.needs import need

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

#: connect() and the calls that can carry a destination of their own (UDP needs no connect).
SYSCALLS = "connect,sendto,sendmsg,sendmmsg"
CALL = re.compile(r"^(?P<pid>\d+)\s+(?P<call>connect|sendto|sendmsg|sendmmsg)\(")
FAMILY = re.compile(r"sa_family=(AF_[A-Z0-9]+)")
#: Families that cannot leave the machine: Unix sockets, the kernel (netlink), and
#: AF_UNSPEC (a connect() that dissolves a UDP association).
LOCAL_FAMILIES = {"AF_UNIX", "AF_NETLINK", "AF_UNSPEC"}
LOOPBACK = (
    re.compile(r'inet_addr\("127\.\d+\.\d+\.\d+"\)'),
    re.compile(r'inet_pton\(AF_INET6, "(::1|::ffff:127\.\d+\.\d+\.\d+)"'),
)


def outside_addresses(log: str) -> list[str]:
    """The traced calls whose destination is not on this machine."""
    leaving = []
    for line in log.splitlines():
        if not CALL.match(line):
            continue
        for family in FAMILY.findall(line):
            if family in LOCAL_FAMILIES:
                continue
            if family in ("AF_INET", "AF_INET6") and any(p.search(line) for p in LOOPBACK):
                continue
            leaving.append(line)
    return leaving


def unix_peers(log: str) -> set[str]:
    """The Unix socket paths connected to ("@" for the abstract namespace)."""
    return set(re.findall(r'connect\(\d+, \{sa_family=AF_UNIX, sun_path=(@?"[^"]*")', log))


def test_the_parser_tells_local_from_outside() -> None:
    """The log parser itself, on lines as strace 6 writes them (it must not pass everything)."""
    log = "\n".join(
        [
            '101 connect(3, {sa_family=AF_UNIX, sun_path=@"/tmp/.X11-unix/X7"}, 20) = 0',
            "101 connect(4, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("
            '"127.0.0.1")}, 16) = 0',
            "101 connect(5, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), "
            'inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
            '101 connect(6, {sa_family=AF_UNSPEC, sa_data=""}, 16) = 0',
            "102 connect(7, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("
            '"192.0.2.1")}, 16 <unfinished ...>',
            '102 sendto(8, "\\1\\2", 2, 0, {sa_family=AF_INET, sin_port=htons(53), '
            'sin_addr=inet_addr("9.9.9.9")}, 16) = 2',
            "103 sendmsg(9, {msg_name={sa_family=AF_INET6, sin6_port=htons(443), "
            'inet_pton(AF_INET6, "2001:db8::1", &sin6_addr)}, msg_namelen=28}, 0) = 5',
            '104 sendto(3, "x", 1, MSG_NOSIGNAL, NULL, 0) = 1',
            "105 +++ exited with 0 +++",
        ]
    )
    leaving = outside_addresses(log)
    assert [line.split()[0] + " " + line.split()[1][:7] for line in leaving] == [
        "102 connect",
        "102 sendto(",
        "103 sendmsg",
    ]
    assert unix_peers(log) == {'@"/tmp/.X11-unix/X7"'}


@dataclass
class Traced:
    """Runs ``afterview`` commands and processes under strace, one log per command."""

    folder: Path
    env: dict[str, str]
    data_dir: Path
    count: int = 0

    def command(self, *args: str) -> list[str]:
        self.count += 1
        log = self.folder / f"{self.count:02d}-{args[0] if args else 'window'}.strace"
        return [
            "strace", "-f", "--seccomp-bpf", "-qq", "-e", f"trace={SYSCALLS}",
            "-e", "signal=none", "-o", str(log),
            sys.executable, "-m", "afterview", "--data-dir", str(self.data_dir), *args,
        ]  # fmt: skip

    def run(self, *args: str) -> str:
        result = subprocess.run(
            self.command(*args), env=self.env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            self.command(*args),
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def logs(self) -> dict[str, str]:
        return {p.name: p.read_text(errors="replace") for p in sorted(self.folder.glob("*"))}


@pytest.fixture
def traced(tmp_path: Path, trayer: str, notification_server: NotificationServer) -> Traced:
    need("strace", package="strace")
    folder = tmp_path / "strace"
    folder.mkdir()
    data_dir = tmp_path / "data"
    env = {
        **os.environ,
        "DISPLAY": trayer,
        "QT_QPA_PLATFORM": "xcb",
        "AFTERVIEW_DATA_DIR": str(data_dir),
        "DBUS_SESSION_BUS_ADDRESS": notification_server.address,
    }
    return Traced(folder, env, data_dir)


def _traced_pid(strace: subprocess.Popen[str]) -> int:
    """The process strace started (its one child)."""
    children = Path(f"/proc/{strace.pid}/task/{strace.pid}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def _stop(strace: subprocess.Popen[str], how: Callable[[int], None]) -> str:
    """Stop the traced process the way its user would (strace ends with it); kill if need be."""
    try:
        if strace.poll() is None:
            how(_traced_pid(strace))
        _out, err = strace.communicate(timeout=60)
    finally:
        if strace.poll() is None:
            strace.kill()
            strace.communicate()
    return err


def _close(display: str) -> None:
    window = window_id(display, "Afterview")
    if window is not None:
        close_window(display, window)


def test_a_whole_scenario_connects_to_nothing_but_local_sockets(
    traced: Traced,
    trayer: str,
    notification_server: NotificationServer,
    sample_document: dict[str, Any],
    tmp_path: Path,
) -> None:
    data_dir = traced.data_dir
    where = paths.resolve(data_dir)
    document = {**sample_document, "settings": {"quiet_hours": ["00:00", "00:00"]}}
    source = tmp_path / "interviews.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    traced.run("import", "json", str(source))
    # A calm start: what is already due was announced yesterday (the test's own write).
    with open_database(where) as db, db.write() as session:
        for row in session.query(StepRow):
            row.notified_at = datetime.now(UTC) - timedelta(days=1)
            # ... on every computer (issue 16 keeps "notified" per computer)
            session.add(StepNoticeRow(step_id=row.id, computer="*", notified_at=row.notified_at))

    tray = traced.start("tray")
    window = traced.start()
    try:
        log = data_dir / "logs" / "tray.log"
        wait_until(
            lambda: (log.exists() and "tray running" in log.read_text()) or tray.poll() is not None,
            timeout=60,
            what="the tray to start",
        )
        assert tray.poll() is None, tray.communicate()[1]
        wait_until(
            lambda: window_id(trayer, "Afterview") is not None or window.poll() is not None,
            timeout=60,
            what="the window",
        )
        assert window.poll() is None, window.communicate()[1]
        running = data_dir / "running"
        wait_until(lambda: running.is_dir() and any(running.iterdir()), what="the data loaded")
        last = [b""]

        def settled() -> bool:
            shot = screenshot(trayer, "offline-window").read_bytes()
            same, last[0] = shot == last[0], shot
            return same

        wait_until(settled, what="the window to paint the data")

        pending = json.loads(traced.run("steps", "--json", "--status", "pending"))
        step = next(item for item in pending if item["kind"] == "thank_you")
        snooze_soon(traced.run, step["id"], seconds=2)
        wait_until(lambda: bool(notification_server.calls()), timeout=30, what="the notification")
        (call,) = notification_server.calls()
        assert call["body"].startswith(step["title"])

        notification_server.invoke(call["id"], "done")
        wait_until(
            lambda: "done from its notification" in log.read_text(), what="the step to be done"
        )
        done = json.loads(traced.run("steps", "--json", "--status", "done"))
        assert step["id"] in [item["id"] for item in done]

        pdf = tmp_path / "thanks.pdf"
        traced.run(
            "letter", "--interview", "acme-1", "--person", "Laura Chen",
            "--template", "thank_you_letter", "--pdf", str(pdf),
        )  # fmt: skip
        assert pdf.read_bytes().startswith(b"%PDF")
    finally:
        # The window's close button; the session's end for the tray (SIGTERM).
        window_errors = _stop(window, lambda _pid: _close(trayer))
        tray_errors = _stop(tray, lambda pid: os.kill(pid, signal.SIGTERM))
    assert window.returncode == 0, window_errors
    assert tray.returncode == 0, tray_errors
    assert "Traceback" not in window_errors + tray_errors

    logs = traced.logs()
    # strace saw the processes talk: the window and the tray to the X server, the tray to
    # the session bus, the CLI and the tray's step process to the running tray and window.
    display = trayer.lstrip(":")
    x_server = {f'@"/tmp/.X11-unix/X{display}"', f'"/tmp/.X11-unix/X{display}"'}
    bus = re.search(r"path=([^,]+)", notification_server.address)
    tray_log = next(text for name, text in logs.items() if name.endswith("-tray.strace"))
    window_log = next(text for name, text in logs.items() if name.endswith("-window.strace"))
    assert unix_peers(window_log) & x_server, unix_peers(window_log)
    assert unix_peers(tray_log) & x_server, unix_peers(tray_log)
    if bus is not None:
        assert f'"{bus.group(1)}"' in unix_peers(tray_log), unix_peers(tray_log)
    identity = ipc.instance_of(where.data_dir, where.database)
    assert identity is not None
    tray_socket = f'"{ipc.address(identity, "tray")}"'
    window_socket = f'"{ipc.address(identity, "window")}"'
    snooze_log = next(text for name, text in logs.items() if name.endswith("-step.strace"))
    assert tray_socket in unix_peers(snooze_log)
    assert window_socket in unix_peers(tray_log)  # "changed", after the step process ran
    # -f follows the `afterview step done` process the tray starts: it tells the tray.
    assert tray_socket in unix_peers(tray_log)

    leaving = {name: outside_addresses(text) for name, text in logs.items()}
    assert not any(leaving.values()), json.dumps(leaving, indent=1)
