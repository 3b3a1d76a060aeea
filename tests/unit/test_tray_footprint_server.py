"""What the tray loads while reminding (issue 16): on a file, never the PostgreSQL driver, the
keyring or SQLAlchemy's postgresql dialect; on a server, psycopg but still no SQLAlchemy.
Measured in a fresh process that opens the tray's store and plans once, as the tray does."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from afterview import paths
from afterview.store.database import open_database

NEVER_ON_A_FILE = ("psycopg", "keyring", "sqlalchemy", "_hashlib")
NEVER_ON_A_SERVER = ("sqlalchemy", "alembic", "holidays")

PLAN = (
    "import sys\n"
    "from datetime import UTC, datetime\n"
    "import afterview.tray.app\n"
    "from afterview import paths\n"
    "from afterview.store.reminder_store import open_reminders\n"
    "store = open_reminders(paths.resolve(sys.argv[1]))\n"
    "store.plan(datetime.now(UTC), 'UTC')\n"
    "store.due(datetime.now(UTC))\n"
    "store.instance\n"
    "store.close()\n"
    "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
)


def loaded_by_the_tray(data_dir: Path, env: dict[str, str]) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PLAN, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_on_a_file_the_tray_loads_no_server_driver(tmp_path: Path) -> None:
    where = paths.resolve(tmp_path / "data")
    open_database(where).close()
    env = {k: v for k, v in os.environ.items() if k != "AFTERVIEW_DATABASE"}
    loaded = loaded_by_the_tray(where.data_dir, env)
    assert "sqlite3" in loaded
    assert sorted(loaded & set(NEVER_ON_A_FILE)) == []


@pytest.fixture
def on_server(pg_cluster: Any, tmp_path: Path) -> Iterator[str]:
    name = f"footprint_{os.getpid()}_{abs(hash(tmp_path)) % 10**8}"
    pg_cluster.create_database(name)
    try:
        yield pg_cluster.uri(name)
    finally:
        pg_cluster.drop_database(name)


def test_on_a_server_the_tray_loads_psycopg_but_no_sqlalchemy(
    tmp_path: Path, on_server: str
) -> None:
    where = paths.resolve(tmp_path / "data", database=on_server)
    open_database(where).close()  # created: the tray's open only checks the schema
    loaded = loaded_by_the_tray(where.data_dir, {**os.environ, "AFTERVIEW_DATABASE": on_server})
    assert "psycopg" in loaded
    assert sorted(loaded & set(NEVER_ON_A_SERVER)) == []
