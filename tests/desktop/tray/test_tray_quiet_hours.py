"""Finding 13 of issue 14, as the user gets it: ``afterview tray`` started inside the quiet
hours with overdue steps sends nothing to the (recording) notification server until the quiet
hours end, then one summary. The real process keeps the real clock, so the quiet hours are
set to end at the next minute's start (HH:MM is their resolution): a wait of up to about a
minute, on a condition, never a fixed sleep."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from afterview import paths
from afterview.store.database import open_database
from afterview.store.models import StepRow
from afterview.store.notices import forget_notices
from afterview.store.settings import save_settings
from tests.desktop.conftest import wait_until
from tests.desktop.tray.conftest import (
    NotificationServer,
    TrayProcess,
    quiet_db,
    scheduler_ran_again,
)

pytestmark = [pytest.mark.desktop, pytest.mark.slow]


def _quiet_until_next_minute(data_dir: Path) -> tuple[datetime, list[int]]:
    """Quiet hours (in UTC) from an hour ago to the next whole minute at least 20 s away, and
    three pending steps overdue since yesterday, not yet announced."""
    now = datetime.now(UTC)
    end = (now + timedelta(seconds=20)).replace(second=0, microsecond=0) + timedelta(minutes=1)
    start = now - timedelta(hours=1)
    with open_database(paths.resolve(data_dir)) as db, db.write() as session:
        save_settings(session, {"quiet_hours": [f"{start:%H:%M}", f"{end:%H:%M}"]})
        rows = session.query(StepRow).filter(StepRow.status == "pending").order_by(StepRow.id)
        chosen = list(rows)[:3]
        for n, row in enumerate(chosen):
            row.planned_due = now - timedelta(days=1, hours=n)
            row.notified_at = None
        forget_notices(session, [row.id for row in chosen])  # as a move does
        return end, [row.id for row in chosen]


def test_a_tray_started_in_quiet_hours_waits_for_their_end_then_sends_one_summary(
    tmp_path: Path,
    sample_json: Path,
    notification_server: NotificationServer,
    start_tray: Callable[..., TrayProcess],
) -> None:
    data_dir = tmp_path / "data"
    quiet_db(data_dir, sample_json)
    end, ids = _quiet_until_next_minute(data_dir)
    assert len(ids) == 3, "the sample data has three pending steps"
    tray = start_tray(data_dir, notification_server.address, TZ="UTC")
    tray.wait_running()
    assert f"wake (start): next {end}" in tray.log
    # A "changed" message inside the quiet hours sends nothing either.
    scheduler_ran_again(tray)
    assert datetime.now(UTC) < end, "the machine was too slow to test inside the quiet hours"
    assert notification_server.calls() == []

    wait_until(
        lambda: len(notification_server.calls()) >= 1, timeout=120, what="the quiet hours to end"
    )
    (call,) = notification_server.calls()
    assert call["at"] >= end.timestamp(), "sent inside the quiet hours"
    assert call["summary"] == "3 follow-ups overdue"
    assert call["actions"] == ["default", "Open Afterview"]
    scheduler_ran_again(tray)
    assert len(notification_server.calls()) == 1
    assert "Traceback" not in tray.stop()
