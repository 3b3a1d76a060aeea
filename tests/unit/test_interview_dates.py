"""A decision or agreed follow-up day before the interview is refused by the store, for
every caller (window, command line), naming the field; the interview's own day is allowed
(issue 14; the follow-up it would plan, seed 001 §4 "more than one week" after, would
otherwise fall due the minute the interview ends)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview import paths
from afterview.domain.interview_dates import before_interview
from afterview.store import interchange
from afterview.store.api import open_store
from afterview.store.errors import RecordError
from afterview.store.operations import Store

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


@pytest.fixture
def store(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as opened:
        opened.data.import_document(interchange.parse_document(sample_document))
        yield opened


@pytest.mark.parametrize("field", ["decision_expected", "agreed_follow_up"])
def test_a_day_before_the_interview_is_refused_and_nothing_changes(
    store: Store, field: str
) -> None:
    interview = store.interviews.find("acme-1")
    own_day = interview.start.astimezone(ZoneInfo(interview.time_zone)).date()
    kept = getattr(interview, field)
    with pytest.raises(RecordError) as refused:
        store.interviews.update(interview.id, {field: own_day - timedelta(days=1)})
    assert refused.value.field == field
    assert "before the interview" in refused.value.problem
    assert getattr(store.interviews.get(interview.id), field) == kept
    store.interviews.update(interview.id, {field: own_day})
    assert getattr(store.interviews.get(interview.id), field) == own_day


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2099, 12, 30)),
    st.sampled_from(["Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin", "UTC"]),
)
def test_the_rule_compares_with_the_interview_day_on_its_own_clock(
    day: date, wall: datetime, zone: str
) -> None:
    start = wall.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)  # stored in UTC
    assert before_interview(day, start, zone) == (day < wall.date())
    assert before_interview(None, start, zone) is False
