"""Every reader of steps carries the rule id and parameters the playbook stored with them
(issue 14): Today's and the tray's plain-sqlite3 reads, and the store's step views, so the
window and the tray can word each step in the user's language."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from afterview import paths
from afterview.domain.records import Role
from afterview.store import interviews, reminders
from afterview.store.database import Database, open_database
from afterview.store.reminder_store import open_tray_database
from afterview.store.today import TodaySource

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.fixture
def db(data_dir: Path) -> Database:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        ann = interviews.create_contact(session, "Ann Lee")
        values = {
            "company": "Globex",
            "position": "SRE",
            "start": datetime(2026, 11, 20, 10),
            "time_zone": "UTC",
            "country": "JP",
        }
        interviews.create_interview(session, values, [(ann.id, Role.INTERVIEWER)], NOW)
    yield database  # type: ignore[misc]
    database.close()


def test_today_items_carry_their_rule(db: Database) -> None:
    groups = TodaySource(db.snapshots).groups(NOW + timedelta(days=1))
    items = {item.kind: item for group in groups.values() for item in group}
    # 000 §4: thank-you notes are not customary in Japan.
    assert items["thank_you"].rule == "thank_you.not_customary"
    assert json.loads(items["thank_you"].rule_params)["person"] == "Ann Lee"
    assert items["debrief"].rule == "debrief"


def test_the_trays_reminders_carry_their_rule(db: Database) -> None:
    with open_tray_database(db.paths) as plain, plain.read() as connection:
        found = {r.kind: r for r in reminders.due_reminders(connection, NOW + timedelta(days=3))}
    assert found["thank_you"].rule == "thank_you.not_customary"
    assert json.loads(found["thank_you"].rule_params)["country"] == "JP"
    assert found["debrief"].rule == "debrief"
