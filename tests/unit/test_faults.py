"""Damage is only damage (issue 13 §1): real SQLite errors, classified; and the backups'
room on the disk, their leftovers and the warning for changes with no backup (§3)."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from afterview.store import backup as backups
from afterview.store.faults import (
    ENV_BUSY_TIMEOUT,
    Fault,
    UnavailableError,
    busy_timeout_s,
    fault_of,
    is_damage,
    set_busy_timeout,
    unavailable,
)

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _database(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE t (x)")
    connection.execute("INSERT INTO t VALUES (1)")
    connection.commit()
    connection.close()
    return path


def _error(action: object) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as caught:
        action()  # type: ignore[operator]
    return caught.value


def test_a_file_that_is_not_a_database_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is no database, just some text that is long enough" * 20)
    error = _error(lambda: sqlite3.connect(path).execute("PRAGMA user_version").fetchone())
    assert is_damage(error)
    assert fault_of(error) is None


def test_a_lock_held_by_another_connection_is_busy_not_damage(tmp_path: Path) -> None:
    path = _database(tmp_path / "db.sqlite3")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        other = sqlite3.connect(path, timeout=0.01, isolation_level=None)
        error = _error(lambda: other.execute("BEGIN IMMEDIATE"))
        other.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not is_damage(error)
    assert fault_of(error) is Fault.BUSY


def test_writing_through_a_read_only_connection_is_read_only(tmp_path: Path) -> None:
    path = _database(tmp_path / "db.sqlite3")
    connection = sqlite3.connect(backups.read_only_uri(path), uri=True)
    error = _error(lambda: connection.execute("INSERT INTO t VALUES (2)"))
    connection.close()
    assert fault_of(error) is Fault.READ_ONLY
    assert not is_damage(error)


def test_a_database_in_a_missing_folder_cannot_be_opened(tmp_path: Path) -> None:
    missing = tmp_path / "gone" / "db.sqlite3"
    error = _error(lambda: sqlite3.connect(backups.read_only_uri(missing), uri=True))
    assert fault_of(error) is Fault.CANNOT_OPEN


@pytest.mark.parametrize(
    ("number", "fault"),
    [
        (28, Fault.FULL),
        (122, Fault.FULL),
        (30, Fault.READ_ONLY),
        (13, Fault.READ_ONLY),
        (5, Fault.IO),
    ],
    ids=["ENOSPC", "EDQUOT", "EROFS", "EACCES", "EIO"],
)
def test_os_errors_name_their_fault(number: int, fault: Fault) -> None:
    assert fault_of(OSError(number, os.strerror(number))) is fault


def test_other_errors_are_no_fault_of_the_disk() -> None:
    assert fault_of(ValueError("bad")) is None
    assert fault_of(OSError(2, "No such file or directory")) is None
    assert unavailable(KeyError("x"), "could not save") is None


def test_the_message_says_what_failed_why_and_that_nothing_changed() -> None:
    error = UnavailableError(Fault.FULL, "could not save", "database or disk is full")
    assert str(error) == (
        "Could not save: the disk is full. Free some space (empty the trash, remove large "
        "files), then try again. Nothing was changed."
    )
    assert error.detail == "database or disk is full"


def test_an_io_error_on_a_full_disk_is_called_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLite says "disk I/O error" (SQLITE_IOERR_SHMSIZE) when it cannot grow the -shm.
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = 4874  # type: ignore[attr-defined]  # SQLITE_IOERR_SHMSIZE
    assert fault_of(error) is Fault.IO
    _statvfs(monkeypatch, free=100 * 1024, total=10**9)
    found = unavailable(error, "could not read", tmp_path)
    assert found is not None and found.fault is Fault.FULL
    _statvfs(monkeypatch, free=10**9, total=10**10)
    found = unavailable(error, "could not read", tmp_path)
    assert found is not None and found.fault is Fault.IO


def test_the_busy_timeout_can_be_shortened(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_BUSY_TIMEOUT, raising=False)
    assert busy_timeout_s() == 30.0
    monkeypatch.setenv(ENV_BUSY_TIMEOUT, "1.5")
    assert busy_timeout_s() == 1.5
    for nonsense in ("", "soon", "-3", "0"):
        monkeypatch.setenv(ENV_BUSY_TIMEOUT, nonsense)
        assert busy_timeout_s() == 30.0
    # The window's own, shorter wait; the environment still wins.
    set_busy_timeout(3.0)
    try:
        assert busy_timeout_s() == 3.0
        monkeypatch.setenv(ENV_BUSY_TIMEOUT, "1.5")
        assert busy_timeout_s() == 1.5
    finally:
        set_busy_timeout(None)
    monkeypatch.delenv(ENV_BUSY_TIMEOUT)
    assert busy_timeout_s() == 30.0


def _statvfs(monkeypatch: pytest.MonkeyPatch, *, free: int, total: int) -> None:
    fake = SimpleNamespace(f_bavail=free // 4096, f_frsize=4096, f_blocks=total // 4096)
    monkeypatch.setattr(os, "statvfs", lambda _path: fake)


@pytest.mark.parametrize(
    ("total", "free", "fits"),
    [
        # 10 % of a 500 MB disk is 50 MB: 60 MB free, a 1 MB backup leaves 59 MB.
        (500 * 10**6, 60 * 10**6, True),
        (500 * 10**6, 50 * 10**6, False),
        # 10 % of 10 GB is 1 GB; 100 MB is smaller, and is what must stay free.
        (10 * 10**9, 102 * 10**6, True),
        (10 * 10**9, 100 * 10**6, False),
    ],
    ids=["small-disk-room", "small-disk-no-room", "large-disk-room", "large-disk-no-room"],
)
def test_a_backup_keeps_100_mb_or_10_percent_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, total: int, free: int, fits: bool
) -> None:
    database = tmp_path / "db.sqlite3"
    database.write_bytes(b"\0" * 10**6)  # a 1 MB database
    _statvfs(monkeypatch, free=free, total=total)
    problem = backups.room_for(database, tmp_path)
    assert (problem is None) is fits, problem
    if not fits:
        with pytest.raises(backups.BackupSkipped, match="would leave less than"):
            backups.take_backup(database, tmp_path / "b", backups.BackupKind.MANUAL, NOW)
        assert not (tmp_path / "b").exists() or not list((tmp_path / "b").iterdir())


def test_a_failed_backup_leaves_no_partial_file(tmp_path: Path) -> None:
    source = tmp_path / "junk.sqlite3"
    source.write_bytes(b"not a database at all, but long enough to look like a file" * 40)
    target_dir = tmp_path / "backups"
    with pytest.raises(backups.BackupSkipped):
        backups.take_backup(source, target_dir, backups.BackupKind.MANUAL, NOW)
    assert list(target_dir.iterdir()) == []


def test_changes_a_day_old_with_no_backup_are_told(tmp_path: Path) -> None:
    database = _database(tmp_path / "db.sqlite3")
    folder = tmp_path / "backups"
    first = backups.maybe_backup(database, folder, NOW)
    assert first is not None
    assert backups.unbacked_since(folder) is None
    # A change within the hour: not backed up yet, and noted.
    later = NOW + timedelta(minutes=20)
    os.utime(database, (later.timestamp(), later.timestamp()))
    assert backups.maybe_backup(database, folder, later) is None
    assert backups.unbacked_since(folder) == later
    assert backups.unbacked_warning(folder, later + timedelta(hours=23)) is None
    warning = backups.unbacked_warning(folder, later + timedelta(days=1, minutes=1))
    assert warning is not None and warning.startswith("Changes made since ")
    assert "have no backup yet" in warning
    # The next backup covers them.
    assert backups.maybe_backup(database, folder, later + timedelta(hours=2)) is not None
    assert backups.unbacked_since(folder) is None
    assert backups.unbacked_warning(folder, later + timedelta(days=3)) is None


def test_a_page_the_check_could_not_read_is_a_disk_fault_not_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What SQLite's quick check says when a read fails with EIO (seen under libfiu):
    the page was not read, so nothing about the file is known."""
    from afterview.store import sqlite_file

    path = _database(tmp_path / "db.sqlite3")
    rows = [
        "*** in database main ***\nPage 39: unable to get the page. error code=8458",
    ]

    class Connection:
        def execute(self, sql: str) -> Any:
            return SimpleNamespace(
                fetchall=lambda: [(row,) for row in rows], fetchone=lambda: (4096,)
            )

        def close(self) -> None:
            pass

    monkeypatch.setattr(sqlite_file, "connect_read_only", lambda _path: Connection())
    with pytest.raises(UnavailableError) as caught:
        sqlite_file.check_integrity(path, full=False)
    assert caught.value.fault is Fault.IO
    rows = ["*** in database main ***\nPage 7: unable to get the page. error code=11"]
    assert "error code=11" in (sqlite_file.check_integrity(path, full=False) or "")
    rows = ["row 3 missing from index ix_steps_status_due"]
    assert sqlite_file.check_integrity(path, full=False) == rows[0]


def test_damage_is_what_a_second_check_finds_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from afterview.store import sqlite_file

    path = _database(tmp_path / "db.sqlite3")
    answers = iter(["database disk image is malformed", None])
    monkeypatch.setattr(sqlite_file, "check_integrity", lambda _p, *, full: next(answers))
    assert sqlite_file.confirmed_problem(path, full=False) is None
    answers = iter(["malformed", "malformed"])
    assert sqlite_file.confirmed_problem(path, full=False) == "malformed"


@pytest.mark.sqlite_only
def test_restoring_another_programs_sqlite_file_is_refused(
    tmp_path: Path, cli: Any, sample_json: Path
) -> None:
    """The tester's case: a file with only `create table x(a)` replaced all the data."""
    assert cli("import", "json", str(sample_json))[0] == 0
    before = cli("export", "json", "-")[1]
    other = tmp_path / "empty.sqlite3"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE x (a)")
    connection.commit()
    connection.close()
    code, _out, err = cli("restore", str(other))
    assert code == 2
    assert f"{other} is an SQLite file, but not an Afterview database or backup" in err
    assert cli("export", "json", "-")[1] == before
