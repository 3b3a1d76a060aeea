"""The store's operations: everything the rest of Afterview may ask of its data, by name.

``ui/``, ``tray/``, ``letters/``, ``interop/``, the self-test and the command line open a
:class:`Store` (through :func:`afterview.store.api.open_store`, which imports this package
only when it is called) and call its operations, grouped by record::

    store.interviews.create(values, people)      # -> Outcome[int]
    store.steps.done(step_id)                    # -> Outcome[StepView]
    store.today.groups(now)                      # -> TodayGroups

Queries return plain values (:mod:`afterview.store.values`, the domain's records); commands
return an :class:`~afterview.store.changes.Outcome` with the kinds they changed, after the
one post-write path (:mod:`afterview.store.write_path`). Nothing here hands out a session, a
row or a database error. The plain-``sqlite3`` readers (the interview list, Today) sit
behind the same object, so the window reads them the same way before and after the rest of
the store has loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from afterview import ipc
from afterview.paths import Paths
from afterview.store.changes import Changes
from afterview.store.database import Database
from afterview.store.faults import Fault, UnavailableError
from afterview.store.interview_list import ListSource
from afterview.store.operations.applications import Applications
from afterview.store.operations.backups import Backups
from afterview.store.operations.board import Board
from afterview.store.operations.contacts import Contacts
from afterview.store.operations.core import Clock, Core, utcnow
from afterview.store.operations.data import Data
from afterview.store.operations.insight import InsightOps
from afterview.store.operations.interviews import Interviews
from afterview.store.operations.invitations import Invitations
from afterview.store.operations.letters import Letters
from afterview.store.operations.references import References
from afterview.store.operations.reports import Reports
from afterview.store.operations.settings import SettingsOps
from afterview.store.operations.steps import Steps
from afterview.store.today import TodaySource

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from afterview.store.postgres import Server


class Store:
    """An open Afterview database and every operation on it. Close it when done."""

    def __init__(
        self, db: Database, *, clock: Clock = utcnow, role: ipc.Role | None = None
    ) -> None:
        self._core = Core(db, clock, role)
        self._core.store = self
        self.identity = self._read_identity()
        self.interviews = Interviews(self._core)
        #: Calendar invitations: preview and import (issue 18 §1).
        self.invitations = Invitations(self._core)
        self.applications = Applications(self._core)
        #: The board's cards (issue 17 §2).
        self.board = Board(self._core)
        self.steps = Steps(self._core)
        self.contacts = Contacts(self._core)
        self.references = References(self._core)
        self.letters = Letters(self._core)
        self.settings = SettingsOps(self._core)
        self.data = Data(self._core)
        self.backups = Backups(self._core)
        self.reports = Reports(self._core)
        #: The Insight page's figures (issue 17 §4).
        self.insight = InsightOps(self._core)
        #: The interview list, read in plain sqlite3 (see afterview.store.interview_list).
        self.list = ListSource(db.snapshots)
        #: The Today page, read in plain sqlite3 (see afterview.store.today).
        self.today = TodaySource(db.snapshots)
        self._core.replan_for_new_rules()

    @property
    def paths(self) -> Paths:
        return self._core.paths

    @property
    def read_only(self) -> UnavailableError | None:
        """Why this database cannot be written now (a full disk, a read-only folder), or
        None. Reads work either way; every command raises this reason at once."""
        return self._core.db.read_only

    @property
    def engine_and_server(self) -> tuple[Engine, Server | None]:
        """The engine, and the PostgreSQL server it is on (None for the SQLite file): the
        write path tells the other computers over it (afterview.store.server_changes)."""
        return self._core.db.engine, self._core.db.server

    @property
    def role(self) -> ipc.Role | None:
        return self._core.role

    @property
    def clock(self) -> Clock:
        return self._core.clock

    @property
    def listeners(self) -> list[Callable[[Changes], None]]:
        """Called with the :class:`Changes` of every write this process makes, after it is
        committed (the window's pages reload from here)."""
        return self._core.listeners

    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        self._core.listeners.append(listener)

    def _read_identity(self) -> str:
        db = self._core.db
        identity = db.identity()
        if identity is None:  # opening creates or migrates it: only a failing read misses it
            fault = Fault.IO if db.server is None else Fault.OFFLINE
            raise UnavailableError(fault, f"could not read {db.where}")
        return identity

    @property
    def instance(self) -> str:
        """What this database in this data directory is known by to the other processes
        (:func:`afterview.ipc.name`)."""
        return ipc.name(self.identity, self.paths.data_dir)

    def reopen(self) -> UnavailableError | None:
        """Close the database and open it again, as it is now (a disk that was full or
        read-only may have cleared): returns :attr:`read_only` after. Raises StoreError as
        opening does (DamagedDatabaseError, NewerSchemaError, UnavailableError)."""
        self._core.while_closed(lambda: None)
        self.refresh_identity()
        return self.read_only

    def refresh_identity(self) -> str:
        """The identity as the file has it now (an import may have taken the exported one)."""
        self.identity = self._read_identity()
        return self.identity

    def close(self) -> None:
        self._core.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["Store"]
