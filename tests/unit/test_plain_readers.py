"""The plain-sqlite3 readers (Today, the tray) against the store, for any state of the steps.

Today and the tray read the stored effective due through SQL; the store computes it with the
domain's rule. Here the expected answer of every query they run is worked out from the
store's own list of steps (``store.steps.all()``), with the grouping and ordering restated as
PRODUCT.md and the README describe them, and compared, for generated states.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import paths
from afterview.store import interchange, reminders
from afterview.store.api import open_store
from afterview.store.operations import Store
from afterview.store.plain_database import PlainDatabase
from afterview.store.today import Group, TodaySource
from afterview.store.values import StepView

NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)
ZONE = ZoneInfo("America/New_York")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data once; each example works on a copy."""
    import json

    folder = tmp_path_factory.mktemp("base")
    sample = Path(__file__).parents[1] / "data" / "sample.json"
    with open_store(paths.resolve(folder), clock=lambda: NOW) as store:
        store.data.import_document(
            interchange.parse_document(json.loads(sample.read_text("utf-8")))
        )
    return folder


@pytest.fixture
def copy_of(base: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    import shutil

    def make() -> Path:
        target = tmp_path_factory.mktemp("copy")
        shutil.copyfile(base / "afterview.sqlite3", target / "afterview.sqlite3")
        return target

    return make


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["done", "skip", "snooze", "due", "reopen"]),
        st.integers(0, 40),
        st.integers(-300, 300),  # hours from NOW
    ),
    max_size=10,
)


def _act(store: Store, actions: list[tuple[str, int, int]]) -> None:
    for action, pick, hours in actions:
        steps = store.steps.all()
        step = steps[pick % len(steps)]
        when = NOW + timedelta(hours=hours)
        if action == "done":
            store.steps.done(step.id)
        elif action == "skip":
            store.steps.skip(step.id)
        elif action == "reopen":
            store.steps.reopen(step.id)
        elif action == "due":
            store.steps.set_due(step.id, when)
        elif step.status in ("pending", "snoozed"):
            # A snooze moves a step later than both now and its due.
            later = max(step.due, NOW) + timedelta(hours=abs(hours), minutes=1)
            store.steps.snooze([step.id], later)


def _open(steps: list[StepView]) -> list[StepView]:
    """Pending and snoozed, by due then id (the README: "a snooze wins over an edited time")."""
    return sorted((s for s in steps if s.status in ("pending", "snoozed")), key=_order)


def _order(step: StepView) -> tuple[datetime, int]:
    return (step.due, step.id)


def _week(day: date, first_weekday: int) -> int:
    """A number that grows by one on each ``first_weekday`` (ordinal 1, 1 Jan of year 1,
    is a Monday, ISO weekday 1)."""
    return (day.toordinal() - first_weekday) // 7


def _group(due: datetime, now: datetime, first_weekday: int) -> Group:
    """PRODUCT.md's Today with issue 14's calendar groups, in the user's zone: overdue, the
    rest of today, tomorrow, the rest of this week, next week, later."""
    if due <= now:
        return Group.OVERDUE
    day, today = due.astimezone(ZONE).date(), now.astimezone(ZONE).date()
    if day == today:
        return Group.TODAY
    if day == today + timedelta(days=1):
        return Group.TOMORROW
    weeks = _week(day, first_weekday) - _week(today, first_weekday)
    return {0: Group.THIS_WEEK, 1: Group.NEXT_WEEK}.get(weeks, Group.LATER)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    actions=ACTIONS,
    offset=st.integers(-200, 400),
    limit=st.integers(1, 6),
    first_weekday=st.sampled_from([1, 6, 7]),  # Monday, Saturday, Sunday: weeks locales use
)
def test_today_reads_what_the_store_holds(
    copy_of: Any, actions: list[tuple[str, int, int]], offset: int, limit: int, first_weekday: int
) -> None:
    folder = copy_of()
    with open_store(paths.resolve(folder), clock=lambda: NOW) as store:
        _act(store, actions)
        steps = store.steps.all()
    now = NOW + timedelta(hours=offset)
    expected: dict[Group, list[int]] = {group: [] for group in Group}
    for step in _open(steps):
        expected[_group(step.due, now, first_weekday)].append(step.id)
    today = TodaySource(folder / "afterview.sqlite3")
    groups = today.groups(now, ZONE, limit=limit, first_weekday=first_weekday)
    assert {g: [i.step_id for i in items] for g, items in groups.items.items()} == {
        g: ids[:limit] for g, ids in expected.items()
    }
    assert groups.totals == {g: len(ids) for g, ids in expected.items()}
    later = [s.due for s in _open(steps) if s.due > now]
    assert today.next_due_after(now) == (min(later) if later else None)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=ACTIONS, offset=st.integers(-200, 400), notified=st.integers(0, 5))
def test_the_tray_reads_what_the_store_holds(
    copy_of: Any, actions: list[tuple[str, int, int]], offset: int, notified: int
) -> None:
    folder = copy_of()
    where = paths.resolve(folder)
    with open_store(where, clock=lambda: NOW) as store:
        _act(store, actions)
    now = NOW + timedelta(hours=offset)
    with PlainDatabase(where) as plain:
        with plain.write() as connection:  # the tray announced some of them earlier
            connection.execute(
                "UPDATE steps SET notified_at = '2026-11-01 00:00:00.000000' "
                "WHERE id IN (SELECT id FROM steps ORDER BY id LIMIT ?)",
                (notified,),
            )
            connection.execute(  # ... on every computer (issue 16's notices)
                "INSERT INTO step_notices (step_id, computer, notified_at) "
                "SELECT id, '*', notified_at FROM steps WHERE notified_at IS NOT NULL"
            )
        with open_store(where) as store:
            steps = store.steps.all()
        with plain.read() as connection:
            due = _open([s for s in steps if s.due <= now])
            assert reminders.due_count(connection, now) == len(due)
            assert [r.id for r in reminders.due_reminders(connection, now)] == [s.id for s in due]
            assert [r.due for r in reminders.due_reminders(connection, now, limit=3)] == [
                s.due for s in due[:3]
            ]
            quiet = [s.due for s in _open(steps) if s.notified_at is None]
            assert reminders.next_due(connection) == (min(quiet) if quiet else None)
