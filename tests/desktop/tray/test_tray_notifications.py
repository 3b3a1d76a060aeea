"""The tray as the user gets it: a real process, a private D-Bus session with a recording
notification server, Xvfb, and the CLI changing data from another process."""

from __future__ import annotations

import functools
import html
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from afterview import paths
from afterview.store.database import open_database
from afterview.store.models import StepRow
from afterview.store.notices import forget_notices
from tests.desktop.conftest import XServer, screenshot, wait_until
from tests.desktop.tray.conftest import (
    NotificationServer,
    TrayProcess,
    afterview,
    quiet_db,
    scheduler_ran_again,
    snooze_soon,
    start_server,
)
from tests.desktop.tray.daemons import BusMonitor, Daemon, OtherApp

pytestmark = [pytest.mark.desktop, pytest.mark.slow]


def _step(data_dir: Path, kind: str) -> dict[str, Any]:
    listed = json.loads(afterview(data_dir, "steps", "--json", "--status", "pending"))
    return next(item for item in listed if item["kind"] == kind)


def _due_soon(data_dir: Path, step_id: int | str) -> None:
    """Due a few seconds from now: the command itself takes a second on a loaded machine."""
    snooze_soon(functools.partial(afterview, data_dir), step_id, seconds=5)


def _status(data_dir: Path, step_id: int) -> str:
    with open_database(paths.resolve(data_dir)) as db, db.read() as session:
        row = session.get(StepRow, step_id)
        assert row is not None
        return row.status


def test_a_snoozed_step_is_announced_once_on_time_and_done_works(
    tmp_path: Path,
    sample_json: Path,
    notification_server: NotificationServer,
    start_tray: Callable[..., TrayProcess],
) -> None:
    data_dir = tmp_path / "data"
    quiet_db(data_dir, sample_json)
    tray = start_tray(data_dir, notification_server.address)
    tray.wait_running()
    assert notification_server.calls() == []

    step = _step(data_dir, "thank_you")
    due = snooze_soon(functools.partial(afterview, data_dir), step["id"])

    wait_until(lambda: len(notification_server.calls()) >= 1, timeout=30, what="the notification")
    (call,) = notification_server.calls()
    print(f"announced {call['at'] - due.timestamp():.3f} s after the due instant")
    assert call["at"] >= due.timestamp(), "announced before it was due"
    assert call["at"] <= due.timestamp() + 1.0, f"late by {call['at'] - due.timestamp():.3f} s"
    # What and for whom, for which application, by when.
    assert call["summary"] == "Follow-up due"
    assert call["body"].startswith(f"{step['title']} — ")
    company = step["interview"]["company"].replace("&", "&amp;").replace("<", "&lt;")
    assert company.replace(">", "&gt;") in call["body"]
    assert f"due by {due.astimezone().strftime('%H:%M')}" in call["body"]
    assert Path(call["app_icon"]).is_absolute() and Path(call["app_icon"]).is_file()
    assert call["hints"]["desktop-entry"] == "org.afterview.Afterview"
    assert call["hints"]["urgency"] == 1
    # "Open" once, as the default action (the recording server is not notification-daemon).
    assert call["actions"] == ["done", "Done", "snooze", "Snooze 1 h", "default", "Open"]

    # Nothing more: no repeat, no summary, once the scheduler has run again.
    scheduler_ran_again(tray)
    assert len(notification_server.calls()) == 1

    notification_server.invoke(call["id"], "done")
    wait_until(lambda: _status(data_dir, step["id"]) == "done", timeout=30, what="step done")
    wait_until(lambda: "done from its notification" in tray.log, what="the tray to hear back")
    # Reminding runs on plain sqlite3, and done re-plans in an `afterview step` process:
    # SQLAlchemy's ~45 MiB never enter the tray.
    assert not tray.has_loaded("sqlalchemy")
    assert "Traceback" not in tray.stop()
    assert tray.process.returncode == 0  # SIGTERM: a clean exit, lock released


def test_a_name_with_markup_arrives_escaped_or_plain(
    tmp_path: Path,
    sample_json: Path,
    session_bus: str,
    start_tray: Callable[..., TrayProcess],
) -> None:
    name = "<b>Ann</b> & O'Hara"
    document = json.loads(sample_json.read_text(encoding="utf-8"))
    document["contacts"][0]["name"] = name
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(document), encoding="utf-8")
    for markup in (True, False):
        data_dir = tmp_path / f"data-{markup}"
        quiet_db(data_dir, edited)
        flags = () if markup else ("--no-markup",)
        server = start_server(session_bus, tmp_path / f"notify-{markup}.jsonl", *flags)
        try:
            tray = start_tray(data_dir, session_bus)
            tray.wait_running()
            listed = json.loads(afterview(data_dir, "steps", "--json"))
            step = next(item for item in listed if name in item["title"])
            _due_soon(data_dir, step["id"])
            wait_until(lambda s=server: len(s.calls()) >= 1, timeout=30, what="notification")
            body = server.calls()[0]["body"]
            if markup:
                assert "&lt;b&gt;Ann&lt;/b&gt; &amp; O'Hara" in body
                assert "<b>" not in body
            else:
                assert name in body
            tray.stop()
        finally:
            server.process.terminate()
            server.process.wait(timeout=10)


def test_steps_overdue_at_start_arrive_as_one_summary(
    tmp_path: Path,
    sample_json: Path,
    notification_server: NotificationServer,
    start_tray: Callable[..., TrayProcess],
) -> None:
    data_dir = tmp_path / "data"
    quiet_db(data_dir, sample_json)
    past = datetime.now(UTC) - timedelta(hours=3)
    with open_database(paths.resolve(data_dir)) as db, db.write() as session:
        rows = session.query(StepRow).filter(StepRow.status == "pending").limit(5).all()
        assert len(rows) == 5
        for row in rows:
            row.status, row.snoozed_until, row.notified_at = "snoozed", past, None
        forget_notices(session, [row.id for row in rows])  # as a snooze does
    tray = start_tray(data_dir, notification_server.address)
    tray.wait_running()
    wait_until(lambda: len(notification_server.calls()) >= 1, timeout=30, what="the summary")
    scheduler_ran_again(tray)  # and the overdue steps are not announced again one by one
    (call,) = notification_server.calls()
    assert call["summary"] == "5 follow-ups overdue"
    # Within four lines of 36 characters (dunst as shipped cut a longer summary off).
    lines = html.unescape(call["body"]).splitlines()  # as shown: the server reads markup
    assert len(lines) == 4 and lines[-1] == "and 2 more"
    assert all(len(line) <= 36 for line in lines)
    tray.stop()


def test_with_no_notification_server_the_chain_falls_back_and_the_tray_runs(
    tmp_path: Path,
    sample_json: Path,
    session_bus: str,
    trayer: str,
    start_tray: Callable[..., TrayProcess],
) -> None:
    data_dir = tmp_path / "data"
    quiet_db(data_dir, sample_json)
    tray = start_tray(data_dir, session_bus)
    tray.wait_running()
    log = tray.log
    assert "notifier freedesktop unavailable" in log
    assert "notifier plyer unavailable" in log
    step = _step(data_dir, "thank_you")
    _due_soon(data_dir, step["id"])
    # The last native resort: the tray icon's own balloon, with the Warning icon.
    wait_until(
        lambda: "announced Follow-up due via qt-tray" in tray.log,
        timeout=30,
        what="the announcement",
    )
    last = [b""]

    def settled() -> bool:
        data = screenshot(trayer, "tray-balloon").read_bytes()
        same = data == last[0]
        last[0] = data
        return same

    wait_until(settled, what="the balloon to paint")
    assert tray.process.poll() is None
    assert "Traceback" not in tray.stop()


