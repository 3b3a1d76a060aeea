"""Migration 0007 on both backends, from a database at schema 6 with interviews in it: each
becomes a round of one application (company and position, ignoring case and spaces, the
sample apart), whose stage the latest round gives (issue 17 §1). Expected groups written by
hand from the rows below."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, create_engine, text

from afterview.store.migrate import upgrade

#: (key, company, position, round, start day in Nov 2026, status, sample)
ROWS = [
    ("acme-1", "Acme", "Backend Engineer", "Phone", 2, "next_round", False),
    ("acme-2", " ACME ", "backend engineer", "Onsite", 9, "awaiting_decision", False),
    ("acme-s", "Acme", "Backend Engineer", "", 9, "scheduled", True),
    ("zoe-1", "Zoë AB", "Analyst", "Final", 4, "rejected", False),
    ("zoe-2", "ZOË AB", "Data Lead", "", 5, "offer", False),
    ("ini-1", "Initech", "SRE", "", 6, "done", False),
]


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        made = create_engine(f"sqlite:///{tmp_path / 'afterview.sqlite3'}")
        yield made
        made.dispose()
        return
    cluster = request.getfixturevalue("pg_cluster")
    name = f"m0007_{datetime.now(UTC).strftime('%H%M%S%f')}"
    cluster.create_database(name)
    conninfo = cluster.conninfo(name)
    made = create_engine("postgresql+psycopg://", creator=lambda: psycopg.connect(conninfo))
    yield made
    made.dispose()
    cluster.drop_database(name)


def _rows(engine: Engine, sql: str) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def test_migration_0007_groups_interviews_into_applications(engine: Engine) -> None:
    upgrade(engine, "0006")
    with engine.begin() as connection:
        for key, company, position, name, day, status, sample in ROWS:
            connection.execute(
                text(
                    "INSERT INTO interviews (key, company, position, round, start, time_zone, "
                    "duration_minutes, format, location, country, region, status, decided_by, "
                    "sample, company_sort, position_sort, round_sort, next_step, "
                    "next_step_sort, next_step_rule, next_step_params) VALUES (:key, :company, "
                    ":position, :round, :start, 'UTC', 60, 'video', '', '', '', :status, '', "
                    ":sample, '', '', '', '', '', '', '{}')"
                ),
                {
                    "key": key,
                    "company": company,
                    "position": position,
                    "round": name,
                    "start": datetime(2026, 11, day, 10, tzinfo=UTC)
                    if engine.dialect.name == "postgresql"
                    else f"2026-11-{day:02d} 10:00:00.000000",
                    "status": status,
                    "sample": sample,
                },
            )
    upgrade(engine, "head")
    groups = _rows(
        engine,
        "SELECT a.key, a.stage, a.outcome, a.outcome_detail, a.sample, count(i.id) "
        "FROM applications AS a JOIN interviews AS i ON i.application_id = a.id "
        "GROUP BY a.id, a.key, a.stage, a.outcome, a.outcome_detail, a.sample ORDER BY a.key",
    )
    assert groups == [
        ("a-acme-1", "awaiting_decision", None, "", False, 2),
        ("a-acme-s", "interviewing", None, "", True, 1),
        ("a-ini-1", "awaiting_decision", None, "", False, 1),
        ("a-zoe-1", "closed", "rejected", "Final", False, 1),
        ("a-zoe-2", "offer", None, "", False, 1),
    ]
    assert _rows(engine, "SELECT count(*) FROM application_events WHERE cause = 'grouped'") == [
        (5,)
    ]
    # New rows still get ids of their own after the ones the migration made (PostgreSQL's
    # sequence was not bypassed).
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO applications (key, company, position, stage) "
                "VALUES ('new', 'Globex', 'SRE', 'applied')"
            )
        )
    assert _rows(engine, "SELECT count(DISTINCT id) FROM applications") == [(6,)]
