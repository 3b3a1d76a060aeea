"""``afterview copy --to TARGET`` (issue 16, item 6): the whole search moves to an empty
target, checked, all or nothing, and the source is never changed. Each test runs with the
source on SQLite and on PostgreSQL (tests/backends.py); targets of both kinds."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from afterview import paths
from afterview.store import copy as copy_module
from afterview.store.api import open_store
from afterview.store.copy import CopyError, copy_database

Cli = Callable[..., tuple[int, str, str]]


def _export(where: Path, target: str | None = None) -> dict[str, Any]:
    with open_store(paths.resolve(where, target)) as store:
        return store.data.export_document()


def _read_copy(tmp_path: Path, target: str) -> dict[str, Any]:
    # A file target is read from its folder: Paths.database is data_dir/afterview.sqlite3.
    where = tmp_path / "moved" if target.startswith("sqlite:") else tmp_path / "elsewhere"
    return _export(where, target)


def _fill(cli: Cli, sample_json: Path) -> None:
    status, _, err = cli("import", "json", str(sample_json))
    assert status == 0, err


def _source_fingerprint(data_dir: Path, backend: str) -> Any:
    """The SQLite file's bytes (its hash), or the server's lossless export."""
    if backend == "sqlite":
        database = paths.resolve(data_dir).database
        return hashlib.sha256(database.read_bytes()).hexdigest()
    return _export(data_dir)


def _new_pg_database(pg_cluster: Any) -> str:
    name = f"copy_{uuid.uuid4().hex[:12]}"
    pg_cluster.create_database(name)
    return name


def _pg_rows(pg_cluster: Any, name: str, query: str, *args: str) -> list[str]:
    import psycopg

    with psycopg.connect(pg_cluster.conninfo(name)) as connection:
        return [str(row[0]) for row in connection.execute(query, args)]


def _pg_tables(pg_cluster: Any, name: str, schema: str = "public") -> list[str]:
    query = "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY 1"
    return _pg_rows(pg_cluster, name, query, schema)


@pytest.fixture
def targets(tmp_path: Path, pg_cluster: Any) -> dict[str, str]:
    return {
        "sqlite": f"sqlite:{tmp_path / 'moved' / paths.DATABASE_NAME}",
        "postgresql": pg_cluster.uri(_new_pg_database(pg_cluster)),
    }


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_copy_carries_everything_and_leaves_the_source(
    cli: Cli,
    data_dir: Path,
    backend: str,
    sample_json: Path,
    sample_document: dict[str, Any],
    targets: dict[str, str],
    tmp_path: Path,
    kind: str,
) -> None:
    _fill(cli, sample_json)
    (tmp_path / "moved").mkdir()
    before = _export(data_dir)
    fingerprint = _source_fingerprint(data_dir, backend)
    seen: list[int] = []
    report = copy_database(
        paths.resolve(data_dir), targets[kind], progress=lambda p, _w: seen.append(p)
    )
    # The counts come from the sample file itself, not from the copy.
    assert report.counts.interviews == len(sample_document["interviews"])
    assert report.counts.contacts == len(sample_document["contacts"])
    assert seen[0] == 0 and seen[-1] == 100 and seen == sorted(seen)
    copied = _read_copy(tmp_path, targets[kind])
    assert copied == before
    assert copied["database_id"] == before["database_id"]
    assert [i["key"] for i in copied["interviews"]] == sorted(
        i["key"] for i in sample_document["interviews"]
    )
    assert _source_fingerprint(data_dir, backend) == fingerprint


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_target_with_data_is_refused_and_kept(
    cli: Cli, data_dir: Path, sample_json: Path, targets: dict[str, str], tmp_path: Path, kind: str
) -> None:
    _fill(cli, sample_json)
    (tmp_path / "moved").mkdir()
    copy_database(paths.resolve(data_dir), targets[kind])
    there = _read_copy(tmp_path, targets[kind])
    status, out, err = cli("copy", "--to", targets[kind], "--quiet")
    assert status == 2 and out == ""
    assert "already" in err and "empty" in err and len(err.strip().splitlines()) == 1
    assert _read_copy(tmp_path, targets[kind]) == there


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_failed_copy_leaves_no_trace(
    cli: Cli,
    data_dir: Path,
    sample_json: Path,
    targets: dict[str, str],
    tmp_path: Path,
    pg_cluster: Any,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    _fill(cli, sample_json)
    (tmp_path / "moved").mkdir()
    real = copy_module.import_document

    def write_then_fail(session: Any, document: Any, now: Any) -> Any:
        real(session, document, now)
        session.flush()
        raise CopyError("the disk went away halfway")

    monkeypatch.setattr(copy_module, "import_document", write_then_fail)
    with pytest.raises(CopyError, match="left as it was"):
        copy_database(paths.resolve(data_dir), targets[kind])
    if kind == "sqlite":
        assert list((tmp_path / "moved").iterdir()) == []
    else:
        name = targets[kind].rsplit("/", 1)[1]
        assert _pg_tables(pg_cluster, name) == []


def test_a_copy_that_differs_is_undone(
    cli: Cli,
    data_dir: Path,
    sample_json: Path,
    tmp_path: Path,
    pg_cluster: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check compares both exports: a record lost on the way fails the copy."""
    _fill(cli, sample_json)
    real = copy_module.import_document

    def change_the_name(session: Any, document: Any, now: Any) -> Any:
        document.profile = {**(document.profile or {}), "name": "Someone Else"}
        return real(session, document, now)

    monkeypatch.setattr(copy_module, "import_document", change_the_name)
    name = _new_pg_database(pg_cluster)
    schema = f"seeker_{uuid.uuid4().hex[:8]}"
    with pytest.raises(CopyError, match="differs from the source at /profile"):
        copy_database(paths.resolve(data_dir), pg_cluster.uri(name, search=schema))
    # The schema the copy made is gone too.
    query = "SELECT nspname FROM pg_namespace WHERE nspname = %s"
    assert _pg_rows(pg_cluster, name, query, schema) == []


def test_copy_into_a_job_seekers_schema(
    cli: Cli, data_dir: Path, sample_json: Path, tmp_path: Path, pg_cluster: Any
) -> None:
    _fill(cli, sample_json)
    name = _new_pg_database(pg_cluster)
    schema = f"seeker_{uuid.uuid4().hex[:8]}"
    target = pg_cluster.uri(name, search=schema)
    status, out, err = cli("copy", "--to", target)
    assert status == 0, err
    assert "Copied" in out and "checked" in out and "100%" in err
    assert "interviews" in _pg_tables(pg_cluster, name, schema)
    assert _pg_tables(pg_cluster, name) == []  # nothing in public
    assert _export(tmp_path / "other", target) == _export(data_dir)


def test_copy_to_itself_is_refused(cli: Cli, data_dir: Path, backend: str) -> None:
    _export(data_dir)  # the database exists
    import os

    to = os.environ.get("AFTERVIEW_DATABASE") or f"sqlite:{paths.resolve(data_dir).database}"
    status, _, err = cli("copy", "--to", to, "--quiet")
    assert status == 2
    assert "copying from" in err or "already" in err
