"""Keeping one .ics file up to date in a folder the user chose, for a calendar to subscribe to.

The folder is kept in the settings table under ``interop.ics_folder`` (JSON
text: a path string, or null). Whoever changes steps (the window after a
write, the tray after an action) calls :func:`sync_ics`; it rewrites the file
atomically, so a calendar client reading it never sees half of it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from afterview.interop.ics import export_ics
from afterview.store.errors import RecordError, StoreError
from afterview.store.settings import read_row, write_row

if TYPE_CHECKING:
    from afterview.store.database import Database

ICS_FOLDER_SETTING = "interop.ics_folder"
SYNC_FILE_NAME = "afterview.ics"


def ics_folder(session: Session) -> Path | None:
    value = read_row(session, ICS_FOLDER_SETTING)
    return Path(value) if isinstance(value, str) and value else None


def set_ics_folder(session: Session, folder: Path | None) -> None:
    """Remember the folder (None: stop keeping the file); it must exist and be a folder."""
    if folder is not None and not Path(folder).is_dir():
        raise RecordError("settings", ICS_FOLDER_SETTING, f"{folder} is not a folder")
    write_row(session, ICS_FOLDER_SETTING, str(folder) if folder is not None else None)


def sync_ics(db: Database, now: datetime | None = None) -> Path | None:
    """Rewrite the subscribed file when a folder is set; returns its path (None: none set)."""
    with db.read() as session:
        folder = ics_folder(session)
        if folder is None:
            return None
        if not folder.is_dir():
            raise StoreError(
                f"the calendar folder {folder} is gone; choose another in Settings "
                "so the calendar file stays up to date"
            )
        target = folder / SYNC_FILE_NAME
        export_ics(session, target, include_interviews=True, now=now)
    return target
