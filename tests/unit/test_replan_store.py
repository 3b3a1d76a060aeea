"""Re-planning in the store: a change to the records moves the plan, never what the user did."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from afterview import paths
from afterview.domain.records import StepStatus
from afterview.store import interchange, steps
from afterview.store.database import Database, open_database
from afterview.store.models import InterviewRow, StepRow

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


@pytest.fixture
def db(data_dir: Path, sample_document: dict[str, Any]) -> Database:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        interchange.import_document(session, interchange.parse_document(sample_document), NOW)
    yield database  # type: ignore[misc]
    database.close()


def _by_key(db: Database) -> dict[str, StepRow]:
    with db.read() as session:
        return {row.key: row for row in session.scalars(select(StepRow))}


def _acme(session: Any) -> InterviewRow:
    return session.scalars(select(InterviewRow).where(InterviewRow.key == "acme-1")).one()


def test_moving_the_interview_moves_the_plan_but_keeps_what_the_user_did(db: Database) -> None:
    before = _by_key(db)

    def key_of(kind: str, person: str | None) -> str:
        return next(
            k
            for k, r in before.items()
            if r.kind == kind and r.person == person and k.startswith("acme-1:")
        )

    laura, omar = key_of("thank_you", "Laura Chen"), key_of("thank_you", "Omar O'Hara")
    debrief = key_of("debrief", None)
    edited_due = datetime(2026, 11, 25, 15, tzinfo=UTC)
    snoozed_until = datetime(2026, 11, 23, 8, tzinfo=UTC)
    with db.write() as session:
        steps.mark_done(session, before[debrief].id, NOW)
        steps.snooze(session, [before[laura].id], snoozed_until, NOW)
        steps.set_due(session, before[omar].id, edited_due, NOW)
    with db.write() as session:
        _acme(session).start += timedelta(days=1)
        steps.replan(session, NOW, [_acme(session).id])
    after = _by_key(db)
    assert after[debrief].status == StepStatus.DONE
    assert after[debrief].planned_due == before[debrief].planned_due + timedelta(days=1)
    assert after[laura].status == StepStatus.SNOOZED and after[laura].snoozed_until == snoozed_until
    assert steps.step_due(after[laura]) == snoozed_until
    assert after[omar].due_override == edited_due and steps.step_due(after[omar]) == edited_due
    assert after[omar].planned_due == before[omar].planned_due + timedelta(days=1)
    assert {row.id for row in after.values()} >= {before[k].id for k in (laura, omar, debrief)}


def test_withdrawing_drops_pending_steps_and_keeps_history(db: Database) -> None:
    before = _by_key(db)
    acme_keys = [k for k in before if k.startswith("acme-1:")]
    done_key = next(k for k in acme_keys if before[k].status == StepStatus.DONE)
    with db.write() as session:
        _acme(session).status = "withdrawn"
        _acme(session).status_changed_at = NOW
        steps.replan(session, NOW)
    after = _by_key(db)
    assert [k for k in after if k.startswith("acme-1:")] == [done_key]


def test_removing_an_interviewer_removes_their_thank_you(db: Database) -> None:
    with db.write() as session:
        acme = _acme(session)
        acme.people = [p for p in acme.people if p.contact.key != "omar"]
        steps.replan(session, NOW, [acme.id])
    people = {row.person for row in _by_key(db).values() if row.kind == "thank_you"}
    assert "Omar O'Hara" not in people and "Laura Chen" in people


def test_the_second_follow_up_counts_from_when_the_first_was_done(db: Database) -> None:
    keys = _by_key(db)
    first = keys["acme-1:follow_up:1"]
    done_at = datetime(2026, 12, 3, 16, tzinfo=UTC)
    with db.write() as session:
        steps.mark_done(session, first.id, done_at)
    second = _by_key(db)["acme-1:follow_up:2"]
    assert second.planned_due == done_at + timedelta(days=7)
    assert "acme-1:follow_up:3" not in _by_key(db)


def test_replanning_twice_changes_nothing(db: Database) -> None:
    before = {k: (r.id, r.status, r.planned_due, r.title) for k, r in _by_key(db).items()}
    with db.write() as session:
        steps.replan(session, NOW)
    after = {k: (r.id, r.status, r.planned_due, r.title) for k, r in _by_key(db).items()}
    assert after == before


# --- the keep-searching facts the store computes with a few queries ---------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from afterview.domain import records as rec  # noqa: E402
from afterview.domain.playbook import search_facts as facts_from_records  # noqa: E402
from afterview.store.convert import interview as to_record  # noqa: E402
from tests.hypothesis_settings import examples  # noqa: E402

COMPANIES = ["Acme", "acme ", "ÄPFEL", "äpfel", "Globex", "Zoë"]
ONE_INTERVIEW = st.tuples(
    st.integers(min_value=-72 * 60, max_value=72 * 60),  # minutes from now
    st.integers(min_value=1, max_value=24 * 60),
    st.sampled_from(COMPANIES),
    st.sampled_from(["Engineer", "engineer", "SRE"]),
    st.sampled_from(list(rec.Status)),
)


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rows=st.lists(ONE_INTERVIEW, max_size=12))
def test_the_store_computes_the_same_search_facts_as_the_playbook(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[int, int, str, str, rec.Status]]
) -> None:
    with open_database(paths.resolve(tmp_path_factory.mktemp("facts"))) as database:
        with database.write() as session:
            for offset, minutes, company, position, status in rows:
                session.add(
                    InterviewRow(
                        company=company,
                        position=position,
                        start=NOW + timedelta(minutes=offset),
                        time_zone="UTC",
                        duration_minutes=minutes,
                        status=status.value,
                    )
                )
        with database.read() as session:
            from_store = steps.search_facts(session, NOW, threshold=1000)
            records = [to_record(row) for row in session.scalars(select(InterviewRow))]
    assert from_store == facts_from_records(records, NOW)


def test_a_step_that_moves_is_announced_again(db: Database) -> None:
    first = _by_key(db)["acme-1:follow_up:1"]
    with db.write() as session:
        steps.get_step(session, first.id).notified_at = NOW
    with db.write() as session:  # the agreed date changes: the follow-up moves
        from datetime import date

        _acme(session).agreed_follow_up = date(2026, 12, 10)
        steps.replan(session, NOW, [_acme(session).id])
    moved = _by_key(db)["acme-1:follow_up:1"]
    assert moved.planned_due != first.planned_due
    assert moved.notified_at is None
    with db.write() as session:  # re-planning without a change keeps it announced
        steps.get_step(session, moved.id).notified_at = NOW
        steps.replan(session, NOW)
    assert _by_key(db)["acme-1:follow_up:1"].notified_at == NOW
