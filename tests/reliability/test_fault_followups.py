"""A write that committed, then could not be backed up: success, with a warning in words
(issue 13 §2, §3). The disk is really nearly full: a small tmpfs in a mount namespace."""

from __future__ import annotations

import json
from pathlib import Path

from tests.needs import need
from tests.reliability import fault_injection as faults
from tests.reliability.test_fault_matrix import SAMPLE, _afterview, _env


def test_a_write_on_a_nearly_full_disk_is_saved_and_says_no_backup_was_taken(
    tmp_path: Path,
) -> None:
    need("unshare", package="util-linux")
    data = tmp_path / "data"
    _afterview(data, "import", "json", str(SAMPLE))
    for backup in (data / "backups").glob("*.sqlite3"):
        backup.unlink()  # so a backup is due after the next write
    step = json.loads(_afterview(data, "steps", "--json").stdout)[0]["id"]

    # 8 MiB, filled, then 600 KiB given back: room for the write, not for a backup that
    # would leave less than 10 % (800 KiB) of the disk free.
    ran = faults.on_full_disk(
        data, ["step", "done", str(step)], _env(), tmp_path, leave_free=600 * 1024
    )

    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == f"Step {step}: done.\n"
    assert ran.stderr.startswith("afterview: warning: No backup was taken: a backup of ")
    assert "would leave less than 0.8 MB free" in ran.stderr, ran.stderr
    assert not list((data / "backups").glob("*.sqlite3*"))
    steps = json.loads(_afterview(data, "steps", "--json").stdout)
    assert next(s for s in steps if s["id"] == step)["status"] == "done"
