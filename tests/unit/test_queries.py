"""The list queries (plain sqlite3) and the Today queries: order, filtering by company, position
and people, paging."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview import paths
from afterview.domain.records import Role
from afterview.domain.text import fold
from afterview.store import interview_list, interviews, steps
from afterview.store.database import Database, open_database
from afterview.store.interview_list import IndexEntry, ListSource, SortKey
from afterview.store.today import Group, TodaySource

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.fixture
def db(data_dir: Path) -> Database:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        zhang = interviews.create_contact(session, "张伟")
        for n, (company, position, day) in enumerate(
            [("Globex", "SRE", 20), ("acme", "Backend", 21), ("Initech", "Data", 10)]
        ):
            people = [(zhang.id, Role.INTERVIEWER)] if n == 2 else []
            values = {
                "company": company,
                "position": position,
                "start": datetime(2026, 11, day, 10),
                "time_zone": "UTC",
            }
            interviews.create_interview(session, values, people, NOW)
    yield database  # type: ignore[misc]
    database.close()


def _companies(db: Database, ids: list[int]) -> list[str]:
    rows = ListSource(db.snapshots).list_rows(ids)
    return [rows[i].company for i in ids]


def test_sorts_by_each_column(db: Database) -> None:
    source = ListSource(db.snapshots)
    by_company = source.sorted_ids(SortKey.COMPANY)
    by_date_desc = source.sorted_ids(SortKey.DATE, descending=True)
    by_due = source.sorted_ids(SortKey.NEXT_DUE)
    for key in SortKey:
        assert len(source.sorted_ids(key)) == 3
    assert _companies(db, by_company) == ["acme", "Globex", "Initech"]  # case-insensitive
    assert _companies(db, by_date_desc) == ["acme", "Globex", "Initech"]
    assert _companies(db, by_due)[0] == "Initech"


def test_filter_matches_company_position_and_people(db: Database) -> None:
    source = ListSource(db.snapshots)
    order = source.sorted_ids(SortKey.COMPANY)
    index = source.search_index()
    assert _companies(db, interview_list.filter_ids(order, index, "ACME", None)) == ["acme"]
    assert _companies(db, interview_list.filter_ids(order, index, "sre", None)) == ["Globex"]
    assert _companies(db, interview_list.filter_ids(order, index, "张", None)) == ["Initech"]
    assert interview_list.filter_ids(order, index, "", "offer") == []
    assert len(interview_list.filter_ids(order, index, "  ", "scheduled")) == 3


def test_list_rows_carry_the_next_step(db: Database) -> None:
    source = ListSource(db.snapshots)
    ids = source.sorted_ids(SortKey.DATE)
    rows = source.list_rows(ids)
    first = rows[ids[0]]
    assert first.next_step and first.next_due is not None
    assert first.start.tzinfo == ZoneInfo("UTC")


def test_today_groups_overdue_today_and_this_week(db: Database) -> None:
    zone = ZoneInfo("Europe/Berlin")
    with db.write() as session:
        open_steps = [s for s in steps.list_steps(session) if s.status == "pending"]
        soon, later = open_steps[0], open_steps[1]
        steps.set_due(session, soon.id, NOW + timedelta(hours=2), NOW)
        steps.set_due(session, later.id, NOW + timedelta(days=3), NOW)
    # NOW is a Sunday: three days later is this week where weeks start on Sunday, and next
    # week where they start on Monday.
    groups = TodaySource(db.snapshots).groups(NOW, zone, first_weekday=7)
    assert soon.id in [i.step_id for i in groups[Group.TODAY]]
    assert later.id in [i.step_id for i in groups[Group.THIS_WEEK]]
    monday_first = TodaySource(db.snapshots).groups(NOW, zone, first_weekday=1)
    assert later.id in [i.step_id for i in monday_first[Group.NEXT_WEEK]]
    assert all(i.due <= NOW for i in groups[Group.OVERDUE])
    assert groups[Group.OVERDUE]


@given(st.text(max_size=20), st.text(max_size=20))
def test_filter_is_a_subsequence_of_the_order(haystack: str, needle: str) -> None:
    index = {1: IndexEntry(1, "done", haystack.casefold()), 2: IndexEntry(2, "done", "")}
    result = interview_list.filter_ids([2, 1], index, needle, None)
    assert result in ([], [1], [2], [2, 1])
    if not fold(needle):
        assert result == [2, 1]


def test_today_shows_a_few_per_group_and_counts_the_rest(db: Database) -> None:
    later = NOW + timedelta(days=30)  # every step of the three interviews is overdue by then
    everything = TodaySource(db.snapshots).groups(later, ZoneInfo("UTC"))
    capped = TodaySource(db.snapshots).groups(later, ZoneInfo("UTC"), limit=2)
    overdue = everything.totals[Group.OVERDUE]
    assert overdue == len(everything[Group.OVERDUE]) > 2
    assert len(capped[Group.OVERDUE]) == 2
    assert capped.totals[Group.OVERDUE] == overdue
    assert [i.step_id for i in capped[Group.OVERDUE]] == [
        i.step_id for i in everything[Group.OVERDUE][:2]
    ]


@given(
    st.lists(st.text(max_size=12), max_size=30),
    st.text(max_size=6),
    st.text(max_size=4),
    st.sampled_from([None, "done", "offer"]),
)
def test_narrowing_as_you_type_equals_filtering_from_scratch(
    texts: list[str], typed: str, more: str, status: str | None
) -> None:
    statuses = ["done", "offer", "rejected"]
    index = {n: IndexEntry(n, statuses[n % 3], text.casefold()) for n, text in enumerate(texts)}
    everything = interview_list.Filtered.of(list(index), index)
    first, second = fold(typed), fold(typed + more)
    step_by_step = everything.narrow(first, status)
    if second.startswith(first):
        step_by_step = step_by_step.narrow(second, status)
    else:
        step_by_step = everything.narrow(second, status)
    assert step_by_step.ids == everything.narrow(second, status).ids
    assert step_by_step.ids == interview_list.filter_ids(list(index), index, typed + more, status)


def test_a_step_due_at_local_midnight_belongs_to_the_day_it_starts(db: Database) -> None:
    """The edges are local midnights: due at 00:00 Berlin time on Monday 30 November is
    next week (weeks from Monday), one second earlier is this week."""
    zone = ZoneInfo("Europe/Berlin")
    monday = datetime(2026, 11, 30, tzinfo=zone)
    with db.write() as session:
        first, second = [s for s in steps.list_steps(session) if s.status == "pending"][:2]
        steps.set_due(session, first.id, monday, NOW)
        steps.set_due(session, second.id, monday - timedelta(seconds=1), NOW)
    now = datetime(2026, 11, 26, 12, tzinfo=UTC)  # a Thursday
    groups = TodaySource(db.snapshots).groups(now, zone, first_weekday=1)
    assert first.id in [i.step_id for i in groups[Group.NEXT_WEEK]]
    assert second.id in [i.step_id for i in groups[Group.THIS_WEEK]]
