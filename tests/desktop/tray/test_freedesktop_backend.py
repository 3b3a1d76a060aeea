"""The freedesktop backend against a real (private) bus and a recording server."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from afterview.notify.base import NotifierUnavailable
from afterview.notify.freedesktop import FreedesktopNotifier
from afterview.notify.message import STEP_ACTIONS, Notification
from tests.desktop.tray.conftest import NotificationServer, start_server

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


def test_notify_sends_what_the_spec_asks_and_actions_come_back(
    notification_server: NotificationServer, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", notification_server.address)
    invoked: list[tuple[Notification, str]] = []
    notifier = FreedesktopNotifier(lambda n, key: invoked.append((n, key)))
    try:
        assert notifier.markup and "actions" in notifier.capabilities
        notifier.notify(NOTE)
        (call,) = notification_server.calls()
        assert call["app_name"] == "Afterview"
        assert call["summary"] == "Follow-up due"
        assert call["body"] == (
            "Thank-you note to &lt;b&gt;Ann&lt;/b&gt; &amp; O'Hara — A&amp;B &lt;Labs&gt; "
            "— due by 15:00"
        )
        assert Path(call["app_icon"]).is_absolute()
        assert call["hints"] == {
            "urgency": 1,
            "desktop-entry": "org.afterview.Afterview",
            "category": "reminder",
        }
        notification_server.invoke(call["id"], "snooze")
        qtbot.waitUntil(lambda: len(invoked) == 1, timeout=10_000)
        assert invoked == [(NOTE, "snooze")]
        notification_server.invoke(999, "done")  # not ours: ignored
        notification_server.invoke(call["id"], "done")  # closed after the first action
        # The bus delivers one sender's signals in order: once an action on a later
        # notification has come back, the two above have been seen, and must have been ignored.
        notifier.notify(LATER)
        later = notification_server.calls()[-1]
        assert later["id"] != call["id"]
        notification_server.invoke(later["id"], "open")
        qtbot.waitUntil(lambda: len(invoked) > 1, timeout=10_000)
        assert invoked == [(NOTE, "snooze"), (LATER, "open")]
    finally:
        notifier.close()


def test_a_plain_server_without_actions_gets_plain_text_and_no_actions(
    session_bus: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    server = start_server(session_bus, tmp_path / "plain.jsonl", "--no-markup", "--no-actions")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus)
    try:
        notifier = FreedesktopNotifier(lambda _n, _k: None)
        notifier.notify(NOTE)
        (call,) = server.calls()
        assert call["body"] == NOTE.body
        assert call["actions"] == []
        notifier.close()
    finally:
        server.process.terminate()
        server.process.wait(timeout=10)


def test_no_server_on_the_bus_means_unavailable(
    session_bus: str, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus)
    with pytest.raises(NotifierUnavailable, match="no notification service"):
        FreedesktopNotifier(lambda _n, _k: None)
