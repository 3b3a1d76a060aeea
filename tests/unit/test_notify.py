"""What a reminder says, and the notifier chain moving on when a backend cannot work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview.notify import message
from afterview.notify.base import NotifierFailed, NotifierUnavailable
from afterview.notify.chain import IN_APP, NotifierChain
from afterview.notify.freedesktop import markup_escape
from afterview.notify.message import Notification
from afterview.store.reminders import Reminder

NOW = datetime(2026, 11, 22, 14, 0, tzinfo=UTC)


def reminder(**fields: object) -> Reminder:
    values: dict[str, object] = {
        "id": 7,
        "kind": "thank_you",
        "title": "Thank-you note to Laura Chen",
        "person": "Laura Chen",
        "company": "Acme",
        "position": "Backend Engineer",
        "due": datetime(2026, 11, 22, 15, 0, tzinfo=UTC),
    }
    values.update(fields)
    return Reminder(**values)  # type: ignore[arg-type]


def test_the_line_says_what_for_whom_and_by_when() -> None:
    assert message.line(reminder(), NOW, "UTC") == (
        "Thank-you note to Laura Chen — Acme, Backend Engineer — due by 15:00"
    )
    # In the user's zone, and with the day when it is not today.
    assert message.line(reminder(), NOW, "Asia/Tokyo").endswith("due by Mon 23 Nov 00:00")
    follow_up = reminder(title="Follow up on your application", person="Omar O'Hara")
    assert message.line(follow_up, NOW, "UTC").startswith(
        "Follow up on your application with Omar O'Hara — Acme"
    )
    loose = reminder(title="Keep searching", person=None, company=None, position=None)
    assert message.line(loose, NOW, "UTC") == "Keep searching — due by 15:00"


def test_one_step_gets_actions_many_get_one_summary() -> None:
    one = message.compose([reminder()], NOW, "UTC")
    assert one is not None and one.step_ids == (7,) and not one.is_summary
    assert ("done", "Done") in one.actions and ("snooze", "Snooze 1 h") in one.actions
    many = message.compose(
        [reminder(id=n, due=NOW - timedelta(hours=n)) for n in range(1, 9)], NOW, "UTC"
    )
    assert many is not None and many.is_summary
    assert many.summary == "8 follow-ups are overdue"
    assert many.body.splitlines()[-1] == "and 5 more"
    same_time = message.compose([reminder(id=1, due=NOW), reminder(id=2, due=NOW)], NOW, "UTC")
    assert same_time is not None and same_time.summary == "2 follow-ups are due"
    assert message.compose([], NOW, "UTC") is None


def test_markup_is_escaped_and_quotes_stay_readable() -> None:
    assert markup_escape("<b>Ann</b> & O'Hara") == "&lt;b&gt;Ann&lt;/b&gt; &amp; O'Hara"


@given(st.text())
def test_escaped_text_has_no_markup_and_round_trips(text: str) -> None:
    from xml.sax.saxutils import unescape

    escaped = markup_escape(text)
    assert "<" not in escaped and ">" not in escaped
    assert unescape(escaped) == text


class Fake:
    def __init__(self, name: str, fail_on_notify: bool = False) -> None:
        self.name = name
        self.fail_on_notify = fail_on_notify
        self.shown: list[Notification] = []
        self.closed = False

    def notify(self, notification: Notification) -> None:
        if self.fail_on_notify:
            raise NotifierFailed("the server went away")
        self.shown.append(notification)

    def close(self) -> None:
        self.closed = True


def unavailable() -> Fake:
    raise NotifierUnavailable("not here")


def broken() -> Fake:
    raise OSError("a backend bug must not take the tray down")


NOTE = Notification(summary="Follow-up due", body="x", step_ids=(1,))


def test_the_chain_skips_backends_that_cannot_work() -> None:
    third = Fake("third")
    chain = NotifierChain([("first", unavailable), ("second", broken), ("third", lambda: third)])
    assert chain.backend == "third"
    assert chain.notify(NOTE) == "third"
    assert third.shown == [NOTE]
    assert [name for name, _ in chain.failures] == ["first", "second"]


def test_the_chain_moves_on_when_delivery_fails() -> None:
    failing, working = Fake("dbus", fail_on_notify=True), Fake("plyer")
    chain = NotifierChain([("dbus", lambda: failing), ("plyer", lambda: working)])
    assert chain.notify(NOTE) == "plyer"
    assert failing.closed and working.shown == [NOTE]
    assert chain.notify(NOTE) == "plyer"


def test_with_no_backend_it_is_in_app_only() -> None:
    chain = NotifierChain([("first", unavailable)])
    assert chain.notify(NOTE) == IN_APP
    assert chain.backend == IN_APP


def test_plyer_refuses_to_start_without_notify_send(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from afterview.notify import plyer_backend

    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.setattr(plyer_backend.sys, "platform", "linux")
    with pytest.raises(NotifierUnavailable, match="notify-send"):
        plyer_backend.PlyerNotifier()


def test_freedesktop_refuses_to_start_without_a_bus(
    monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    from afterview.notify.freedesktop import FreedesktopNotifier

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    with pytest.raises(NotifierUnavailable, match="session bus"):
        FreedesktopNotifier(lambda _n, _k: None)


def test_the_tray_balloon_refuses_without_a_tray(qapp: object) -> None:
    from afterview.notify.qt_backend import QtTrayNotifier

    with pytest.raises(NotifierUnavailable):
        QtTrayNotifier(None, lambda _n, _k: None)


def test_after_a_fallback_the_preferred_backend_is_used_again_once_told() -> None:
    ready = [False]
    preferred, fallback = Fake("dbus"), Fake("qt")

    def late_service() -> Fake:
        if not ready[0]:
            raise NotifierUnavailable("the desktop's notification service is not up yet")
        return preferred

    chain = NotifierChain([("dbus", late_service), ("qt", lambda: fallback)])
    assert chain.notify(NOTE) == "qt"
    ready[0] = True
    assert chain.notify(NOTE) == "qt"  # not retried at every notification, nor on a timer
    chain.prefer_again()  # what the tray does when the service appears on the bus
    assert fallback.closed
    assert chain.notify(NOTE) == "dbus"
    chain.prefer_again()  # a restart while the preferred one is in use: it stays
    assert not preferred.closed
    assert chain.notify(NOTE) == "dbus"
    assert preferred.shown == [NOTE, NOTE]
