"""One rule for text no database can hold (domain.text.unstorable): a NUL character and half
of a character (a lone surrogate). Hypothesis holds the rule to what PostgreSQL's UTF-8 text
and SQLite's UTF-8 actually refuse; every way into the store refuses by the field's name."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview import paths
from afterview.domain.text import unstorable
from afterview.store.api import open_store
from afterview.store.errors import RecordError
from afterview.store.values import ContactFields

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
HALF = "contains half of a character (a lone surrogate)"


@given(st.text())
def test_text_is_storable_exactly_when_utf8_can_encode_it_and_it_has_no_nul(text: str) -> None:
    try:
        text.encode("utf-8")
        encodes = True
    except UnicodeEncodeError:
        encodes = False
    assert (unstorable(text) is None) == (encodes and "\x00" not in text)


def test_the_words_name_what_is_wrong() -> None:
    assert unstorable("Ann\x00") == "contains a NUL character"
    assert unstorable("Zoë \udc80") == HALF
    assert unstorable("Zoë Ångström 🙂") is None


@pytest.mark.parametrize(
    ("write", "field"),
    [
        (lambda s: s.contacts.create(ContactFields(name="Ann", notes="met \ud83d")), "notes"),
        (lambda s: s.contacts.create(ContactFields(name="Ann", title="CT\udfffO")), "title"),
        (
            lambda s: s.interviews.create(
                {
                    "company": "Corvid \ud800Labs",
                    "position": "Engineer",
                    "start": datetime(2026, 11, 24, 10),
                    "time_zone": "Europe/Berlin",
                }
            ),
            "company",
        ),
        (
            lambda s: s.applications.create({"company": "Corvid", "position": "Eng\udc00"}),
            "position",
        ),
    ],
)
def test_every_way_in_refuses_it_by_the_fields_name(
    data_dir: Path, write: object, field: str
) -> None:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as store:
        with pytest.raises(RecordError) as refused:
            write(store)  # type: ignore[operator]
        assert f"field '{field}': {HALF}" in str(refused.value)
        assert store.contacts.all() == []
        assert store.interviews.count() == 0
        assert store.applications.items() == []
