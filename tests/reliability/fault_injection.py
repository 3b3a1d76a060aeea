"""Faults a desktop meets, made for real around one ``afterview`` command (issue 13):

- a full disk: a small tmpfs, mounted in a mount namespace of the command's own
  (``unshare -m``; ``unshare -rm`` when not root) and filled with ``dd``;
- a read-only data directory: a read-only bind mount in such a namespace;
- a read-only database file: mode 0444 in a directory the command may write, the command
  run as an unprivileged user (``setpriv``; root ignores file modes, and CI runs as root);
- I/O errors: libfiu's ``fiu-run`` failing ``pread`` or ``pwrite`` (only SQLite uses them;
  Python's imports use ``read``) with ``EIO``;
- a lock held for as long as the command runs: another process in ``BEGIN IMMEDIATE`` with
  a write, and the command's busy timeout shortened to one second.

Each fault is lifted before the data is read back, so a test can compare the data with
what it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

NOBODY = 65534
SETPRIV = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
#: Run the command like this (env added by the caller).
AFTERVIEW = [sys.executable, "-m", "afterview"]


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def namespace() -> list[str]:
    """A private mount namespace: as root ``unshare -m``, else with a user namespace."""
    return ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-rm"]


def script_run(argv: list[str], out: Path) -> str:
    quoted = " ".join(_quote(part) for part in argv)
    return f"{quoted} >{out}/stdout 2>{out}/stderr; echo $? >{out}/rc\n"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def collect(out: Path) -> Ran:
    return Ran(
        int((out / "rc").read_text()),
        (out / "stdout").read_text(),
        (out / "stderr").read_text(),
    )


def on_full_disk(
    data: Path, args: list[str], env: dict[str, str], work: Path, leave_free: int = 0
) -> Ran:
    """``afterview ARGS`` with ``data`` copied onto a full tmpfs (but ``leave_free`` bytes);
    afterwards the disk is freed and the data directory copied back over ``data`` (so the
    caller reads it as it was left)."""
    mount, out = work / "mnt", work / "out"
    mount.mkdir()
    out.mkdir()
    inside = mount / "data"
    command = [*AFTERVIEW, *_with_data_dir(args, inside)]
    script = (
        "set -e\n"
        f"mount -t tmpfs -o size=8m,mode=0755 tmpfs {mount}\n"
        f"cp -a {data} {inside}\n"
        f"dd if=/dev/zero of={mount}/fill bs=4k >/dev/null 2>&1 || true\n"
        f"truncate -s -{leave_free} {mount}/fill\n"
        "set +e\n" + script_run(command, out) + f"rm -f {mount}/fill\n"
        f"rm -rf {data} && cp -a {inside} {data}\n"
    )
    run_script(script, env)
    return collect(out)


def on_read_only_mount(data: Path, args: list[str], env: dict[str, str], work: Path) -> Ran:
    """``afterview ARGS`` with the data directory seen through a read-only bind mount."""
    mount, out = work / "ro", work / "out"
    mount.mkdir()
    out.mkdir()
    command = [*AFTERVIEW, *_with_data_dir(args, mount)]
    script = (
        "set -e\n"
        f"mount --bind {data} {mount}\n"
        f"mount -o remount,bind,ro {mount}\n"
        "set +e\n" + script_run(command, out)
    )
    run_script(script, env)
    return collect(out)


def run_script(script: str, env: dict[str, str]) -> None:
    done = subprocess.run(
        [*namespace(), "bash", "-c", script], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr


@contextlib.contextmanager
def shared_directory() -> Iterator[Path]:
    """A directory an unprivileged user can reach (pytest's own is 0700, root's)."""
    path = Path(tempfile.mkdtemp(prefix="afterview-fault-", dir="/tmp"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def with_read_only_file(data: Path, args: list[str], env: dict[str, str]) -> Ran:
    """``afterview ARGS`` as an unprivileged user who owns ``data`` but whose database file
    is read-only (0400), as a backup copied off a read-only medium is; ``data`` must be
    in a :func:`shared_directory`."""
    database = data / "afterview.sqlite3"
    database.chmod(0o400)
    try:
        return as_nobody(data, args, env)
    finally:
        database.chmod(0o600)


def as_nobody(data: Path, args: list[str], env: dict[str, str]) -> Ran:
    """``afterview ARGS`` as an unprivileged user who owns ``data`` (in a
    :func:`shared_directory`)."""
    for path in [data, *data.rglob("*")]:
        os.chown(path, NOBODY, NOBODY, follow_symlinks=False)
    done = subprocess.run(
        [*SETPRIV, *AFTERVIEW, *_with_data_dir(args, data)],
        env={**env, "HOME": str(data)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def with_io_errors(data: Path, args: list[str], env: dict[str, str], call: str) -> Ran:
    """``afterview ARGS`` with every ``call`` ("pread" or "pwrite") failing with EIO."""
    done = subprocess.run(
        [
            "fiu-run",
            "-x",
            "-f",
            "",
            "-c",
            f"enable name=posix/io/rw/{call},failinfo=5",
            *AFTERVIEW,
            *_with_data_dir(args, data),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


LOCKER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE meta SET value = value WHERE name = 'database_id'")
print("locked", flush=True)
sys.stdin.read()  # until the test closes it
connection.execute("ROLLBACK")
"""


def while_locked(data: Path, args: list[str], env: dict[str, str]) -> Ran:
    """``afterview ARGS`` while another process holds the write lock (and does not let go),
    with the busy timeout shortened to one second."""
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(data / "afterview.sqlite3")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert locker.stdout is not None
        assert locker.stdout.readline() == "locked\n"
        done = subprocess.run(
            [*AFTERVIEW, *_with_data_dir(args, data)],
            env={**env, "AFTERVIEW_BUSY_TIMEOUT_S": "1"},
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        assert locker.stdin is not None
        locker.stdin.close()
        locker.wait(timeout=60)
    return Ran(done.returncode, done.stdout, done.stderr)


def _with_data_dir(args: list[str], data: Path) -> list[str]:
    return ["--data-dir", str(data), *args]
