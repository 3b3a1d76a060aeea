"""What Afterview writes on its own is the user's alone (0700 folders, 0600 files) whatever
the umask; what the user saves follows their umask; looser files left by an older version
are tightened when Afterview opens, with one line in the log per path; and another user on
the same computer, tried for real, can read none of it."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from afterview import paths
from afterview.private_files import PrivateLogFile
from afterview.store.api import open_store
from afterview.store.database import open_database
from afterview.store.errors import DamagedDatabaseError
from tests.reliability.fault_injection import NOBODY, SETPRIV

Cli = Callable[..., tuple[int, str, str]]
NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def modes_under(root: Path) -> dict[str, int]:
    """Every path under ``root`` (and ``root``) with its permission bits, by relative name."""
    found = {".": mode(root)}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            found[str(path.relative_to(root))] = mode(path)
    return found


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The process's umask for the test (restored after: pytest runs tests one at a time)."""
    before = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(before)


@pytest.mark.sqlite_only
def test_everything_afterview_writes_on_its_own_is_private_whatever_the_umask(
    umask: int, data_dir: Path, cli: Cli, sample_json: Path, tmp_path: Path
) -> None:
    """Checked after each command, before the next one opens the database and tightens
    whatever the last one left loose."""

    def loose() -> dict[str, str]:
        found = modes_under(data_dir)
        private = {name: 0o700 if (data_dir / name).is_dir() else 0o600 for name in found}
        return {name: oct(bits) for name, bits in found.items() if bits != private[name]}

    assert not data_dir.exists()
    status, _out, err = cli("import", "json", str(sample_json))  # creates it, and a backup
    assert status == 0, err
    assert {"afterview.sqlite3", "backups", "config", "open.lock"} <= set(modes_under(data_dir))
    assert loose() == {}
    calendar = tmp_path / "calendar"
    calendar.mkdir()
    where = paths.resolve(data_dir)
    with open_store(where, clock=lambda: NOW) as store:
        store.settings.set_calendar_folder(calendar)  # writes the subscribed calendar file
        store.steps.done(store.steps.open()[0].id)
        store.backups.take()
        # While it is open: the WAL, its index and the running marker.
        assert {"afterview.sqlite3-wal", "afterview.sqlite3-shm"} <= set(modes_under(data_dir))
        assert len(list((data_dir / "running").iterdir())) == 1
        assert loose() == {}
    status, _out, err = cli("restore", "1")  # a pre-restore backup, the file written over
    assert status == 0, err
    assert loose() == {}
    assert sum(name.startswith("backups/") for name in modes_under(data_dir)) >= 3
    assert mode(calendar / "afterview.ics") == 0o600
    # The folder it was asked to keep the calendar file in is the user's, not touched.
    assert mode(calendar) == 0o777 & ~umask


@pytest.mark.sqlite_only
def test_a_new_database_is_private_while_it_is_open(umask: int, data_dir: Path) -> None:
    """Before any later open could tighten it: the file SQLite found already there, and the
    -wal and -shm it made beside it in that file's mode."""
    with open_database(paths.resolve(data_dir)) as db, db.write():
        found = modes_under(data_dir)
    assert {name: oct(bits) for name, bits in found.items() if "sqlite3" in name} == {
        "afterview.sqlite3": "0o600",
        "afterview.sqlite3-wal": "0o600",
        "afterview.sqlite3-shm": "0o600",
    }


def test_a_database_created_by_sqlite_itself_would_follow_the_umask(tmp_path: Path) -> None:
    """Why the database is created 0600 before SQLite opens it: SQLite on its own gives it
    (and its -wal, -shm) the umask's mode. If this ever changes, the rule can go."""
    before = os.umask(0o022)
    try:
        connection = sqlite3.connect(tmp_path / "plain.sqlite3")
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE t (x)")
        found = {p.name: mode(p) for p in tmp_path.iterdir()}
        connection.close()
    finally:
        os.umask(before)
    assert found == {
        "plain.sqlite3": 0o644,
        "plain.sqlite3-wal": 0o644,
        "plain.sqlite3-shm": 0o644,
    }


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_what_the_user_exports_follows_their_umask(
    mask: int, expected: int, cli: Cli, sample_json: Path, tmp_path: Path
) -> None:
    assert cli("import", "json", str(sample_json))[0] == 0
    before = os.umask(mask)
    try:
        for kind in ("json", "csv", "ics", "vcf"):
            target = tmp_path / f"mine.{kind}"
            status, _out, err = cli("export", kind, str(target))
            assert status == 0, err
            assert mode(target) == expected, kind
    finally:
        os.umask(before)


