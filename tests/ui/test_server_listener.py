"""The window's and the tray's ear on a PostgreSQL server (issue 16 §3): a NOTIFY wakes the
listener through its socket, only its own schema's, with no timer running while connected
(no polling); a dropped connection is said once and comes back, reporting everything
changed; and the window reloads another computer's write as it does another process's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.paths import Paths
from afterview.store.api import open_store
from afterview.store.database import open_database
from afterview.store.postgres import Server
from afterview.store.server_changes import notify, payload
from afterview.store.server_choice import server_for
from afterview.ui.server_listener import EVERYTHING, ServerListener, listener_for

HERE, THERE = "a" * 32, "b" * 32


@pytest.fixture
def on_server(pg_cluster: Any, tmp_path: Path) -> Iterator[Paths]:
    name = f"listen_{os.getpid()}_{abs(hash(tmp_path)) % 10**8}"
    pg_cluster.create_database(name)
    uri = pg_cluster.uri(name)
    base = paths.resolve(tmp_path / "data", database=uri)
    open_database(base).close()
    try:
        yield base
    finally:
        pg_cluster.drop_database(name)


@pytest.fixture
def server(on_server: Paths) -> Server:
    found = server_for(on_server)
    assert found is not None
    return found


@pytest.fixture
def listener(server: Server, qtbot: QtBot) -> Iterator[ServerListener]:
    heard = ServerListener(server, HERE)
    heard.start()
    assert heard.listening
    yield heard
    heard.close()


def active_timers(listener: ServerListener) -> list[QTimer]:
    return [timer for timer in listener.findChildren(QTimer) if timer.isActive()]


def send(server: Server, kinds: list[str], computer: str = THERE) -> None:
    with server.connect(autocommit=True) as connection:
        notify(connection, kinds, computer)


def test_a_notify_wakes_the_socket_and_nothing_polls(
    listener: ServerListener, server: Server, qtbot: QtBot
) -> None:
    heard: list[dict[str, Any]] = []
    listener.changed.connect(heard.append)
    assert active_timers(listener) == []  # connected: nothing but the socket wakes it
    for n in range(5):
        send(server, ["steps"] if n % 2 else ["interviews"])
    qtbot.waitUntil(lambda: len(heard) == 5, timeout=10_000)
    assert [m["kinds"] for m in heard] == [["interviews"], ["steps"]] * 2 + [["interviews"]]
    assert {m["computer"] for m in heard} == {THERE}
    assert 1 <= listener.wakeups <= 5
    woke = listener.wakeups
    # Another job seeker's schema on the same server: another channel, no wake-up.
    with server.connect(autocommit=True) as connection:
        connection.execute(
            "SELECT pg_notify(%s, %s)",
            ("afterview_changes_0000000000000000", payload(["steps"], "ann", THERE)),
        )
    # Its own message (this process, this computer): read, never reported.
    with server.connect(autocommit=True) as connection:
        connection.execute(
            "SELECT pg_notify(%s, %s)",
            (listener.channel, payload(["steps"], "public", HERE, os.getpid())),
        )
    send(server, ["contacts"])
    qtbot.waitUntil(lambda: len(heard) == 6, timeout=10_000)
    assert heard[-1]["kinds"] == ["contacts"]
    assert listener.wakeups - woke <= 2  # its own and the last; not the other schema's
    assert active_timers(listener) == []


def test_a_lost_connection_is_said_once_and_comes_back(
    listener: ServerListener, server: Server, pg_cluster: Any, qtbot: QtBot
) -> None:
    lost: list[object] = []
    heard: list[dict[str, Any]] = []
    listener.lost.connect(lost.append)
    listener.changed.connect(heard.append)
    pg_cluster.down()
    try:
        qtbot.waitUntil(lambda: len(lost) == 1, timeout=10_000)
        assert not listener.listening
        assert active_timers(listener)  # the retry: a timer only while disconnected
    finally:
        pg_cluster.up()
    with qtbot.waitSignal(listener.back, timeout=30_000):
        pass
    assert heard == [EVERYTHING]  # what was sent meanwhile is lost: reload everything
    assert len(lost) == 1
    assert active_timers(listener) == []
    send(server, ["steps"])
    qtbot.waitUntil(lambda: len(heard) == 2, timeout=10_000)


def test_the_window_hears_another_computers_write(on_server: Paths, qtbot: QtBot) -> None:
    """listener_for, as the window's run() wires it: a write through the store on another
    computer (another config directory) arrives as the window's "changed" message."""
    heard: list[dict[str, Any]] = []
    listener = listener_for(on_server)
    assert listener is not None
    listener.changed.connect(heard.append)
    other = Paths(
        data_dir=on_server.data_dir.parent / "other",
        config_dir=on_server.data_dir.parent / "other-config",
        backup_dir=on_server.backup_dir,
        database_target=on_server.database_target,
    )
    try:
        with open_store(other) as store:
            values = {"company": "Acme", "position": "Engineer", "time_zone": "UTC"}
            store.interviews.create({**values, "start": datetime(2026, 12, 1, 10, 0)})
        qtbot.waitUntil(lambda: bool(heard), timeout=10_000)
        assert "interviews" in heard[0]["kinds"]
    finally:
        listener.close()


def test_a_file_has_no_server_listener(tmp_path: Path) -> None:
    assert listener_for(paths.resolve(tmp_path / "data")) is None
