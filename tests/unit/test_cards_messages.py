"""What the card checks tell the user, word for word, and the month arithmetic at the edges
(afterview.domain.cards). Every expected value is written out here."""

from __future__ import annotations

from datetime import date

import pytest

from afterview.domain import cards


@pytest.mark.parametrize(
    ("typed", "region", "problem"),
    [
        ("+1 212", "US", "too short for a number in the United States"),
        ("+1 212 555 1234 5678 9", "US", "too long for a number in the United States"),
        ("+46 23333333333", None, "wrong number of digits for a number in Sweden"),
        ("555 0100", "US", "missing the area code for a number in the United States"),
        ("+81 3 1234", "JP", "too short for a number in Japan"),
        ("+7 123", "RU", "too short for a +7 number"),
        # The number's own country code says where it is from, not the interview's country.
        ("+1-555-0199", "IL", "missing the area code for a number in the United States"),
        (
            "020 7946 0000",
            None,
            "no country: start with + and the country code (e.g. +44 20 7946 0000)",
        ),
        ("hello", "US", "not a phone number"),
    ],
)
def test_a_bad_phone_says_why_and_is_kept_as_typed(
    typed: str, region: str | None, problem: str
) -> None:
    assert cards.check_phone(f"  {typed} ", region) == cards.Checked(typed, problem)


def test_a_bad_email_says_why_and_is_kept_as_typed() -> None:
    checked = cards.check_email(" ann@@example.org ")
    assert checked.value == "ann@@example.org"
    assert checked.problem is not None and "@-sign" in checked.problem  # email-validator's


@pytest.mark.parametrize(
    ("region", "name"),
    [
        ("US", "the United States"),
        ("GB", "the United Kingdom"),
        ("JP", "Japan"),
        ("SE", "Sweden"),
        ("DE", "Germany"),
        ("FR", "France"),
        ("CA", "Canada"),
        ("CN", "China"),
        ("IN", "India"),
        ("AU", "Australia"),
        ("NZ", "NZ"),  # no name of its own: the code
        (None, "an unknown country"),
    ],
)
def test_country_names_in_messages(region: str | None, name: str) -> None:
    assert cards.country_name(region) == name


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        (date(2026, 1, 15), date(2026, 3, 15), 2),  # the same day of the month: whole months
        (date(2026, 1, 20), date(2026, 3, 10), 1),  # not yet the 20th: one month short
        (date(2026, 1, 10), date(2026, 3, 20), 2),
        (date(2026, 1, 20), date(2026, 6, 10), 4),
        (date(2026, 3, 15), date(2026, 1, 15), -2),
    ],
)
def test_months_between(earlier: date, later: date, months: int) -> None:
    assert cards.months_between(earlier, later) == months


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 31), 1, date(2026, 4, 30)),  # a 30-day month
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # February of a leap year
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 1, 30), 1, date(2026, 2, 28)),
        (date(2026, 11, 15), 2, date(2027, 1, 15)),
    ],
)
def test_add_months_clamps_to_the_months_last_day(day: date, months: int, expected: date) -> None:
    assert cards.add_months(day, months) == expected


def test_no_permission_date_is_stale_and_says_so() -> None:
    today = date(2026, 11, 22)
    assert cards.permission_is_stale(None, today)
    assert cards.permission_warning(None, today) == (
        "No permission date recorded. Ask them before you list them as a reference, as "
        "“5 Things You Should Do after Every Job Interview” advises."
    )
    assert cards.permission_warning(date(2026, 1, 10), today) == (
        "Permission given 10 months ago: check they are still happy to vouch "
        "for you before an employer calls, as “5 Things You Should Do after Every Job "
        "Interview” advises."
    )


@pytest.mark.parametrize(
    ("typed", "region", "key"),
    [
        # What two numbers share to be one phone (issue 12 §3: merging, a value written twice).
        ("+1 (212) 555-0102", None, "+12125550102"),
        ("(212) 555-0102", "US", "+12125550102"),
        ("  +44 20 7946 0000 ", None, "+442079460000"),
        # Not a number phonenumbers reads: its digits and plus signs.
        ("+abc 12", "US", "+12"),
        ("ext. 12-34", None, "1234"),
    ],
)
def test_the_key_two_phone_numbers_share(typed: str, region: str | None, key: str) -> None:
    assert cards.phone_key(typed, region) == key