def test_the_log_stays_private_across_rotations(umask: int, tmp_path: Path) -> None:
    handler = PrivateLogFile(tmp_path / "tray.log", maxBytes=200, backupCount=2, delay=True)
    logger = logging.getLogger("afterview.test.rotation")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        for n in range(40):
            logger.warning("line %d of a log that rotates twice over", n)
    finally:
        logger.removeHandler(handler)
        handler.close()
    found = {p.name: mode(p) for p in tmp_path.iterdir()}
    assert found == {"tray.log": 0o600, "tray.log.1": 0o600, "tray.log.2": 0o600}


@pytest.mark.sqlite_only
def test_a_damaged_database_moved_aside_stays_private(data_dir: Path) -> None:
    where = paths.resolve(data_dir)
    open_database(where).close()
    database = where.database
    with database.open("r+b") as handle:  # a header that is not SQLite's
        handle.write(b"this is not a database file at all")
    database.chmod(0o644)  # as an older version left it
    with pytest.raises(DamagedDatabaseError) as raised:
        open_database(where)
    moved = raised.value.moved_to
    assert moved is not None and moved.parent == data_dir / "damaged"
    assert mode(moved) == 0o600
    assert mode(moved.parent) == 0o700


def test_the_window_state_file_is_private(umask: int, data_dir: Path) -> None:
    from afterview.ui.main_window import window_settings

    where = paths.resolve(data_dir).ensure()
    settings = window_settings(where)
    settings.setValue("window/page", 2)
    settings.sync()
    assert mode(data_dir / "config" / "window.ini") == 0o600
    assert "page=2" in (data_dir / "config" / "window.ini").read_text(encoding="utf-8")


@pytest.mark.parametrize("system", ["linux", "darwin"])
def test_the_login_entry_is_private_in_a_folder_left_as_it_was(
    umask: int, system: str, data_dir: Path, tmp_path: Path
) -> None:
    """The entry names the data directory; its folder belongs to the desktop, not to us."""
    from afterview.tray import autostart

    env = {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    shared = tmp_path / "config" / "autostart"
    shared.mkdir(parents=True)
    shared.chmod(0o755)
    entry = autostart.enable(paths.resolve(data_dir), system=system, env=env)
    assert mode(entry) == 0o600
    assert str(data_dir) in entry.read_text(encoding="utf-8")
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]  # no temporary left
    if system == "linux":
        assert mode(shared) == 0o755


LOOSE = {
    ".": 0o755,
    "config": 0o755,
    "backups": 0o755,
    "logs": 0o775,
    "damaged": 0o755,
    "running": 0o777,
    "afterview.sqlite3": 0o644,
    "afterview.sqlite3-wal": 0o644,
    "afterview.sqlite3-shm": 0o664,
    "config/window.ini": 0o644,
    "backups/afterview-20261101T000000Z-manual.sqlite3": 0o644,
    "logs/tray.log": 0o644,
    "logs/tray.log.1": 0o604,
    "damaged/afterview-20261001T000000000000Z.sqlite3": 0o640,
}


def _loose_tree(data_dir: Path) -> None:
    """A data directory as an older Afterview left it under umask 022 (and a group-writable
    umask here and there), with the -wal and -shm a process left when it died."""
    where = paths.resolve(data_dir)
    open_database(where).close()
    for name in ("logs", "damaged"):
        (data_dir / name).mkdir()
    shutil.copyfile(where.database, data_dir / "damaged/afterview-20261001T000000000000Z.sqlite3")
    shutil.copyfile(where.database, data_dir / "backups/afterview-20261101T000000Z-manual.sqlite3")
    for name in ("config/window.ini", "logs/tray.log", "logs/tray.log.1"):
        (data_dir / name).write_text("[x]\n", encoding="utf-8")
    for name in ("afterview.sqlite3-wal", "afterview.sqlite3-shm"):
        (data_dir / name).touch()
    for name, bits in LOOSE.items():
        (data_dir / name).chmod(bits)


