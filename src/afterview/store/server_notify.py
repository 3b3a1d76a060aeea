"""The NOTIFY that tells the other computers about a committed write (issue 16 §3), sent
through the store's own engine. Apart from :mod:`afterview.store.server_changes` (the
channel, the payload and the LISTEN side), which the window imports without SQLAlchemy."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from afterview.store.faults import Fault, UnavailableError
from afterview.store.server_changes import channel, payload

if TYPE_CHECKING:
    from sqlalchemy import Engine


def notify_after_commit(engine: Engine, kinds: Iterable[str], computer: str) -> None:
    """Send the change of a write that has just committed, on a connection of ``engine``'s
    pool (no new connection per write). UnavailableError when the server cannot be reached:
    the data is saved, the other computers learn of it at their next change or reconnect."""
    try:
        # Through SQLAlchemy's own transaction: a statement on the raw connection would be
        # rolled back when the pool takes the connection back.
        with engine.begin() as connection:
            found = connection.exec_driver_sql("SELECT current_schema()").scalar()
            schema = str(found) if found else "public"
            connection.exec_driver_sql(
                "SELECT pg_notify(%s, %s)", (channel(schema), payload(kinds, schema, computer))
            )
    except Exception as error:
        original = getattr(error, "orig", None) or error
        import psycopg

        if isinstance(original, psycopg.Error):
            raise UnavailableError(
                Fault.OFFLINE, "could not tell the other computers", str(original)
            ) from error
        raise
