"""Settings ▸ Storage ▸ Test connection says what is wrong in words (issue 16, item 1),
against the session's real server: unreachable, authentication, no database, newer schema,
and OK with the schema version found."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest

from afterview.store.sqlite_file import SCHEMA_VERSION
from afterview.store.target_check import Verdict, check_target


def _check(text: str, tmp_path: Path, password: str | None = None) -> Any:
    return check_target(
        text,
        data_dir_database=tmp_path / "afterview.sqlite3",
        allow_insecure=False,
        password=password,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def role(pg_cluster: Any) -> str:
    name = f"tester_{uuid.uuid4().hex[:8]}"
    pg_cluster.create_role(name, password="right horse battery")
    return name


def test_a_server_that_is_not_there(tmp_path: Path) -> None:
    found = _check(f"postgresql://someone@127.0.0.1:{_free_port()}/afterview", tmp_path)
    assert found.verdict is Verdict.UNREACHABLE
    assert "cannot be reached" in found.words and found.version is None


def test_a_wrong_password(tmp_path: Path, pg_cluster: Any, role: str) -> None:
    text = f"postgresql://{role}@127.0.0.1:{pg_cluster.port}/postgres"
    found = _check(text, tmp_path, password="wrong horse")
    assert found.verdict is Verdict.AUTHENTICATION
    assert "Authentication failed" in found.words
    assert "wrong horse" not in found.words
    right = _check(text, tmp_path, password="right horse battery")
    assert right.verdict is Verdict.OK, right.words


def test_a_database_that_does_not_exist(tmp_path: Path, pg_cluster: Any) -> None:
    found = _check(pg_cluster.uri("no_such_database_here"), tmp_path)
    assert found.verdict is Verdict.NO_DATABASE
    assert "does not exist" in found.words


def test_an_empty_database_and_a_current_one(tmp_path: Path, pg_cluster: Any) -> None:
    name = f"check_{uuid.uuid4().hex[:8]}"
    pg_cluster.create_database(name)
    found = _check(pg_cluster.uri(name), tmp_path)
    assert (found.verdict, found.version) == (Verdict.OK, 0)
    assert "schema 0" in found.words
    from afterview import paths
    from afterview.store.database import open_database

    open_database(paths.resolve(tmp_path / "d", pg_cluster.uri(name))).close()
    found = _check(pg_cluster.uri(name), tmp_path)
    assert (found.verdict, found.version) == (Verdict.OK, 9)
    assert found.words.startswith("OK") and "schema 9" in found.words


def test_a_schema_newer_than_this_afterview(tmp_path: Path, pg_cluster: Any) -> None:
    name = f"check_{uuid.uuid4().hex[:8]}"
    pg_cluster.create_database(name)
    with psycopg.connect(pg_cluster.conninfo(name), autocommit=True) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES ('0099')")
    found = _check(pg_cluster.uri(name), tmp_path)
    assert found.verdict is Verdict.NEWER
    assert "newer Afterview" in found.words and "schema 99" in found.words
    assert SCHEMA_VERSION < 99


def test_files_and_bad_text(tmp_path: Path) -> None:
    assert _check("", tmp_path).verdict is Verdict.OK
    assert _check(f"sqlite:{tmp_path / 'x.sqlite3'}", tmp_path).words.endswith(
        "Afterview will create it."
    )
    bad = _check("mysql://db/x", tmp_path)
    assert bad.verdict is Verdict.INVALID and "mysql://" in bad.words


def test_plain_tcp_to_another_computer_is_not_tried(tmp_path: Path) -> None:
    found = _check("postgresql://anna@db.example.org/afterview?sslmode=disable", tmp_path)
    assert found.verdict is Verdict.INSECURE
    assert "unencrypted" in found.words
