"""Re-planning in the real store keeps what the user did to a step: the snooze and its time,
the edited due time, done and skipped. The expected values are the ones the test itself
handed to the store, never read back from the code that re-plans."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview import paths
from afterview.store import interchange, interviews, steps
from afterview.store.backup import copy_database
from afterview.store.database import open_database
from afterview.store.models import InterviewRow, StepRow
from tests.hypothesis_settings import NO_EXPLAIN, examples

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
#: The sample's Acme interview, as its file gives it: 14:00 New York time.
ACME_WALL = datetime(2026, 11, 20, 14, 0)
OPEN = ("pending", "snoozed")

#: (which open step, what the user does, minutes after NOW for a snooze or an edited time)
ACTIONS = st.lists(
    st.tuples(
        st.integers(0, 40),
        st.sampled_from(["snooze", "edit", "done", "skip"]),
        st.integers(1, 60 * 24 * 60),
    ),
    min_size=1,
    max_size=5,
)


@pytest.fixture
def imported(tmp_path_factory: pytest.TempPathFactory, sample_document: dict[str, Any]) -> Path:
    """A database file holding the sample, made once; each example works on a copy."""
    where = paths.resolve(tmp_path_factory.mktemp("imported"))
    with open_database(where) as db, db.write() as session:
        interchange.import_document(session, interchange.parse_document(sample_document), NOW)
    return where.database


def _acme_steps(session: Session) -> list[StepRow]:
    query = (
        select(StepRow)
        .join(InterviewRow, InterviewRow.id == StepRow.interview_id)
        .where(InterviewRow.key == "acme-1")
        .order_by(StepRow.key)
    )
    return list(session.scalars(query))


@settings(
    max_examples=examples(25),
    deadline=None,
    phases=NO_EXPLAIN,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    actions=ACTIONS,
    shift=st.integers(-3 * 24 * 60, 3 * 24 * 60),
    status=st.sampled_from([None, "next_round", "rejected", "offer", "withdrawn"]),
)
def test_a_change_to_the_interview_keeps_snoozes_edited_times_done_and_skipped(
    tmp_path_factory: pytest.TempPathFactory,
    imported: Path,
    actions: list[tuple[int, str, int]],
    shift: int,
    status: str | None,
) -> None:
    where = paths.resolve(tmp_path_factory.mktemp("replan"))
    copy_database(imported, where.database)
    with open_database(where) as db:
        # key -> (status, snoozed_until, due_override) as the user left them
        wanted: dict[str, tuple[str, datetime | None, datetime | None]] = {}
        for index, action, minutes in actions:
            when = NOW + timedelta(minutes=minutes)
            with db.write() as session:
                candidates = [row for row in _acme_steps(session) if row.status in OPEN]
                if not candidates:
                    break
                row = candidates[index % len(candidates)]
                key, step_id = row.key, row.id
                state, snoozed, edited = wanted.get(
                    key, (row.status, row.snoozed_until, row.due_override)
                )
                if action == "snooze":
                    # A snooze moves a step later than both now and its due.
                    when = max(row.due, NOW) + timedelta(minutes=minutes)
                    steps.snooze(session, [step_id], when, NOW)
                    wanted[key] = ("snoozed", when, edited)
                elif action == "edit":
                    steps.set_due(session, step_id, when, NOW)
                    # Editing the due time ends a snooze: the edited time is the due.
                    if state == "snoozed":
                        state, snoozed = "pending", None
                    wanted[key] = (state, snoozed, when)
                elif action == "done":
                    steps.mark_done(session, step_id, NOW)
                    wanted[key] = ("done", snoozed, edited)
                else:
                    steps.skip(session, step_id, NOW)
                    wanted[key] = ("skipped", snoozed, edited)

        changes: dict[str, Any] = {"start": ACME_WALL + timedelta(minutes=shift)}
        if status is not None:
            changes["status"] = status
        with db.write() as session:
            acme = session.scalars(select(InterviewRow).where(InterviewRow.key == "acme-1")).one()
            interviews.update_interview(session, acme.id, changes, NOW)

        with db.read() as session:
            after = {row.key: row for row in _acme_steps(session)}
            for key, (state, snoozed, edited) in wanted.items():
                if status is None or state in ("done", "skipped"):
                    # The same rules still apply (only the time moved), and history stays.
                    assert key in after, key
                if key in after:
                    row = after[key]
                    assert (row.status, row.snoozed_until, row.due_override) == (
                        state,
                        snoozed,
                        edited,
                    ), key
