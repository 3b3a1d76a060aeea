"""Release 0.3.0's file (tools/make-release-fixture-0.3.0.py, run from e8e96c1) opened by
this Afterview: migration 0006 (issue 16) loses nothing, gives every record its first
version, and turns the tray's notice into a notice for every computer, so a step announced
before the upgrade is not announced again."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from afterview import paths
from afterview.store.database import open_database

#: A released SQLite file, opened as it is.
pytestmark = pytest.mark.sqlite_only

RELEASE = Path(__file__).parents[1] / "data" / "releases" / "0.3.0.sqlite3"
#: What 0.3.0 wrote (read from the file with sqlite3 before this Afterview opened it).
COUNTED = ("contacts", "contact_ways", "interviews", "steps", "letters", "job_references")


@pytest.fixture
def released(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True)
    shutil.copyfile(RELEASE, data_dir / "afterview.sqlite3")
    return data_dir / "afterview.sqlite3"


def _counts(database: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(database)) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in COUNTED
        }


def test_the_file_is_release_0_3_0s() -> None:
    with contextlib.closing(sqlite3.connect(RELEASE)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (5,)
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0005",)
        ]


def test_migration_0006_loses_nothing_and_versions_every_record(released: Path) -> None:
    before = _counts(released)
    with open_database(paths.resolve(released.parent)) as db:
        assert db.report.migrated_from == 5
    assert _counts(released) == before
    with contextlib.closing(sqlite3.connect(released)) as connection:
        # 0006, then 0007, 0008 and 0009 (test_release_0_4_0.py, test_migration_0008.py, 0009).
        assert connection.execute("PRAGMA user_version").fetchone() == (9,)
        for table in ("interviews", "contacts", "job_references", "debriefs"):
            versions = connection.execute(f"SELECT DISTINCT version FROM {table}").fetchall()  # noqa: S608
            assert versions in ([(1,)], []), table
        keller = connection.execute(
            "SELECT salutation, family_name FROM contacts WHERE name = 'Maria Keller'"
        ).fetchall()
        assert keller == [("Dr", "Keller")]
        emails = connection.execute(
            "SELECT w.value FROM contact_ways AS w JOIN contacts AS c ON c.id = w.contact_id "
            "WHERE c.name = 'Maria Keller' AND w.kind = 'email' ORDER BY w.position"
        ).fetchall()
        assert emails == [("maria.keller@acme.example",), ("maria@keller.example",)]


def test_a_step_announced_before_the_upgrade_is_a_notice_for_every_computer(
    released: Path,
) -> None:
    with contextlib.closing(sqlite3.connect(released)) as connection:
        (announced,) = connection.execute(
            "SELECT id FROM steps WHERE notified_at IS NOT NULL"
        ).fetchone()
    open_database(paths.resolve(released.parent)).close()
    with contextlib.closing(sqlite3.connect(released)) as connection:
        notices = connection.execute(
            "SELECT step_id, computer, notified_at FROM step_notices"
        ).fetchall()
    assert notices == [(announced, "*", "2026-11-22 14:00:00.000000")]
