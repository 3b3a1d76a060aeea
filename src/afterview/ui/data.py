"""The window's one door to the store: every write goes through :meth:`DataAccess.write`.

A write runs in one transaction; a RecordError (bad input) or StoreError is
reported where the user is looking and the database stays as it was. After a
successful write the tray is told (never blocking), a backup is taken if one
is due, and :attr:`changed` tells every page which interviews to refresh.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from afterview import ipc
from afterview.store.database import Database
from afterview.store.errors import StoreError

T = TypeVar("T")
Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def after_write(db: Database, report: Callable[[str], None]) -> None:
    """What follows every write from the window: a backup when one is due, a word to the tray,
    and the calendar file a calendar client subscribes to (when the user chose a folder)."""
    from afterview.interop.ics_sync import sync_ics

    with contextlib.suppress(OSError, StoreError):
        db.backup_if_due()  # one that cannot be taken now is retried after the next write
    ipc.notify_changed(db.paths)
    try:
        sync_ics(db)
    except (OSError, StoreError) as error:
        report(f"The calendar file was not updated: {error}")


class DataAccess(QObject):
    #: Interview ids whose data changed; an empty list means "anything may have changed".
    changed = Signal(list)
    #: Created or deleted interviews: the list must re-query its order.
    structure_changed = Signal()
    #: A message for the user after a failed write (plain text).
    failed = Signal(str)

    def __init__(self, db: Database, clock: Clock = utcnow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock

    @property
    def paths(self):  # type: ignore[no-untyped-def]
        return self.db.paths

    def read(self, work: Callable[[Session], T]) -> T:
        with self.db.read() as session:
            return work(session)

    def write(
        self,
        work: Callable[[Session, datetime], T],
        *,
        interviews: list[int] | None = None,
        structure: bool = False,
    ) -> T | None:
        """Run ``work(session, now)`` in one transaction; None (and :attr:`failed`) on error."""
        try:
            with self.db.write() as session:
                result = work(session, self.clock())
        except StoreError as error:
            self.failed.emit(str(error))
            return None
        except SQLAlchemyError as error:
            # Nothing was written (the transaction rolled back); say so instead of crashing.
            detail = getattr(error, "orig", None) or error
            self.failed.emit(f"The change could not be saved ({detail}); nothing was changed.")
            return None
        after_write(self.db, self.failed.emit)
        if structure:
            self.structure_changed.emit()
        self.changed.emit(list(interviews or []))
        return result
