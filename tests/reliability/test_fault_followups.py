"""A write that committed, then could not be backed up: success, with a warning in words
(issue 13 §2, §3). The disk is really nearly full: a small tmpfs in a mount namespace."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
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


def test_a_letter_pdf_on_a_full_disk_is_refused_and_an_older_one_kept(tmp_path: Path) -> None:
    """QPdfWriter says nothing when the disk fills: a cut-off PDF used to replace a good
    one, with exit 0. The tester found it on an 8 KB tmpfs."""
    need("unshare", package="util-linux")
    data = tmp_path / "data"
    _afterview(data, "import", "json", str(SAMPLE))
    good = tmp_path / "good.pdf"
    letter = ["letter", "--interview", "acme-1", "--person", "Laura Chen"]
    letter += ["--template", "thank_you_email"]
    _afterview(data, *letter, "--pdf", str(good))
    mount, out = tmp_path / "mnt", tmp_path / "out"
    mount.mkdir()
    out.mkdir()
    command = [*faults.AFTERVIEW, "--data-dir", str(data), *letter, "--pdf", f"{mount}/l.pdf"]
    script = (
        "set -e\n"
        f"mount -t tmpfs -o size=64k tmpfs {mount}\n"
        f"cp {good} {mount}/l.pdf\n"
        f"dd if=/dev/zero of={mount}/fill bs=4k >/dev/null 2>&1 || true\n"
        "set +e\n"
        f"QT_QPA_PLATFORM=offscreen {faults.script_run(command, out)}"
        f"cp {mount}/l.pdf {out}/after.pdf\n"
    )
    faults.run_script(script, _env())
    ran = faults.collect(out)
    assert ran.returncode == 2, ran.stderr
    assert f"afterview: Cannot save the PDF {mount}/l.pdf: the disk is full." in ran.stderr
    assert "The file was not changed." in ran.stderr
    assert (out / "after.pdf").read_bytes() == good.read_bytes()


def test_an_export_to_standard_output_on_a_full_disk_fails(tmp_path: Path) -> None:
    """`afterview export json - > file` on a full disk used to exit 0 with half a file:
    Python's buffered stdout dropped the error of the write that filled the disk."""
    need("unshare", package="util-linux")
    data = tmp_path / "data"
    _afterview(data, "import", "json", str(SAMPLE))
    mount, out = tmp_path / "mnt", tmp_path / "out"
    mount.mkdir()
    out.mkdir()
    command = [*faults.AFTERVIEW, "--data-dir", str(data), "export", "json", "-"]
    quoted = " ".join(f"'{part}'" for part in command)
    script = (
        f"mount -t tmpfs -o size=8k tmpfs {mount}\n"
        f"{quoted} >{mount}/export.json 2>{out}/stderr; echo $? >{out}/rc\n"
        f"echo >{out}/stdout\n"
    )
    faults.run_script(script, _env())
    ran = faults.collect(out)
    assert ran.returncode == 2, ran.stderr
    assert ran.stderr == (
        "afterview: Cannot write standard output: the disk is full. "
        "What was written there is incomplete.\n"
    )


def test_an_export_to_a_device_writes_to_it_and_never_replaces_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _afterview(data, "import", "json", str(SAMPLE))
    done = subprocess.run(
        [*faults.AFTERVIEW, "--data-dir", str(data), "export", "json", "/dev/full"],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode), "the device was replaced by a file"
    assert done.returncode == 2
    assert done.stderr == (
        "afterview: Cannot write /dev/full: the disk is full. Nothing was written there.\n"
    )


def test_a_shared_sticky_folder_is_not_locked_down(tmp_path: Path) -> None:
    """`--data-dir` on a folder shared on purpose (1777, like /tmp) must not take it from
    the other users: the tester saw 1777 become 1700."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    _afterview(shared, "import", "json", str(SAMPLE))
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / "afterview.sqlite3").stat().st_mode) == 0o600


def test_a_subfolder_that_belongs_to_another_user_is_refused() -> None:
    """As an unprivileged user whose data folder's `backups` is a link to someone else's
    open folder: the backup is refused in words, and nothing lands in their folder."""
    need("setpriv", package="util-linux")
    with faults.shared_directory() as place:
        data = place / "data"
        _afterview(data, "import", "json", str(SAMPLE))
        theirs = place / "theirs"
        theirs.mkdir()
        theirs.chmod(0o777)  # root's, and open to all
        shutil.rmtree(data / "backups")
        (data / "backups").symlink_to(theirs)
        ran = faults.as_nobody(data, ["backup"], _env())
        assert ran.returncode == 2, ran.stderr
        assert ran.stderr.startswith("afterview: No backup was taken: ")
        assert "files that belong to another user" in ran.stderr
        assert list(theirs.iterdir()) == []
