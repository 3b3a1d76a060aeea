"""Tells the tray the moment a notification service appears on the session bus.

At login the tray may start before the desktop's notification service, and a
service can restart; meanwhile reminders fall back to the tray balloon, which
has no buttons. The bus announces a new owner of
``org.freedesktop.Notifications`` with NameOwnerChanged, so the tray goes back
to it at once instead of retrying on a timer.
"""

from __future__ import annotations

import logging
from collections import deque

from jeepney import HeaderFields, Message
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import Proxy
from jeepney.wrappers import DBusErrorResponse
from PySide6.QtCore import QObject, QSocketNotifier, Signal

from afterview.notify.base import NotifierUnavailable
from afterview.notify.bus_pump import receive_waiting
from afterview.notify.freedesktop import (
    BUS,
    CALL_TIMEOUT_S,
    SERVICE,
    open_session,
    owner_rule,
    sender_of,
)

log = logging.getLogger(__name__)


class ServiceWatcher(QObject):
    #: The unique bus name (":1.42") that now owns ``org.freedesktop.Notifications``.
    appeared = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        """Raises NotifierUnavailable when there is no session bus to watch."""
        super().__init__(parent)
        self._conn = open_session("watching the notification service")
        try:
            Proxy(message_bus, self._conn, timeout=CALL_TIMEOUT_S).AddMatch(owner_rule())
        except (DBusErrorResponse, OSError, TimeoutError) as error:
            self._conn.close()
            raise NotifierUnavailable(f"cannot watch {SERVICE} ({error})") from error
        self._queue: deque[Message] = deque(maxlen=64)
        self._filter = self._conn.filter(owner_rule(), queue=self._queue)
        self._watch = QSocketNotifier(self._conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._watch.activated.connect(self._pump)
        self._closed = False

    def _pump(self) -> None:
        error = receive_waiting(self._conn)
        if error is not None:  # the bus itself went away: nothing left to watch
            log.warning("notification service watch: D-Bus connection lost (%s)", error)
            self._watch.setEnabled(False)
        while self._queue:
            message = self._queue.popleft()
            new_owner = str(message.body[2])
            member = message.header.fields.get(HeaderFields.member)
            if sender_of(message) == BUS and member == "NameOwnerChanged" and new_owner:
                log.info("notification service back on the bus: %s", new_owner)
                self.appeared.emit(new_owner)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._watch.setEnabled(False)
            self._filter.close()
            self._conn.close()
