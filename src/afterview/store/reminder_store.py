"""What the tray asks of the store, by name: when to wake, what to announce, what is due, and
its pause. Plain ``sqlite3`` on a :class:`~afterview.store.plain_database.PlainDatabase`, or
psycopg on a :class:`~afterview.store.plain_server.PlainServer` (no SQLAlchemy, which would
cost the all-day tray about 45 MiB); the queries are :mod:`afterview.store.reminders`.

Marking a step done or snoozing it re-plans, which takes the full store: the tray runs those
as short ``afterview step`` processes (afterview.tray.commands), which end through the one
write path like every other writer. The tray's own bookkeeping (its notices, the pause)
is written here.

On a server that cannot be reached (Fault.OFFLINE) the tray goes on from the schedule it
last read, kept in :mod:`afterview.store.offline_cache`; what it announces meanwhile is
noted as announced at the first write that works again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from afterview import ipc
from afterview.paths import Paths
from afterview.store import offline_cache, reminders
from afterview.store.computer import computer_id
from afterview.store.faults import Fault, UnavailableError
from afterview.store.plain_database import PlainDatabase, open_plain
from afterview.store.reminders import Claim, Reminder

log = logging.getLogger(__name__)
#: What the tray listens by while the server's identity cannot be read (offline at start).
_UNKNOWN_IDENTITY = "0" * 32


class Transactions(Protocol):
    """A :class:`PlainDatabase` or a :class:`~afterview.store.plain_server.PlainServer`."""

    paths: Paths
    read_only: UnavailableError | None

    def read(self) -> AbstractContextManager[Any]: ...

    def write(self) -> AbstractContextManager[Any]: ...

    def close(self) -> None: ...


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
    #: Set while the server cannot be reached: this plan came from the offline schedule.
    offline: UnavailableError | None = None


def _offline(error: UnavailableError) -> bool:
    return error.fault is Fault.OFFLINE


class ReminderStore:
    def __init__(self, db: Transactions) -> None:
        self._db = db
        self.on_server = not isinstance(db, PlainDatabase)
        self.computer = computer_id(db.paths)
        # Its own read-only connection: PRAGMA data_version changes when another connection
        # (another process) commits, never for this one's own writes. A server says so
        # itself (NOTIFY, afterview.store.server_changes): :meth:`heard` counts those.
        self._version: Any = None
        if isinstance(db, PlainDatabase):
            from afterview.store.sqlite_file import connect_read_only

            self._version = connect_read_only(
                db.path, isolation_level=None, check_same_thread=False
            )
        self._heard = 0
        #: Steps announced while their notice could not be written: never twice, and
        #: marked at the first write that works.
        self._announced: set[int] = set()
        #: Set once something was announced from the offline schedule: written when back.
        self._catch_up = False
        #: Called once when saving starts to fail (again after it worked): the tray says so.
        self.on_saving_fails: Callable[[UnavailableError], None] | None = None
        #: Called once when the server cannot be reached, and with None when it is back.
        self.on_offline: Callable[[UnavailableError | None], None] | None = None
        self._told = False
        self.offline: UnavailableError | None = None
        self._cache = offline_cache.cache_path(db.paths.data_dir)
        self._cached: bytes | None = None
        self._instance: str | None = None

    @property
    def paths(self) -> Paths:
        return self._db.paths

    @property
    def instance(self) -> str:
        """What the window and the tray of this database and directory listen by
        (:func:`afterview.ipc.name`); read each time, as an import may change the identity
        (on a server, the last one read while it cannot be reached)."""
        if self.on_server:
            return self._server_instance()
        instance = ipc.instance_for(self._db.paths)
        if instance is None:  # open_plain migrated it: never missing after that
            raise AssertionError(f"{self._db.paths.database} has no identity")
        return instance

    def _server_instance(self) -> str:
        # Read here, on the tray's own connection: ipc.instance_for would load the full store.
        try:
            with self._db.read() as connection:
                row = connection.execute(
                    "SELECT value FROM meta WHERE name = 'database_id'"
                ).fetchone()
        except UnavailableError:
            row = None
        if row is not None and row[0]:
            self._instance = ipc.name(str(row[0]), self._db.paths.data_dir)
        if self._instance is None:
            return ipc.name(_UNKNOWN_IDENTITY, self._db.paths.data_dir)
        return self._instance

    def data_version(self) -> int:
        """Changes whenever another process commits (a cheap "did anything change?")."""
        if self._version is None:
            return self._heard
        return int(self._version.execute("PRAGMA data_version").fetchone()[0])

    def heard(self) -> None:
        """Another computer or process changed the server's data (its NOTIFY arrived)."""
        self._heard += 1

    def plan(self, now: datetime, zone: str) -> Plan:
        """Announce what is due at ``now`` (aware) unless held (paused, quiet hours in the
        IANA ``zone``), marking it notified in the same transaction so nothing fires twice.
        While the server cannot be reached, from the offline schedule."""
        try:
            plan = self._plan(now, zone)
        except UnavailableError as error:
            if not self.on_server or not _offline(error):
                raise
            return self._plan_offline(now, error)
        self._back_online()
        return plan

    def _plan(self, now: datetime, zone: str) -> Plan:
        with self._db.read() as connection:
            upcoming = reminders.next_due(connection, self._announced, computer=self.computer)
        claim, fault = Claim(), self._db.read_only
        # Steps announced while the server was away are noted as soon as it is back.
        behind = self._catch_up and bool(self._announced) and fault is None
        if (upcoming is not None and upcoming <= now) or behind:
            try:
                claim, upcoming = self._claim(now, zone, write=fault is None)
            except UnavailableError as error:
                if self.on_server and _offline(error):
                    raise
                fault = error
                claim, upcoming = self._claim(now, zone, write=False)
        with self._db.read() as connection:
            count = reminders.due_count(connection, now)
            if self.on_server:
                self._keep_schedule(reminders.unannounced(connection, self.computer))
        if fault is not None and not self._told and self.on_saving_fails is not None:
            self.on_saving_fails(fault)
        self._told = fault is not None and (self._told or self.on_saving_fails is not None)
        return Plan(claim, upcoming, count, fault)

    def _claim(self, now: datetime, zone: str, *, write: bool) -> tuple[Claim, datetime | None]:
        transaction = self._db.write if write else self._db.read
        with transaction() as connection:
            claim = reminders.claim_due(
                connection,
                now,
                zone,
                announced=self._announced,
                mark=write,
                computer=self.computer,
            )
            claimed = {item.id for item in claim.reminders}
            # Written, the notices already hide what was claimed; only unwritten ones need
            # naming, and each number of them is another statement for SQLite to keep.
            hidden = set() if write else self._announced | claimed
            upcoming = reminders.next_due(connection, hidden, computer=self.computer)
        # Only once the transaction has ended well: a commit that fails leaves both as they
        # were, and the caller decides again without writing.
        if write:
            self._announced.clear()
            self._catch_up = False
        else:
            self._announced |= claimed
        return claim, upcoming

    # --- the server away ------------------------------------------------------------------

    def _keep_schedule(self, steps: list[Reminder]) -> None:
        try:
            self._cached = offline_cache.save(self._cache, steps, self._cached)
        except OSError as error:  # reminders go on; only the offline schedule is older
            log.warning("could not keep the offline schedule in %s: %s", self._cache, error)

    def _schedule(self) -> Iterator[Reminder]:
        for step in offline_cache.load(self._cache):
            if step.id not in self._announced:
                yield step

    def _plan_offline(self, now: datetime, error: UnavailableError) -> Plan:
        """Announce from the schedule last read: each step once (noted as announced, and
        written when the server is back); the next wake at the next step's due."""
        self._went_offline(error)
        schedule = list(self._schedule())
        due = tuple(step for step in schedule if step.due <= now)
        self._announced |= {step.id for step in due}
        self._catch_up = True
        later = [step.due for step in schedule if step.due > now]
        count = sum(1 for step in offline_cache.load(self._cache) if step.due <= now)
        return Plan(Claim(reminders=due), min(later, default=None), count, offline=error)

    def _went_offline(self, error: UnavailableError) -> None:
        if self.offline is None:
            log.warning(
                "the server cannot be reached (%s); reminding from the last schedule", error
            )
            self.offline = error
            if self.on_offline is not None:
                self.on_offline(error)

    def _back_online(self) -> None:
        if self.offline is not None:
            log.info("the server is back")
            self.offline = None
            if self.on_offline is not None:
                self.on_offline(None)

    def _reading(self, read: Callable[[Any], Any], offline: Callable[[], Any]) -> Any:
        try:
            with self._db.read() as connection:
                return read(connection)
        except UnavailableError as error:
            if not self.on_server or not _offline(error):
                raise
            self._went_offline(error)
            return offline()

    # --- the menu and the pause -----------------------------------------------------------

    def due(self, now: datetime, limit: int | None = None) -> list[Reminder]:
        """Open steps due at ``now``, earliest first (what the tray's menu lists; while the
        server is away, those of the offline schedule)."""

        def cached() -> list[Reminder]:
            found = [step for step in offline_cache.load(self._cache) if step.due <= now]
            return found[:limit] if limit is not None else found

        result: list[Reminder] = self._reading(
            lambda connection: reminders.due_reminders(connection, now, limit), cached
        )
        return result

    def due_count(self, now: datetime) -> int:
        count: int = self._reading(
            lambda connection: reminders.due_count(connection, now), lambda: len(self.due(now))
        )
        return count

    def still_due(self, ids: set[int], now: datetime) -> set[int]:
        """Which of ``ids`` are open steps due at ``now``; the others were done, snoozed,
        moved or deleted elsewhere, and their notifications are withdrawn. All of them while
        the server is away."""
        if not ids:
            return set()

        def read(connection: Any) -> set[int]:
            found = (reminders.reminder(connection, step_id) for step_id in ids)
            return {step.id for step in found if step is not None and step.due <= now}

        due: set[int] = self._reading(read, lambda: set(ids))
        return due

    def paused_until(self, now: datetime) -> datetime | None:
        until: datetime | None = self._reading(
            lambda connection: reminders.paused_until(connection, now), lambda: None
        )
        return until

    def pause_until_morning(self, now: datetime, zone: str) -> datetime:
        """Hold notifications until tomorrow morning; returns that instant (aware UTC)."""
        with self._db.write() as connection:
            until = reminders.pause_until_morning(connection, now, zone)
            self._tell_computers(connection)
            return until

    def resume(self) -> None:
        with self._db.write() as connection:
            reminders.resume(connection)
            self._tell_computers(connection)

    def _tell_computers(self, connection: Any) -> None:
        """On a server, the pause is the tray's own write: NOTIFY it in its transaction (the
        window and the other computers' trays re-read it)."""
        if self.on_server:
            from afterview.store.server_changes import notify

            notify(connection.raw, ["settings"], self.computer)

    def close(self) -> None:
        if self._version is not None:
            self._version.close()
        self._db.close()

    def __enter__(self) -> ReminderStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_tray_database(paths: Paths) -> Transactions:
    """The tray's transactions on ``paths``' database: a :class:`PlainDatabase` on its
    SQLite file, a :class:`~afterview.store.plain_server.PlainServer` on a server (psycopg
    imported only then). Creates or migrates it first when it must; StoreError as from
    opening the store, UnavailableError (Fault.OFFLINE) when the server cannot be reached."""
    from afterview.store.target import PostgresTarget, resolve_target

    # The file's way first, without the store's module: it would load SQLAlchemy.
    target = resolve_target(paths.database, paths.config_dir, paths.database_target)
    if not isinstance(target, PostgresTarget):
        return open_plain(paths)
    from afterview.store.plain_server import open_plain_server
    from afterview.store.server_choice import server_for

    server = server_for(paths)
    assert server is not None  # the same choice as just resolved
    return open_plain_server(paths, server)


def open_reminders(paths: Paths) -> ReminderStore:
    """Open ``paths``' database for the tray (creating, checking or migrating it first with the
    full store when it must): its SQLite file, or the PostgreSQL server it names (psycopg is
    imported only then). StoreError as from opening the store; a server that cannot be
    reached opens all the same (the tray reminds from its offline schedule)."""
    try:
        db = open_tray_database(paths)
    except UnavailableError as error:
        if not _offline(error):
            raise
        from afterview.store.plain_server import PlainServer
        from afterview.store.server_choice import server_for

        server = server_for(paths)
        if server is None:
            raise
        log.warning("the server cannot be reached at start (%s)", error)
        db = PlainServer(paths, server)
    return ReminderStore(db)


__all__ = [
    "Plan",
    "Reminder",
    "ReminderStore",
    "Transactions",
    "open_reminders",
    "open_tray_database",
]
