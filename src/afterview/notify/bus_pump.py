"""Reading a blocking jeepney connection from Qt's event loop, without blocking it."""

from __future__ import annotations

from typing import Protocol


class _Receiving(Protocol):
    def recv_messages(self, *, timeout: float | None = None) -> None: ...


def receive_waiting(connection: _Receiving) -> OSError | None:
    """Read every message the bus socket holds now, so they land in the connection's filter
    queues; called when a ``QSocketNotifier`` says the socket is readable. Returns the
    OSError when the bus went away (the caller stops watching), else None."""
    try:
        while True:
            connection.recv_messages(timeout=0)
    except TimeoutError:
        return None
    except OSError as error:
        return error
