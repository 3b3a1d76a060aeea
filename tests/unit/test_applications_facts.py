"""The keep-searching facts the store computes with a few queries are the playbook's, with
applications (issue 17 §1): alive by stage, an offer in hand or accepted, the day applied."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from afterview import paths
from afterview.domain import records as rec
from afterview.domain.applications import Outcome, Stage
from afterview.domain.playbook import search_facts as facts_from_records
from afterview.store import steps
from afterview.store.application_models import ApplicationRow
from afterview.store.convert import application as to_application
from afterview.store.convert import interview as to_record
from afterview.store.database import open_database
from afterview.store.models import InterviewRow

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)

STANDINGS = [
    (Stage.APPLIED, None),
    (Stage.INTERVIEWING, None),
    (Stage.AWAITING_DECISION, None),
    (Stage.OFFER, None),
    *((Stage.CLOSED, outcome) for outcome in Outcome),
]
ONE_APPLICATION = st.tuples(
    st.sampled_from(STANDINGS), st.none() | st.integers(min_value=-30, max_value=5)
)
ONE_INTERVIEW = st.tuples(
    st.integers(min_value=-72 * 60, max_value=72 * 60),  # minutes from now
    st.sampled_from(["Acme", "acme ", "Zoë"]),
    st.sampled_from(list(rec.Status)),
    st.none() | st.integers(min_value=0, max_value=5),  # which application, if any
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    made=st.lists(ONE_APPLICATION, max_size=6),
    rows=st.lists(ONE_INTERVIEW, max_size=8),
    threshold=st.sampled_from([1, 3, 1000]),
)
def test_the_store_computes_the_playbooks_facts_with_applications(
    tmp_path_factory: pytest.TempPathFactory,
    made: list[tuple[tuple[Stage, Outcome | None], int | None]],
    rows: list[tuple[int, str, rec.Status, int | None]],
    threshold: int,
) -> None:
    with open_database(paths.resolve(tmp_path_factory.mktemp("facts"))) as database:
        with database.write() as session:
            apps = [
                ApplicationRow(
                    company=f"Company {n}",
                    position="SRE",
                    stage=stage.value,
                    outcome=outcome.value if outcome else None,
                    applied_on=None if days is None else date(2026, 11, 22) + timedelta(days),
                )
                for n, ((stage, outcome), days) in enumerate(made)
            ]
            session.add_all(apps)
            session.flush()
            for offset, company, status, which in rows:
                linked = apps[which].id if which is not None and which < len(apps) else None
                session.add(
                    InterviewRow(
                        company=company,
                        position="Engineer",
                        start=NOW + timedelta(minutes=offset),
                        time_zone="UTC",
                        status=status.value,
                        application_id=linked,
                    )
                )
        with database.read() as session:
            from_store = steps.search_facts(session, NOW, threshold=threshold)
            records = [to_record(row) for row in session.scalars(select(InterviewRow))]
            applications = [to_application(row) for row in session.scalars(select(ApplicationRow))]
    want = facts_from_records(records, NOW, applications)
    # The store stops counting at the threshold: only whether it is reached matters.
    assert from_store.active_applications == min(want.active_applications, threshold) or (
        from_store.active_applications >= threshold and want.active_applications >= threshold
    )
    assert from_store.__dict__ | {"active_applications": 0} == want.__dict__ | {
        "active_applications": 0
    }
