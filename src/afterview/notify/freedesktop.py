"""The freedesktop Notifications service over D-Bus, with jeepney.

Why jeepney and not QtDBus: Notify takes ``u`` (uint32) arguments that
QtDBus cannot send from Python. Signals (ActionInvoked, NotificationClosed,
NameOwnerChanged) arrive on the same connection, in the order the bus sent
them; a QSocketNotifier on its socket hands them to Qt's event loop, so
nothing polls.

Whom to believe: any program on the session bus can emit ActionInvoked, and
a notification server that restarts numbers its notifications from 1 again,
for other applications too. So an action or a close counts only when it comes
from the unique bus name that answered our Notify with that id, and every id
a server gave us is forgotten when it loses ``org.freedesktop.Notifications``.
"""

from __future__ import annotations

import logging
from collections import OrderedDict, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jeepney import (
    DBusAddress,
    HeaderFields,
    MatchRule,
    Message,
    MessageType,
    new_method_call,
)
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, Proxy, open_dbus_connection
from jeepney.wrappers import DBusErrorResponse
from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from afterview.notify.base import ActionHandler, NotifierFailed, NotifierUnavailable
from afterview.notify.message import ACTION_DEFAULT, ACTION_OPEN, Notification, markup_escape
from afterview.notify.resources import DESKTOP_ENTRY, icon_path

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
ADDRESS = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
BUS = "org.freedesktop.DBus"
CALL_TIMEOUT_S = 5.0
URGENCY_NORMAL = 1
#: Notifications whose actions we still answer; older ones are forgotten.
REMEMBERED = 64
#: Servers, by GetServerInformation's name, that show no button for the "default" action
#: (only a click on the bubble runs it): they get a visible "Open" as well. No capability
#: says this. Others show "default" with its label (dunst's menu, xfce4-notifyd's buttons),
#: where a second "Open" would show twice.
NO_DEFAULT_BUTTON = frozenset({"Notification Daemon"})  # notification-daemon (GNOME)


def owner_rule() -> MatchRule:
    """NameOwnerChanged for the notification service only, as the bus itself sends it."""
    rule = MatchRule(
        type="signal",
        sender=BUS,
        interface=BUS,
        member="NameOwnerChanged",
        path="/org/freedesktop/DBus",
    )
    rule.add_arg_condition(0, SERVICE)
    return rule


def open_session(what: str) -> DBusConnection:
    """A connection to the session bus; NotifierUnavailable when there is none."""
    try:
        return open_dbus_connection("SESSION", auth_timeout=2.0)
    except Exception as error:  # no bus, bad address, refused: all mean "not here"
        raise NotifierUnavailable(f"no D-Bus session bus for {what} ({error})") from error


def sender_of(message: Message) -> str:
    return str(message.header.fields.get(HeaderFields.sender, ""))


@dataclass(frozen=True)
class Sent:
    notification: Notification
    #: The unique bus name (":1.42") of the server that accepted it and issued its id.
    server: str


