"""Backups: the automatic ones the write path takes, those a user takes by hand, and
restoring one (which the window and the command line both end through the write path)."""

from __future__ import annotations

from datetime import UTC, datetime

from afterview.paths import Paths
from afterview.store import backup as backup_files
from afterview.store.changes import Changes, Outcome
from afterview.store.errors import StoreError
from afterview.store.operations.core import Core
from afterview.store.restore import restore_backup


class Backups:
    def __init__(self, core: Core) -> None:
        self._core = core

    def available(self) -> list[backup_files.Backup]:
        """Newest first; none on a server (its backups are the server's)."""
        if self.on_server:
            return []
        return backup_files.list_backups(self._core.paths.backup_dir)

    def take_if_due(self) -> backup_files.Backup | None:
        """An automatic backup when one is due (at most hourly, after a change)."""
        return self._core.db.backup_if_due(self._core.clock())

    @property
    def on_server(self) -> bool:
        """Whether the database is on a PostgreSQL server, which keeps its own backups:
        Afterview's copies are of an SQLite file ("afterview export" copies either)."""
        return self._core.db.server is not None

    def overdue_warning(self) -> str | None:
        """A sentence for the user when changes more than a day old have no backup yet."""
        if self.on_server:
            return None
        return backup_files.unbacked_warning(self._core.paths.backup_dir, self._core.clock())

    def take(self) -> backup_files.Backup:
        """A backup now, by the user's hand (kept apart from the automatic rotation).
        StoreError on a server, in words."""
        self._refuse_on_server()
        paths = self._core.paths
        made = backup_files.take_backup(
            paths.database, paths.backup_dir, backup_files.BackupKind.MANUAL, self._core.clock()
        )
        backup_files.prune(paths.backup_dir)
        return made

    def restore(self, chosen: backup_files.Backup) -> Outcome[backup_files.Backup | None]:
        """Put ``chosen`` in place of the database, keeping the current one as a backup first
        (returned); the store then reads the restored file. Everything may have changed."""
        self._refuse_on_server()
        paths, now = self._core.paths, self._core.clock()
        kept = self._core.while_closed(lambda: restore_backup(paths, chosen, now))
        assert self._core.store is not None
        self._core.store.refresh_identity()
        from afterview.store.write_path import after_write

        return Outcome(kept, after_write(self._core.store, Changes.everything()))

    def _refuse_on_server(self) -> None:
        if self.on_server:
            raise StoreError(
                f"The data is on a database server ({self._core.db.where}), which keeps its "
                "own backups; ask whoever runs it. To keep a copy of your own, use File > "
                "Export (or 'afterview export json FILE'), which holds everything."
            )


def restore_unopened(
    paths: Paths, chosen: backup_files.Backup
) -> Outcome[backup_files.Backup | None]:
    """Restore ``chosen`` when the database cannot be opened (it was damaged and moved aside,
    or a newer Afterview wrote it and it is kept as a backup first), then open the restored
    file (migrating and checking it) and end through the write path like any other restore."""
    from afterview.store.api import open_store
    from afterview.store.write_path import after_write

    kept = restore_backup(paths, chosen, datetime.now(UTC))
    with open_store(paths) as store:
        return Outcome(kept, after_write(store, Changes.everything()))
