"""The door to the store for everything outside it, cheap to import: opening a store loads
SQLAlchemy (and Alembic when a migration is due) only when it is called.

    from afterview.store.api import open_store
    with open_store(paths) as store:
        store.steps.done(step_id)

Type annotations name :class:`afterview.store.operations.Store` under ``TYPE_CHECKING``,
so a module that only passes a store around never imports the database library.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from afterview import ipc
from afterview.paths import Paths

if TYPE_CHECKING:
    from afterview.store.operations import Store


def open_store(
    paths: Paths,
    *,
    role: ipc.Role | None = None,
    clock: Callable[[], datetime] | None = None,
    now: datetime | None = None,
    confirm_upgrade: Callable[[int, int], bool] | None = None,
) -> Store:
    """Open (creating, checking or migrating as needed) the database in ``paths``.

    ``role`` names the process ("window", "tray"; None for a command) so the write path
    tells the others, not itself; ``clock`` gives "now" for writes (aware UTC).
    ``confirm_upgrade(found, wanted)`` is asked before a database on a server, which other
    computers share, is migrated from schema ``found`` to ``wanted``; None migrates.
    Raises :class:`~afterview.store.errors.StoreError` (NewerSchemaError,
    DamagedDatabaseError...) with a message for the user.
    """
    from afterview.store.database import open_database
    from afterview.store.operations import Store
    from afterview.store.operations.core import utcnow

    database = open_database(paths, now=now, confirm_upgrade=confirm_upgrade)
    return Store(database, clock=clock or utcnow, role=role)


__all__ = ["open_store"]
