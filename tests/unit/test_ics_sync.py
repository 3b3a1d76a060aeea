"""The calendar file kept up to date in a chosen folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import vobject

from afterview import paths
from afterview.interop.ics import pending_steps
from afterview.interop.ics_sync import SYNC_FILE_NAME, ics_folder, set_ics_folder, sync_ics
from afterview.store import interchange, steps
from afterview.store.database import Database, open_database
from afterview.store.errors import RecordError, StoreError
from afterview.store.settings import load_settings

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


@pytest.fixture
def db(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        interchange.import_document(session, interchange.parse_document(sample_document), NOW)
    yield database
    database.close()


def _uids(path: Path) -> set[str]:
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    return {event.uid.value for event in calendar.vevent_list}


def test_nothing_happens_until_a_folder_is_chosen(db: Database) -> None:
    assert sync_ics(db, NOW) is None


def test_the_file_follows_the_steps(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "calendar"
    folder.mkdir()
    with db.write() as session:
        set_ics_folder(session, folder)
        load_settings(session)  # the playbook settings ignore our key
    with db.read() as session:
        assert ics_folder(session) == folder
    target = sync_ics(db, NOW)
    assert target == folder / SYNC_FILE_NAME
    before = _uids(target)
    with db.write() as session:
        first = pending_steps(session)[0]
        steps.mark_done(session, first.id, NOW)
        done_key = first.key
    sync_ics(db, NOW)
    after = _uids(target)
    gone = before - after
    assert len(gone) == 1 and next(iter(gone)).startswith(f"step-{done_key}.")
    assert any(uid.startswith("interview-") for uid in after)


def test_a_missing_folder_is_a_clear_error(db: Database, tmp_path: Path) -> None:
    with pytest.raises(RecordError, match="is not a folder"), db.write() as session:
        set_ics_folder(session, tmp_path / "nope")
    folder = tmp_path / "gone"
    folder.mkdir()
    with db.write() as session:
        set_ics_folder(session, folder)
    folder.rmdir()
    with pytest.raises(StoreError, match="is gone; choose another"):
        sync_ics(db, NOW)
    with db.write() as session:
        set_ics_folder(session, None)
    assert sync_ics(db, NOW) is None
