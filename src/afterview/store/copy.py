"""Moving a whole job search to another database: ``afterview copy --to TARGET`` and
Settings ▸ Storage ▸ Copy my data there (issue 16, item 6).

All or nothing, into an empty target only, and the source is never written:

1. the source (the database ``--database``, ``AFTERVIEW_DATABASE`` or the setting chooses)
   is read whole as the lossless export (:func:`interchange.export_document`);
2. the document goes through JSON and is parsed and checked as ``afterview import`` would
   check a file, so the copy holds nothing an export could not carry;
3. the target is checked empty (an SQLite file that does not exist or has no bytes; a
   PostgreSQL schema without Afterview's tables), created at this Afterview's schema, and
   the document imported in one transaction;
4. the target's own lossless export must equal the source's. Nothing is left out of the
   comparison: the import carries the database identity, the settings, every record by its
   key and every step's state, so the two documents are equal when the copy is whole;
5. on any failure the target is put back as it was: a new SQLite file is removed (an empty
   one is emptied again), and on a server the tables (and a schema) the copy made are
   dropped.

Qt-free: ``progress`` is a plain callback (percent, words), which the window forwards to its
progress dialog from a worker thread.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from afterview.paths import Paths
from afterview.private_files import create_private_file
from afterview.store.database import make_engine, open_database, utcnow
from afterview.store.errors import StoreError
from afterview.store.interchange import import_document
from afterview.store.interchange_export import export_document
from afterview.store.interchange_format import parse_document
from afterview.store.target import (
    PostgresTarget,
    SqliteTarget,
    parse_target,
    saved_allow_insecure,
)
from afterview.store.values import ImportSummary

if TYPE_CHECKING:
    import psycopg

    from afterview.store.postgres import Server

#: Called with how far the copy is (0-100) and what it is doing, in words.
Progress = Callable[[int, str], None]
_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


class CopyError(StoreError):
    """The copy was refused or failed; the target was left as it was (the message says so)."""


@dataclass(frozen=True)
class CopyReport:
    """What was copied: where from and to (in words, never a password), and how many records."""

    source: str
    target: str
    counts: ImportSummary


def _no_progress(_percent: int, _words: str) -> None:
    return None


def copy_database(
    paths: Paths,
    to: str,
    *,
    progress: Progress | None = None,
    now: datetime | None = None,
    allow_insecure: bool | None = None,
) -> CopyReport:
    """Copy the whole database ``paths`` opens to ``to`` (``sqlite:PATH``, a libpq URI with
    an optional ``search=SCHEMA``, key=value settings or a service name), verified by
    comparing the lossless export of both sides.

    Raises CopyError (the target is not empty, is the source, or the copy failed: the target
    was put back as it was), TargetError (``to`` cannot be read) and StoreError or
    UnavailableError when the source or the server cannot be opened, all in words. The
    source is only read. ``allow_insecure``: plain TCP to a remote server allowed (None:
    as saved in Settings ▸ Storage).
    """
    say = progress or _no_progress
    target = parse_target(to)
    moment = now or utcnow()
    say(0, f"Reading {_source_words(paths)}")
    with open_database(paths) as source:
        with source.read() as session:
            original = export_document(session)
        where_from = source.where
    if _same_place(paths, source.server, target):
        raise CopyError(f"{target.display()} is the database you are copying from; choose another.")
    # Through JSON and the file checks, as ``afterview import`` reads an exported file.
    document = parse_document(json.loads(json.dumps(original, ensure_ascii=False)))
    say(20, f"Checking {target.display()}")
    if isinstance(target, SqliteTarget):
        counts = _to_file(target.path, document, original, moment, say)
    else:
        if allow_insecure is None:
            allow_insecure = saved_allow_insecure(paths.config_dir)
        counts = _to_server(target, allow_insecure, document, original, moment, say)
    say(100, "Done")
    return CopyReport(where_from, target.display(), counts)


def _source_words(paths: Paths) -> str:
    return paths.database_target or "your data"


def _same_place(paths: Paths, server: Server | None, target: SqliteTarget | PostgresTarget) -> bool:
    if isinstance(target, SqliteTarget):
        return server is None and target.path.resolve() == paths.database.resolve()
    return server is not None and server.display == target.display()


def _write_and_check(
    engine: Engine,
    document: Any,
    original: dict[str, Any],
    now: datetime,
    say: Progress,
) -> ImportSummary:
    """Create the tables, import in one transaction, then compare the exports."""
    from afterview.store.migrate import upgrade

    say(35, "Creating the tables")
    upgrade(engine)
    say(55, "Writing the records")
    with Session(engine, expire_on_commit=False) as session, session.begin():
        counts = import_document(session, document, now)
    say(80, "Checking the copy")
    with Session(engine) as session:
        copied = export_document(session)
    if copied != original:
        raise CopyError(
            f"the copy differs from the source at {_first_difference(original, copied)}"
        )
    return counts


def _first_difference(left: Any, right: Any, where: str = "") -> str:
    """Where two exports first differ, as a path of keys and indexes: for the message."""
    if isinstance(left, dict) and isinstance(right, dict):
        for key in sorted(set(left) | set(right)):
            if left.get(key) != right.get(key):
                return _first_difference(left.get(key), right.get(key), f"{where}/{key}")
    if isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            return f"{where or '/'}: {len(left)} in the source, {len(right)} in the copy"
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            if a != b:
                return _first_difference(a, b, f"{where}/{index}")
    return f"{where or '/'}: {str(left)[:80]!r} in the source, {str(right)[:80]!r} in the copy"


# -- to an SQLite file ------------------------------------------------------------------------


def _to_file(
    path: Path, document: Any, original: dict[str, Any], now: datetime, say: Progress
) -> ImportSummary:
    existed = path.exists()
    if existed and (not path.is_file() or path.stat().st_size > 0):
        raise CopyError(
            f"{path} already exists and is not empty; Afterview copies only into a new or "
            "empty file, so nothing in it is lost. Choose another name, or move that file away."
        )
    if not path.parent.is_dir():
        raise CopyError(f"The folder {path.parent} does not exist; create it first.")
    try:
        create_private_file(path)
    except OSError as error:
        raise CopyError(f"{path} cannot be created: {error.strerror or error}.") from error
    engine = make_engine(path)
    try:
        return _write_and_check(engine, document, original, now, say)
    except BaseException as error:
        engine.dispose()
        _put_back_file(path, existed)
        raise _failed(error, str(path)) from error
    finally:
        engine.dispose()


def _put_back_file(path: Path, existed: bool) -> None:
    for suffix in _SQLITE_SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()
    if existed:
        path.write_bytes(b"")
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _failed(error: BaseException, where: str) -> BaseException:
    """The error to raise for a failed copy: a CopyError in words, saying the target
    ``where`` is as it was; anything else (a bug, Ctrl+C) as it is."""
    original = getattr(error, "orig", None)
    if isinstance(error, StoreError):
        text = str(error).strip()
    elif original is not None:
        text = str(original).strip()
    else:
        return error
    if not text.endswith((".", "!", "?")):
        text += "."
    return CopyError(f"The copy failed: {text} The target, {where}, was left as it was.")


# -- to a PostgreSQL server -------------------------------------------------------------------


def _to_server(
    target: PostgresTarget,
    allow_insecure: bool,
    document: Any,
    original: dict[str, Any],
    now: datetime,
    say: Progress,
) -> ImportSummary:
    from afterview.store.postgres import (
        LOCK_SPACE,
        OPEN_LOCK,
        Server,
        lock_key,
        make_engine,
        refused,
    )

    params = target.connect_params(allow_insecure=allow_insecure)
    server = Server(params, target.display())
    with server.connect(autocommit=True) as connection:
        try:
            made_schema = _ensure_schema(connection, target)
            before = _tables(connection)
            _refuse_afterview_tables(connection, target, before)
            # An Afterview opening the target meanwhile waits, as for a migration.
            connection.execute(
                "SELECT pg_advisory_lock(%s, %s)", (LOCK_SPACE, lock_key(connection) + OPEN_LOCK)
            ).fetchone()
        except Exception as error:
            raise _server_error(error, server.display) from error
        engine = make_engine(server)
        try:
            return _write_and_check(engine, document, original, now, say)
        except BaseException as error:
            engine.dispose()
            _put_back_server(connection, before, made_schema)
            kept = target.display()
            failed = _failed(error, kept)
            if failed is error and isinstance(error, Exception):
                failed = _failed(refused(error, server.display, "could not copy"), kept)
            raise failed from error
        finally:
            engine.dispose()


def _server_error(error: Exception, display: str) -> StoreError:
    from afterview.store.postgres import refused

    if isinstance(error, StoreError):
        return error
    return refused(error, display, "could not check the target")


def _ensure_schema(connection: psycopg.Connection[Any], target: PostgresTarget) -> str | None:
    """Create the target's ``search=`` schema when it does not exist yet; its name then (to
    drop it again if the copy fails), else None. CopyError when there is no schema to copy
    into (none named, and none in the role's search_path exists)."""
    from psycopg import sql

    row = connection.execute("SELECT current_schema()").fetchone()
    if row is not None and row[0] is not None:
        return None
    if target.schema is None:
        raise CopyError(
            f"{target.display()} has no schema to copy into (no schema named like the user "
            "exists); add ?search=NAME to choose one."
        )
    connection.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(target.schema)))
    return target.schema


