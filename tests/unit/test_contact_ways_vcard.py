"""Contact cards as address books write them (issue 12 §3): every EMAIL, TEL and ADR of a
card is kept with its TYPE labels and rank, and the one used is the card's preferred one:
``PREF=1..100`` in vCard 4.0 (RFC 6350 §5.3: lowest wins, none least preferred), ``TYPE=pref``
in 2.1 and 3.0 (RFC 2426 §3.3.1), then work over home, then the card's order.

The expected values are written out by hand from the cards (and, in the property test, by a
small oracle written here that does not share the parser's code).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview import paths
from afterview.domain.contact_ways import PostalAddress, Way
from afterview.interop.vcard import parse_vcards
from afterview.store.api import open_store

FIELD = Path(__file__).parents[1] / "data" / "field"
Cli = Callable[..., tuple[int, str, str]]


def test_07_a_vcard_4_card_ranked_with_pref_gives_the_preferred_ones_and_keeps_the_others(
    cli: Cli, data_dir: Path, tmp_path: Path
) -> None:
    """Field input 07: the work email, the cell phone and the Lake Shore Dr address carry
    PREF=1; the home ones PREF=2 and 3 are kept too."""
    status, _out, err = cli("import", "vcf", str(FIELD / "07-vcard4-pref-rank.vcf"))
    assert status == 0, err
    with open_store(paths.resolve(data_dir)) as store:
        (priya,) = store.contacts.all()
    assert priya.name == "Priya Raman"
    assert priya.email == "priya.raman@corvid.example"
    assert priya.phone == "+1-555-0199"
    assert priya.postal_address == PostalAddress(
        "400 Lake Shore Dr", "Chicago", "IL", "60611", "US"
    )
    assert priya.address == "400 Lake Shore Dr\nChicago IL 60611\nUS"
    assert priya.emails == (
        Way("priya.home@example.net", ("home",), 2),
        Way("priya.raman@corvid.example", ("work",), 1),
    )
    assert priya.phones == (Way("+1-555-0100", ("home",), 3), Way("+1-555-0199", ("cell",), 1))
    assert priya.addresses == (
        Way(PostalAddress("12 Elm St", "Springfield", "IL", "62701", "US"), ("home",), 2),
        Way(PostalAddress("400 Lake Shore Dr", "Chicago", "IL", "60611", "US"), ("work",), 1),
    )
    # A mail draft goes to the preferred address (the command line prints the mailto: link).
    exported = tmp_path / "all.json"
    assert cli("export", "json", str(exported))[0] == 0
    (contact,) = json.loads(exported.read_text("utf-8"))["contacts"]
    assert [e["value"] for e in contact["emails"]] == [
        "priya.home@example.net",
        "priya.raman@corvid.example",
    ]
    assert [e["pref"] for e in contact["emails"]] == [2, 1]


def _card(version: str, *lines: str) -> bytes:
    body = "".join(f"{line}\r\n" for line in lines)
    return f"BEGIN:VCARD\r\nVERSION:{version}\r\nFN:Kim Ito\r\n{body}END:VCARD\r\n".encode()


# (version, lines, the email used, every email in the card's order)
EMAIL_CASES = [
    pytest.param("3.0", ["EMAIL;TYPE=INTERNET:a@x.example",
                         "EMAIL;TYPE=INTERNET;TYPE=pref:b@x.example"], "b@x.example",
                 id="3.0 TYPE=pref on the second"),
    pytest.param("3.0", ["EMAIL:a@x.example", "EMAIL;TYPE=PREF:b@x.example"], "b@x.example",
                 id="TYPE=PREF upper case"),
    pytest.param("3.0", ["EMAIL;TYPE=home:a@x.example", "EMAIL;TYPE=work,pref:b@x.example"],
                 "b@x.example", id="TYPE=work,pref"),
    pytest.param("2.1", ["EMAIL;INTERNET:a@x.example", "EMAIL;PREF;INTERNET:b@x.example"],
                 "b@x.example", id="2.1 bare PREF"),
    pytest.param("4.0", ["EMAIL:a@x.example", "EMAIL;TYPE=work:b@x.example",
                         "EMAIL;PREF=50:c@x.example"], "c@x.example",
                 id="PREF on one of three beats work"),
    pytest.param("4.0", ["EMAIL;PREF=2:a@x.example", "EMAIL;PREF=2:b@x.example"],
                 "a@x.example", id="equal PREF: card order"),
    pytest.param("4.0", ["EMAIL;TYPE=home:a@x.example", "EMAIL;TYPE=work:b@x.example"],
                 "b@x.example", id="no PREF: work over home"),
    pytest.param("4.0", ["EMAIL;TYPE=work;PREF=2:a@x.example",
                         "EMAIL;TYPE=home;PREF=1:b@x.example"], "b@x.example",
                 id="rank before work"),
    pytest.param("4.0", ["EMAIL;PREF=101:a@x.example", "EMAIL;PREF=0:b@x.example",
                         "EMAIL;PREF=x:c@x.example", "EMAIL;TYPE=work:d@x.example"],
                 "d@x.example", id="PREF out of range is no rank"),
    pytest.param("3.0", ["EMAIL:a@x.example", "EMAIL;TYPE=\"home,pref\":b@x.example"],
                 "b@x.example", id="quoted TYPE list"),
]  # fmt: skip


@pytest.mark.parametrize(("version", "lines", "used"), EMAIL_CASES)
def test_the_email_used_is_the_cards_preferred_one(
    version: str, lines: list[str], used: str
) -> None:
    parsed = parse_vcards(_card(version, *lines))
    assert parsed.errors == []
    (card,) = parsed.cards
    assert card.email == used
    # Every email is kept, in the card's order.
    assert [way.value for way in card.emails] == [line.rsplit(":", 1)[1] for line in lines]


def test_tel_uris_and_text_numbers_are_both_kept_and_labelled() -> None:
    (card,) = parse_vcards(
        _card(
            "4.0",
            'TEL;VALUE=uri;TYPE="voice,home":tel:+1-555-0100',
            "TEL;TYPE=cell;PREF=1:+1 555 0199",
        )
    ).cards
    assert card.phones == (
        Way("+1-555-0100", ("voice", "home")),
        Way("+1 555 0199", ("cell",), 1),
    )
    assert card.phone == "+1 555 0199"


def test_adr_keeps_the_post_office_box_and_extended_address_as_street_lines() -> None:
    (card,) = parse_vcards(
        _card("3.0", "ADR;TYPE=work:PO Box 12;Suite 500;1 Main St;Austin;TX;78701;US")
    ).cards
    assert card.addresses == (
        Way(PostalAddress("1 Main St\nSuite 500\nPO Box 12", "Austin", "TX", "78701", "US"),
            ("work",)),
    )  # fmt: skip


def test_a_label_is_the_address_only_when_the_card_has_no_adr() -> None:
    (card,) = parse_vcards(_card("3.0", "LABEL;TYPE=home:1 Main St\\nAustin TX")).cards
    assert card.addresses == (Way(PostalAddress("1 Main St\nAustin TX"), ("home",)),)


# --- a property test: generated cards -------------------------------------------------------

_LABELS = st.lists(st.sampled_from(["work", "home", "cell", "voice", "x-other"]), max_size=2,
                   unique=True)  # fmt: skip


@st.composite
def ranked_emails(draw: st.DrawFn) -> tuple[str, list[tuple[str, tuple[str, ...], int | None]]]:
    version = draw(st.sampled_from(["2.1", "3.0", "4.0"]))
    count = draw(st.integers(1, 6))
    entries = []
    for index in range(count):
        labels = tuple(draw(_LABELS))
        if version == "4.0":
            rank = draw(st.none() | st.integers(1, 100))
        else:
            rank = draw(st.sampled_from([None, 1]))
        entries.append((f"p{index}@x.example", labels, rank))
    return version, entries


def _line(version: str, value: str, labels: tuple[str, ...], rank: int | None) -> str:
    params = ""
    if version == "2.1":
        params = "".join(f";{label.upper()}" for label in labels) + (";PREF" if rank else "")
    elif version == "3.0":
        types = [*labels, *(["pref"] if rank else [])]
        params = f";TYPE={','.join(types)}" if types else ""
    else:
        params = (f";TYPE={','.join(labels)}" if labels else "") + (
            f";PREF={rank}" if rank is not None else ""
        )
    return f"EMAIL{params}:{value}"


@settings(max_examples=150, deadline=None)
@given(ranked_emails())
def test_any_card_keeps_every_email_with_its_labels_and_rank(
    generated: tuple[str, list[tuple[str, tuple[str, ...], int | None]]],
) -> None:
    version, entries = generated
    lines = [_line(version, *entry) for entry in entries]
    (card,) = parse_vcards(_card(version, *lines)).cards
    assert [(w.value, w.labels, w.pref) for w in card.emails] == entries
    # The oracle: ranked before unranked, lowest rank, work before the rest, then order.
    ranked = [e for e in entries if e[2] is not None]
    pool = [e for e in ranked if e[2] == min(r[2] for r in ranked)] if ranked else entries  # type: ignore[type-var]
    work = [e for e in pool if "work" in e[1]]
    assert card.email == (work or pool)[0][0]


def test_a_value_written_twice_on_one_card_is_kept_once_with_both_labels() -> None:
    """As a merge of two cards does (issue 12 §3): emails by case, numbers as phonenumbers
    reads them, each once, with every label and the better rank."""
    parsed = parse_vcards(
        _card(
            "4.0",
            "EMAIL;TYPE=home:fay@x.example",
            "EMAIL;TYPE=work;PREF=2:FAY@X.EXAMPLE",
            "TEL;TYPE=cell:+12125550102",
            "TEL;TYPE=work;PREF=1:+1 (212) 555-0102",
        )
    )
    (card,) = parsed.cards
    assert card.emails == (Way("fay@x.example", ("home", "work"), 2),)
    assert card.phones == (Way("+12125550102", ("cell", "work"), 1),)
