"""Every operation under every fault either completes or leaves the data as it was, and says
which, in words, with exit status 2 and no traceback (issue 13 §1, §2). The test ids are the
table: ``test_fault_matrix[full-disk-write]``.

The faults are real (see fault_injection.py); what each should do is written here by hand,
from the issue: reads work on a full disk and in a read-only folder; a write, an import, a
restore and a migration are refused, naming the fault; a backup can be taken while another
process holds the lock, or of a read-only file the user can read; nothing is ever moved
aside as damaged, and no partial file is left behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.needs import need
from tests.reliability import fault_injection as faults

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "sample.json"
OTHER_JSON = ROOT / "tests" / "data" / "field" / "17-followup-on-holiday-weekend.json"
VCARD = ROOT / "tests" / "data" / "vcf" / "apple_ios_3.0.vcf"
OLD_RELEASE = ROOT / "tests" / "data" / "releases" / "0.2.0.sqlite3"

OK = "ok"
FULL = r"disk is full|free on the disk"
READ_ONLY = r"read-only"
IO = r"I/O error"
LOCKED = r"locked"

OPERATIONS = (
    "read",
    "write",
    "snooze",
    "import-json",
    "import-vcf",
    "backup",
    "restore",
    "migrate",
)

#: What each operation does under each fault: OK, or refused naming the fault.
EXPECTED: dict[str, dict[str, str]] = {
    "full-disk": {"read": OK} | {op: FULL for op in OPERATIONS[1:]},
    "read-only-folder": {"read": OK} | {op: READ_ONLY for op in OPERATIONS[1:]},
    # The user can read the file, so a backup of it is taken (into their own folder).
    "read-only-file": {"read": OK, "backup": OK}
    | {op: READ_ONLY for op in OPERATIONS[1:] if op != "backup"},
    "read-errors": {op: IO for op in OPERATIONS},
    "write-errors": {"read": OK} | {op: IO for op in OPERATIONS[1:]},
    # Readers never wait for a writer (WAL), and a backup only reads.
    "locked": {"read": OK, "backup": OK} | {op: LOCKED for op in OPERATIONS[1:] if op != "backup"},
}

CASES = [(fault, op) for fault in EXPECTED for op in OPERATIONS]


def _env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("AFTERVIEW_")}
    env["AFTERVIEW_NO_AUTOSTART"] = "1"
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + str(ROOT)
    env.pop("XDG_RUNTIME_DIR", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _afterview(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*faults.AFTERVIEW, "--data-dir", str(data), *args],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


@pytest.fixture
def shared() -> Iterator[Path]:
    with faults.shared_directory() as path:
        yield path


def _prepare(data: Path, op: str) -> None:
    if op == "migrate":
        data.mkdir(mode=0o700)  # as Afterview makes it: a looser one is tightened, with a line
        shutil.copyfile(OLD_RELEASE, data / "afterview.sqlite3")
        (data / "afterview.sqlite3").chmod(0o600)
        return
    _afterview(data, "import", "json", str(SAMPLE))
    _afterview(data, "backup")


def _args(op: str, step_id: int) -> list[str]:
    return {
        "read": ["steps", "--json"],
        "write": ["step", "done", str(step_id)],
        "snooze": ["step", "snooze", str(step_id), "--until", "2031-01-06T10:00"],
        "import-json": ["import", "json", str(OTHER_JSON)],
        "import-vcf": ["import", "vcf", str(VCARD)],
        "backup": ["backup"],
        "restore": ["restore", "1"],
        "migrate": ["steps", "--json"],
    }[op]


def _run(fault: str, data: Path, args: list[str], work: Path) -> faults.Ran:
    env = _env()
    if fault == "full-disk":
        return faults.on_full_disk(data, args, env, work)
    if fault == "read-only-folder":
        return faults.on_read_only_mount(data, args, env, work)
    if fault == "read-only-file":
        return faults.with_read_only_file(data, args, env)
    if fault in ("read-errors", "write-errors"):
        need("fiu-run", package="fiu-utils")
        return faults.with_io_errors(
            data, args, env, "pread" if fault == "read-errors" else "pwrite"
        )
    return faults.while_locked(data, args, env)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("fault", "op"), CASES, ids=[f"{f}-{o}" for f, o in CASES])
def test_fault_matrix(fault: str, op: str, shared: Path) -> None:
    need("unshare", package="util-linux")
    data = shared / "data"
    _prepare(data, op)
    database = data / "afterview.sqlite3"
    if op == "migrate":
        before = _digest(database)
        step_ids: list[int] = []
    else:
        before = _afterview(data, "export", "json", "-").stdout
        step_ids = [step["id"] for step in json.loads(_afterview(data, "steps", "--json").stdout)]
    backups_before = sorted(p.name for p in (data / "backups").glob("*.sqlite3"))

    ran = _run(fault, data, _args(op, step_ids[0] if step_ids else 0), shared)

    expected = EXPECTED[fault][op]
    assert "Traceback" not in ran.stderr, ran.stderr
    assert not (data / "damaged").exists(), "a sound database was moved aside as damaged"
    assert not [p for p in data.rglob("*") if p.name.endswith((".partial", ".partial-journal"))]
    if expected == OK:
        assert ran.returncode == 0, ran.stderr
        if op == "read":
            assert [step["id"] for step in json.loads(ran.stdout)] == step_ids
        if op == "backup":
            backups_after = sorted(p.name for p in (data / "backups").glob("*.sqlite3"))
            assert len(backups_after) == len(backups_before) + 1
        return
    assert ran.returncode == 2, (ran.returncode, ran.stdout, ran.stderr)
    assert re.search(expected, ran.stderr), ran.stderr
    assert ran.stderr.startswith("afterview: ") and ran.stderr.count("\n") == 1, ran.stderr
    if op == "migrate":
        assert _digest(database) == before
        wal = data / "afterview.sqlite3-wal"
        assert not wal.exists() or wal.stat().st_size == 0
    else:
        assert _afterview(data, "export", "json", "-").stdout == before