def _tables(connection: psycopg.Connection[Any]) -> set[str]:
    rows = connection.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
    ).fetchall()
    return {str(name) for (name,) in rows}


def _refuse_afterview_tables(
    connection: psycopg.Connection[Any], target: PostgresTarget, tables: set[str]
) -> None:
    from afterview.store.models import Base

    ours = sorted(tables & ({"alembic_version"} | set(Base.metadata.tables)))
    if ours:
        schema = connection.execute("SELECT current_schema()").fetchone()
        where = f"schema {schema[0]} of " if schema is not None else ""
        raise CopyError(
            f"The {where}{target.display()} already holds Afterview's tables "
            f"({', '.join(ours[:3])}{'…' if len(ours) > 3 else ''}); Afterview copies only "
            "into an empty database, so nothing in it is lost. Choose another database or "
            "schema (?search=NAME)."
        )


def _put_back_server(
    connection: psycopg.Connection[Any], before: set[str], made_schema: str | None
) -> None:
    """Drop what the copy made: its tables (those not there before), and its schema."""
    from psycopg import sql

    with contextlib.suppress(Exception), _transaction(connection):
        made = sorted(_tables(connection) - before)
        if made:
            names = sql.SQL(", ").join(sql.Identifier(name) for name in made)
            connection.execute(sql.SQL("DROP TABLE IF EXISTS {} CASCADE").format(names))
        if made_schema is not None:
            connection.execute(sql.SQL("DROP SCHEMA {}").format(sql.Identifier(made_schema)))


@contextlib.contextmanager
def _transaction(connection: psycopg.Connection[Any]) -> Iterator[None]:
    with connection.transaction():
        yield
