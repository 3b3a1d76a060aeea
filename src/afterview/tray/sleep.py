"""logind's PrepareForSleep on the system bus, where there is one: resume -> catch up now.

Optional: without a system bus or logind (containers, other systems) the
scheduler's 15-minute cap and the wall-clock jump check are enough.
"""

from __future__ import annotations

import logging
from collections import deque
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal

from afterview.notify.bus_pump import receive_waiting

log = logging.getLogger(__name__)


class SleepWatcher(QObject):
    resumed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._conn: Any = None
        self._queue: deque[Any] = deque(maxlen=16)
        try:
            from jeepney import MatchRule
            from jeepney.bus_messages import message_bus
            from jeepney.io.blocking import Proxy, open_dbus_connection

            conn = open_dbus_connection("SYSTEM", auth_timeout=1.0)
            rule = MatchRule(
                type="signal",
                interface="org.freedesktop.login1.Manager",
                member="PrepareForSleep",
                path="/org/freedesktop/login1",
            )
            Proxy(message_bus, conn, timeout=2.0).AddMatch(rule)
        except Exception as error:  # no system bus here: that is fine
            log.info("not watching for suspend (no logind on a system bus: %s)", error)
            return
        self._conn = conn
        self._filter = conn.filter(rule, queue=self._queue)
        self._watch = QSocketNotifier(conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._watch.activated.connect(self._pump)

    @property
    def active(self) -> bool:
        return self._conn is not None

    def _pump(self) -> None:
        if receive_waiting(self._conn) is not None:
            self.close()
        while self._queue:
            (going_to_sleep,) = self._queue.popleft().body
            if not going_to_sleep:
                log.info("resumed from suspend")
                self.resumed.emit()

    def close(self) -> None:
        if self._conn is not None:
            self._watch.setEnabled(False)
            self._conn.close()
            self._conn = None
