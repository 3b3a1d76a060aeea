"""The window's and the tray's ear on a PostgreSQL server: LISTEN, without polling.

One autocommit connection (:class:`afterview.store.server_changes.ChangeListener`) whose
socket a ``QSocketNotifier`` watches: the event loop sleeps until the server sends
something, then :meth:`ServerListener._readable` reads what came without blocking. When
the connection drops (the server restarts, the network goes), it says so and connects again
after 0.5 s, 1 s, 2 s ... up to a minute; once back it reports a change of everything, as
notifications sent meanwhile were lost. The only timer runs while disconnected.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from afterview.store.errors import StoreError
from afterview.store.faults import UnavailableError
from afterview.store.server_changes import ChangeListener

if TYPE_CHECKING:
    from afterview.store.postgres import Server

log = logging.getLogger(__name__)

FIRST_RETRY_MS = 500
LAST_RETRY_MS = 60_000
#: What a reconnection reports: no kinds, which means everything (Changes.from_message).
EVERYTHING: dict[str, Any] = {"type": "changed"}


class ServerListener(QObject):
    #: A ``changed`` message from another process or computer (the IPC message's shape).
    changed = Signal(object)
    #: The connection dropped, or could not be made (the UnavailableError or StoreError).
    lost = Signal(object)
    #: Connected again after :attr:`lost`.
    back = Signal()

    def __init__(self, server: Server, computer: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._listener = ChangeListener(server, computer)
        self._notifier: QSocketNotifier | None = None
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._connect)
        self._delay = FIRST_RETRY_MS
        self._was_lost = False
        #: Why it is not listening, from the moment that is said (:attr:`lost`) until it
        #: is back; None while connected.
        self.away: StoreError | None = None
        #: How often the socket woke the process (a test counts them while idle).
        self.wakeups = 0
        self.connects = 0

    @property
    def channel(self) -> str:
        """The channel it listens on (its schema's), once connected."""
        from afterview.store.server_changes import channel

        return channel(self._listener.schema)

    @property
    def listening(self) -> bool:
        return self._notifier is not None

    def start(self) -> None:
        self._connect()

    def _connect(self) -> None:
        try:
            self._listener.connect()
        except StoreError as error:
            self._lose(error)
            return
        self.connects += 1
        self._delay = FIRST_RETRY_MS
        notifier = QSocketNotifier(self._listener.fileno(), QSocketNotifier.Type.Read, self)
        notifier.activated.connect(self._readable)
        self._notifier = notifier
        # What arrived with the LISTEN's own reply sits in libpq already: the socket will
        # not wake for it.
        try:
            early = self._listener.drain()
        except UnavailableError as error:
            self._lose(error)
            return
        if self._was_lost:
            self._was_lost = False
            self.away = None
            log.info("listening for changes again")
            self.back.emit()
            self.changed.emit(dict(EVERYTHING))
        for message in early:
            self.changed.emit(message)

    def _readable(self) -> None:
        self.wakeups += 1
        try:
            messages = self._listener.drain()
        except UnavailableError as error:
            self._lose(error)
            return
        for message in messages:
            self.changed.emit(message)

    def _lose(self, error: StoreError) -> None:
        self._stop_watching()
        self._listener.close()
        first = not self._was_lost
        self._was_lost = True
        if first:
            log.warning("not listening for changes: %s", error)
            self.away = error
            self.lost.emit(error)
        self._retry.start(self._delay)
        self._delay = min(self._delay * 2, LAST_RETRY_MS)

    def _stop_watching(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None

    def retry_now(self) -> None:
        """Connect again at once (the window's "Retry now"), when not connected."""
        if self._notifier is None:
            self._retry.stop()
            self._connect()

    def close(self) -> None:
        self._retry.stop()
        self._stop_watching()
        self._listener.close()


def listener_for(paths: Any, parent: QObject | None = None) -> ServerListener | None:
    """A started listener when ``paths`` chooses a PostgreSQL server; None for a file (local
    sockets carry its changes) or when the choice cannot be used."""
    from afterview.store.computer import computer_id
    from afterview.store.server_choice import server_for

    try:
        server = server_for(paths)
    except StoreError:
        return None
    if server is None:
        return None
    listener = ServerListener(server, computer_id(paths), parent)
    listener.start()
    return listener


__all__ = ["ServerListener", "listener_for"]
