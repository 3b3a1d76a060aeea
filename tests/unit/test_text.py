"""One folding for sorting and filtering (afterview.domain.text.fold), in Python and in the
list the window reads: whatever the name, it sorts where a search for it finds it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import paths
from afterview.domain.text import fold
from afterview.store import interviews
from afterview.store.database import open_database
from afterview.store.interview_list import ListSource, SortKey, filter_ids

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Ångström", "angstrom"),
        ("Łódź", "łodz"),  # Ł has no decomposition in Unicode: it stays a letter of its own
        ("İstanbul", "istanbul"),  # U+0130 folds to i + U+0307, and the dot goes
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),
        ("Ⅻ", "xii"),
        ("ﬁne", "fine"),
        ("  Zoë \t Ångström\n", "zoe angstrom"),
        ("张伟", "张伟"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def _store(data_dir: Path, companies: list[str]) -> ListSource:
    with open_database(paths.resolve(data_dir)) as db, db.write() as session:
        for n, company in enumerate(companies):
            values = {
                "company": company,
                "position": "Engineer",
                "start": datetime(2026, 11, 1 + n % 28, 10),
                "time_zone": "Europe/Berlin",
            }
            interviews.create_interview(session, values, [], NOW)
        snapshots = db.snapshots
    return ListSource(snapshots)


def test_names_sort_where_they_filter(data_dir: Path) -> None:
    source = _store(data_dir, ["Zebra", "Ångström", "Łódź", "İstanbul", "apple"])
    order = source.sorted_ids(SortKey.COMPANY)
    rows = source.list_rows(order)
    assert [rows[i].company for i in order] == ["Ångström", "apple", "İstanbul", "Zebra", "Łódź"]
    index = source.search_index()
    for typed, company in [("angstrom", "Ångström"), ("ISTANBUL", "İstanbul"), ("łódź", "Łódź")]:
        (found,) = filter_ids(order, index, typed, None)
        assert rows[found].company == company


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(names.filter(lambda n: fold(n) != ""), min_size=1, max_size=6))
def test_any_name_sorts_by_the_folding_the_filter_matches(
    tmp_path_factory: pytest.TempPathFactory, companies: list[str]
) -> None:
    source = _store(tmp_path_factory.mktemp("data"), companies)
    order = source.sorted_ids(SortKey.COMPANY)
    rows = source.list_rows(order)
    sorted_names = [fold(rows[i].company) for i in order]
    assert sorted_names == sorted(sorted_names)
    index = source.search_index()
    for interview_id in order:
        assert interview_id in filter_ids(order, index, rows[interview_id].company, None)
