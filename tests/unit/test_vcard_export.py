"""The vCard export conforms to its version: RFC 2426 (3.0) and RFC 6350 (4.0).

Checked three ways: against golden files written by hand from the RFCs' own examples
(tests/data/vcf/golden/README.md), by a second reader written here that shares nothing with
the writer (unfold, split parameters, unescape), and by an octet count on every line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.contact_ways import PostalAddress, Way, preferred_index
from afterview.interop.vcard_export import CardData, card_text

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "vcf" / "golden"

# --- a second reader, written from the RFCs ---------------------------------------------------


@dataclass
class Prop:
    name: str
    params: dict[str, list[str]] = field(default_factory=dict)
    value: str = ""


def check_lines(data: bytes) -> None:
    """RFC 2425 §5.8.1 / RFC 6350 §3.2: CRLF line ends; at most 75 octets a line without
    them; and (issue 12) no line cut inside a UTF-8 sequence: each decodes on its own."""
    assert data.endswith(b"\r\n")
    for line in data[:-2].split(b"\r\n"):
        assert b"\r" not in line and b"\n" not in line, line
        assert len(line) <= 75, (len(line), line)
        line.decode("utf-8")  # raises when a fold split a character


def unfold(data: bytes) -> list[str]:
    return re.sub(rb"\r\n[ \t]", b"", data).decode("utf-8").split("\r\n")[:-1]


def split_outside_quotes(text: str, separator: str) -> list[str]:
    parts, current, quoted = [], "", False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == separator and not quoted:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def parse_line(line: str) -> Prop:
    quoted, colon = False, -1
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            colon = index
            break
    assert colon > 0, line
    head, value = line[:colon], line[colon + 1 :]
    name, *raw_params = split_outside_quotes(head, ";")
    params: dict[str, list[str]] = {}
    for raw in raw_params:
        key, _, values = raw.partition("=")
        params.setdefault(key.upper(), []).extend(
            v.strip('"') for v in split_outside_quotes(values, ",")
        )
    return Prop(name.upper(), params, value)


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def split_unescaped(text: str, separator: str) -> list[str]:
    """Split at separators that no backslash escapes (a backslash pair is a backslash)."""
    parts, current, index = [], "", 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current += text[index : index + 2]
            index += 2
            continue
        if char == separator:
            parts.append(current)
            current = ""
        else:
            current += char
        index += 1
    return [*parts, current]


def structured(value: str) -> list[list[str]]:
    return [
        [unescape(v) for v in split_unescaped(part, ",")] if part else []
        for part in split_unescaped(value, ";")
    ]


def read_cards(data: bytes) -> list[list[Prop]]:
    check_lines(data)
    cards: list[list[Prop]] = []
    for line in unfold(data):
        prop = parse_line(line)
        if prop.name == "BEGIN":
            assert prop.value.upper() == "VCARD"
            cards.append([])
        cards[-1].append(prop)
    return cards


def props(card: list[Prop], name: str) -> list[Prop]:
    return [p for p in card if p.name == name]


# --- golden files -----------------------------------------------------------------------------

FRANK = CardData(
    formatted_name="Frank Dawson",
    family=("Dawson",),
    given=("Frank",),
    organization=("Lotus Development Corporation",),
    note="This fax number is operational 0800 to 1715 EST, Mon-Fri.",
    addresses=(
        Way(
            PostalAddress("6544 Battleford Drive", "Raleigh", "NC", "27613-3502", "U.S.A."),
            ("work", "postal", "parcel"),
        ),
    ),
    phones=(
        Way("+1-919-676-9515", ("voice", "msg", "work")),
        Way("+1-919-676-9564", ("fax", "work")),
    ),
    emails=(
        Way("Frank_Dawson@Lotus.com", ("internet",), pref=1),
        Way("fdawson@earthlink.net", ("internet",)),
    ),
    preferred_address=0,
    preferred_email=0,
)
TIM = CardData(
    formatted_name="Tim Howes",
    family=("Howes",),
    given=("Tim",),
    organization=("Netscape Communications Corp.",),
    addresses=(
        Way(
            PostalAddress("501 E. Middlefield Rd.", "Mountain View", "CA", "94043", "U.S.A."),
            ("work",),
        ),
    ),
    phones=(
        Way("+1-415-937-3419", ("voice", "msg", "work")),
        Way("+1-415-528-4164", ("fax", "work")),
    ),
    emails=(Way("howes@netscape.com", ("internet",)),),
    preferred_address=0,
    preferred_email=0,
)
SIMON = CardData(
    formatted_name="Simon Perreault",
    family=("Perreault",),
    given=("Simon",),
    suffixes=("ing. jr", "M.Sc."),
    organization=("Viagenie",),
    addresses=(
        Way(
            PostalAddress("Suite D2-630\n2875 Laurier", "Quebec", "QC", "G1V 2M2", "Canada"),
            ("work",),
        ),
    ),
    phones=(
        Way("+1-418-656-9254", ("work", "voice"), pref=1),
        Way("+1-418-262-6501", ("work", "cell", "voice", "video", "text")),
    ),
    emails=(Way("simon.perreault@viagenie.ca", ("work",)),),
    preferred_address=0,
    preferred_phone=0,
    preferred_email=0,
)
ZOE = CardData(
    formatted_name="Zoë Ångström",
    uid="zoe-1",
    family=("Ångström",),
    given=("Zoë",),
    organization=("A&B <Labs>", "Data, Platform"),
    title="Head of Data; Analytics",
    note=(
        "Met at A;B, Inc. on 2 March\nAsk about C:\\temp — 面接のお礼状を送ること。"
        "東京本社の田中さんに、来週の火曜日までに電話する 📞🎉"
    ),
    emails=(Way("zoe@example.org", ("home",), pref=2), Way("zoe@example.com", ("work",), pref=1)),
    preferred_email=1,
)  # fmt: skip


@pytest.mark.parametrize(
    ("cards", "version", "golden"),
    [
        ((FRANK, TIM), "3.0", "rfc2426_section7.vcf"),
        ((SIMON,), "4.0", "rfc6350_section8.vcf"),
        ((ZOE,), "3.0", "escaping_folding_3.0.vcf"),
        ((ZOE,), "4.0", "escaping_folding_4.0.vcf"),
    ],
)
def test_the_rfc_examples_are_written_as_the_golden_files(
    cards: tuple[CardData, ...], version: str, golden: str
) -> None:
    written = "".join(card_text(card, version) for card in cards).encode("utf-8")  # type: ignore[arg-type]
    expected = (GOLDEN / golden).read_bytes()
    assert written.decode("utf-8").splitlines() == expected.decode("utf-8").splitlines()
    assert written == expected


def test_the_second_reader_reads_the_golden_files_as_the_rfcs_mean_them() -> None:
    """The reader is checked against the hand-written files before it checks the writer."""
    (simon,) = read_cards((GOLDEN / "rfc6350_section8.vcf").read_bytes())
    assert [p.name for p in simon[:2]] == ["BEGIN", "VERSION"]
    assert structured(props(simon, "N")[0].value) == [
        ["Perreault"], ["Simon"], [], [], ["ing. jr", "M.Sc."]
    ]  # fmt: skip
    assert structured(props(simon, "ADR")[0].value) == [
        [], [], ["Suite D2-630\n2875 Laurier"], ["Quebec"], ["QC"], ["G1V 2M2"], ["Canada"]
    ]  # fmt: skip
    tel = props(simon, "TEL")
    assert tel[0].params == {"TYPE": ["work", "voice"], "PREF": ["1"]}
    (zoe,) = read_cards((GOLDEN / "escaping_folding_3.0.vcf").read_bytes())
    assert unescape(props(zoe, "NOTE")[0].value) == ZOE.note
    assert unescape(props(zoe, "TITLE")[0].value) == ZOE.title
    assert structured(props(zoe, "ORG")[0].value) == [["A&B <Labs>"], ["Data, Platform"]]
    (zoe4,) = read_cards((GOLDEN / "escaping_folding_4.0.vcf").read_bytes())
    assert unescape(props(zoe4, "NOTE")[0].value) == ZOE.note
    assert props(zoe4, "TITLE")[0].value == "Head of Data; Analytics"  # no \; in 4.0 text


# --- any card ---------------------------------------------------------------------------------

_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"))
    | st.sampled_from(["\n", "\t", ",", ";", "\\", ":", '"', "é", "张", "😀", "\u200d", "\u0301"]),
    max_size=90,
)
_LABEL = st.sampled_from(["work", "home", "cell", "voice", "fax", "internet", "x-other"])


def _ways(values: st.SearchStrategy[str] | st.SearchStrategy[PostalAddress]) -> st.SearchStrategy:
    return st.lists(
        st.builds(
            Way,
            values,
            st.lists(_LABEL, max_size=3, unique=True).map(tuple),
            st.none() | st.integers(1, 100),
        ),
        max_size=3,
    ).map(tuple)


_CHOICE = st.none() | st.integers(0, 2)


@st.composite
def cards(draw: st.DrawFn) -> CardData:
    emails = draw(_ways(st.emails()))
    phones = draw(_ways(st.from_regex(r"\A\+[0-9][0-9 -]{3,16}[0-9]\Z")))
    addresses = draw(_ways(st.builds(PostalAddress, _TEXT, _TEXT, _TEXT, _TEXT, _TEXT)))
    return CardData(
        formatted_name=draw(_TEXT.filter(str.strip)),
        uid=draw(st.from_regex(r"\A[a-z0-9-]{0,20}\Z")),
        family=draw(st.lists(_TEXT, max_size=2).map(tuple)),
        given=draw(st.lists(_TEXT, max_size=2).map(tuple)),
        suffixes=draw(st.lists(_TEXT, max_size=2).map(tuple)),
        organization=draw(st.lists(_TEXT, max_size=3).map(tuple)),
        title=draw(_TEXT),
        note=draw(st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)),
        emails=emails,
        phones=phones,
        addresses=addresses,
        preferred_email=preferred_index(emails, draw(_CHOICE)),  # the user's pick, or none
        preferred_phone=preferred_index(phones, draw(_CHOICE)),  # the user's pick, or none
        preferred_address=preferred_index(addresses, draw(_CHOICE)),  # the user's pick, or none
    )


def _plain(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _component(values: tuple[str, ...]) -> list[str]:
    """A component as written: one empty value and no value look the same."""
    return [] if values == ("",) else [_plain(v) for v in values]


@settings(max_examples=250, deadline=None)
@given(cards(), st.sampled_from(["3.0", "4.0"]))
def test_any_card_is_read_back_by_the_second_reader(card: CardData, version: str) -> None:
    data = card_text(card, version).encode("utf-8")  # type: ignore[arg-type]
    (read,) = read_cards(data)  # every line: CRLF, <= 75 octets, whole UTF-8 characters
    assert [p.name for p in read[:2]] == ["BEGIN", "VERSION"] and read[1].value == version
    assert read[-1].name == "END"
    assert unescape(props(read, "FN")[0].value) == _plain(card.formatted_name)
    name = structured(props(read, "N")[0].value)
    assert name[0] == _component(card.family)
    assert name[4] == _component(card.suffixes)
    if card.note:
        assert unescape(props(read, "NOTE")[0].value) == _plain(card.note)
    if version == "4.0":
        assert not re.search(r"(?<!\\)(?:\\\\)*\\;", props(read, "FN")[0].value)
    for prop_name, ways, chosen in (
        ("EMAIL", card.emails, card.preferred_email),
        ("TEL", card.phones, card.preferred_phone),
        ("ADR", card.addresses, card.preferred_address),
    ):
        lines = props(read, prop_name)
        assert len(lines) == len(ways)
        for index, (prop, way) in enumerate(zip(lines, ways, strict=True)):
            types = [t.lower() for t in prop.params.get("TYPE", [])]
            marked = "pref" in types if version == "3.0" else prop.params.get("PREF") == ["1"]
            assert marked == (index == chosen and (len(ways) > 1 or way.pref is not None))
            assert [t for t in types if t != "pref"] == list(way.labels)
            if version == "4.0" and not marked:
                # The others keep their own rank, after the preferred one (RFC 6350 §5.3).
                rank = None if way.pref is None else str(max(way.pref, 2))
                assert prop.params.get("PREF") == ([rank] if rank else None)
            if prop_name == "ADR":
                address = way.value
                assert isinstance(address, PostalAddress)
                parts = structured(prop.value)
                assert len(parts) == 7 and parts[0] == parts[1] == []
                for got, text in zip(
                    parts[2:6],
                    (address.street, address.locality, address.region, address.postal_code),
                    strict=True,
                ):
                    assert got == ([_plain(text)] if text else [])
            else:
                assert unescape(prop.value) == way.value


def test_the_users_pick_is_marked_and_the_cards_own_ranks_follow_it() -> None:
    """RFC 6350 §5.3: lower PREF wins. The user picked the second address, the card ranked
    the first 1: the pick is written PREF=1, the first keeps a rank after it, the third none.
    In 3.0 only the pick carries TYPE=pref (RFC 2426 §3.3.1 has no ranks)."""
    emails = (Way("a@x.org", ("work",), 1), Way("b@x.org", ("home",), 5), Way("c@x.org"))
    card = CardData("A", emails=emails, preferred_email=1)
    four = [line for line in card_text(card, "4.0").splitlines() if line.startswith("EMAIL")]
    assert four == [
        "EMAIL;TYPE=work;PREF=2:a@x.org",
        "EMAIL;TYPE=home;PREF=1:b@x.org",
        "EMAIL:c@x.org",
    ]
    three = [line for line in card_text(card, "3.0").splitlines() if line.startswith("EMAIL")]
    assert three == ["EMAIL;TYPE=WORK:a@x.org", "EMAIL;TYPE=HOME,PREF:b@x.org", "EMAIL:c@x.org"]
