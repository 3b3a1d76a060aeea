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
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from afterview.private_files import create_private_file, make_private_dir


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
    0700 folder whatever the umask: a backup holds everything the database does."""
    make_private_dir(destination.parent)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    create_private_file(partial)  # before SQLite creates it with the umask's mode
    src = sqlite3.connect(read_only_uri(source), uri=True, timeout=30)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # A backup is one self-contained file: no -wal beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(partial, destination)


def take_backup(database: Path, backup_dir: Path, kind: BackupKind, now: datetime) -> Backup:
    target = backup_dir / backup_name(now, kind)
    copy_database(database, target)
    backup = parse_backup(target)
    assert backup is not None, target
    return backup


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
    """An automatic backup, at most one an hour and only when the data changed since the last."""
    changed = last_change(database)
    if changed is None:
        return None
    autos = [b for b in list_backups(backup_dir) if b.kind is BackupKind.AUTO]
    if autos:
        latest = autos[0].taken_at
        if now - latest < AUTO_INTERVAL or changed <= latest:
            return None
    backup = take_backup(database, backup_dir, BackupKind.AUTO, now)
    prune(backup_dir)
    return backup


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