def test_a_second_tray_says_already_running(
    tmp_path: Path,
    sample_json: Path,
    session_bus: str,
    start_tray: Callable[..., TrayProcess],
) -> None:
    data_dir = tmp_path / "data"
    quiet_db(data_dir, sample_json)
    first = start_tray(data_dir, session_bus)
    first.wait_running()
    second = subprocess.run(
        [sys.executable, "-m", "afterview", "tray"],
        env=first.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert second.returncode == 0
    assert "already running" in second.stdout
    assert first.process.poll() is None


@pytest.fixture
def bare_display() -> Iterator[str]:
    """An X server of this test's own, with no tray host on it."""
    server = XServer("800x600x24")
    yield server.display
    server.stop()


def test_without_a_tray_host_it_still_notifies_and_says_so_once(
    tmp_path: Path,
    sample_json: Path,
    notification_server: NotificationServer,
    start_tray: Callable[..., TrayProcess],
    bare_display: str,
) -> None:
    data_dir = tmp_path / "data"
    quiet_db(data_dir, sample_json)
    tray = start_tray(data_dir, notification_server.address, DISPLAY=bare_display)
    tray.wait_running()
    step = _step(data_dir, "debrief")
    _due_soon(data_dir, step["id"])
    wait_until(lambda: len(notification_server.calls()) >= 1, timeout=30, what="notification")
    assert notification_server.calls()[0]["body"].startswith(step["title"])
    assert tray.log.count("no system tray on this desktop") == 1
    assert "Traceback" not in tray.stop()


def test_a_quit_message_ends_the_tray_cleanly(
    tmp_path: Path,
    sample_json: Path,
    session_bus: str,
    start_tray: Callable[..., TrayProcess],
) -> None:
    """{"type": "quit"} (what a new version's installer or a test sends): exit 0, no
    traceback, the lock released so a new tray can start."""
    from afterview import ipc

    data_dir = tmp_path / "data"
    quiet_db(data_dir, sample_json)
    tray = start_tray(data_dir, session_bus)
    tray.wait_running()
    where = paths.resolve(data_dir)
    identity = ipc.instance_of(where.data_dir, where.database)
    assert identity is not None
    assert ipc.send(identity, "tray", {"type": "quit"})
    out, err = tray.process.communicate(timeout=60)
    assert tray.process.returncode == 0, err
    assert "Traceback" not in out + err, err
    again = start_tray(data_dir, session_bus)
    again.wait_running()


def test_another_programs_action_under_our_id_leaves_the_step_pending(
    tmp_path: Path,
    sample_json: Path,
    session_bus: str,
    daemon: Daemon,
    bus_monitor: BusMonitor,
    start_tray: Callable[..., TrayProcess],
) -> None:
    """Issue 13's id-reuse attack on the running tray, with the recording server and with
    dunst: a program claims our id; then the server restarts while our reminder is shown,
    numbers from 1 again, and a mail program's "Archive" (action key "done") under our id is
    clicked. Our step stays as it was. A reminder due while the server was away went
    in-app; the next one, after it came back, goes to it at once."""
    data_dir = tmp_path / "data"
    quiet_db(data_dir, sample_json)
    listed = json.loads(afterview(data_dir, "steps", "--json", "--status", "pending"))
    first, away, back = (item["id"] for item in listed[:3])
    daemon.start()
    tray = start_tray(data_dir, session_bus)
    tray.wait_running()
    _due_soon(data_dir, first)
    wait_until(lambda: len(bus_monitor.from_app("Afterview")) == 1, what="the first reminder")
    (ours,) = bus_monitor.from_app("Afterview")
    before = _status(data_dir, first)
    other = OtherApp(session_bus)
    try:
        other.emit("ActionInvoked", "us", (ours.id, "done"))
        wait_until(
            lambda: f"ignored ActionInvoked for id {ours.id} from {other.unique_name}" in tray.log,
            what="the tray to ignore the forged action",
        )
        daemon.stop()
        _due_soon(data_dir, away)
        wait_until(lambda: "via in-app" in tray.log, what="a reminder while the server is away")
        daemon.start()
        wait_until(
            lambda: f"notification service back on the bus: {daemon.unique_name}" in tray.log,
            what="the tray to see the server back",
        )
        theirs = other.notify("3 new messages", ["done", "Archive"])
        assert theirs == ours.id  # the premise: the new server reuses our id
        daemon.invoke(theirs, "done")
        _due_soon(data_dir, back)
        wait_until(lambda: len(bus_monitor.from_app("Afterview")) == 2, what="the next reminder")
        later = bus_monitor.from_app("Afterview")[1]
        assert later.server == daemon.unique_name
        # Its action, which the server sent after the mail program's: once it is done, the
        # other has been seen.
        daemon.invoke(later.id, "done")
        wait_until(lambda: _status(data_dir, back) == "done", timeout=30, what="step done")
    finally:
        other.close()
    wait_until(lambda: f"step {back} done from its notification" in tray.log, what="done")
    assert _status(data_dir, first) == before != "done"
    assert f"step {first} done" not in tray.log
    assert "Traceback" not in tray.stop()
