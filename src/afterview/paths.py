"""The one place that knows where Afterview keeps its data, settings and backups.

The data directory comes from, in order: an explicit ``--data-dir``, the
``AFTERVIEW_DATA_DIR`` environment variable, the platform's user data
directory. With an override everything (config and backups too) lives
under that one directory, so a test or a second profile is fully isolated.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

import platformdirs

from afterview.private_files import make_private_dir, tighten_all

APP_NAME = "Afterview"
APP_ID = "afterview"
ENV_DATA_DIR = "AFTERVIEW_DATA_DIR"
#: The database to open when no ``--database`` is given (afterview.store.target).
ENV_DATABASE = "AFTERVIEW_DATABASE"
DATABASE_NAME = "afterview.sqlite3"


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path
    backup_dir: Path
    #: ``--database TARGET`` as given, which wins over ``AFTERVIEW_DATABASE`` and the
    #: setting (:func:`afterview.store.target.resolve_target`); None when not given.
    database_target: str | None = None
    #: The SQLite file chosen elsewhere than the data directory (``sqlite:PATH``), or None.
    database_file: Path | None = None

    @property
    def database(self) -> Path:
        """The SQLite file: ``sqlite:PATH`` when one was chosen, else the data directory's."""
        return self.database_file or self.data_dir / DATABASE_NAME

    @property
    def damaged_dir(self) -> Path:
        """Where a damaged database is moved aside; it is never deleted."""
        return self.data_dir / "damaged"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    def ensure(self) -> Paths:
        """Create the data, config and backup directories 0700, and take away what other
        users could reach of the ones already there: the directories, the database and its
        WAL, the files in the config directory, the backups, the logs and the damaged
        copies (one log line per path; see :mod:`afterview.private_files`). OSError when a
        directory cannot be created."""
        for directory in (self.data_dir, self.config_dir, self.backup_dir):
            make_private_dir(directory)
        database = self.database
        tighten_all(
            [
                database,
                database.with_name(database.name + "-wal"),
                database.with_name(database.name + "-shm"),
                self.config_dir,
                self.backup_dir,
                self.log_dir,
                self.damaged_dir,
                self.data_dir / "running",
            ]
        )
        return self


def resolve(data_dir: str | os.PathLike[str] | None = None, database: str | None = None) -> Paths:
    """The folders for ``data_dir`` (else ``AFTERVIEW_DATA_DIR``, else the platform's);
    ``database``: ``--database TARGET`` as given (checked when the store opens)."""
    chosen = data_dir if data_dir is not None else os.environ.get(ENV_DATA_DIR) or None
    if chosen is not None:
        root = Path(chosen).expanduser().resolve()
        found = Paths(
            data_dir=root,
            config_dir=root / "config",
            backup_dir=root / "backups",
            database_target=database,
        )
    else:
        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False, roaming=False)
        data = Path(dirs.user_data_dir)
        found = Paths(
            data_dir=data,
            config_dir=Path(dirs.user_config_dir),
            backup_dir=data / "backups",
            database_target=database,
        )
    return _with_chosen_file(found)


def _with_chosen_file(found: Paths) -> Paths:
    """``found`` with the SQLite file ``sqlite:PATH`` chose (by ``--database``,
    ``AFTERVIEW_DATABASE`` or Settings ▸ Storage); as it was for the data directory's file
    or a server, and for a choice that cannot be used (opening the store says why)."""
    from afterview.store.target_settings import nothing_chosen

    if nothing_chosen(found.config_dir, found.database_target):
        return found
    from afterview.store.target import SqliteTarget, TargetError, resolve_target

    try:
        target = resolve_target(found.database, found.config_dir, found.database_target)
    except TargetError:
        return found
    if isinstance(target, SqliteTarget) and target.path != found.database:
        return replace(found, database_file=target.path)
    return found
