"""What the tray asks of the store, by name: when to wake, what to announce, what is due, and
its pause. Plain ``sqlite3`` on a :class:`~afterview.store.plain_database.PlainDatabase`
(no SQLAlchemy, which would cost the all-day tray about 45 MiB); the queries are
:mod:`afterview.store.reminders`.

Marking a step done or snoozing it re-plans, which takes the full store: the tray runs those
as short ``afterview step`` processes (afterview.tray.commands), which end through the one
write path like every other writer. The tray's own bookkeeping (``notified_at``, the pause)
is written here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from afterview import ipc
from afterview.paths import Paths
from afterview.store import reminders
from afterview.store.faults import UnavailableError
from afterview.store.plain_database import PlainDatabase, open_plain
from afterview.store.reminders import Claim, Reminder
from afterview.store.sqlite_file import connect_read_only


@dataclass(frozen=True)
class Plan:
    """One look at the steps: what to announce now, when the next one falls due, and how
    many are due (the number on the icon)."""

    claim: Claim
    upcoming: datetime | None
    due_count: int
    #: Why the tray's bookkeeping could not be saved (a full disk, a read-only folder):
    #: announcements go on from what can be read, each step still once.
    saving_fails: UnavailableError | None = None


class ReminderStore:
    def __init__(self, db: PlainDatabase) -> None:
        self._db = db
        # Its own read-only connection: PRAGMA data_version changes when another connection
        # (another process) commits, never for this one's own writes.
        self._version = connect_read_only(db.path, isolation_level=None, check_same_thread=False)
        #: Steps announced while ``notified_at`` could not be written: never twice, and
        #: marked at the first write that works.
        self._announced: set[int] = set()
        #: Called once when saving starts to fail (again after it worked): the tray says so.
        self.on_saving_fails: Callable[[UnavailableError], None] | None = None
        self._told = False

    @property
    def paths(self) -> Paths:
        return self._db.paths

    @property
    def instance(self) -> str:
        """What the window and the tray of this database and directory listen by
        (:func:`afterview.ipc.name`); read each time, as an import may change the identity."""
        instance = ipc.instance_for(self._db.paths)
        if instance is None:  # open_plain migrated it: never missing after that
            raise AssertionError(f"{self._db.path} has no identity")
        return instance

    def data_version(self) -> int:
        """Changes whenever another process commits (a cheap "did anything change?")."""
        return int(self._version.execute("PRAGMA data_version").fetchone()[0])

    def plan(self, now: datetime, zone: str) -> Plan:
        """Announce what is due at ``now`` (aware) unless held (paused, quiet hours in the
        IANA ``zone``), marking it notified in the same transaction so nothing fires twice."""
        with self._db.read() as connection:
            upcoming = reminders.next_due(connection, self._announced)
        claim, fault = Claim(), self._db.read_only
        if upcoming is not None and upcoming <= now:
            try:
                claim, upcoming = self._claim(now, zone, write=fault is None)
            except UnavailableError as error:
                fault = error
                claim, upcoming = self._claim(now, zone, write=False)
        with self._db.read() as connection:
            count = reminders.due_count(connection, now)
        if fault is not None and not self._told and self.on_saving_fails is not None:
            self.on_saving_fails(fault)
        self._told = fault is not None and (self._told or self.on_saving_fails is not None)
        return Plan(claim, upcoming, count, fault)

    def _claim(self, now: datetime, zone: str, *, write: bool) -> tuple[Claim, datetime | None]:
        transaction = self._db.write if write else self._db.read
        with transaction() as connection:
            claim = reminders.claim_due(
                connection, now, zone, announced=self._announced, mark=write
            )
            claimed = {item.id for item in claim.reminders}
            upcoming = reminders.next_due(connection, self._announced | claimed)
        # Only once the transaction has ended well: a commit that fails leaves both as they
        # were, and the caller decides again without writing.
        if write:
            self._announced.clear()
        else:
            self._announced |= claimed
        return claim, upcoming

    def due(self, now: datetime, limit: int | None = None) -> list[Reminder]:
        """Open steps due at ``now``, earliest first (what the tray's menu lists)."""
        with self._db.read() as connection:
            return reminders.due_reminders(connection, now, limit)

    def due_count(self, now: datetime) -> int:
        with self._db.read() as connection:
            return reminders.due_count(connection, now)

    def paused_until(self, now: datetime) -> datetime | None:
        with self._db.read() as connection:
            return reminders.paused_until(connection, now)

    def pause_until_morning(self, now: datetime, zone: str) -> datetime:
        """Hold notifications until tomorrow morning; returns that instant (aware UTC)."""
        with self._db.write() as connection:
            return reminders.pause_until_morning(connection, now, zone)

    def resume(self) -> None:
        with self._db.write() as connection:
            reminders.resume(connection)

    def close(self) -> None:
        self._version.close()
        self._db.close()

    def __enter__(self) -> ReminderStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_reminders(paths: Paths) -> ReminderStore:
    """Open ``paths``' database for the tray (creating, checking or migrating it first with the
    full store when it must); StoreError as from opening the store."""
    return ReminderStore(open_plain(paths))


__all__ = ["Plan", "Reminder", "ReminderStore", "open_reminders"]
