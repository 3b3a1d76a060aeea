"""The freedesktop backend against a real (private) bus: the recording server, a real dunst
and GNOME's notification-daemon, with another program on the same bus playing tricks."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from afterview.notify import message
from afterview.notify.base import NotifierUnavailable
from afterview.notify.freedesktop import FreedesktopNotifier
from afterview.notify.message import STEP_ACTIONS, Notification
from afterview.store.reminders import Reminder
from tests.desktop.conftest import wait_until
from tests.desktop.tray.conftest import NotificationServer, start_server
from tests.desktop.tray.daemons import (
    BusMonitor,
    Daemon,
    Dunst,
    NotificationDaemon,
    OtherApp,
    Shown,
)

pytestmark = pytest.mark.desktop

NOTE = Notification(
    summary="Follow-up due",
    body="Thank-you note to <b>Ann</b> & O'Hara — A&B <Labs> — due by 15:00",
    step_ids=(42,),
    actions=STEP_ACTIONS,
)
LATER = Notification(
    summary="Follow-up due", body="Debrief — Acme", step_ids=(43,), actions=STEP_ACTIONS
)
#: What the spec's servers get: "Open" once, as the default action.
ACTIONS = ["done", "Done", "snooze", "Snooze 1 h", "default", "Open"]

Invoked = list[tuple[Notification, str]]


@pytest.fixture
def invoked() -> Invoked:
    return []


@pytest.fixture
def notifier(
    session_bus: str, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> Iterator[list[FreedesktopNotifier]]:
    """The backends a test makes (with :func:`make`, once its server runs), closed after."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus)
    made: list[FreedesktopNotifier] = []
    yield made
    for one in made:
        one.close()


def make(made: list[FreedesktopNotifier], invoked: Invoked) -> FreedesktopNotifier:
    notifier = FreedesktopNotifier(lambda n, key: invoked.append((n, key)))
    made.append(notifier)
    return notifier


def shown(monitor: BusMonitor, count: int = 1) -> list[Shown]:
    """Afterview's notifications, once the monitor has seen ``count`` answered."""
    wait_until(lambda: len(monitor.from_app("Afterview")) >= count, what="Notify on the bus")
    return monitor.from_app("Afterview")


def test_notify_sends_what_the_spec_asks_and_actions_come_back(
    notification_server: NotificationServer,
    bus_monitor: BusMonitor,
    notifier: list[FreedesktopNotifier],
    invoked: Invoked,
    qtbot: QtBot,
) -> None:
    backend = make(notifier, invoked)
    assert backend.markup and "actions" in backend.capabilities
    backend.notify(NOTE)
    (call,) = notification_server.calls()
    assert call["app_name"] == "Afterview"
    assert call["summary"] == "Follow-up due"
    assert call["body"] == (
        "Thank-you note to &lt;b&gt;Ann&lt;/b&gt; &amp; O'Hara — A&amp;B &lt;Labs&gt; "
        "— due by 15:00"
    )
    assert call["actions"] == ACTIONS
    assert Path(call["app_icon"]).is_absolute()
    assert call["hints"] == {
        "urgency": 1,
        "desktop-entry": "org.afterview.Afterview",
        "category": "reminder",
    }
    notification_server.invoke(call["id"], "snooze")
    qtbot.waitUntil(lambda: len(invoked) == 1, timeout=10_000)
    assert invoked == [(NOTE, "snooze")]
    # Handled, then taken off the screen: closed at the server that showed it.
    (ours,) = shown(bus_monitor)
    wait_until(lambda: len(bus_monitor.closes) == 1, what="CloseNotification")
    assert bus_monitor.closes == [(ours.client, ours.server, call["id"])]
    notification_server.invoke(999, "done")  # not ours: ignored
    notification_server.invoke(call["id"], "done")  # its action was handled: no second one
    # The bus delivers one sender's signals in order: once an action on a later
    # notification has come back, the two above have been seen, and must have been ignored.
    backend.notify(LATER)
    later = notification_server.calls()[-1]
    assert later["id"] != call["id"]
    notification_server.invoke(later["id"], "default")
    qtbot.waitUntil(lambda: len(invoked) > 1, timeout=10_000)
    assert invoked == [(NOTE, "snooze"), (LATER, "default")]


def test_an_action_or_close_from_another_program_is_ignored(
    daemon: Daemon,
    session_bus: str,
    bus_monitor: BusMonitor,
    notifier: list[FreedesktopNotifier],
    invoked: Invoked,
    qtbot: QtBot,
) -> None:
    """The id-reuse attack's first half: a program that is not the server claims our id."""
    daemon.start()
    backend = make(notifier, invoked)
    backend.notify(NOTE)
    (ours,) = shown(bus_monitor)
    assert ours.server == daemon.unique_name
    other = OtherApp(session_bus)
    try:
        other.emit("ActionInvoked", "us", (ours.id, "done"))
        other.emit("NotificationClosed", "uu", (ours.id, 2))  # would make us forget it
    finally:
        other.close()
    # The server's own action, sent after the forgeries reached us: it comes after them.
    daemon.invoke(ours.id, "snooze")
    qtbot.waitUntil(lambda: len(invoked) >= 1, timeout=20_000)
    assert invoked == [(NOTE, "snooze")]
    wait_until(lambda: bus_monitor.closes != [], what="CloseNotification")
    assert bus_monitor.closes == [(ours.client, daemon.unique_name, ours.id)]
    if isinstance(daemon, Dunst):  # dunst keeps a notification after a menu action
        wait_until(lambda: daemon.displayed() == 0, what="dunst to close it")


