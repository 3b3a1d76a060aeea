"""Changes reach every computer within a second: PostgreSQL's ``NOTIFY`` and ``LISTEN``.

Every committed write on a server sends ``NOTIFY`` on the channel of its schema (one job
seeker; a coach's server holds several), with the IPC ``changed`` message as payload plus
who sent it (:func:`payload`). The window and the tray of every computer listen on one
autocommit connection each (:class:`ChangeListener`): the caller watches its socket
(:meth:`ChangeListener.fileno`, a ``QSocketNotifier`` in the UI) and calls
:meth:`ChangeListener.drain` when it is readable, which never blocks. Nothing polls.

No Qt here (store/ never imports it); psycopg is imported only for a server.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from afterview.store.faults import Fault, UnavailableError

if TYPE_CHECKING:
    import psycopg

    from afterview.store.postgres import Server

log = logging.getLogger(__name__)

PREFIX = "afterview_changes_"
#: PostgreSQL refuses a payload of 8000 bytes or more; a message is far below.
MAX_PAYLOAD = 7999


def channel(schema: str) -> str:
    """The channel of ``schema``: a fixed-length hash (a schema name may be 63 bytes, the
    longest identifier, and a channel is one), in lower case (LISTEN folds case)."""
    digest = hashlib.sha256(schema.encode("utf-8")).hexdigest()[:16]
    return PREFIX + digest


def payload(kinds: Iterable[str], schema: str, computer: str, pid: int | None = None) -> str:
    """The NOTIFY payload: the IPC ``changed`` message, the schema it is about (a hash may
    collide; the listener checks), and the sender (computer id and process id) so a process
    ignores its own."""
    message = {
        "type": "changed",
        "kinds": sorted(set(kinds)),
        "schema": schema,
        "computer": computer,
        "pid": os.getpid() if pid is None else pid,
    }
    text = json.dumps(message, separators=(",", ":"))
    if len(text.encode("utf-8")) > MAX_PAYLOAD:  # cannot happen with Afterview's kinds
        message["kinds"] = []
        text = json.dumps(message, separators=(",", ":"))
    return text


def notify(connection: Any, kinds: Iterable[str], computer: str) -> None:
    """Send the change on ``connection`` (a psycopg connection or cursor: ``%s``
    placeholders): inside a transaction it is delivered at commit, and not at all on
    rollback."""
    row = connection.execute("SELECT current_schema()").fetchone()
    schema = str(row[0]) if row is not None and row[0] else "public"
    connection.execute(
        "SELECT pg_notify(%s, %s)", (channel(schema), payload(kinds, schema, computer))
    )


class ChangeListener:
    """One autocommit connection that LISTENs on this schema's channel.

    :meth:`connect` (blocking: a connect and two statements) raises UnavailableError or
    StoreError as :meth:`afterview.store.postgres.Server.connect` does; :meth:`drain` returns
    the messages of other processes that have arrived, without blocking, and raises
    UnavailableError (Fault.OFFLINE) when the connection dropped: connect again later.
    """

    def __init__(self, server: Server, computer: str, pid: int | None = None) -> None:
        self.server = server
        self.computer = computer
        self.pid = os.getpid() if pid is None else pid
        self.schema = ""
        self._connection: psycopg.Connection[Any] | None = None

    @property
    def connected(self) -> bool:
        connection = self._connection
        return connection is not None and not connection.closed and not connection.broken

    def connect(self) -> None:
        from psycopg import sql

        from afterview.store.postgres import translate_faults

        self.close()
        from afterview.store.plain_server import CONNECT_TIMEOUT_S

        connection = self.server.connect(autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        try:
            with translate_faults(self.server.display, "could not listen for changes"):
                row = connection.execute("SELECT current_schema()").fetchone()
                self.schema = str(row[0]) if row is not None and row[0] else "public"
                connection.execute(
                    sql.SQL("LISTEN {}").format(sql.Identifier(channel(self.schema)))
                )
        except BaseException:
            connection.close()
            raise
        self._connection = connection

    def fileno(self) -> int:
        """The socket to watch for readability (valid while :attr:`connected`)."""
        if self._connection is None:
            raise ValueError("not connected")
        return int(self._connection.pgconn.socket)

    def drain(self) -> list[dict[str, Any]]:
        """The ``changed`` messages of other processes on this schema that have arrived; never
        blocks. UnavailableError (Fault.OFFLINE) when the connection is gone."""
        import psycopg

        connection = self._connection
        if connection is None:
            raise UnavailableError(Fault.OFFLINE, "could not listen for changes", "not connected")
        pgconn = connection.pgconn
        messages: list[dict[str, Any]] = []
        try:
            pgconn.consume_input()
            while (notice := pgconn.notifies()) is not None:
                message = self._decode(notice.extra)
                if message is not None:
                    messages.append(message)
        except psycopg.Error as error:
            self.close()
            raise UnavailableError(
                Fault.OFFLINE, "could not listen for changes", str(error)
            ) from error
        if pgconn.status != 0:  # CONNECTION_BAD: the server closed it
            self.close()
            raise UnavailableError(Fault.OFFLINE, "could not listen for changes", "connection lost")
        return messages

    def _decode(self, extra: bytes) -> dict[str, Any] | None:
        try:
            message = json.loads(extra.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None
        if not isinstance(message, dict) or message.get("schema") != self.schema:
            return None
        if message.get("computer") == self.computer and message.get("pid") == self.pid:
            return None  # its own write: this process has reloaded already
        return message

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


__all__ = ["ChangeListener", "channel", "notify", "payload"]
