"""Migration 0008 (issue 17 §3) on release 0.4.0's file: each step gains ``answered``, not
asked for any step done before it (NULL), and nothing else changes: the lossless export after
the migration is the one 0.4.0 made (``0.4.0.export.json``), the applications 0007 adds set
aside, and no step carries an answer.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from afterview import paths
from afterview.store import interchange
from afterview.store.database import open_database

#: A released SQLite file, opened as it is.
pytestmark = pytest.mark.sqlite_only

RELEASES = Path(__file__).parents[1] / "data" / "releases"
RELEASE = RELEASES / "0.4.0.sqlite3"
EXPORTED = RELEASES / "0.4.0.export.json"
LAPTOP = "0123456789abcdef0123456789abcdef"


def _rows(database: Path, sql: str) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(database)) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture
def released(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True)
    shutil.copyfile(RELEASE, data_dir / "afterview.sqlite3")
    return data_dir / "afterview.sqlite3"


def _steps(document: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(document.get("steps", []))
    for item in document["interviews"]:
        found += item.get("steps", [])
    return found


def test_every_step_gets_an_unasked_answer(released: Path) -> None:
    steps_before = _rows(released, "SELECT key, status, done_at FROM steps ORDER BY key")
    with open_database(paths.resolve(released.parent)) as db:
        assert db.report.migrated_from == 6
        with db.read() as session:
            after = json.loads(json.dumps(interchange.export_document(session, LAPTOP)))
    assert _rows(released, "PRAGMA user_version") == [(9,)]
    assert _rows(released, "SELECT version_num FROM alembic_version") == [("0009",)]
    columns = {row[1]: row for row in _rows(released, "PRAGMA table_info(steps)")}
    # (cid, name, type, notnull, default, pk): a nullable boolean with no default.
    assert columns["answered"][2:5] == ("BOOLEAN", 0, None)
    assert _rows(released, "SELECT DISTINCT answered FROM steps") == [(None,)]
    # The steps 0.4.0 had (the re-plan at open may add the rule ids, not rows or states).
    after_rows = _rows(released, "SELECT key, status, done_at FROM steps ORDER BY key")
    assert after_rows == steps_before
    before = json.loads(EXPORTED.read_text("utf-8"))
    assert len(_steps(after)) == len(_steps(before)) == len(steps_before)
    assert not any("answered" in step for step in _steps(after))
    # The rest of the document is as 0.4.0 wrote it (test_release_0_4_0 compares it whole).
    assert [s["key"] for s in _steps(after)] == [s["key"] for s in _steps(before)]
