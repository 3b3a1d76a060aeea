"""The SQLite path never loads the PostgreSQL driver, the keyring, or SQLAlchemy's
PostgreSQL dialect (issue 16: the tray's footprint, and the window's start-up, rest on it).

Checked the way tests/unit/test_tray_footprint.py checks the tray: in a fresh process, whose
``sys.modules`` then says what was imported. One process creates the file, as the tray does on
a new computer; the next does what a user on SQLite does every day: the tray plans once, the
window lists the file, opens the store, writes, reads the list, and the tray plans again with
the written steps due. Its last part proves the check can see the modules: the same process
reading a PostgreSQL target's connection settings loads them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: What each costs the SQLite path (measured with -X importtime on the CI machine).
FORBIDDEN = {
    "psycopg": "the PostgreSQL driver, with libpq: about 0.2 s and several MiB",
    "psycopg_binary": "psycopg's C part and its bundled libpq and OpenSSL",
    "keyring": "the keyring's backends, found through entry points: about 0.2 s",
    "sqlalchemy.dialects.postgresql": "SQLAlchemy's PostgreSQL dialect: about 0.2 s",
}

SCRIPT = """
import sys
from datetime import UTC, datetime, timedelta

FORBIDDEN = {forbidden!r}

def loaded():
    return sorted(
        name for name in FORBIDDEN
        if any(m == name or m.startswith(name + ".") for m in sys.modules)
    )

from afterview import paths
where = paths.resolve(sys.argv[1])

# The tray starts first: it plans once.
import afterview.cli, afterview.tray.app
from afterview.store.reminder_store import open_reminders
with open_reminders(where) as tray:
    tray.plan(datetime.now(UTC), "Europe/Berlin")
print("tray", loaded())

# The window: the list read from the file, then the whole store, a write, the list again.
from afterview.store.interview_list import ListSource, SortKey
from afterview.store.plain_reads import file_to_read_first
first = file_to_read_first(where)
assert first is not None
ListSource(first).sorted_ids(SortKey.DATE)
from afterview.store.api import open_store
with open_store(where) as store:
    added = store.data.add_sample()
    ids = store.list.sorted_ids(SortKey.DATE)
    assert ids, "the sample added no interview"
    store.list.list_rows(ids[:30])
    store.list.search_index()
    assert store.identity
print("window", loaded())

# The tray again, now with steps to plan (some of the sample's are due a year from now).
with open_reminders(where) as tray:
    plan = tray.plan(datetime.now(UTC) + timedelta(days=365), "Europe/Berlin")
    assert plan.due_count > 0, "nothing was due: the tray did not read the steps"
print("tray again", loaded())

# A PostgreSQL target's text loads the driver: the check above would have seen it.
from afterview.store.target import parse_target
parse_target("postgresql://anna@db.example.org/jobs").connect_params()
print("postgresql", loaded())
"""


#: The first start on a new computer: the tray creates the file with the full store (Alembic).
CREATE = """
import sys
from afterview import paths
from afterview.store.reminder_store import open_reminders
open_reminders(paths.resolve(sys.argv[1])).close()
print(sorted(m for m in sys.modules if m.split(".")[0] in ("psycopg", "keyring")))
"""


def environment() -> dict[str, str]:
    """This process's environment on SQLite: no database chosen, no libpq variable."""
    chosen = {
        key: value
        for key, value in os.environ.items()
        if key != "AFTERVIEW_DATABASE" and not key.startswith("PG")
    }
    # No keyring to ask: connect_params would otherwise wait on this machine's D-Bus.
    chosen["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    chosen["QT_QPA_PLATFORM"] = "offscreen"
    return chosen


def run(code: str, data_dir: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def phases(data_dir: Path) -> dict[str, str]:
    """What each phase of SCRIPT found loaded, as the text of a sorted list."""
    output = run(SCRIPT.format(forbidden=FORBIDDEN), data_dir)
    lines = dict(line.split(" [", 1) for line in output.splitlines() if " [" in line)
    return {phase: "[" + modules for phase, modules in lines.items()}


def test_the_sqlite_path_loads_no_postgresql_driver_nor_keyring(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    # Creating (or migrating) the file loads Alembic, whose alembic.ddl package imports
    # SQLAlchemy's PostgreSQL dialect module for its own (once per new database version);
    # neither the driver nor the keyring even then.
    assert run(CREATE, data_dir).strip() == "[]"
    assert phases(data_dir) == {
        "tray": "[]",
        "window": "[]",
        "tray again": "[]",
        # psycopg_binary is loaded by psycopg, the keyring by the password lookup.
        "postgresql": "['keyring', 'psycopg', 'psycopg_binary']",
    }, FORBIDDEN
