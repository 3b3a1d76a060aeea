"""The tray on a PostgreSQL server, as the user gets it (issue 16 §3): a real tray process
on one "computer" (its own data directory, so its own computer id), a private D-Bus session
with the recording notification server, and the CLI of another computer marking the shown
step done: the notification is withdrawn (CloseNotification) within seconds, by NOTIFY, with
no local message between the two."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.desktop.conftest import wait_until
from tests.desktop.tray.conftest import (
    NotificationServer,
    TrayProcess,
    afterview,
    quiet_db,
    snooze_soon,
)
from tests.desktop.tray.daemons import BusMonitor

pytestmark = [pytest.mark.desktop, pytest.mark.slow]


@pytest.fixture
def on_server(pg_cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A new database on the test server, chosen for this process and the ones it starts."""
    name = f"tray_{os.getpid()}_{abs(hash(tmp_path)) % 10**8}"
    pg_cluster.create_database(name)
    uri = pg_cluster.uri(name)
    monkeypatch.setenv("AFTERVIEW_DATABASE", uri)
    try:
        yield uri
    finally:
        pg_cluster.drop_database(name)


def test_a_step_done_on_another_computer_withdraws_its_notification(
    tmp_path: Path,
    sample_json: Path,
    on_server: str,
    notification_server: NotificationServer,
    bus_monitor: BusMonitor,
    start_tray: Callable[..., TrayProcess],
) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    quiet_db(laptop, sample_json)
    tray = start_tray(laptop, notification_server.address, AFTERVIEW_DATABASE=on_server)
    tray.wait_running()
    wait_until(lambda: "wake (start)" in tray.log, what="the tray's first plan")
    assert notification_server.calls() == []
    assert not tray.has_loaded("sqlalchemy")  # psycopg alone, as on a file sqlite3 alone

    listed = json.loads(afterview(desktop, "steps", "--json", "--status", "pending"))
    step = next(item for item in listed if item["kind"] == "thank_you")
    # The other computer moves the step to a few seconds from now: the tray hears it by
    # NOTIFY (the two data directories share no local socket) and announces it on time.
    due = snooze_soon(functools.partial(afterview, desktop), step["id"])
    wait_until(lambda: len(notification_server.calls()) >= 1, timeout=30, what="the notification")
    (call,) = notification_server.calls()
    assert call["summary"] == "Follow-up due"
    assert call["at"] <= due.timestamp() + 1.0, f"late by {call['at'] - due.timestamp():.3f} s"
    wait_until(lambda: len(bus_monitor.shown) >= 1, what="the server's reply with the id")
    shown_id = bus_monitor.shown[0].id

    afterview(desktop, "step", "done", str(step["id"]))
    wait_until(
        lambda: any(closed == shown_id for _c, _s, closed in bus_monitor.closes),
        timeout=15,
        what="CloseNotification for the step done elsewhere",
    )
    assert "withdrawing" in tray.log
    assert len(notification_server.calls()) == 1  # nothing announced again


def test_two_computers_trays_each_announce_a_step_once(
    tmp_path: Path,
    sample_json: Path,
    on_server: str,
    notification_server: NotificationServer,
    bus_monitor: BusMonitor,
    start_tray: Callable[..., TrayProcess],
) -> None:
    """Two trays (two data directories, so two computer ids) on one server database: the
    first to fire does not silence the other, and neither says it twice."""
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    quiet_db(laptop, sample_json)
    trays = [start_tray(where, notification_server.address) for where in (laptop, desktop)]
    for tray in trays:
        tray.wait_running()
        wait_until(lambda tray=tray: "wake (start)" in tray.log, what="the tray's first plan")
    assert notification_server.calls() == []

    listed = json.loads(afterview(laptop, "steps", "--json", "--status", "pending"))
    step = next(item for item in listed if item["kind"] == "thank_you")
    snooze_soon(functools.partial(afterview, laptop), step["id"])
    wait_until(lambda: len(bus_monitor.shown) >= 2, timeout=30, what="both trays' notifications")
    assert len({shown.client for shown in bus_monitor.shown}) == 2  # one from each tray
    # Each plans again (a change on the server reaches both): nothing is said a second time.
    other = next(item for item in listed if item["id"] != step["id"])
    afterview(desktop, "step", "skip", str(other["id"]))
    for tray in trays:
        wait_until(lambda tray=tray: tray.log.count("wake (changed)") >= 2, what="a re-plan")
    assert len(notification_server.calls()) == 2
    assert {call["summary"] for call in notification_server.calls()} == {"Follow-up due"}
