"""Opening a database on a PostgreSQL server: created at the current schema, a newer one
refused untouched, an older one migrated only when the user agrees and after a JSON
snapshot, instants stored as ``timestamptz`` (issue 16, "The same product on both")."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine

from afterview import paths
from afterview.store.database import open_database
from afterview.store.errors import NewerSchemaError
from afterview.store.migrate import upgrade
from afterview.store.postgres import NotUpgradedError

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


@pytest.fixture
def server_db(pg_databases: Any) -> Iterator[tuple[str, str]]:
    """A clean database of the test server: (its URI, its libpq conninfo)."""
    name = pg_databases.take()
    cluster = pg_databases.cluster
    yield cluster.uri(name), cluster.conninfo(name)
    pg_databases.give_back(name)


@pytest.fixture
def empty_db(pg_cluster: Any) -> Iterator[tuple[str, str]]:
    """A database with no tables at all (as a server's administrator makes one)."""
    name = f"empty_{datetime.now(UTC).strftime('%H%M%S%f')}"
    pg_cluster.create_database(name)
    yield pg_cluster.uri(name), pg_cluster.conninfo(name)
    pg_cluster.drop_database(name)


def _rows(conninfo: str, sql: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(conninfo) as connection:
        return connection.execute(sql).fetchall()


def test_an_empty_database_is_created_at_the_current_schema(
    tmp_path: Path, empty_db: tuple[str, str]
) -> None:
    uri, conninfo = empty_db
    with open_database(paths.resolve(tmp_path, uri)) as db:
        assert db.engine.dialect.name == "postgresql"
        assert db.report.created and db.report.migrated_from is None
        identity = db.identity()
    assert _rows(conninfo, "SELECT version_num FROM alembic_version") == [("0009",)]
    # The identity is the database's own, never a path (a copy and an export carry it).
    assert identity is not None and len(identity) == 32 and "/" not in identity
    found = _rows(conninfo, "SELECT value FROM meta WHERE name = 'database_id'")
    assert found == [(identity,)]


def test_instants_are_stored_as_timestamptz(server_db: tuple[str, str]) -> None:
    _, conninfo = server_db
    types = dict(
        _rows(
            conninfo,
            "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'public' AND column_name IN ('start', 'due', 'done_at')",
        )
    )
    assert types == {
        "interviews.start": "timestamp with time zone",
        "steps.due": "timestamp with time zone",
        "steps.done_at": "timestamp with time zone",
    }


def test_a_database_from_a_newer_afterview_is_refused_untouched(
    tmp_path: Path, server_db: tuple[str, str]
) -> None:
    uri, conninfo = server_db
    with psycopg.connect(conninfo) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
        connection.execute("INSERT INTO settings (name, value) VALUES ('mine', '1')")
    before = _rows(conninfo, "SELECT name, value FROM settings ORDER BY name")
    with pytest.raises(NewerSchemaError) as refused:
        open_database(paths.resolve(tmp_path, uri))
    message = str(refused.value)
    assert "upgraded by a newer Afterview" in message and "update afterview" in message.lower()
    assert "nothing was changed" in message
    assert _rows(conninfo, "SELECT version_num FROM alembic_version") == [("0099",)]
    assert _rows(conninfo, "SELECT name, value FROM settings ORDER BY name") == before


def test_the_cli_refuses_a_newer_database_with_exit_2(
    tmp_path: Path,
    server_db: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    from afterview.cli import main

    uri, conninfo = server_db
    with psycopg.connect(conninfo) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    status = main(["--data-dir", str(tmp_path), "--database", uri, "steps"])
    assert status == 2
    error = capsys.readouterr().err
    assert "newer Afterview" in error and "Traceback" not in error


def _older(conninfo: str) -> None:
    """The database as release 0.3.0 left it (schema 5), with a contact in it."""
    engine = create_engine("postgresql+psycopg://", creator=lambda: psycopg.connect(conninfo))
    try:
        upgrade(engine, "0005")
    finally:
        engine.dispose()
    with psycopg.connect(conninfo) as connection:
        connection.execute(
            "INSERT INTO contacts (key, name, title, company, email, phone, address, notes, "
            "sample) VALUES ('laura', 'Laura Chen', '', 'Acme', 'laura@example.com', '', '', "
            "'', false)"
        )


def test_an_older_database_is_migrated_only_when_the_user_agrees(
    tmp_path: Path, empty_db: tuple[str, str]
) -> None:
    uri, conninfo = empty_db
    _older(conninfo)
    asked: list[tuple[int, int]] = []

    def decline(found: int, wanted: int) -> bool:
        asked.append((found, wanted))
        return False

    where = paths.resolve(tmp_path, uri)
    with pytest.raises(NotUpgradedError) as kept:
        open_database(where, confirm_upgrade=decline)
    assert asked == [(5, 9)]  # 0009: the invitation UID
    assert "Nothing was changed" in str(kept.value)
    assert _rows(conninfo, "SELECT version_num FROM alembic_version") == [("0005",)]
    assert not list(where.backup_dir.glob("*.json"))


def test_an_agreed_migration_takes_a_json_snapshot_first(
    tmp_path: Path, empty_db: tuple[str, str]
) -> None:
    uri, conninfo = empty_db
    _older(conninfo)
    agree: Callable[[int, int], bool] = lambda found, wanted: True  # noqa: E731
    where = paths.resolve(tmp_path, uri)
    with open_database(where, confirm_upgrade=agree, now=NOW) as db:
        assert db.report.migrated_from == 5
        snapshot = db.report.pre_migration_backup
    assert _rows(conninfo, "SELECT version_num FROM alembic_version") == [("0009",)]
    assert snapshot is not None and snapshot.parent == where.backup_dir
    assert snapshot.name == "afterview-20261201T090000000000Z-pre-migration.json"
    assert snapshot.stat().st_mode & 0o777 == 0o600
    taken = json.loads(snapshot.read_text(encoding="utf-8"))
    assert [row["name"] for row in taken["contacts"]] == ["Laura Chen"]
    assert taken["alembic_version"] == [{"version_num": "0005"}]
    # The contact came through the migration, with the version every save raises.
    assert _rows(conninfo, "SELECT name, version FROM contacts") == [("Laura Chen", 1)]


def test_a_connection_gives_up_on_an_unreachable_server_after_a_while(
    server_db: tuple[str, str],
) -> None:
    """libpq waits for ever by default; a window must not freeze on a host that drops
    packets. The target's own connect_timeout wins."""
    from afterview.store.postgres import Server
    from afterview.store.target import parse_target

    uri, _ = server_db
    target = parse_target(uri)
    with Server(target.connect_params(), "test").connect() as connection:
        assert connection.info.get_parameters()["connect_timeout"] == "10"
    own = parse_target(uri + "?connect_timeout=3")
    with Server(own.connect_params(), "test").connect() as connection:
        assert connection.info.get_parameters()["connect_timeout"] == "3"
