"""A throwaway PostgreSQL server for the benches, and the benches' SQLite data copied onto it.

The server is the tests' own (tests/pg_cluster.py: initdb in a temporary directory, a Unix
socket, run as an unprivileged user when the bench runs as root). The data is built once, by
``bench/startup.py``'s ``make_large_database`` in a SQLite file, then the same rows are copied
table by table into a database Afterview created and migrated itself (through
``open_database``), so both backends hold exactly the same interviews, contacts and steps.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # tests.pg_cluster

from tests.pg_cluster import Cluster  # noqa: E402

#: The tables make_large_database fills, parents before children.
TABLES = ("interviews", "contacts", "interview_people", "steps")


def start_cluster(scratch: Path) -> Cluster:
    """A fresh server under ``scratch`` (stop it with ``.stop()``)."""
    return Cluster.start(scratch / "postgres")


def server_paths(cluster: Cluster, dbname: str, data_dir: Path) -> Any:
    """Afterview's Paths for the database ``dbname`` on ``cluster`` (over the Unix socket),
    with ``data_dir`` for the config, backups and logs. The database is created empty here;
    Afterview creates its tables when it first opens it."""
    from afterview import paths

    cluster.create_database(dbname)
    return paths.resolve(data_dir, cluster.uri(dbname))


def copy_to_server(
    sqlite_file: Path,
    cluster: Cluster,
    dbname: str,
    data_dir: Path,
    tables: Sequence[str] = TABLES,
    meta: str = "WHERE name = 'plan_rules'",
) -> Any:
    """A database ``dbname`` on ``cluster`` holding the rows of ``tables`` from the SQLite file
    ``sqlite_file``, and the ``meta`` rows chosen by that WHERE clause (a constant, "" for
    all); returns its Paths (see :func:`server_paths`). Times (text in SQLite, UTC) are read
    by the server in UTC; 0/1 flags become booleans. ANALYZEd afterwards, as autovacuum would
    do within a minute of a real load."""
    import psycopg
    from psycopg import sql

    from afterview.store.database import open_database

    where = server_paths(cluster, dbname, data_dir)
    open_database(where).close()  # Afterview's own schema, migrated to the newest version
    source = sqlite3.connect(sqlite_file)
    try:
        with psycopg.connect(cluster.conninfo(dbname, options="-ctimezone=UTC")) as target:
            for table in tables:
                columns = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
                listed = ", ".join(columns)
                rows = source.execute(f"SELECT {listed} FROM {table}")  # noqa: S608 (names)
                statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                    sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
                )
                with target.cursor().copy(statement) as copy:
                    for row in rows:
                        copy.write_row(row)
                if "id" in columns:
                    target.execute(
                        sql.SQL(
                            "SELECT setval(pg_get_serial_sequence({}, 'id'), "
                            "(SELECT max(id) FROM {}))"
                        ).format(sql.Literal(table), sql.Identifier(table))
                    )
            # Planned by the playbook's rules already (bench/startup.py): no re-plan at open.
            for name, value in source.execute(f"SELECT name, value FROM meta {meta}"):  # noqa: S608
                target.execute(
                    "INSERT INTO meta (name, value) VALUES (%s, %s) "
                    "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    (name, value),
                )
        with psycopg.connect(cluster.conninfo(dbname), autocommit=True) as target:
            target.execute("ANALYZE")
    finally:
        source.close()
    return where
