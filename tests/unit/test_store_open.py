"""Opening the database: newer schemas refused untouched, damaged files moved aside and
restorable, migrations in step with the models."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import String, Text, func, select

from afterview import paths
from afterview.store import backup as backups
from afterview.store.database import SCHEMA_VERSION, open_database
from afterview.store.errors import DamagedDatabaseError, NewerSchemaError
from afterview.store.models import ContactRow

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make_db(data_dir: Path, contacts: int = 50) -> paths.Paths:
    where = paths.resolve(data_dir)
    with open_database(where) as db, db.write() as session:
        session.add_all(ContactRow(name=f"Person {n}", notes="x" * 500) for n in range(contacts))
    return where


def _count(where: paths.Paths) -> int:
    with open_database(where) as db, db.read() as session:
        return int(session.scalar(select(func.count()).select_from(ContactRow)) or 0)


@pytest.mark.sqlite_only
def test_a_new_database_is_created_at_the_current_schema(data_dir: Path) -> None:
    with open_database(paths.resolve(data_dir)) as db:
        assert db.report.created
        with sqlite3.connect(db.path) as raw:
            assert raw.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
            assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            (version,) = raw.execute("SELECT version_num FROM alembic_version").fetchone()
        assert version == "0009"
        assert SCHEMA_VERSION == 9


def test_migrations_match_the_models(data_dir: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from afterview.store.models import Base

    def same_type(_context: Any, _stored: Any, _declared: Any, stored: Any, declared: Any) -> bool:
        # SQLite stores no VARCHAR length (a step key's 128 became 320 on other servers only);
        # every other difference of type still counts. None: ask Alembic's own comparison.
        lengths = [
            t for t in (stored, declared) if isinstance(t, String) and not isinstance(t, Text)
        ]
        if len(lengths) == 2:
            return False
        return None  # type: ignore[return-value]

    with open_database(paths.resolve(data_dir)) as db, db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": same_type})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


@pytest.mark.sqlite_only
def test_a_database_from_a_newer_afterview_is_refused_untouched(data_dir: Path) -> None:
    where = _make_db(data_dir)
    with sqlite3.connect(where.database) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    before = _digest(where.database)
    with pytest.raises(NewerSchemaError, match="newer Afterview") as caught:
        open_database(where)
    assert "not changed" in str(caught.value)
    assert _digest(where.database) == before
    assert not where.damaged_dir.exists()


@pytest.mark.sqlite_only
def test_the_cli_refuses_a_newer_database_with_exit_2(
    data_dir: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    where = _make_db(data_dir)
    with sqlite3.connect(where.database) as raw:
        raw.execute("PRAGMA user_version = 99")
    raw.close()
    before = _digest(where.database)
    status, _out, err = cli("steps", "--json")
    assert status == 2
    assert "newer Afterview" in err
    assert _digest(where.database) == before


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def _flip_bits(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    # Scramble the b-tree header of a few pages in the middle: what a bad sector does.
    for index in range(2, len(data) // page - 1, 3):
        offset = index * page
        for k in range(8):
            data[offset + k] ^= 0xA5
    path.write_bytes(bytes(data))


@pytest.mark.sqlite_only
@pytest.mark.parametrize("damage", [_truncate, _flip_bits], ids=["truncated", "bit-flipped"])
def test_a_damaged_file_is_moved_aside_and_a_backup_restores(
    data_dir: Path,
    damage: Callable[[Path], None],
    cli: Callable[..., tuple[int, str, str]],
) -> None:
    where = _make_db(data_dir, contacts=200)
    kept = backups.take_backup(where.database, where.backup_dir, backups.BackupKind.MANUAL, NOW)
    damage(where.database)
    damaged_bytes = where.database.read_bytes()

    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(where)
    message = str(caught.value)
    assert "damaged" in message and "afterview restore" in message
    moved = caught.value.moved_to
    assert moved is not None and moved.read_bytes() == damaged_bytes  # kept, byte for byte
    assert not where.database.exists()

    status, out, _err = cli("restore")
    assert status == 0 and kept.name in out
    status, out, err = cli("restore", "1")
    assert status == 0, err
    assert "Restored" in out
    assert _count(where) == 200


@pytest.mark.sqlite_only
def test_restore_keeps_the_current_database_first(
    data_dir: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    where = _make_db(data_dir, contacts=3)
    backups.take_backup(where.database, where.backup_dir, backups.BackupKind.MANUAL, NOW)
    with open_database(where) as db, db.write() as session:
        session.add(ContactRow(name="Added after the backup"))
    status, out, err = cli("restore", "1")
    assert status == 0, err
    assert _count(where) == 3
    pre = [
        b
        for b in backups.list_backups(where.backup_dir)
        if b.kind is backups.BackupKind.PRE_RESTORE
    ]
    assert len(pre) == 1 and "kept as" in out
    status, _out, err = cli("restore", pre[0].name)
    assert status == 0, err
    assert _count(where) == 4


def test_restore_refuses_an_unknown_backup(cli: Callable[..., tuple[int, str, str]]) -> None:
    status, _out, err = cli("restore", "7")
    assert status == 2
    assert "no backup number 7" in err


@pytest.mark.sqlite_only
def test_an_unclean_shutdown_is_noticed(data_dir: Path) -> None:
    where = _make_db(data_dir)
    # A marker left by a process that no longer exists is what a crash leaves behind.
    (where.data_dir / "running" / "999999999").write_text("999999999")
    with open_database(where) as db:
        assert db.report.unclean_shutdown
    with open_database(where) as db:
        assert not db.report.unclean_shutdown


@pytest.mark.sqlite_only
def test_closing_one_of_two_open_databases_keeps_the_other_marked(data_dir: Path) -> None:
    where = _make_db(data_dir)
    first = open_database(where)
    second = open_database(where)
    second.close()
    assert len(list((where.data_dir / "running").iterdir())) == 1
    first.close()
    assert list((where.data_dir / "running").iterdir()) == []


@pytest.mark.sqlite_only
def test_a_file_that_is_not_sqlite_is_moved_aside(data_dir: Path) -> None:
    where = paths.resolve(data_dir).ensure()
    where.database.write_bytes(b"PK\x03\x04 this is a zip file, not a database" * 100)
    with pytest.raises(DamagedDatabaseError, match="not an SQLite database"):
        open_database(where)
    assert len(list(where.damaged_dir.iterdir())) == 1


@pytest.mark.sqlite_only
def test_backups_hold_rows_still_in_the_wal(data_dir: Path) -> None:
    where = _make_db(data_dir, contacts=0)
    with open_database(where) as db:
        with db.write() as session:
            session.add_all(ContactRow(name=f"P{n}") for n in range(25))
        # The writer is still open: the rows are in the -wal file, not the main file.
        assert Path(str(where.database) + "-wal").stat().st_size > 0
        made = backups.take_backup(where.database, where.backup_dir, backups.BackupKind.MANUAL, NOW)
    with sqlite3.connect(made.path) as raw:
        assert raw.execute("SELECT count(*) FROM contacts").fetchone() == (25,)
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def _set_mtime(database: Path, when: datetime) -> None:
    for path in (database, Path(str(database) + "-wal")):
        if path.exists():
            os.utime(path, (when.timestamp(), when.timestamp()))


@pytest.mark.sqlite_only
def test_automatic_backups_are_at_most_hourly_and_only_after_changes(data_dir: Path) -> None:
    where = _make_db(data_dir, contacts=1)
    _set_mtime(where.database, NOW - timedelta(minutes=5))
    first = backups.maybe_backup(where.database, where.backup_dir, NOW)
    assert first is not None and first.kind is backups.BackupKind.AUTO
    _set_mtime(where.database, NOW + timedelta(minutes=30))  # changed, but within the hour
    assert (
        backups.maybe_backup(where.database, where.backup_dir, NOW + timedelta(minutes=59)) is None
    )
    _set_mtime(where.database, NOW - timedelta(minutes=1))  # unchanged since the backup
    assert backups.maybe_backup(where.database, where.backup_dir, NOW + timedelta(hours=2)) is None
    _set_mtime(where.database, NOW + timedelta(minutes=90))  # changed, and an hour has passed
    second = backups.maybe_backup(where.database, where.backup_dir, NOW + timedelta(hours=2))
    assert second is not None and second.taken_at == NOW + timedelta(hours=2)


def test_rotation_keeps_seven_daily_and_four_weekly(tmp_path: Path) -> None:
    source = tmp_path / "db.sqlite3"
    sqlite3.connect(source).execute("CREATE TABLE t (x)").connection.close()
    start = datetime(2026, 8, 1, 0, 30, tzinfo=UTC)
    for hour in range(0, 24 * 70, 5):  # ten weeks, a backup every five hours
        backups.take_backup(
            source, tmp_path / "b", backups.BackupKind.AUTO, start + timedelta(hours=hour)
        )
    backups.prune(tmp_path / "b")
    kept = {b.taken_at for b in backups.list_backups(tmp_path / "b")}
    # Worked out by hand: the last backup is 1675 h after the start, Friday 9 Oct 19:30.
    # A day's newest backup is the last multiple of five hours before its midnight.
    newest_of_the_last_7_days = {
        utc_at(10, 9, 19, 30),  # Fri, also the newest of ISO week 41
        utc_at(10, 8, 23, 30),
        utc_at(10, 7, 22, 30),
        utc_at(10, 6, 21, 30),
        utc_at(10, 5, 20, 30),
        utc_at(10, 4, 19, 30),  # Sun, also the newest of week 40
        utc_at(10, 3, 23, 30),
    }
    newest_of_weeks_39_and_38 = {utc_at(9, 27, 22, 30), utc_at(9, 20, 20, 30)}  # Sundays
    assert kept == newest_of_the_last_7_days | newest_of_weeks_39_and_38


def utc_at(month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def test_rotation_keeps_backups_taken_by_hand_or_before_a_migration(tmp_path: Path) -> None:
    source = tmp_path / "db.sqlite3"
    sqlite3.connect(source).execute("CREATE TABLE t (x)").connection.close()
    start = datetime(2026, 8, 1, 0, 30, tzinfo=UTC)
    safety = [
        backups.take_backup(source, tmp_path / "b", kind, start + timedelta(days=n))
        for n, kind in enumerate([backups.BackupKind.MANUAL, backups.BackupKind.PRE_MIGRATION])
    ]
    for day in range(60):
        backups.take_backup(
            source, tmp_path / "b", backups.BackupKind.AUTO, start + timedelta(days=day, hours=1)
        )
    backups.prune(tmp_path / "b")
    kept = backups.list_backups(tmp_path / "b")
    assert {b.path for b in safety} <= {b.path for b in kept}
    assert sum(b.kind is backups.BackupKind.AUTO for b in kept) <= 7 + 4


RACE = """
import sys
from pathlib import Path
from afterview import paths
from afterview.store.database import open_database
print("ready", flush=True)
go = Path(sys.argv[2])
while not go.exists():
    pass  # spin, so both processes leave the barrier within microseconds of each other
db = open_database(paths.resolve(sys.argv[1]))
print(db.report.created, flush=True)
db.close()
"""


@pytest.mark.parametrize("round_", range(4))
def test_two_processes_opening_a_new_database_at_once(tmp_path: Path, round_: int) -> None:
    """The window and the tray started together at first login: both open, one creates."""
    import subprocess
    import sys

    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACE, str(tmp_path / "data"), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for proc in procs:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
    go.touch()
    results = [proc.communicate(timeout=60) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], [err for _out, err in results]
    assert sorted(out.strip() for out, _err in results) == ["False", "True"]


def test_a_data_dir_with_uri_characters_works(tmp_path: Path) -> None:
    """'?', '#' and '%' in a folder name must not turn into a URI query or fragment."""
    where = paths.resolve(tmp_path / "job hunt?2026 #1 100%")
    _make_db(where.data_dir, contacts=3)
    made = backups.take_backup(where.database, where.backup_dir, backups.BackupKind.MANUAL, NOW)
    assert _count(where) == 3
    with sqlite3.connect(made.path) as raw:
        assert raw.execute("SELECT count(*) FROM contacts").fetchone() == (3,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["job hunt?2026 #1 100%"]
