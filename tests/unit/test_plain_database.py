"""The tray's plain-sqlite3 door to the database: the same transactions and checks as the
full store, and nothing that lets another process delete the WAL from under it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from afterview import paths
from afterview.store.database import open_database
from afterview.store.errors import DamagedDatabaseError
from afterview.store.plain_database import PlainDatabase, open_plain
from afterview.store.sqlite_file import SCHEMA_VERSION, check_integrity, probe_schema_version

READ_SETTING = (
    "import sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1])\n"
    "row = c.execute(\"SELECT value FROM settings WHERE name = 'test.mark'\").fetchone()\n"
    "print(row[0] if row else None)\n"
    "c.close()\n"
)


def _other_process_reads(database: Path) -> str:
    """A second process opens the file, reads, and closes its only connection."""
    result = subprocess.run(
        [sys.executable, "-c", READ_SETTING, str(database)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.sqlite_only
def test_checking_a_file_this_process_holds_keeps_its_wal(data_dir: Path) -> None:
    """POSIX drops all of a process's locks on a file when it closes any descriptor of it;
    the checks must go through SQLite, or the next process to close its last connection
    checkpoints and deletes the WAL that this process still writes to."""
    where = paths.resolve(data_dir)
    open_database(where).close()
    wal = where.database.with_name(where.database.name + "-wal")
    with PlainDatabase(where) as plain:
        with plain.read() as connection:
            connection.execute("SELECT count(*) FROM steps").fetchone()
        assert probe_schema_version(where.database) == SCHEMA_VERSION
        assert check_integrity(where.database, full=False) is None
        open_database(where).close()  # a second door in the same process (as `afterview step`)
        assert _other_process_reads(where.database) == "None"
        assert wal.exists()
        with plain.write() as connection:
            connection.execute("INSERT INTO settings (name, value) VALUES ('test.mark', '1')")
        assert _other_process_reads(where.database) == "1"  # committed, in the live WAL


@pytest.mark.sqlite_only
def test_writes_are_all_or_nothing(data_dir: Path) -> None:
    where = paths.resolve(data_dir)
    with open_plain(where) as plain:  # a new file: created and migrated on the way

        def fail_before_commit() -> None:
            with plain.write() as connection:
                connection.execute("INSERT INTO settings (name, value) VALUES ('test.mark', '1')")
                raise RuntimeError("the tray died before commit")

        with pytest.raises(RuntimeError):
            fail_before_commit()
        assert _other_process_reads(where.database) == "None"
        with plain.read() as connection, pytest.raises(sqlite3.OperationalError):
            connection.execute("SELECT * FROM no_such_table")
        with plain.write() as connection:  # the connection is usable after both
            connection.execute("INSERT INTO settings (name, value) VALUES ('test.mark', '2')")
    assert _other_process_reads(where.database) == "2"


@pytest.mark.sqlite_only
def test_a_damaged_file_is_refused_and_kept(data_dir: Path) -> None:
    where = paths.resolve(data_dir)
    where.ensure()
    where.database.write_bytes(b"this is not a database " * 400)
    with pytest.raises(DamagedDatabaseError) as raised:
        open_plain(where)
    assert raised.value.moved_to is not None and raised.value.moved_to.exists()
    short = where.database.with_name("short.sqlite3")
    short.write_bytes(b"SQLite format 3\x00")  # shorter than a header
    with pytest.raises(DamagedDatabaseError):
        probe_schema_version(short)
