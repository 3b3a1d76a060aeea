"""The store, CLI and window suites on both backends: SQLite and PostgreSQL (issue 16).

Every test under ``tests/unit`` and ``tests/ui`` that takes the ``data_dir`` fixture runs
twice, as ``[sqlite]`` and ``[postgresql]``: the PostgreSQL run points
``AFTERVIEW_DATABASE`` at a database of its own on the session's throwaway server
(:mod:`tests.pg_cluster`), so every store the test opens, in process or in a subprocess,
is on the server. Before the test the fixture opens that database the way Afterview
does and asserts that the engine's dialect is ``postgresql``.

A test about the SQLite file itself (its WAL, a damaged header, a full disk under it, its
backups) says so with ``@pytest.mark.sqlite_only`` and runs once.

The run fails when fewer tests passed on PostgreSQL than on SQLite.

Databases are reused, not made per test (a template copy costs 0.2-0.5 s on the 2-core CI
machine): after a test its sessions are ended and every table is emptied and given back
the rows a new database starts with.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

BACKENDS = ("sqlite", "postgresql")
#: The suites that run on both (relative to the repository).
BOTH_BACKENDS = ("tests/unit/", "tests/ui/")
TEMPLATE = "afterview_template"
_ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: a test of the SQLite file itself; runs on SQLite only"
    )
    config.stash[_COUNTS] = {backend: 0 for backend in BACKENDS}
    config.pluginmanager.register(_Counter(config), "afterview-backend-counter")


_COUNTS = pytest.StashKey[dict[str, int]]()
_BACKEND_OF = pytest.StashKey[dict[str, str]]()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    where = Path(str(metafunc.definition.fspath)).resolve()
    relative = where.relative_to(_ROOT).as_posix() if where.is_relative_to(_ROOT) else ""
    if not relative.startswith(BOTH_BACKENDS):
        return
    if metafunc.definition.get_closest_marker("sqlite_only") is not None:
        return
    metafunc.parametrize("backend", BACKENDS, indirect=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    found: dict[str, str] = {}
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and "backend" in callspec.params:
            found[item.nodeid] = callspec.params["backend"]
    config.stash[_BACKEND_OF] = found


class _Counter:
    """Counts the tests that passed on each backend (a plugin object per run, so a pytester
    run inside this one keeps its own counts)."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "call" or not report.passed:
            return
        backend = self.config.stash.get(_BACKEND_OF, {}).get(report.nodeid)
        if backend is not None:
            self.config.stash[_COUNTS][backend] += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    counts = session.config.stash.get(_COUNTS, None)
    if not counts:
        return
    if counts["postgresql"] < counts["sqlite"]:
        session.config.stash[_SHORT] = counts
        if session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


_SHORT = pytest.StashKey[dict[str, int]]()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    counts = config.stash.get(_COUNTS, None)
    if not counts or not any(counts.values()):
        return
    terminalreporter.section("tests per backend")
    for backend in BACKENDS:
        terminalreporter.write_line(f"{backend:<12} {counts[backend]:>6} passed")
    if config.stash.get(_SHORT, None) is not None:
        terminalreporter.write_line(
            "FAILED: fewer tests passed on PostgreSQL than on SQLite (issue 16: the store, "
            "CLI and window suites run on both backends)",
            red=True,
        )


# -- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.pg_cluster import session_cluster

    yield from session_cluster(tmp_path_factory)


class _Databases:
    """Databases for the PostgreSQL runs, made once from a migrated template and emptied
    back to a new database's rows after each test."""

    def __init__(self, cluster: Any, scratch: Path) -> None:
        self.cluster = cluster
        self._names = (f"afterview_test_{n}" for n in itertools.count(1))
        self._free: list[str] = []
        cluster.create_database(TEMPLATE)
        self._migrate(TEMPLATE, scratch)
        self._fresh_rows = self._rows_of(TEMPLATE)

    def _migrate(self, name: str, scratch: Path) -> None:
        from afterview import paths
        from afterview.store.database import open_database

        where = paths.resolve(scratch, self.cluster.uri(name))
        open_database(where).close()

    def _rows_of(self, name: str) -> dict[str, list[tuple[Any, ...]]]:
        import psycopg

        with psycopg.connect(self.cluster.conninfo(name)) as connection:
            tables = self._tables(connection)
            return {
                table: connection.execute(f'SELECT * FROM "{table}"').fetchall()  # noqa: S608
                for table in tables
            }

    @staticmethod
    def _tables(connection: Any) -> list[str]:
        rows = connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
        return [name for (name,) in rows]

    def take(self) -> str:
        if self._free:
            return self._free.pop()
        name = next(self._names)
        self.cluster.create_database(name, template=TEMPLATE)
        return name

    def give_back(self, name: str) -> None:
        """Empty ``name`` back to a new database's rows; drop it when that fails (a test
        changed its tables)."""
        import psycopg

        try:
            with psycopg.connect(self.cluster.conninfo("postgres"), autocommit=True) as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()",
                    (name,),
                )
            with psycopg.connect(self.cluster.conninfo(name)) as connection:
                connection.execute("SET lock_timeout = '5s'")
                tables = self._tables(connection)
                if set(tables) != set(self._fresh_rows):
                    raise RuntimeError(f"tables changed: {sorted(tables)}")
                listed = ", ".join(f'"{table}"' for table in tables)
                connection.execute(f"TRUNCATE {listed} RESTART IDENTITY CASCADE")
                for table, rows in self._fresh_rows.items():
                    if not rows:
                        continue
                    marks = ", ".join(["%s"] * len(rows[0]))
                    with connection.cursor() as cursor:
                        cursor.executemany(
                            f'INSERT INTO "{table}" VALUES ({marks})',  # noqa: S608
                            rows,
                        )
        except (psycopg.Error, RuntimeError):
            self.cluster.drop_database(name)
            return
        self._free.append(name)


@pytest.fixture(scope="session")
def pg_databases(pg_cluster: Any, tmp_path_factory: pytest.TempPathFactory) -> _Databases:
    return _Databases(pg_cluster, tmp_path_factory.mktemp("pg-template"))


@pytest.fixture
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """ "sqlite" (the default, and every test outside the two-backend suites) or
    "postgresql": then ``AFTERVIEW_DATABASE`` names a clean database on the test server."""
    chosen = getattr(request, "param", "sqlite")
    if chosen == "sqlite":
        monkeypatch.delenv("AFTERVIEW_DATABASE", raising=False)
        yield chosen
        return
    databases: _Databases = request.getfixturevalue("pg_databases")
    name = databases.take()
    monkeypatch.setenv("AFTERVIEW_DATABASE", databases.cluster.uri(name))
    _assert_dialect(request.getfixturevalue("tmp_path_factory").mktemp("dialect-check"))
    try:
        yield chosen
    finally:
        databases.give_back(name)


def _assert_dialect(scratch: Path) -> None:
    from afterview import paths
    from afterview.store.database import open_database

    with open_database(paths.resolve(scratch)) as db:
        assert db.engine.dialect.name == "postgresql", os.environ.get("AFTERVIEW_DATABASE")