class FreedesktopNotifier(QObject):
    name = "freedesktop"

    def __init__(
        self,
        on_action: ActionHandler,
        *,
        app_name: str = "Afterview",
        icon: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_action = on_action
        self._app_name = app_name
        self._icon = icon if icon is not None else icon_path()
        self._signals: deque[Message] = deque(maxlen=256)
        self._sent: OrderedDict[int, Sent] = OrderedDict()
        self.capabilities: frozenset[str] = frozenset()
        self.server = ""
        self._server_name = ""
        self._conn = open_session("notifications")
        self._closed = False
        actions = MatchRule(type="signal", interface=SERVICE, path=PATH)
        try:
            bus = Proxy(message_bus, self._conn, timeout=CALL_TIMEOUT_S)
            # Before asking the server anything: a restart from here on is seen.
            bus.AddMatch(actions)
            bus.AddMatch(owner_rule())
            self._describe()
        except (DBusErrorResponse, OSError, TimeoutError) as error:
            self._conn.close()
            raise NotifierUnavailable(f"no notification service on the bus ({error})") from error
        # No sender in the rules: the bus would compare it with whoever owns the name at
        # delivery, and the check below must see every claim to judge it (and be tested).
        self._filters = [
            self._conn.filter(rule, queue=self._signals) for rule in (actions, owner_rule())
        ]
        self._watch = QSocketNotifier(self._conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._watch.activated.connect(self._pump)

    @property
    def markup(self) -> bool:
        return "body-markup" in self.capabilities

    @property
    def shows_default_action(self) -> bool:
        return self._server_name not in NO_DEFAULT_BUTTON

    def _describe(self) -> None:
        """What the server now owning the name can do, and what it is called.

        Asked before every Notify (two round trips, a few times a day): the name may have
        passed to another server since, which differs in both."""
        reply = self._call("GetCapabilities", "", ())
        self.capabilities = frozenset(str(c) for c in reply.body[0])
        info = self._call("GetServerInformation", "", ()).body
        self._server_name = str(info[0])
        server = f"{info[0]} {info[2]} ({info[1]}) as {sender_of(reply)}"
        if server != self.server:
            self.server = server
            log.info("notifications: %s, capabilities %s", server, sorted(self.capabilities))

    def _call(self, method: str, signature: str, args: tuple[Any, ...]) -> Message:
        message = new_method_call(ADDRESS, method, signature or None, args)
        reply = self._conn.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)
        if reply.header.message_type is MessageType.error:
            raise DBusErrorResponse(reply)
        return reply

    def _actions(self, notification: Notification) -> list[str]:
        if "actions" not in self.capabilities:
            return []
        actions: list[str] = []
        for key, label in notification.actions:
            actions += [key, label]
            if key == ACTION_DEFAULT and not self.shows_default_action:
                actions += [ACTION_OPEN, label]
        return actions

    def notify(self, notification: Notification) -> None:
        if self._closed:
            raise NotifierFailed("the D-Bus connection is closed")
        hints: dict[str, tuple[str, Any]] = {
            "urgency": ("y", URGENCY_NORMAL),
            "desktop-entry": ("s", DESKTOP_ENTRY),
            "category": ("s", "reminder"),
        }
        icon = str(self._icon) if self._icon is not None else ""
        try:
            self._describe()
            body = markup_escape(notification.body) if self.markup else notification.body
            reply = self._call(
                "Notify",
                "susssasa{sv}i",
                # The summary is plain text by the spec: never escaped.
                (
                    self._app_name,
                    0,
                    icon,
                    notification.summary,
                    body,
                    self._actions(notification),
                    hints,
                    -1,
                ),
            )
        except (DBusErrorResponse, OSError, TimeoutError) as error:
            raise NotifierFailed(f"Notify failed: {error}") from error
        finally:
            # Signals read while waiting for the reply sit in the parser, where the socket
            # notifier cannot see them: handle them once this call has returned.
            QTimer.singleShot(0, self._pump)
        self._sent[int(reply.body[0])] = Sent(notification, sender_of(reply))
        while len(self._sent) > REMEMBERED:
            self._sent.popitem(last=False)

    def _pump(self) -> None:
        """Read whatever the bus sent, without blocking, then act on our signals."""
        if self._closed:
            return
        try:
            while True:
                self._conn.recv_messages(timeout=0)
        except TimeoutError:
            pass
        except OSError as error:  # the bus went away: stop watching a dead socket
            log.warning("notifications: D-Bus connection lost (%s)", error)
            self._watch.setEnabled(False)
            self._closed = True
        self._dispatch()

    def _dispatch(self) -> None:
        while self._signals:
            message = self._signals.popleft()
            member = message.header.fields.get(HeaderFields.member)
            sender = sender_of(message)
            if member == "NameOwnerChanged":
                if sender == BUS:
                    self._owner_changed(str(message.body[1]), str(message.body[2]))
                continue
            if member not in ("ActionInvoked", "NotificationClosed"):
                continue
            notification_id = int(message.body[0])
            sent = self._sent.get(notification_id)
            if sent is None:  # not ours, or no longer: another application's business
                continue
            if sender != sent.server:
                log.info(
                    "notifications: ignored %s for id %d from %s: it was %s that showed it",
                    member,
                    notification_id,
                    sender,
                    sent.server,
                )
                continue
            del self._sent[notification_id]
            if member == "ActionInvoked":
                try:
                    self._on_action(sent.notification, str(message.body[1]))
                finally:
                    self._close_notification(notification_id, sent.server)

    def _owner_changed(self, old: str, new: str) -> None:
        """The server that issued our ids is gone: a new one numbers from 1 again, for
        anyone. Ids issued by the new owner (its reply may have come in before this
        signal was handled) stay."""
        for notification_id in [i for i, sent in self._sent.items() if sent.server == old]:
            del self._sent[notification_id]
        log.info("notifications: %s now served by %s", SERVICE, new or "nobody")

    def shown_steps(self) -> set[int]:
        """The steps of the notifications still on screen as far as we know (not closed nor
        acted on)."""
        return {step for sent in self._sent.values() for step in sent.notification.step_ids}

    def withdraw(self, gone: set[int]) -> list[int]:
        """Close the notifications all of whose steps are in ``gone`` (done, snoozed or
        deleted on another computer): CloseNotification to the server that showed each.
        Returns the notification ids closed."""
        closed = [
            notification_id
            for notification_id, sent in self._sent.items()
            if sent.notification.step_ids and set(sent.notification.step_ids) <= gone
        ]
        for notification_id in closed:
            sent = self._sent.pop(notification_id)
            log.info(
                "notifications: withdrawing %d (steps %s, no longer open)",
                notification_id,
                list(sent.notification.step_ids),
            )
            self._close_notification(notification_id, sent.server)
        return closed

    def _close_notification(self, notification_id: int, server: str) -> None:
        """Take the notification off the screen once its action is done (dunst keeps it
        after an action from its menu). Sent to the server that issued the id, not to the
        name: after a restart the name's new owner may show someone else's under it."""
        target = DBusAddress(PATH, bus_name=server, interface=SERVICE)
        try:
            # No reply awaited: it has nothing to say, and an error is dropped unread.
            self._conn.send(new_method_call(target, "CloseNotification", "u", (notification_id,)))
        except OSError as error:
            log.warning(
                "notifications: could not close notification %d (%s)", notification_id, error
            )

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._watch.setEnabled(False)
            for rule_filter in self._filters:
                rule_filter.close()
            self._conn.close()
