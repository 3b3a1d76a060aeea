"""The tray when its bookkeeping cannot be saved (issue 13 §2): it goes on reminding from what
it can read, announces each step once, says so once, and marks them when saving works again.

The fault is set where the store records it (``PlainDatabase.read_only``); the real faults
(a read-only mount) are in tests/desktop/tray/test_tray_read_only.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from afterview.store.database import Database
from afterview.store.faults import Fault, UnavailableError
from afterview.store.plain_database import PlainDatabase
from afterview.store.reminder_store import ReminderStore
from tests.unit.test_reminders import NOW, ZONE, add, db, plain  # noqa: F401 (fixtures)

FULL = UnavailableError(Fault.FULL, "could not save", "database or disk is full")


@pytest.fixture
def store(plain: PlainDatabase) -> Iterator[ReminderStore]:  # noqa: F811
    reminders = ReminderStore(plain)
    yield reminders
    reminders.close()


def _notified(db: Database) -> list[object]:  # noqa: F811
    from sqlalchemy import select

    from afterview.store.models import StepRow

    with db.read() as session:  # the file or the server, as a fresh look
        return list(session.scalars(select(StepRow.notified_at).order_by(StepRow.id)))


def test_each_step_is_announced_once_while_nothing_can_be_saved_and_marked_after(
    db: Database,  # noqa: F811
    plain: PlainDatabase,  # noqa: F811
    store: ReminderStore,
) -> None:
    first = add(db, "first", NOW - timedelta(hours=1))
    second = add(db, "second", NOW + timedelta(hours=1))
    told: list[UnavailableError] = []
    store.on_saving_fails = told.append
    plain.read_only = FULL

    plan = store.plan(NOW, ZONE)
    assert [item.id for item in plan.claim.reminders] == [first]
    assert plan.saving_fails is FULL
    # The next one to wait for is the second: the first is not "due and unannounced" again.
    assert plan.upcoming == NOW + timedelta(hours=1)
    assert store.plan(NOW + timedelta(minutes=5), ZONE).claim.reminders == ()

    later = store.plan(NOW + timedelta(hours=2), ZONE)
    assert [item.id for item in later.claim.reminders] == [second]
    assert later.upcoming is None
    assert told == [FULL]  # once, however many plans
    assert _notified(db) == [None, None]

    # Saving works again: what was announced is marked, nothing is announced twice.
    plain.read_only = None
    again = store.plan(NOW + timedelta(hours=3), ZONE)
    assert again.claim.reminders == ()
    assert again.saving_fails is None
    assert _notified(db) == [None, None]  # nothing was due and unannounced: no write yet
    third = add(db, "third", NOW + timedelta(hours=3))
    marked = store.plan(NOW + timedelta(hours=4), ZONE)
    assert [item.id for item in marked.claim.reminders] == [third]
    assert all(value is not None for value in _notified(db))

    # A new failure is told again.
    plain.read_only = FULL
    add(db, "fourth", NOW + timedelta(hours=5))
    store.plan(NOW + timedelta(hours=6), ZONE)
    assert told == [FULL, FULL]
