"""The freedesktop Notifications service over D-Bus, with jeepney.

Why jeepney and not QtDBus: Notify takes ``u`` (uint32) arguments that
QtDBus cannot send from Python. Signals (ActionInvoked, NotificationClosed)
arrive on the same connection; a QSocketNotifier on its socket hands them to
Qt's event loop, so nothing polls.
"""

from __future__ import annotations

import logging
from collections import OrderedDict, deque
from pathlib import Path
from typing import Any

from jeepney import DBusAddress, HeaderFields, MatchRule, MessageType, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, Proxy, open_dbus_connection
from jeepney.wrappers import DBusErrorResponse
from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from afterview.notify.base import ActionHandler, NotifierFailed, NotifierUnavailable
from afterview.notify.message import Notification, markup_escape
from afterview.notify.resources import DESKTOP_ENTRY, icon_path

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
ADDRESS = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
CALL_TIMEOUT_S = 5.0
URGENCY_NORMAL = 1
#: Notifications whose actions we still answer; older ones are forgotten.
REMEMBERED = 64


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
        self._signals: deque[Any] = deque(maxlen=256)
        self._sent: OrderedDict[int, Notification] = OrderedDict()
        try:
            self._conn: DBusConnection = open_dbus_connection("SESSION", auth_timeout=2.0)
        except Exception as error:  # no bus, bad address, refused: all mean "not here"
            raise NotifierUnavailable(f"no D-Bus session bus ({error})") from error
        try:
            reply = self._call("GetCapabilities", "", ())
            self.capabilities = frozenset(str(c) for c in reply[0])
            info = self._call("GetServerInformation", "", ())
            self.server = f"{info[0]} {info[2]} ({info[1]})"
            rule = MatchRule(type="signal", interface=SERVICE, path=PATH)
            Proxy(message_bus, self._conn, timeout=CALL_TIMEOUT_S).AddMatch(rule)
        except (DBusErrorResponse, OSError, TimeoutError) as error:
            self._conn.close()
            raise NotifierUnavailable(f"no notification service on the bus ({error})") from error
        self._filter = self._conn.filter(rule, queue=self._signals)
        self._watch = QSocketNotifier(self._conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._watch.activated.connect(self._pump)
        self._closed = False
        log.info("notifications: %s, capabilities %s", self.server, sorted(self.capabilities))

    @property
    def markup(self) -> bool:
        return "body-markup" in self.capabilities

    def _call(self, method: str, signature: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
        message = new_method_call(ADDRESS, method, signature or None, args)
        reply = self._conn.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)
        if reply.header.message_type is MessageType.error:
            raise DBusErrorResponse(reply)
        return tuple(reply.body)

    def notify(self, notification: Notification) -> None:
        if self._closed:
            raise NotifierFailed("the D-Bus connection is closed")
        body = markup_escape(notification.body) if self.markup else notification.body
        actions: list[str] = []
        if "actions" in self.capabilities:
            for key, label in notification.actions:
                actions += [key, label]
        hints: dict[str, tuple[str, Any]] = {
            "urgency": ("y", URGENCY_NORMAL),
            "desktop-entry": ("s", DESKTOP_ENTRY),
            "category": ("s", "reminder"),
        }
        icon = str(self._icon) if self._icon is not None else ""
        try:
            (notification_id,) = self._call(
                "Notify",
                "susssasa{sv}i",
                # The summary is plain text by the spec: never escaped.
                (self._app_name, 0, icon, notification.summary, body, actions, hints, -1),
            )
        except (DBusErrorResponse, OSError, TimeoutError) as error:
            raise NotifierFailed(f"Notify failed: {error}") from error
        finally:
            # Signals read while waiting for the reply sit in the parser, where the socket
            # notifier cannot see them: handle them once this call has returned.
            QTimer.singleShot(0, self._pump)
        self._sent[int(notification_id)] = notification
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
            if member == "ActionInvoked":
                notification_id, key = message.body
                sent = self._sent.get(int(notification_id))
                if sent is not None:
                    self._on_action(sent, str(key))
            elif member == "NotificationClosed":
                self._sent.pop(int(message.body[0]), None)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._watch.setEnabled(False)
            self._filter.close()
            self._conn.close()
