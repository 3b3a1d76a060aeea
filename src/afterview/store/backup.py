"""Backups taken with SQLite's online backup API, rotated by age.

Copying a live WAL database file loses the rows still in the WAL, so every
copy here goes through ``sqlite3.Connection.backup``, which reads a
consistent snapshot. Each backup is a self-contained rollback-journal file.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from afterview.private_files import create_private_file, make_private_dir, write_private
from afterview.store.errors import StoreError
from afterview.store.faults import Fault, busy_timeout_s, fault_of_code, unavailable


class BackupKind(StrEnum):
    AUTO = "auto"
    MANUAL = "manual"
    PRE_MIGRATION = "pre-migration"
    PRE_RESTORE = "pre-restore"


_NAME = re.compile(r"^afterview-(\d{8}T\d{6}(?:\d{6})?)Z-([a-z-]+)\.sqlite3$")
_STAMP = "%Y%m%dT%H%M%S%f"

#: Rotation of automatic backups (PRODUCT.md: keep 7 daily and 4 weekly).
KEEP_DAILY = 7
KEEP_WEEKLY = 4
#: Backups taken before a migration or a restore, and by hand, are kept apart: the newest few.
KEEP_SAFETY = 10
AUTO_INTERVAL = timedelta(hours=1)


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    kind: BackupKind
    size: int

    @property
    def name(self) -> str:
        return self.path.name


def backup_name(taken_at: datetime, kind: BackupKind) -> str:
    return f"afterview-{taken_at.astimezone(UTC).strftime(_STAMP)}Z-{kind.value}.sqlite3"


def parse_backup(path: Path) -> Backup | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        kind = BackupKind(match.group(2))
        stamp = match.group(1)
        fmt = _STAMP if len(stamp) > 15 else "%Y%m%dT%H%M%S"
        taken_at = datetime.strptime(stamp, fmt).replace(tzinfo=UTC)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return Backup(path=path, taken_at=taken_at, kind=kind, size=size)


def list_backups(backup_dir: Path) -> list[Backup]:
    """All backups, newest first."""
    if not backup_dir.is_dir():
        return []
    found = (parse_backup(p) for p in backup_dir.iterdir() if p.is_file())
    return sorted((b for b in found if b is not None), key=lambda b: b.taken_at, reverse=True)


def read_only_uri(path: Path) -> str:
    """A ``file:`` URI for ``path`` opened read-only (see :func:`file_uri`)."""
    return file_uri(path, "ro")


def file_uri(path: Path, mode: str) -> str:
    """A ``file:`` URI for ``path`` opened in ``mode`` ("ro", or "rw": never created); '?',
    '#' and '%' in folder names are escaped, or SQLite would read them as the URI's query
    and open another file."""
    return f"file:{urllib.parse.quote(str(path.absolute()))}?mode={mode}"


def copy_database(source: Path, destination: Path) -> None:
    """A consistent copy of ``source`` at ``destination`` (replaced atomically), 0600 in a
    0700 folder whatever the umask: a backup holds everything the database does.

    Whatever fails (a full disk, an I/O error), nothing is left behind: no partial file,
    and ``destination`` as it was. Raises OSError or sqlite3.Error.
    """
    make_private_dir(destination.parent)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        create_private_file(partial)  # before SQLite creates it with the umask's mode
        src = sqlite3.connect(read_only_uri(source), uri=True, timeout=30)
        try:
            dst = sqlite3.connect(partial)
            try:
                copy_pages(src, dst)
                # A backup is one self-contained file: no -wal beside it.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, destination)
    except BaseException:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            leftover.unlink(missing_ok=True)
        raise


def copy_pages(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """``source``'s pages into ``target`` through SQLite's backup API, in one transaction of
    the target. sqlite3.OperationalError ("database is locked") once another process has kept
    either locked for longer than the busy timeout (seconds): Python's ``backup`` would wait
    for ever, and its progress callback is the only way to stop it."""
    deadline = time.monotonic() + busy_timeout_s()

    def progress(status: int, _remaining: int, _total: int) -> None:
        if fault_of_code(status) is Fault.BUSY and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")

    source.backup(target, progress=progress, sleep=0.05)


class BackupSkipped(StoreError):
    """No backup was taken, and why (a full disk, a failing copy); the data is untouched."""


#: A backup must leave this much of its file system free: 100 MB, or 10 % of a small file
#: system, whichever is less (issue 13: backups never fill the disk).
KEEP_FREE_BYTES = 100 * 10**6
KEEP_FREE_SHARE = 0.10


def room_for(database: Path, backup_dir: Path) -> str | None:
    """None when a backup of ``database`` fits in ``backup_dir``'s file system leaving
    :data:`KEEP_FREE_BYTES` or :data:`KEEP_FREE_SHARE` of it free (whichever is smaller);
    else why not, in words. Sizes in bytes; a backup is about the database plus its WAL."""
    needed = sum(_size(database.with_name(database.name + suffix)) for suffix in ("", "-wal"))
    found = os.statvfs(backup_dir if backup_dir.is_dir() else backup_dir.parent)
    free = found.f_bavail * found.f_frsize
    keep = min(KEEP_FREE_BYTES, int(found.f_blocks * found.f_frsize * KEEP_FREE_SHARE))
    if free - needed >= keep:
        return None
    return (
        f"a backup of {_megabytes(needed)} would leave less than {_megabytes(keep)} free on "
        f"the disk of {backup_dir} ({_megabytes(free)} free now). Free some space"
    )


def _megabytes(size: int) -> str:
    return f"{size / 10**6:.1f} MB"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def take_backup(database: Path, backup_dir: Path, kind: BackupKind, now: datetime) -> Backup:
    """A backup of ``database`` taken at ``now`` (aware). BackupSkipped, with nothing
    written, when it would nearly fill the disk (:func:`room_for`) or the copy fails."""
    target = backup_dir / backup_name(now, kind)
    problem = room_for(database, backup_dir)
    if problem is not None:
        raise BackupSkipped(f"No backup was taken: {problem}.")
    try:
        copy_database(database, target)
    except (OSError, sqlite3.Error) as error:
        raise BackupSkipped(f"No backup was taken: {_reason(error, backup_dir)}.") from error
    (backup_dir / UNBACKED).unlink(missing_ok=True)
    backup = parse_backup(target)
    assert backup is not None, target
    return backup


def _reason(error: BaseException, where: Path) -> str:
    fault = unavailable(error, "could not take a backup", where)
    if fault is not None:
        return fault.advice.rstrip(".")
    return str(error)


def last_change(database: Path) -> datetime | None:
    """When the database last changed on disk (the WAL takes the writes in WAL mode)."""
    times = []
    for path in (database, database.with_name(database.name + "-wal")):
        with contextlib.suppress(FileNotFoundError):
            times.append(path.stat().st_mtime)
    if not times:
        return None
    return datetime.fromtimestamp(max(times), tz=UTC)


def maybe_backup(database: Path, backup_dir: Path, now: datetime) -> Backup | None:
    """An automatic backup, at most one an hour and only when the data changed since the
    last. Until one is taken, :func:`unbacked_since` keeps when the first change without a
    backup was made. BackupSkipped when one was due and could not be taken."""
    changed = last_change(database)
    if changed is None:
        return None
    autos = [b for b in list_backups(backup_dir) if b.kind is BackupKind.AUTO]
    if autos:
        latest = autos[0].taken_at
        if changed <= latest:
            return None
        if now - latest < AUTO_INTERVAL:
            _note_unbacked(backup_dir, now)
            return None
    try:
        backup = take_backup(database, backup_dir, BackupKind.AUTO, now)
    except BackupSkipped:
        _note_unbacked(backup_dir, now)
        raise
    prune(backup_dir)
    return backup


#: In the backup folder while changes have no backup: the instant of the first such change.
UNBACKED = "unbacked-since"
#: Changes older than this without a backup are worth a word to the user.
UNBACKED_WARNING_AGE = timedelta(days=1)


def _note_unbacked(backup_dir: Path, now: datetime) -> None:
    marker = backup_dir / UNBACKED
    if marker.exists():
        return
    with contextlib.suppress(OSError):  # the disk may be full: the next write tries again
        write_private(marker, now.astimezone(UTC).isoformat().encode())


def unbacked_since(backup_dir: Path) -> datetime | None:
    """When the oldest change not in any backup was made (aware UTC); None when every
    change is in a backup."""
    try:
        return datetime.fromisoformat((backup_dir / UNBACKED).read_text().strip())
    except (OSError, ValueError):
        return None


def unbacked_warning(backup_dir: Path, now: datetime) -> str | None:
    """A sentence for the user when changes more than a day old have no backup yet."""
    since = unbacked_since(backup_dir)
    if since is None or now - since < UNBACKED_WARNING_AGE:
        return None
    local = since.astimezone().strftime("%Y-%m-%d %H:%M")
    return (
        f"Changes made since {local} have no backup yet. Free some disk space, then take "
        "one: Settings ▸ Backups ▸ Back up now, or 'afterview backup'."
    )


def _to_keep(backups: Iterable[Backup]) -> set[Path]:
    keep: set[Path] = set()
    days: list[object] = []
    weeks: list[object] = []
    for backup in backups:  # newest first
        day = backup.taken_at.date()
        week = backup.taken_at.isocalendar()[:2]
        if day not in days and len(days) < KEEP_DAILY:
            days.append(day)
            keep.add(backup.path)
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.append(week)
            keep.add(backup.path)
    return keep


def prune(backup_dir: Path) -> list[Path]:
    """Remove automatic backups beyond the newest per day (7 days) and per week (4 weeks)."""
    backups = list_backups(backup_dir)
    autos = [b for b in backups if b.kind is BackupKind.AUTO]
    safety = [b for b in backups if b.kind is not BackupKind.AUTO]
    keep = _to_keep(autos) | {b.path for b in safety[:KEEP_SAFETY]}
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed
