"""Migration 0009 (issue 18 §1) on every released SQLite file: each interview gains an empty
``ical_uid`` and a ``ical_sequence`` of 0 (typed by hand, never imported from an invitation),
the UID is indexed, and the interviews' own columns are as the release left them.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from afterview import paths
from afterview.store.database import open_database

#: Released SQLite files, opened as they are.
pytestmark = pytest.mark.sqlite_only

RELEASES = Path(__file__).parents[1] / "data" / "releases"
#: Each release's file and the schema it was at (its PRAGMA user_version).
RELEASED = [("0.1.0", 1), ("0.2.0", 2), ("0.3.0", 5), ("0.4.0", 6)]
KEPT = "SELECT key, company, position, start, time_zone, status FROM interviews ORDER BY key"


def _rows(database: Path, sql: str) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(database)) as connection:
        return connection.execute(sql).fetchall()


@pytest.mark.parametrize(("release", "schema"), RELEASED)
def test_every_interview_gets_an_empty_uid(data_dir: Path, release: str, schema: int) -> None:
    data_dir.mkdir(parents=True)
    database = data_dir / "afterview.sqlite3"
    shutil.copyfile(RELEASES / f"{release}.sqlite3", database)
    assert _rows(database, "PRAGMA user_version") == [(schema,)]
    before = _rows(database, KEPT)
    assert before  # every release's file holds interviews
    with open_database(paths.resolve(data_dir)) as db:
        assert db.report.migrated_from == schema
    assert _rows(database, "PRAGMA user_version") == [(9,)]
    assert _rows(database, "SELECT version_num FROM alembic_version") == [("0009",)]
    columns = {row[1]: row for row in _rows(database, "PRAGMA table_info(interviews)")}
    # (cid, name, type, notnull, default, pk)
    assert columns["ical_uid"][2:5] == ("TEXT", 1, "''")
    assert columns["ical_sequence"][2:5] == ("INTEGER", 1, "0")
    assert _rows(database, "SELECT DISTINCT ical_uid, ical_sequence FROM interviews") == [("", 0)]
    indexes = {row[1] for row in _rows(database, "PRAGMA index_list(interviews)")}
    assert "ix_interviews_ical_uid" in indexes
    assert _rows(database, KEPT) == before
