"""Opening an Afterview database on a PostgreSQL server (one search on several computers).

The same checks as for an SQLite file, in the server's terms: probe the schema version
(Alembic's ``alembic_version`` row, :mod:`afterview.store.schema_mark`); refuse a newer
one untouched; before migrating an older one, ask (when a ``confirm`` callback is given:
on a shared server the first computer to upgrade decides for all) and write a JSON snapshot
of every table to the backup folder; then migrate in one transaction. Two computers opening
at once take turns on a session-level advisory lock, as two processes on one computer take
turns on ``open.lock``.

Imported only for a PostgreSQL target: the SQLite path never loads psycopg.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg.conninfo import make_conninfo

from afterview.private_files import create_private_file, make_private_dir
from afterview.store.errors import NewerSchemaError, StoreError
from afterview.store.faults import Fault, UnavailableError
from afterview.store.schema_mark import newest_of_revisions, refuse_if_upgraded
from afterview.store.sqlite_file import SCHEMA_VERSION

if TYPE_CHECKING:
    # SQLAlchemy only where an engine is made: the tray on a server connects with psycopg
    # alone (afterview.store.plain_server), as on a file with sqlite3 alone.
    from sqlalchemy import Engine

#: The first key of every advisory lock Afterview takes ("AV"); the second is the schema's
#: hash, so two job seekers on one server never wait for each other.
LOCK_SPACE = 0x4156
#: Opening (probe, migrate) and writing take different locks: a long migration blocks other
#: openers, and a writer blocks only other writers.
OPEN_LOCK, WRITE_LOCK = 1, 2
UPGRADING = "could not upgrade the database to this version of Afterview"
#: Seconds to wait for a server before saying it cannot be reached (libpq's connect_timeout).
CONNECT_TIMEOUT_S = 10

#: Called with (the schema found, this Afterview's schema) before migrating a database that
#: has data; False leaves it as it was (NotUpgradedError).
ConfirmUpgrade = Callable[[int, int], bool]


class NotUpgradedError(StoreError):
    """The user chose not to upgrade a shared database now; nothing was changed."""


@dataclass(frozen=True)
class Server:
    """Where the database is: libpq keywords (never shown) and words for the user."""

    params: Mapping[str, str]
    display: str
    #: Asked for a password only once the server has said it wants one libpq has not got
    #: (the keyring's, :func:`afterview.store.server_choice.server_for`): a local server
    #: usually trusts its socket, and loading the keyring costs a window 0.1-0.2 s.
    ask_password: Callable[[], str | None] | None = field(default=None, compare=False, repr=False)
    _asked: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def connect(self, **options: Any) -> psycopg.Connection[Any]:
        """A new connection; UnavailableError (the server cannot be reached) or StoreError
        (refused: authentication, a missing database) in words. It gives up after
        :data:`CONNECT_TIMEOUT_S` seconds unless the target or ``options`` set their own
        ``connect_timeout``: a host that drops packets must not freeze the window."""
        if "connect_timeout" not in self.params:
            options.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
        params = {**self.params, **self._asked}
        try:
            try:
                return psycopg.connect(make_conninfo("", **params), **options)
            except psycopg.OperationalError as error:
                password = self._password_asked_for(error, params)
                if password is None:
                    raise
            self._asked["password"] = password
            return psycopg.connect(make_conninfo("", **params, password=password), **options)
        except psycopg.Error as error:
            raise refused(error, self.display, "could not connect to the database") from error

    def _password_asked_for(self, error: psycopg.Error, params: Mapping[str, str]) -> str | None:
        """The password :attr:`ask_password` gives when ``error`` is the server asking for
        one and none was sent; else None."""
        if self.ask_password is None or "password" in params:
            return None
        if "no password supplied" not in str(error):  # libpq's fe_sendauth words
            return None
        return self.ask_password()


def lock_key(connection: psycopg.Connection[Any]) -> int:
    """The second advisory-lock key: the hash of the current schema (the job seeker)."""
    row = connection.execute("SELECT hashtext(current_schema())").fetchone()
    return int(row[0]) if row is not None else 0


def make_engine(server: Server) -> Engine:
    """SQLAlchemy's engine over ``server`` (psycopg 3). Every connection runs in UTC, so an
    instant written as text (the plain readers, :mod:`afterview.store.plain_sql`) means UTC."""
    from sqlalchemy import create_engine, event

    engine = create_engine(
        "postgresql+psycopg://",
        creator=lambda: server.connect(),
        pool_pre_ping=True,
    )
    event.listen(engine, "begin", lambda connection: _on_begin(connection, server.display))
    return engine


def _on_begin(connection: Any, display: str) -> None:
    # The writer's turn: one write transaction at a time per job seeker, as SQLite's
    # BEGIN IMMEDIATE gives on a file (the lock ends with the transaction).
    if connection.get_execution_options().get("afterview_begin") != "IMMEDIATE":
        return
    connection.exec_driver_sql(
        "SELECT pg_advisory_xact_lock(%(space)s, hashtext(current_schema()) + %(kind)s)",
        {"space": LOCK_SPACE, "kind": WRITE_LOCK},
    )
    # Another computer's newer Afterview may have upgraded the schema since this one opened
    # it: read under the write lock, so no save of this version lands on the newer schema.
    try:
        refuse_if_upgraded(schema_version_by(connection.exec_driver_sql), display)
    except NewerSchemaError:
        connection.exec_driver_sql("ROLLBACK")
        raise


#: Alembic's record of the schema's revision (one row; Alembic allows several heads).
SCHEMA_REVISIONS = "SELECT version_num FROM alembic_version"


def probe_schema_version(connection: psycopg.Connection[Any]) -> int:
    """The schema version of the database in the connection's search path: 0 when it has
    no Afterview tables yet. UnavailableError/StoreError as :func:`refused` says."""
    return schema_version_by(connection.execute)


def schema_version_by(execute: Callable[[str], Any]) -> int:
    """:func:`probe_schema_version` through ``execute`` (a psycopg connection's, or a
    SQLAlchemy connection's ``exec_driver_sql``), so the window's and the tray's write paths
    read it the same way."""
    row = execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()
    if row is None or not row[0]:
        return 0
    return newest_of_revisions(execute(SCHEMA_REVISIONS).fetchall())


def database_identity_on(connection: psycopg.Connection[Any]) -> str | None:
    """``meta.database_id``, the identity an export and a copy carry (never a path); None
    before the database has its tables."""
    if probe_schema_version(connection) == 0:
        return None
    row = connection.execute("SELECT value FROM meta WHERE name = 'database_id'").fetchone()
    return str(row[0]) if row is not None else None


def newer(display: str, version: int) -> NewerSchemaError:
    return NewerSchemaError(
        f"The database {display} was upgraded by a newer Afterview (schema {version}; this "
        f"version understands up to {SCHEMA_VERSION}). Update Afterview on this computer to "
        "open it; nothing was changed."
    )


def open_server(
    server: Server,
    backup_dir: Path,
    *,
    now: datetime,
    confirm: ConfirmUpgrade | None = None,
) -> tuple[Engine, int, Path | None]:
    """Check, and create or migrate, the database on ``server``; returns the engine, the
    schema it had (0: created) and the JSON snapshot taken before migrating (or None).

    Raises NewerSchemaError (untouched), NotUpgradedError (``confirm`` said no),
    UnavailableError (the server cannot be reached) and StoreError in words.
    """
    with server.connect(autocommit=True) as connection:
        key = lock_key(connection)
        try:
            connection.execute(
                "SELECT pg_advisory_lock(%s, %s)", (LOCK_SPACE, key + OPEN_LOCK)
            ).fetchone()
            version = probe_schema_version(connection)
        except psycopg.Error as error:
            raise refused(error, server.display, "could not read the database") from error
        if version > SCHEMA_VERSION:
            raise newer(server.display, version)
        engine = make_engine(server)
        if version == SCHEMA_VERSION:
            return engine, version, None
        snapshot = None
        try:
            if version > 0:
                if confirm is not None and not confirm(version, SCHEMA_VERSION):
                    raise NotUpgradedError(
                        f"The database {server.display} was left at schema {version}; this "
                        f"Afterview needs {SCHEMA_VERSION}. Nothing was changed. Open "
                        "Afterview's window (or run the command in a terminal) to upgrade it."
                    )
                snapshot = write_snapshot(engine, backup_dir, now)
            from afterview.store.migrate import upgrade

            upgrade(engine)
        except Exception as error:
            engine.dispose()
            if isinstance(error, psycopg.Error) or isinstance(
                getattr(error, "orig", None), psycopg.Error
            ):
                raise refused(error, server.display, UPGRADING) from error
            raise
        # The session-level lock ends with the connection, whatever happened above.
        return engine, version, snapshot


def write_snapshot(engine: Engine, backup_dir: Path, now: datetime) -> Path:
    """Every row of every table, as JSON, in ``backup_dir`` (private), before a migration:
    readable by hand and by any later Afterview, whatever the schema it was taken at.
    StoreError (nothing was migrated) when it cannot be written."""
    from sqlalchemy import inspect, text

    make_private_dir(backup_dir)
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = backup_dir / f"afterview-{stamp}-pre-migration.json"
    with engine.connect() as connection:
        names = inspect(connection).get_table_names()
        tables: dict[str, list[dict[str, Any]]] = {}
        for name in sorted(names):
            quoted = connection.dialect.identifier_preparer.quote(name)
            rows = connection.execute(text(f"SELECT * FROM {quoted}"))  # noqa: S608
            tables[name] = [
                {column: _plain(value) for column, value in row._mapping.items()} for row in rows
            ]
    document = {"format": "afterview-table-snapshot/1", "taken_at": now.isoformat(), **tables}
    try:
        create_private_file(path)
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as error:
        raise StoreError(
            "This version of Afterview must upgrade the database, and saves a copy of it "
            f"first, but {path} could not be written: {error.strerror or error}. "
            "Nothing was changed."
        ) from error
    return path


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


#: SQLSTATE classes and codes (PostgreSQL's Appendix A) and what they mean to the user.
_CONNECTION_CLASS = "08"
#: admin_shutdown, crash_shutdown, cannot_connect_now: the server is stopping or starting
#: (a connection kept from before a restart fails with the first), so it is away for now.
_SHUTTING_DOWN = {"57P01", "57P02", "57P03"}
_AUTHENTICATION = {"28000", "28P01"}
_NO_DATABASE = "3D000"
_READ_ONLY = {"25006", "42501"}  # read_only_sql_transaction, insufficient_privilege
#: libpq's words when the server's certificate fails the check sslmode asks for.
_UNVERIFIED = ("server certificate for", "root certificate file", "certificate verify failed")


def refused(error: BaseException, display: str, doing: str) -> StoreError:
    """What to raise for a psycopg error (or SQLAlchemy's wrapper of one): the server cannot
    be reached (UnavailableError, Fault.OFFLINE: try again later), authentication failed, the
    database does not exist, or this role may only read (Fault.NOT_ALLOWED); else a StoreError
    with the server's own words."""
    original = getattr(error, "orig", None) or error
    state = getattr(original, "sqlstate", None) or ""
    detail = str(original).strip()
    if state in _AUTHENTICATION or "authentication failed" in detail or "password" in detail:
        return StoreError(
            f"{_capital(doing)}: the server refused the user name or password for {display}. "
            "Check them (the password comes from your pgpass file or the keyring)."
        )
    if state == _NO_DATABASE or ("database" in detail and "does not exist" in detail):
        return StoreError(
            f"{_capital(doing)}: the database in {display} does not exist on that server. "
            "Check its name, or ask whoever runs the server to create it."
        )
    if state in _READ_ONLY:
        return UnavailableError(Fault.NOT_ALLOWED, doing, detail)
    if any(words in detail for words in _UNVERIFIED):
        # Not "cannot be reached": retrying would meet the same certificate (34.19.1).
        return StoreError(
            f"{_capital(doing)}: the server at {display} could not be verified, so nothing "
            f"was sent to it ({detail.rsplit('failed: ', 1)[-1].splitlines()[0]}). Check the "
            "host name and the certificate authority (sslrootcert), or ask whoever runs the "
            "server."
        )
    if isinstance(original, psycopg.OperationalError) and (
        not state or state.startswith(_CONNECTION_CLASS) or state in _SHUTTING_DOWN
    ):
        return UnavailableError(Fault.OFFLINE, doing, detail)
    return StoreError(f"{_capital(doing)} ({display}): {detail}")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@contextlib.contextmanager
def translate_faults(display: str, doing: str) -> Iterator[None]:
    """psycopg's errors in words (:func:`refused`); a bug is raised as it is."""
    try:
        yield
    except Exception as error:
        original = getattr(error, "orig", None) or error
        if isinstance(original, psycopg.Error) and (
            isinstance(original, psycopg.OperationalError)
            or (original.sqlstate or "") in _READ_ONLY
        ):
            raise refused(error, display, doing) from error
        raise
