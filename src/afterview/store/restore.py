"""Restoring a backup over the live database, with the current file kept first.

The file is checked before anything is written: a regular file (not a symlink to a device, not
a pipe: refused without opening it), of at most MAX_RESTORE_BYTES, an SQLite database of a
schema this Afterview knows, sound, and holding only what Afterview writes
(:mod:`afterview.store.restore_check`).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

from afterview.paths import Paths
from afterview.private_files import create_private_file, make_private_dir
from afterview.store import backup as backups
from afterview.store.backup import read_only_uri
from afterview.store.database import move_aside
from afterview.store.errors import DamagedDatabaseError, StoreError
from afterview.store.faults import busy_timeout_s, unavailable
from afterview.store.file_input import megabytes, not_regular
from afterview.store.restore_check import MAX_RESTORE_BYTES, content_problem, trial_problem
from afterview.store.sqlite_file import (
    SCHEMA_VERSION,
    check_integrity,
    probe_schema_version,
)


def find_backup(paths: Paths, choice: str) -> backups.Backup:
    """A backup by its number in the list (1 = newest), its file name, or its path."""
    available = backups.list_backups(paths.backup_dir)
    if choice.isdigit():
        index = int(choice)
        if not 1 <= index <= len(available):
            raise StoreError(f"there is no backup number {index} (there are {len(available)})")
        return available[index - 1]
    for candidate in available:
        if candidate.name == choice:
            return candidate
    path = Path(choice).expanduser()
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise StoreError(
            f"no backup called {choice!r}; run 'afterview restore' to list them"
        ) from None
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror or error}") from error
    _check_file(path, status)
    return backups.Backup(
        path=path,
        taken_at=datetime.fromtimestamp(status.st_mtime).astimezone(),
        kind=backups.BackupKind.MANUAL,
        size=status.st_size,
    )


def _check_file(path: Path, status: os.stat_result) -> None:
    """A regular file (after symlinks) of at most MAX_RESTORE_BYTES; StoreError otherwise."""
    if not stat.S_ISREG(status.st_mode):
        raise not_regular(path, status.st_mode)
    if status.st_size > MAX_RESTORE_BYTES:
        raise StoreError(
            f"{path} is larger than {megabytes(MAX_RESTORE_BYTES)}, the most a backup can be "
            "to be restored (nothing was changed)"
        )


def check_backup(path: Path, scratch: Path | None = None) -> None:
    """Everything :func:`restore_backup` checks before it writes: StoreError naming the file
    and what is wrong (not a regular file, too large, not a database, newer, damaged, holding
    what Afterview never writes). Reads the file through SQLite only, read-only; a trial
    copy goes in a scratch folder in ``scratch`` (the data folder)."""
    try:
        status = os.stat(path)
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror or error}") from error
    _check_file(path, status)
    try:
        version = probe_schema_version(path)
    except DamagedDatabaseError as error:
        raise StoreError(f"the backup {path} cannot be used: {error.problem}") from error
    if version > SCHEMA_VERSION:
        raise StoreError(f"the backup {path} was written by a newer Afterview")
    if version == 0:
        # Every Afterview database since 0.1.0 numbers its schema (PRAGMA user_version); a
        # file without one is another program's, and restoring it would empty the data.
        raise StoreError(
            f"{path} is an SQLite file, but not an Afterview database or backup (nothing was "
            "changed); 'afterview restore' lists the backups"
        )
    problem = check_integrity(path, full=True)
    if problem is not None:
        raise StoreError(f"the backup {path} is damaged: {problem}")
    problem = content_problem(path) or trial_problem(path, scratch)
    if problem is not None:
        raise StoreError(f"the backup {path} cannot be restored: {problem} (nothing was changed)")


def restore_backup(paths: Paths, chosen: backups.Backup, now: datetime) -> backups.Backup | None:
    """Copy ``chosen`` over the database; return the backup taken of the current file first.
    StoreError, with nothing written, when :func:`check_backup` refuses the file."""
    check_backup(chosen.path, paths.data_dir if paths.data_dir.is_dir() else None)

    database = paths.database
    kept = None
    if database.exists() and database.stat().st_size > 0:
        try:
            probe_schema_version(database)
            healthy = check_integrity(database, full=False) is None
        except DamagedDatabaseError:
            healthy = False
        if healthy:
            try:
                kept = backups.take_backup(
                    database, paths.backup_dir, backups.BackupKind.PRE_RESTORE, now
                )
            except backups.BackupSkipped as error:
                raise StoreError(
                    f"{chosen.name} was not restored: the database as it is is backed up "
                    f"first, and {str(error)[:1].lower()}{str(error)[1:]} Nothing was changed."
                ) from error
        else:
            move_aside(paths, now)
    make_private_dir(paths.data_dir)
    create_private_file(database)  # SQLite would create it with the umask's mode
    # Through the backup API, not a file copy: a tray process may have the database open.
    source = sqlite3.connect(read_only_uri(chosen.path), uri=True, timeout=busy_timeout_s())
    try:
        target = sqlite3.connect(database, timeout=busy_timeout_s())
        try:
            backups.copy_pages(source, target)
            target.execute("PRAGMA journal_mode=WAL")
        finally:
            target.close()
    except sqlite3.Error as error:
        # The copy is one transaction in the target: it failed whole, the database is as it was.
        raise unavailable(error, f"could not restore {chosen.name}", database) or StoreError(
            f"{chosen.name} could not be restored: {error}"
        ) from error
    finally:
        source.close()
    return kept