@pytest.mark.sqlite_only
def test_looser_files_are_tightened_at_open_with_a_line_each(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _loose_tree(data_dir)
    assert {name: modes_under(data_dir)[name] for name in LOOSE} == LOOSE
    with caplog.at_level(logging.INFO, logger="afterview"):
        database = open_database(paths.resolve(data_dir))
    # While it is open: closing the last connection checkpoints and removes the -wal.
    found = modes_under(data_dir)
    database.close()
    assert {name: oct(found[name]) for name in LOOSE} == {
        name: oct(0o700 if (data_dir / name).is_dir() else 0o600) for name in LOOSE
    }
    lines = [r.getMessage() for r in caplog.records if r.name == "afterview.private_files"]
    told = sorted(line.split()[1] for line in lines)
    assert told == sorted(str(data_dir / name).removesuffix("/.") for name in LOOSE)
    line = next(x for x in lines if x.split()[1] == str(data_dir / "config" / "window.ini"))
    assert line == (
        f"made {data_dir}/config/window.ini private: other users could reach it "
        "(it was 0644, it is now 0600)"
    )
    assert all(r.levelno == logging.WARNING for r in caplog.records if r.name.endswith("files"))
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="afterview"):
        open_database(paths.resolve(data_dir)).close()
    assert [r for r in caplog.records if r.name == "afterview.private_files"] == []


def test_the_cli_says_what_it_made_private(data_dir: Path, cli: Cli, sample_json: Path) -> None:
    """In its own process: pytest's log capture would take the line from stderr."""
    assert cli("import", "json", str(sample_json))[0] == 0
    data_dir.chmod(0o755)

    def steps() -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "afterview", "--data-dir", str(data_dir), "steps"]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    first = steps()
    assert first.returncode == 0, first.stderr
    assert first.stderr == (
        f"made {data_dir} private: other users could reach it (it was 0755, it is now 0700)\n"
    )
    assert steps().stderr == ""


# --- another user, for real ---------------------------------------------------------------

#: setpriv execs the program itself, not a shell: the venv's interpreter lives under /root
#: (pyenv), which only root may enter, and the exec is checked while setpriv is still root.
AS_NOBODY = SETPRIV
#: The command line with a umask of the test's choosing (the shell cannot set it: see above).
UNDER_UMASK = (
    "import os, sys; os.umask(int(sys.argv[1], 8)); from afterview.cli import main; "
    "sys.exit(main(sys.argv[2:]))"
)


def afterview_as_nobody(umask: int, *args: str) -> subprocess.CompletedProcess[str]:
    command = [*AS_NOBODY, sys.executable, "-c", UNDER_UMASK, f"{umask:03o}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd="/")


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder every user can reach (pytest's own tmp_path is private to its user, which
    would make "nobody cannot read it" true of anything)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="afterview-shared-", dir="/tmp"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_another_user_can_read_nothing_of_it(shared_tmp: Path, sample_json: Path) -> None:
    """Runs Afterview as user "nobody" under umask 000 (the loosest a user can have), then
    tries, as the root running the tests pretends not to be, what another local user
    would: list the folders and read the files. Needs root to switch users."""
    if os.geteuid() != 0:
        pytest.fail("this test switches users with setpriv, which needs root (as CI runs)")
    assert shutil.which("setpriv"), "setpriv (util-linux) is missing"
    data = shared_tmp / "nobody-data"
    exported = shared_tmp / "export.csv"
    shutil.copyfile(sample_json, shared_tmp / "sample.json")
    (shared_tmp / "sample.json").chmod(0o644)
    for args in (
        ("import", "json", str(shared_tmp / "sample.json")),
        ("steps", "--json"),
        ("export", "csv", str(exported)),
    ):
        done = afterview_as_nobody(0o000, "--data-dir", str(data), *args)
        assert done.returncode == 0, done.stderr
    assert data.stat().st_uid == NOBODY
    written = modes_under(data)
    assert written["."] == 0o700 and written["afterview.sqlite3"] == 0o600
    assert any(name.startswith("backups/") for name in written)
    assert all(stat.S_IMODE(bits) & 0o077 == 0 for bits in written.values()), written
    # The export followed nobody's umask 000: anyone may read what the user saved.
    assert mode(exported) == 0o666
    assert "Acme" in exported.read_text(encoding="utf-8")  # the sample's company

    # Another user (uid 65533, not the owner "nobody") tries.
    other = ["setpriv", "--reuid=65533", "--regid=65533", "--clear-groups"]

    def attempt(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*other, *command], capture_output=True, text=True, timeout=60)

    assert attempt("cat", str(exported)).returncode == 0  # the check can see a readable file
    listing = attempt("ls", str(data))
    assert listing.returncode != 0 and "Permission denied" in listing.stderr
    for name in ("afterview.sqlite3", "backups"):
        tried = attempt("cat", str(data / name))
        assert tried.returncode != 0 and "Permission denied" in tried.stderr
