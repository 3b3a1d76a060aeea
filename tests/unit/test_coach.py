"""A coach's desk (issue 16, item 7), on the session's PostgreSQL server: a job seeker keeps
their search in a schema of their own, shares it read-only with a coach's role, and the
server refuses every write of the coach's, even SQL of their own."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from afterview import paths
from afterview.cli import main
from afterview.store.api import open_store
from afterview.store.coach import ReadingOthersSearch
from afterview.store.errors import StoreError
from afterview.store.faults import UnavailableError
from afterview.store.interchange_format import parse_document


@dataclass
class Desk:
    cluster: Any
    database: str
    seeker: str  # the job seeker's role; their schema has the same name
    coach: str
    tmp: Path

    def seeker_target(self) -> str:
        # No search=: PostgreSQL's default search_path ("$user") finds the seeker's schema.
        return str(self.cluster.uri(self.database, user=self.seeker))

    def coach_target(self) -> str:
        return str(self.cluster.uri(self.database, user=self.coach, search=self.seeker))

    def run(self, who: str, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
        target = self.seeker_target() if who == "seeker" else self.coach_target()
        status = main(["--data-dir", str(self.tmp / who), "--database", target, *argv])
        out, err = capsys.readouterr()
        return status, out + err

    def as_coach(self) -> psycopg.Connection[Any]:
        options = f"-csearch_path={self.seeker}"
        return psycopg.connect(
            self.cluster.conninfo(self.database, user=self.coach, options=options)
        )


@pytest.fixture
def desk(pg_cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desk]:
    monkeypatch.delenv("AFTERVIEW_DATABASE", raising=False)
    tag = uuid.uuid4().hex[:8]
    database, seeker, coach = f"desk_{tag}", f"anna_{tag}", f"coach_{tag}"
    pg_cluster.create_role(seeker)
    pg_cluster.create_role(coach)
    pg_cluster.create_database(database)
    with psycopg.connect(pg_cluster.conninfo(database), autocommit=True) as admin:
        admin.execute(
            sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(
                sql.Identifier(seeker), sql.Identifier(seeker)
            )
        )
    yield Desk(pg_cluster, database, seeker, coach, tmp_path)
    pg_cluster.drop_database(database)
    with psycopg.connect(pg_cluster.conninfo("postgres"), autocommit=True) as admin:
        for role in (seeker, coach):
            admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def _fill(desk: Desk, sample_document: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    from afterview.store.values import Profile

    file = desk.tmp / "anna.json"
    file.write_text(json.dumps(sample_document), encoding="utf-8")
    status, text = desk.run("seeker", "import", "json", str(file), capsys=capsys)
    assert status == 0, text
    with open_store(paths.resolve(desk.tmp / "seeker", desk.seeker_target())) as store:
        store.settings.save_profile(Profile(name="Anna Berg"))


def _tables(connection: psycopg.Connection[Any], schema: str) -> list[str]:
    rows = connection.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY 1", (schema,)
    ).fetchall()
    return [str(name) for (name,) in rows]


def test_the_coach_reads_but_the_server_refuses_every_write(
    desk: Desk, sample_document: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(desk, sample_document, capsys)
    status, text = desk.run("seeker", "share", "--with", desk.coach, capsys=capsys)
    assert status == 0, text
    assert desk.coach in text and "read" in text
    status, text = desk.run("seeker", "share", capsys=capsys)
    assert text.strip() == f"Shared with: {desk.coach}"

    with open_store(paths.resolve(desk.tmp / "seeker", desk.seeker_target())) as store:
        assert store.read_only is None
        seen_by_seeker = store.data.export_document()
    with open_store(paths.resolve(desk.tmp / "coach", desk.coach_target())) as store:
        reading = store.read_only
        assert isinstance(reading, ReadingOthersSearch)
        assert reading.owner == "Anna Berg"
        assert (
            str(reading)
            == "You are reading Anna Berg's search (read-only): nothing can be changed."
        )
        assert store.data.export_document() == seen_by_seeker
        with pytest.raises(UnavailableError):
            store.data.import_document(parse_document(sample_document))
    # A write from the command line says whose search it is, not "a read-only disk".
    status, text = desk.run("coach", "import", "json", str(desk.tmp / "anna.json"), capsys=capsys)
    assert status == 2
    assert "You are reading Anna Berg's search (read-only)" in text
    assert "disk" not in text

    # The coach's own SQL: every table, every kind of write, refused by the server.
    with desk.as_coach() as connection:
        connection.autocommit = True
        tables = _tables(connection, desk.seeker)
        assert "interviews" in tables and "contacts" in tables and len(tables) >= 10
        for table in tables:
            name = sql.Identifier(desk.seeker, table)
            connection.execute(sql.SQL("SELECT count(*) FROM {}").format(name)).fetchone()
            column = connection.execute(
                "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass "
                "AND attnum > 0 AND NOT attisdropped ORDER BY attnum LIMIT 1",
                (f'"{desk.seeker}"."{table}"',),
            ).fetchone()
            assert column is not None
            first = sql.Identifier(column[0])
            for statement in (
                sql.SQL("INSERT INTO {} DEFAULT VALUES").format(name),
                sql.SQL("UPDATE {} SET {} = {}").format(name, first, first),
                sql.SQL("DELETE FROM {}").format(name),
                sql.SQL("TRUNCATE {}").format(name),
                sql.SQL("ALTER TABLE {} ADD COLUMN coach_was_here int").format(name),
                sql.SQL("DROP TABLE {}").format(name),
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    connection.execute(statement)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(
                sql.SQL("CREATE TABLE {} (x int)").format(
                    sql.Identifier(desk.seeker, "coach_notes")
                )
            )
        assert _tables(connection, desk.seeker) == tables


def test_stop_sharing_takes_the_access_back(
    desk: Desk, sample_document: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(desk, sample_document, capsys)
    assert desk.run("seeker", "share", "--with", desk.coach, capsys=capsys)[0] == 0
    status, text = desk.run("seeker", "share", "--stop", desk.coach, capsys=capsys)
    assert status == 0, text
    assert desk.run("seeker", "share", capsys=capsys)[1].strip() == "Not shared with anyone."
    with desk.as_coach() as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute(
            sql.SQL("SELECT * FROM {}").format(sql.Identifier(desk.seeker, "interviews"))
        )
    status, text = desk.run("coach", "steps", capsys=capsys)
    assert status == 2
    assert "was it shared with you" in text and len(text.strip().splitlines()) == 1


def test_sharing_with_a_role_that_does_not_exist_says_so(
    desk: Desk, sample_document: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(desk, sample_document, capsys)
    status, text = desk.run("seeker", "share", "--with", "nobody_here", capsys=capsys)
    assert status == 2
    assert 'There is no role "nobody_here"' in text


def test_the_coach_never_migrates_an_older_search(
    desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    from afterview.store.migrate import upgrade
    from afterview.store.postgres import Server, make_engine
    from afterview.store.target import parse_target

    target = parse_target(desk.seeker_target())
    engine = make_engine(Server(target.connect_params(), target.display()))
    try:
        upgrade(engine, "0005")
    finally:
        engine.dispose()
    from afterview.store import coach

    coach.share(Server(target.connect_params(), target.display()), desk.coach)
    with pytest.raises(StoreError, match=f"Ask {desk.seeker} to open it with the new Afterview"):
        open_store(paths.resolve(desk.tmp / "coach", desk.coach_target()))
    with psycopg.connect(desk.cluster.conninfo(desk.database)) as admin:
        row = admin.execute(
            sql.SQL("SELECT version_num FROM {}").format(
                sql.Identifier(desk.seeker, "alembic_version")
            )
        ).fetchone()
    assert row is not None and row[0] == "0005"
