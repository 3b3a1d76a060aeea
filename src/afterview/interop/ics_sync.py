"""Keeping one .ics file up to date in a folder the user chose, for a calendar to subscribe to.

The folder is the setting ``interop.ics_folder`` (afterview.domain.settings.CALENDAR_FOLDER).
The one write path (afterview.store.write_path) calls :func:`refresh_calendar_file` after
every write that touches steps, interviews or settings; the file is rewritten atomically, so
a calendar client reading it never sees half of it, and it is 0600 (only the user's own
calendar client reads it).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from afterview.interop.ics import store_calendar
from afterview.private_files import write_private
from afterview.store.errors import StoreError

if TYPE_CHECKING:
    from afterview.store.operations import Store

SYNC_FILE_NAME = "afterview.ics"


def refresh_calendar_file(store: Store, now: datetime | None = None) -> Path | None:
    """Rewrite the subscribed file when a folder is set; returns its path (None: none set).
    StoreError when the folder is gone or the file cannot be written."""
    folder = store.settings.calendar_folder()
    if folder is None:
        return None
    if not folder.is_dir():
        raise StoreError(
            f"the calendar folder {folder} is gone; choose another in Settings "
            "so the calendar file stays up to date"
        )
    target = folder / SYNC_FILE_NAME
    data, _count = store_calendar(store, True, now=now)
    try:
        # Afterview writes it on its own, so it is private like the database (an export the
        # user asks for follows their umask instead).
        write_private(target, data)
    except OSError as error:
        raise StoreError(f"cannot write {target}: {error.strerror or error}") from error
    return target
