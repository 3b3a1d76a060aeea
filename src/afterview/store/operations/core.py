"""What every store operation shares: the open database, the clock, and the one write path.

An operation reads with :meth:`Core.read` or writes with :meth:`Core.write`; the work it
passes gets a SQLAlchemy session and must return plain values (never a row, which would tie
the caller to the session). A database error never leaves the store: it becomes a
:class:`~afterview.store.errors.StoreError` that says nothing was changed.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from afterview import ipc
from afterview.paths import Paths
from afterview.store.changes import Changes, Outcome
from afterview.store.database import Database
from afterview.store.errors import StoreError
from afterview.store.faults import UnavailableError

if TYPE_CHECKING:
    from afterview.store.operations import Store

T = TypeVar("T")
Clock = Callable[[], datetime]
log = logging.getLogger(__name__)

Listener = Callable[[Changes], None]


def utcnow() -> datetime:
    return datetime.now(UTC)


class Core:
    def __init__(self, db: Database, clock: Clock, role: ipc.Role | None) -> None:
        self.db = db
        self.clock = clock
        #: The process this store serves ("window", "tray"; None for the command line): the
        #: write path tells the other processes, and this one through its listeners.
        self.role = role
        self.listeners: list[Listener] = []
        self.store: Store | None = None

    @property
    def paths(self) -> Paths:
        return self.db.paths

    def read(self, work: Callable[[Session], T]) -> T:
        with _no_database_errors("could not be read"), self.db.read() as session:
            return work(session)

    def write(
        self, work: Callable[[Session, datetime], T], changes: Changes | Callable[[T], Changes]
    ) -> Outcome[T]:
        """Run ``work(session, now)`` in one transaction (``now``: aware UTC, from the clock),
        then the post-write path. On any error nothing was written and it propagates (a
        :class:`StoreError` naming the record and field for bad input)."""
        value = self.commit(work)
        made = changes(value) if callable(changes) else changes
        from afterview.store.write_path import after_write

        assert self.store is not None
        return Outcome(value, after_write(self.store, made))

    def replan_for_new_rules(self) -> None:
        """Plan every step again when the playbook's rules changed since this database was
        last planned (:data:`afterview.domain.playbook.RULES_VERSION`); what the user did to
        a step is kept, as on every re-plan. A no-op read otherwise."""
        from afterview.domain.playbook import RULES_VERSION
        from afterview.store import steps
        from afterview.store.models import MetaRow

        wanted = str(RULES_VERSION)

        def planned_with(session: Session) -> str | None:
            row = session.get(MetaRow, "plan_rules")
            return row.value if row is not None else None

        if self.read(planned_with) == wanted or self.db.read_only is not None:
            return  # read-only: planned again when it can be written

        def work(session: Session, now: datetime) -> None:
            if planned_with(session) == wanted:  # another process just did it
                return
            steps.replan(session, now)
            session.merge(MetaRow(name="plan_rules", value=wanted))

        try:
            self.commit(work)
        except UnavailableError:
            log.warning("the steps could not be planned again now", exc_info=True)

    def while_closed(self, action: Callable[[], T]) -> T:
        """Run ``action`` with the database closed (a restore replaces the file), then open
        whatever file is there, whether the action succeeded or not."""
        from afterview.store.database import open_database

        paths = self.db.paths
        self.db.close()
        try:
            return action()
        finally:
            self.db = open_database(paths)

    def commit(self, work: Callable[[Session, datetime], T]) -> T:
        """One transaction and nothing after it: only the write path itself uses this bare."""
        failed = "could not save that; nothing was changed"
        with _no_database_errors(failed), self.db.write() as session:
            return work(session, self.clock())


@contextlib.contextmanager
def _no_database_errors(what: str) -> Iterator[None]:
    try:
        yield
    except SQLAlchemyError as error:
        detail = getattr(error, "orig", None) or error
        raise StoreError(f"The database {what} ({detail}).") from error