def test_after_a_restart_another_programs_notification_under_our_id_is_not_ours(
    daemon: Daemon,
    session_bus: str,
    bus_monitor: BusMonitor,
    notifier: list[FreedesktopNotifier],
    invoked: Invoked,
    qtbot: QtBot,
) -> None:
    """The id-reuse attack: the server restarts, numbers from 1 again, shows a mail
    program's "Archive" (action key "done") under our id, and the user clicks it."""
    daemon.start()
    backend = make(notifier, invoked)
    backend.notify(NOTE)
    (ours,) = shown(bus_monitor)
    first_server = daemon.unique_name
    daemon.stop()
    daemon.start()
    other = OtherApp(session_bus)
    try:
        theirs = other.notify("3 new messages", ["done", "Archive"])
        assert theirs == ours.id  # the premise: the new server reuses the id
        daemon.invoke(theirs, "done")
        # The next notification goes to the new server, and its action counts.
        backend.notify(LATER)
        ours, later = shown(bus_monitor, 2)
        assert (ours.server, later.server) == (first_server, daemon.unique_name)
        daemon.invoke(later.id, "default")
        qtbot.waitUntil(lambda: len(invoked) >= 1, timeout=20_000)
    finally:
        other.close()
    assert invoked == [(LATER, "default")]
    # Only the new notification was closed: never the mail program's under our old id.
    wait_until(lambda: bus_monitor.closes != [], what="CloseNotification")
    assert bus_monitor.closes == [(later.client, daemon.unique_name, later.id)]


def test_a_visible_open_button_goes_to_notification_daemon_and_not_to_dunst(
    notification_daemon: NotificationDaemon,
    session_bus: str,
    xvfb: str,
    tmp_path: Path,
    bus_monitor: BusMonitor,
    notifier: list[FreedesktopNotifier],
    invoked: Invoked,
) -> None:
    """notification-daemon shows a button for every action but "default" (a click on the
    bubble runs that): it alone gets "open" as well. dunst lists "default" in its menu."""
    backend = make(notifier, invoked)
    backend.notify(NOTE)
    (to_gnome,) = shown(bus_monitor)
    assert to_gnome.actions == [*ACTIONS, "open", "Open"]
    notification_daemon.stop()
    dunst = Dunst(session_bus, tmp_path / "dunst", xvfb)
    dunst.start()
    try:
        backend.notify(NOTE)  # the same backend: it asks the new server who it is
        _, to_dunst = shown(bus_monitor, 2)
        assert to_dunst.server == dunst.unique_name
        assert to_dunst.actions == ACTIONS
        menu = dunst.menu()
        assert [line for line in menu if "Open" in line] == [
            f"#Open (Follow-up due) [{to_dunst.id},default]"
        ]
    finally:
        dunst.stop()


def dunst_window(display: str) -> tuple[bool, int]:
    """Whether dunst's window is mapped, and its height in pixels, as X reports them."""
    result = subprocess.run(
        ["xwininfo", "-display", display, "-name", "Dunst"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    fields = dict(
        line.strip().split(": ", 1) for line in result.stdout.splitlines() if ": " in line
    )
    return fields.get("Map State") == "IsViewable", int(fields.get("Height", "0"))


def test_a_summary_takes_four_lines_in_dunst_as_shipped(
    dunst: Dunst, xvfb: str, notifier: list[FreedesktopNotifier], invoked: Invoked
) -> None:
    """Eight long steps: dunst's window is exactly as tall as for four one-word lines, so
    no line of ours wrapped and none was cut."""
    now = datetime(2026, 11, 22, 14, 0, tzinfo=UTC)
    steps = [
        Reminder(n, "thank_you", f"Thank-you note to Maximiliane Oberhauser {n}", None,
                 "Vereinigte Versicherungen", "Staff Engineer", now - timedelta(hours=n))
        for n in range(1, 9)
    ]  # fmt: skip
    summary = message.compose(steps, now, "UTC")
    assert summary is not None
    reference = Notification(summary.summary, "one\ntwo\nthree\nfour", (1, 2))
    backend = make(notifier, invoked)
    heights = []
    for shown_now in (summary, reference):
        backend.notify(shown_now)
        wait_until(lambda: dunst_window(xvfb)[0], what="dunst's window")
        heights.append(dunst_window(xvfb)[1])
        subprocess.run(["dunstctl", "close-all"], env=dunst.env(), check=True, timeout=30)
        wait_until(lambda: not dunst_window(xvfb)[0], what="dunst's window to go")
    assert heights[0] == heights[1] < 300, heights  # 300: dunst's default maximum height


def test_a_plain_server_without_actions_gets_plain_text_and_no_actions(
    session_bus: str, tmp_path: Path, notifier: list[FreedesktopNotifier], invoked: Invoked
) -> None:
    server = start_server(session_bus, tmp_path / "plain.jsonl", "--no-markup", "--no-actions")
    try:
        make(notifier, invoked).notify(NOTE)
        (call,) = server.calls()
        assert call["body"] == NOTE.body
        assert call["actions"] == []
    finally:
        server.process.terminate()
        server.process.wait(timeout=10)


def test_no_server_on_the_bus_means_unavailable(
    session_bus: str, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus)
    with pytest.raises(NotifierUnavailable, match="no notification service"):
        FreedesktopNotifier(lambda _n, _k: None)
