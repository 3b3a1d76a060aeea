"""Release 0.4.0's file (tools/make-release-fixture-0.4.0.py, run from 243cbff) opened by
this Afterview: migration 0007 (issue 17) loses nothing, and groups the interviews into
applications by company and position, ignoring case and spaces, the sample apart.

"Loses nothing": the file this Afterview exports after the migration is the one 0.4.0
exported before it (``0.4.0.export.json``, made with the fixture), once the applications it
adds are set aside. The groups expected are written out here from the fixture's story.
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
#: The computer whose tray announced a step in the story.
LAPTOP = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def released(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True)
    shutil.copyfile(RELEASE, data_dir / "afterview.sqlite3")
    return data_dir / "afterview.sqlite3"


def _rows(database: Path, sql: str) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(database)) as connection:
        return connection.execute(sql).fetchall()


def test_the_file_is_release_0_4_0s() -> None:
    assert _rows(RELEASE, "PRAGMA user_version") == [(6,)]
    assert _rows(RELEASE, "SELECT version_num FROM alembic_version") == [("0006",)]
    assert json.loads(EXPORTED.read_text("utf-8"))["format"] == "afterview/2"


def _without_applications(document: dict[str, Any]) -> dict[str, Any]:
    """The document as 0.4.0's format had it: no applications, no interview's link to one."""
    kept = {name: value for name, value in document.items() if name != "applications"}
    kept["format"] = "afterview/2"
    kept["interviews"] = [
        {name: value for name, value in item.items() if name != "application"}
        for item in document["interviews"]
    ]
    return kept


def test_migration_0007_loses_nothing(released: Path) -> None:
    before = json.loads(EXPORTED.read_text("utf-8"))
    with open_database(paths.resolve(released.parent)) as db:
        assert db.report.migrated_from == 6
        with db.read() as session:
            after = interchange.export_document(session, LAPTOP)
    assert after["format"] in ("afterview/2", "afterview/3")
    assert _without_applications(json.loads(json.dumps(after))) == before
    assert _rows(released, "PRAGMA user_version") == [(9,)]


GROUPS = """
    SELECT a.company, a.position, a.stage, a.outcome, a.outcome_detail, a.sample,
           group_concat(coalesce(nullif(i.round, ''), i.key), ' > ')
    FROM applications AS a JOIN (SELECT * FROM interviews ORDER BY start) AS i
      ON i.application_id = a.id
    GROUP BY a.id ORDER BY a.sample, a.company, a.position
"""


def test_the_interviews_are_grouped_into_applications(released: Path) -> None:
    open_database(paths.resolve(released.parent)).close()
    assert _rows(released, GROUPS) == [
        # A second round at " ACME" for "backend engineer": the same application.
        ("A&B <Labs>", "Data Engineer", "closed", "rejected", "", 0, "ablabs-1"),
        ("Acme", "Backend Engineer", "interviewing", None, "", 0, "Onsite > Final"),
        # Named as the first round has it, stray spaces left out ("Platform engineer ").
        ("Globex", "Platform engineer", "offer", None, "", 0, "Phone screen > Final"),
        ("Initech", "SRE", "closed", "withdrew", "", 0, _initech_key(released)),
        ("Sakura KK", "SRE", "interviewing", None, "", 0, "sakura-1"),
        # The sample's interviews at the same companies stay out of the user's applications.
        ("Acme", "Backend Engineer", "awaiting_decision", None, "", 1, "Onsite"),
        ("Nordlys Data", "Data Engineer", "awaiting_decision", None, "", 1, "sample-nordlys"),
        ("Sakura KK", "SRE", "interviewing", None, "", 1, "sample-sakura"),
    ]
    assert _rows(released, "SELECT count(*) FROM interviews WHERE application_id IS NULL") == [(0,)]
    assert _rows(released, "SELECT DISTINCT version, applied_on FROM applications") == [(1, None)]


def _initech_key(database: Path) -> str:
    ((key,),) = _rows(database, "SELECT key FROM interviews WHERE company = 'Initech'")
    return str(key)


def test_each_application_has_its_standing_in_its_history(released: Path) -> None:
    open_database(paths.resolve(released.parent)).close()
    history = _rows(
        released,
        "SELECT a.company, e.stage, e.outcome, e.at, e.cause FROM application_events AS e "
        "JOIN applications AS a ON a.id = e.application_id "
        "WHERE a.company IN ('A&B <Labs>', 'Globex')",
    )
    # When the latest round's status changed (sample.json: ablabs-1 and globex-2).
    assert sorted(history) == [
        ("A&B <Labs>", "closed", "rejected", "2026-11-21 09:00:00.000000", "grouped"),
        ("Globex", "offer", None, "2026-11-19 15:00:00.000000", "grouped"),
    ]
    assert _rows(released, "SELECT count(*) FROM application_events") == [(8,)]
