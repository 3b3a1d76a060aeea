"""A database file chosen for a restore, checked before it replaces the user's data: a file
from anywhere (``afterview restore PATH``) may be a crafted SQLite file, sound to SQLite's own
integrity check, that still holds what Afterview must never read back (a NUL in a name, text
that is not UTF-8, a 500 MB "name") or SQL of its own (a trigger would run on Afterview's
next write). All through SQLite, read-only; no page of the file is held whole.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from afterview import paths as app_paths
from afterview.private_files import create_private_file, make_private_dir
from afterview.store.faults import unavailable
from afterview.store.file_input import MB, megabytes
from afterview.store.sqlite_file import connect_read_only

#: A backup larger than this is refused before SQLite opens it. Afterview's database for a
#: heavy user (5,000 contacts, 500 interviews with letters) is a few MB; this leaves room for
#: decades, and bounds the time and memory the checks take (the trial read holds every record
#: at once, as an export does: about the text the file holds).
MAX_RESTORE_BYTES = 256 * MB
#: One text value: the largest Afterview writes is 100,000 characters (400 KB in UTF-8).
MAX_CELL_BYTES = 1 * MB


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def content_problem(path: Path) -> str | None:
    """None when every text in the file is UTF-8 without a NUL and of at most MAX_CELL_BYTES,
    its text encoding is UTF-8, and it has no trigger or view (Afterview makes none); else
    what is wrong, naming the table, row and column."""
    try:
        connection = connect_read_only(path)
        try:
            return _problem(connection)
        finally:
            connection.close()
    except sqlite3.Error as error:
        return f"it cannot be checked ({error})"
    except UnicodeDecodeError as error:  # a message or a name quoting bytes that are not UTF-8
        return f"it cannot be checked ({bytes(error.object).decode('utf-8', errors='replace')})"


def _problem(connection: sqlite3.Connection) -> str | None:
    (encoding,) = connection.execute("PRAGMA encoding").fetchone()
    if encoding != "UTF-8":
        return f"its text is stored as {encoding}, and Afterview writes UTF-8"
    for kind, name in connection.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')"
    ):
        return f"it has a {kind} {name!r}, which Afterview never makes"
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for table in tables:
        columns = [row[1] for row in connection.execute(f"PRAGMA table_info({_quoted(table)})")]
        problem = _table_problem(connection, table, columns)
        if problem is not None:
            return problem
    return None


def _table_problem(connection: sqlite3.Connection, table: str, columns: list[str]) -> str | None:
    if not columns:
        return None
    source = _quoted(table)
    text_of = [
        f"CASE WHEN typeof({_quoted(c)}) = 'text' THEN CAST({_quoted(c)} AS BLOB) END"
        for c in columns
    ]
    # Sizes first, without fetching the values: a crafted 500 MB cell is never read.
    sizes = ", ".join(f"coalesce(length({text}), 0)" for text in text_of)
    too_big = connection.execute(
        f"SELECT rowid, {sizes} FROM {source} WHERE max(0, {sizes}) > ? LIMIT 1",  # noqa: S608
        (MAX_CELL_BYTES,),
    ).fetchone()
    if too_big is not None:
        rowid, *lengths = too_big
        column = columns[max(range(len(columns)), key=lambda n: lengths[n])]
        return (
            f"table {table}, row {rowid}, column {column} holds {megabytes(max(lengths))} of "
            f"text (a restored text may be at most {megabytes(MAX_CELL_BYTES)})"
        )
    query = f"SELECT rowid, {', '.join(text_of)} FROM {source}"  # noqa: S608
    for rowid, *values in connection.execute(query):
        for column, value in zip(columns, values, strict=True):
            if value is None:
                continue
            where = f"table {table}, row {rowid}, column {column}"
            if b"\x00" in value:
                return f"{where} contains a NUL character"
            try:
                value.decode("utf-8")
            except UnicodeDecodeError:
                return f"{where} is not UTF-8 text"
    return None


def trial_problem(path: Path, beside: Path | None = None) -> str | None:
    """None when a copy of the file opens in this Afterview (migrated if older) and every
    record reads back, as the window and the command line will read them; else why not. The
    copy lives in a scratch folder in ``beside`` (the private data folder; else the system's
    temporary folder), removed after: the user's data is not touched.

    Catches every exception on purpose: a file built to pass the checks above can still break
    a reader anywhere (a column renamed in the schema's text, a date that is not one), and any
    failure here means "refuse the file", never a traceback. UnavailableError, though, when
    the copy meets a full disk or a failing one: that is no fault of the file."""
    from afterview.store.api import open_store

    with tempfile.TemporaryDirectory(prefix="restore-check-", dir=beside) as scratch:
        where = app_paths.resolve(Path(scratch) / "data")
        try:
            make_private_dir(where.data_dir)
            create_private_file(where.database)
            source = connect_read_only(path)
            try:
                target = sqlite3.connect(where.database)
                try:
                    source.backup(target)
                finally:
                    target.close()
            finally:
                source.close()
            with open_store(where) as store:
                store.data.export_document()
                store.steps.all()
                store.contacts.items()
                store.references.items()
                store.letters.lines()
        except Exception as error:
            fault = unavailable(error, "could not check the backup", Path(scratch))
            if fault is not None:
                raise fault from error
            text = str(error).splitlines()[0] if str(error) else type(error).__name__
            return f"it does not open in this Afterview ({text[:200]})"
    return None
