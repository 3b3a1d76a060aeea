"""Instants go through the store exactly, in UTC; naive datetimes are refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select
from sqlalchemy.exc import StatementError

from afterview.store.types import NaiveDatetimeError, UTCDateTime

metadata = MetaData()
instants = Table(
    "instants", metadata, Column("id", Integer, primary_key=True), Column("at", UTCDateTime)
)

OFFSETS = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
AWARE = st.datetimes(
    min_value=datetime(1900, 1, 2),
    max_value=datetime(2199, 12, 30),
    timezones=OFFSETS | st.timezones(),
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = Path(tmp_path_factory.mktemp("types")) / "t.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    metadata.create_all(engine)
    yield engine
    engine.dispose()


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moment=AWARE)
def test_any_aware_instant_comes_back_the_same_instant_in_utc(engine, moment: datetime) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as connection:
        new_id = connection.execute(insert(instants).values(at=moment)).inserted_primary_key[0]
        back = connection.execute(select(instants.c.at).where(instants.c.id == new_id)).scalar_one()
    # Compared in UTC: by PEP 495, == across zones is False for wall times in a DST gap or fold.
    assert back == moment.astimezone(UTC)
    assert back.tzinfo is UTC


def test_a_naive_datetime_is_refused(engine) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StatementError) as caught, engine.begin() as connection:
        connection.execute(insert(instants).values(at=datetime(2026, 3, 8, 2, 30)))
    assert isinstance(caught.value.orig, NaiveDatetimeError)


def test_instants_compare_in_time_order_in_sql(engine) -> None:  # type: ignore[no-untyped-def]
    tokyo = datetime(2026, 1, 1, 9, 0, tzinfo=timezone(timedelta(hours=9)))  # 00:00 UTC
    london = datetime(2025, 12, 31, 23, 30, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(insert(instants), [{"at": tokyo}, {"at": london}])
        earlier = (
            connection.execute(
                select(instants.c.at).where(instants.c.at < datetime(2026, 1, 1, tzinfo=UTC))
            )
            .scalars()
            .all()
        )
    assert london in earlier and tokyo not in earlier
