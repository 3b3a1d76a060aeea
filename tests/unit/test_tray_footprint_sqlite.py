"""The SQLite tray's start after issue 16: choosing the database and naming this computer load
nothing the SQLite path does not need (bench/tray_idle.py: peak RSS <= 1.3x a bare tray icon).

Each module here cost the all-day tray a few hundred KiB: ``uuid`` (with ``platform``) for a
random computer id, ``configparser`` for a storage.ini that is not there.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

#: Loaded by nothing on the SQLite tray's start when no storage.ini was written: nor the
#: target parser with its password lookup, when nothing chose a database.
NOT_NEEDED = (
    "uuid",
    "platform",
    "configparser",
    "afterview.store.target",
    "afterview.store.credentials",
    "afterview.store.libpq_text",
)

START = """
import sys
import afterview.cli, afterview.tray.app
from afterview import paths
from afterview.store.computer import computer_id
from afterview.store.server_choice import server_for
where = paths.resolve(sys.argv[1])
assert server_for(where) is None
print(where.database)
print(computer_id(where))
print(" ".join(name for name in {names!r} if name in sys.modules))
"""


def start(data_dir: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", START.format(names=NOT_NEEDED), str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(data_dir.parent)},
    )
    return result.stdout.splitlines()


def test_the_sqlite_tray_names_its_computer_without_uuid_or_configparser(tmp_path: Path) -> None:
    database, computer, loaded = [*start(tmp_path / "data"), ""][:3]
    assert database == str(tmp_path / "data" / "afterview.sqlite3")
    assert len(computer) == 32 and int(computer, 16) >= 0
    assert loaded == ""
    # The same id next time, read from the config folder.
    assert start(tmp_path / "data")[1] == computer


def test_a_saved_choice_is_still_read(tmp_path: Path) -> None:
    chosen = tmp_path / "elsewhere.sqlite3"
    config = tmp_path / "data" / "config"
    config.mkdir(parents=True)
    (config / "storage.ini").write_text(f"[storage]\ndatabase = sqlite:{chosen}\n")
    database, _computer, loaded = [*start(tmp_path / "data"), ""][:3]
    assert database == str(chosen)
    assert loaded.split() == [
        "configparser",
        "afterview.store.target",
        "afterview.store.credentials",
        "afterview.store.libpq_text",
    ]
