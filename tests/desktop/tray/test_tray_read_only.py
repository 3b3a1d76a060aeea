"""The tray on a data folder it cannot write (issue 13 §2): a real read-only bind mount in a
mount namespace of the tray's own (its log folder mounted writable over it, so the test can
follow the tray), a private D-Bus session with the recording notification server, Xvfb.

It keeps reminding from what it can read, each due step once, and tells the user once that
saving fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from afterview import paths
from afterview.store.database import open_database
from afterview.store.models import StepRow
from afterview.store.notices import forget_notices
from tests.desktop.conftest import wait_until
from tests.desktop.tray.conftest import (
    NotificationServer,
    TrayProcess,
    quiet_db,
    scheduler_ran_again,
)
from tests.needs import need
from tests.reliability.fault_injection import namespace

ROOT = Path(__file__).resolve().parents[3]

pytestmark = [pytest.mark.desktop, pytest.mark.slow]


def _overdue(data_dir: Path, count: int) -> list[int]:
    past = datetime.now(UTC) - timedelta(hours=3)
    with open_database(paths.resolve(data_dir)) as db, db.write() as session:
        rows = session.query(StepRow).filter(StepRow.status == "pending").limit(count).all()
        for row in rows:
            row.status, row.snoozed_until, row.notified_at = "snoozed", past, None
        forget_notices(session, [row.id for row in rows])  # as a snooze does
        return [row.id for row in rows]


def _notified(data_dir: Path) -> int:
    with open_database(paths.resolve(data_dir)) as db, db.read() as session:
        return session.query(StepRow).filter(StepRow.notified_at.is_(None)).count()


def test_on_a_read_only_folder_the_tray_reminds_once_and_says_it_cannot_save(
    tmp_path: Path,
    xvfb: str,
    sample_json: Path,
    notification_server: NotificationServer,
) -> None:
    need("unshare", package="util-linux")
    data_dir = tmp_path / "data"
    quiet_db(data_dir, sample_json)
    _overdue(data_dir, 2)
    unannounced = _notified(data_dir)
    (data_dir / "logs").mkdir(exist_ok=True)
    mount = tmp_path / "ro"
    mount.mkdir()
    script = (
        "set -e\n"
        f"mount --bind {data_dir} {mount}\n"
        f"mount -o remount,bind,ro {mount}\n"
        f"mount --bind {data_dir}/logs {mount}/logs\n"
        f'exec "{sys.executable}" -m afterview tray\n'
    )
    env = {
        **os.environ,
        "DISPLAY": xvfb,
        "QT_QPA_PLATFORM": "xcb",
        "AFTERVIEW_DATA_DIR": str(mount),
        "PYTHONPATH": str(ROOT / "src"),
        "DBUS_SESSION_BUS_ADDRESS": notification_server.address,
    }
    process = subprocess.Popen(
        [*namespace(), "bash", "-c", script],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    tray = TrayProcess(data_dir, process, env)
    try:
        tray.wait_running()

        def summaries() -> list[str]:
            return [call["summary"] for call in notification_server.calls()]

        wait_until(lambda: len(summaries()) >= 2, timeout=60, what="two notifications")
        scheduler_ran_again(tray)
        scheduler_ran_again(tray)
        assert sorted(summaries()) == ["2 follow-ups overdue", "Afterview cannot save now"]
        (told,) = [c for c in notification_server.calls() if c["summary"].startswith("Afterview")]
        assert "folder or file is read-only" in told["body"], told
        assert "cannot save: its folder or file is read-only" in tray.log
        assert process.poll() is None, tray.stop()
    finally:
        output = tray.stop()
    assert "Traceback" not in output, output
    assert _notified(data_dir) == unannounced  # nothing could be written, nothing was
