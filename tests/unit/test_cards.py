"""The card checks: offline email syntax, phone parsing by region, stale reference permission."""

from __future__ import annotations

from datetime import date, timedelta

import phonenumbers
from hypothesis import given
from hypothesis import strategies as st

from afterview.domain import cards
from tests.unit.addresses import broken_emails, emails


def test_email_syntax_is_checked_without_the_network() -> None:
    assert cards.check_email("").ok
    assert cards.check_email("  ann@Example.COM ").value == "ann@example.com"
    # A domain that cannot exist still passes: deliverability would need DNS.
    assert cards.check_email("ann@no-such-domain.example").ok
    bad = cards.check_email("ann@@example")
    assert not bad.ok and bad.problem
    assert not cards.check_email("ann").ok


def test_phone_is_read_in_the_region_and_formatted_internationally() -> None:
    assert cards.check_phone("(212) 555-1234", "US").value == "+1 212-555-1234"
    assert cards.check_phone("020 7946 0000", "GB").value == "+44 20 7946 0000"
    assert cards.check_phone("03-1234-5678", "JP").value == "+81 3-1234-5678"
    # A + number ignores the region.
    assert cards.check_phone("+44 20 7946 0000", "JP").value == "+44 20 7946 0000"
    assert cards.check_phone("", "US") == cards.Checked("")


def test_bad_phones_say_why() -> None:
    assert cards.check_phone("hello", "US").problem == "not a phone number"
    local = cards.check_phone("555 0100", "US").problem
    assert local == "missing the area code for a number in the United States"
    assert "no country" in (cards.check_phone("020 7946 0000", None).problem or "")
    assert "too long" in (cards.check_phone("+1 212 555 1234 5678 9", "US").problem or "")


def test_region_for_country() -> None:
    assert cards.region_for("se") == "SE"
    assert cards.region_for("") is None
    assert cards.region_for("ZZ") is None


def test_permission_older_than_six_months_warns_citing_the_seed() -> None:
    today = date(2026, 11, 22)
    assert cards.permission_warning(date(2026, 5, 22), today) is None  # exactly six months
    warning = cards.permission_warning(date(2026, 5, 21), today)
    assert warning is not None and "Every Job Interview”" in warning and "6 months" in warning
    assert "“5 Things You Should Do after Every Job Interview”" in (
        cards.permission_warning(None, today) or ""
    )
    assert cards.permission_warning(today + timedelta(days=1), today) == (
        "The permission date is in the future; check it."
    )
    assert cards.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)


@given(st.text(max_size=60))
def test_check_email_never_raises(text: str) -> None:
    result = cards.check_email(text)
    # Random text is almost never an address: what it says must hold either way.
    assert result.ok or (result.problem and result.value == text.strip())


@given(emails())
def test_a_well_formed_address_is_stored_normalised_and_stays_so(case: tuple[str, str]) -> None:
    typed, stored = case
    result = cards.check_email(typed)
    assert result == cards.Checked(stored)
    assert cards.check_email(result.value) == result


@given(broken_emails())
def test_a_broken_address_is_refused_with_a_reason(text: str) -> None:
    result = cards.check_email(text)
    assert not result.ok and result.problem
    assert result.value == text.strip()  # kept as typed, for the user to correct


@given(
    st.text(alphabet="0123456789 +-()x.#*abc", max_size=30),
    st.sampled_from(["US", "GB", "JP", None]),
)
def test_check_phone_never_raises_and_formatted_numbers_reparse(
    text: str, region: str | None
) -> None:
    result = cards.check_phone(text, region)
    if result.ok and result.value:
        again = cards.check_phone(result.value, None)
        assert again.value == result.value
        assert result.value.startswith("+")
        phonenumbers.parse(result.value, None)


@given(st.dates(), st.dates())
def test_permission_rule_matches_the_six_month_anniversary(given_on: date, today: date) -> None:
    stale = cards.permission_is_stale(given_on, today)
    assert stale == (today > cards.add_months(given_on, 6))
    if today <= given_on:
        assert not stale
    warning = cards.permission_warning(given_on, today)
    assert (warning is None) == (given_on <= today and not stale)


@given(st.dates(max_value=date(9000, 1, 1)), st.integers(0, 24))
def test_add_months_keeps_the_day_or_the_month_end(day: date, months: int) -> None:
    later = cards.add_months(day, months)
    assert cards.months_between(day, later) in (months, months - 1) or later.day < day.day
    assert later >= day
