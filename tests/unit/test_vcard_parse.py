"""Reading contact cards as phones and address books write them, and as broken files are."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.contact_ways import PostalAddress, Way
from afterview.interop.vcard import VCardParse, load_vcards, parse_vcards
from afterview.store.errors import StoreError

CORPUS = Path(__file__).resolve().parents[1] / "data" / "vcf"


def _load(name: str) -> VCardParse:
    return load_vcards(CORPUS / name)


def _by_name(parsed: VCardParse) -> dict[str, dict[str, object]]:
    return {card.name: card.values() for card in parsed.cards}


def test_apple_cards_with_groups_a_photo_and_escapes() -> None:
    parsed = _load("apple_ios_3.0.vcf")
    assert parsed.errors == []
    laura, zoe = parsed.cards
    assert (laura.name, laura.company, laura.title) == ("Laura Chen", "Acme", "Engineering Manager")
    assert laura.email == "laura.chen@acme.example"  # the pref one of two
    assert laura.phone == "+1 (555) 010-0001"
    assert laura.addresses == (
        Way(PostalAddress("1 Infinite Loop", "Cupertino", "CA", "95014", "US"),
            ("work",), 1),
    )  # fmt: skip
    assert laura.notes.startswith(
        "Met at the Acme onsite\nAsked about the on-call rota, pager duty"
    )
    # Nothing on the card is lost: the other email is kept as an email, not in the notes.
    assert "Other email" not in laura.notes
    assert laura.emails == (
        Way("laura.chen@acme.example", ("internet",), 1),
        Way("laura@home.example", ("internet",)),
    )
    assert laura.email_keys == ("laura.chen@acme.example", "laura@home.example")
    assert (zoe.name, zoe.company) == ("Zoë Ångström", "A&B <Labs>")


def test_google_export_falls_back_to_N_when_FN_is_empty() -> None:
    parsed = _load("google_contacts_3.0.vcf")
    assert parsed.errors == []
    assert [c.name for c in parsed.cards] == ["Omar O'Hara", "Rita Recruiter", "Sam Lee"]
    assert parsed.cards[0].addresses == (
        Way(PostalAddress("200 Market St", "San Francisco", "CA", "94105", "US"), ("work",)),
    )


def test_outlook_21_windows_1252_and_a_quoted_printable_label_with_soft_breaks() -> None:
    parsed = _load("outlook_2.1_cp1252.vcf")
    assert parsed.errors == []
    (card,) = parsed.cards
    assert card.name == "Jürgen Müller"
    assert card.company == "Bäckerei & Söhne GmbH"
    assert card.title == "Geschäftsführer"  # no CHARSET: 2.1 falls back to the Windows code page
    # The structured ADR (the LABEL beside it is the same address, printed).
    assert card.addresses == (
        Way(PostalAddress("Hauptstraße 5", "Berlin", "", "10115", "DE"), ("work",), 1),
    )
    assert card.email == "j.mueller@baeckerei.example"
    assert card.phone == "+49 30 1234567"  # work over cell: neither is PREF
    assert card.phones == (
        Way("+49 30 1234567", ("work", "voice")),
        Way("+49 170 7654321", ("cell", "voice")),
    )
    assert card.notes == ""


def test_android_21_utf8_quoted_printable_with_soft_line_breaks() -> None:
    parsed = _load("android_2.1_qp.vcf")
    assert parsed.errors == []
    wei, ana = parsed.cards
    assert (wei.name, wei.title, wei.company) == ("张伟", "技术总监", "Sakura KK")
    assert wei.notes == "名片は受付でもらった\nSecond line"
    assert (ana.name, ana.phone, ana.email) == ("Ana Ruiz", "+34 600 000 000", "ana@example.org")


def test_vcard_40_uri_values_quoted_parameters_and_pref() -> None:
    (card,) = _load("vcard_4.0.vcf").cards
    assert card.name == "Dr. Priya Natarajan"
    assert card.email == "priya@initech.example"
    assert card.phone == "+1-555-010-0042"  # "tel:" URI scheme dropped
    assert card.addresses == (
        Way(PostalAddress("4 Office Park", "Austin", "TX", "78701", "US"), ("work",)),
    )
    assert card.phones == (Way("+1-555-010-0042", ("voice", "work")),)
    assert card.uid == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"


def test_folded_lines_are_unfolded_even_inside_a_utf8_character() -> None:
    (card,) = _load("folded_lines_3.0.vcf").cards
    assert card.name == "Folded Person"
    assert card.email == "folded@example.com"
    assert card.title == "Head of Things"
    assert card.notes == "Folded notes: " + "café " * 30


def test_utf16_with_a_bom_is_read() -> None:
    (card,) = _load("utf16_outlook.vcf").cards
    assert (card.name, card.email) == ("Utf Sixteen", "u16@example.com")


def test_utf16_without_a_bom_is_read() -> None:
    data = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No Bom\r\nEND:VCARD\r\n".encode("utf-16-le")
    assert [c.name for c in parse_vcards(data).cards] == ["No Bom"]
    assert [c.name for c in parse_vcards(codecs.BOM_UTF8 + b"BEGIN:VCARD\nFN:B\nEND:VCARD").cards]


def test_a_quoted_printable_soft_break_keeps_a_leading_space() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Q\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE:hello=\r\n world=\r\n=21\r\nEND:VCARD\r\n"
    )
    assert parse_vcards(data).cards[0].notes == "hello world!"


def test_odd_charsets_are_reported_not_raised() -> None:
    data = b"BEGIN:VCARD\r\nFN;CHARSET=punycode:\xff\xfe-x\r\nEND:VCARD\r\n"
    (problem,) = parse_vcards(data).errors
    assert problem.reason == "FN is not valid punycode text (its CHARSET)"


def test_old_mac_line_endings() -> None:
    parsed = parse_vcards(b"BEGIN:VCARD\rVERSION:3.0\rFN:Classic Mac\rEND:VCARD\r")
    assert [c.name for c in parsed.cards] == ["Classic Mac"]


# --- malformed files: each problem names the card, the line and the reason --------------------


def test_missing_end_makes_only_that_card_bad() -> None:
    parsed = _load("bad_missing_end.vcf")
    assert [c.name for c in parsed.cards] == ["First Good", "Third Good"]
    (problem,) = parsed.errors
    assert (problem.card, problem.line) == (2, 6)
    assert "no END:VCARD" in problem.reason
    assert str(problem).startswith("card 2 (line 6): ")


def test_truncated_file() -> None:
    parsed = _load("bad_truncated.vcf")
    assert [c.name for c in parsed.cards] == ["Good One"]
    assert [(p.card, p.line) for p in parsed.errors] == [(2, 5)]
    assert "ends before END:VCARD" in parsed.errors[0].reason


@pytest.mark.parametrize("name", ["bad_binary_junk.vcf", "bad_empty.vcf"])
def test_a_file_without_cards_says_so(name: str) -> None:
    parsed = _load(name)
    assert parsed.cards == []
    assert parsed.errors[0].reason.startswith("no contact cards in this file")


def test_latin1_in_a_utf8_version_is_a_bad_card_not_a_guess() -> None:
    parsed = _load("bad_latin1_as_3.0.vcf")
    assert [c.name for c in parsed.cards] == ["Plain Ascii"]
    (problem,) = parsed.errors
    assert (problem.card, problem.line) == (1, 3)
    assert "FN is not UTF-8 text" in problem.reason


def test_invalid_dates_are_warnings_on_otherwise_good_cards() -> None:
    parsed = _load("bad_invalid_dates.vcf")
    assert parsed.errors == []
    first, second = parsed.cards
    assert first.warnings == ("line 4: BDAY '1985-02-30' is not a real date; ignored",)
    assert "'--1301' is not a real date" in second.warnings[0]


def test_every_kind_of_bad_card_is_reported_and_the_good_ones_kept() -> None:
    parsed = _load("bad_mixed.vcf")
    assert [c.name for c in parsed.cards] == ["Good Before", "Good After"]
    reasons = [str(p) for p in parsed.errors]
    assert reasons == [
        "line 5: text outside any card (BEGIN:VCARD … END:VCARD)",
        "card 2 (line 6): the card has no name (no FN, N or ORG)",
        "card 3 (line 11): unsupported vCard version '5.0'",
        "card 4 (line 16): FN: unknown CHARSET 'X-NO-SUCH-CHARSET'",
        "card 5 (line 20): FN contains a NUL character",
        "card 6 (line 24): not a property line (no ':'): 'this line has no colon'",
    ]
    assert parsed.card_count == 7


def test_a_huge_property_we_keep_is_refused_but_a_huge_photo_is_skipped() -> None:
    photo = b"PHOTO;ENCODING=b:" + b"\r\n ".join([b"A" * 74] * 10_000)
    note = b"NOTE:" + b"\r\n ".join([b"n" * 74] * 10_000)
    data = (
        b"BEGIN:VCARD\r\nFN:Photo\r\n%s\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nFN:Note\r\n%s\r\nEND:VCARD\r\n"
    )
    parsed = parse_vcards(data % (photo, note))
    assert [c.name for c in parsed.cards] == ["Photo"]
    assert "NOTE is longer than 256 KB" in parsed.errors[0].reason


def test_problems_beyond_the_limit_are_counted() -> None:
    data = b"BEGIN:VCARD\nEND:VCARD\n" * 500
    parsed = parse_vcards(data)
    assert len(parsed.errors) == 200 and parsed.more_errors == 300 and parsed.bad_count == 500
    assert parsed.problem_text(limit=3).endswith("…and 497 more")


def test_an_unreadable_or_oversized_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot read"):
        load_vcards(tmp_path / "missing.vcf")
    big = tmp_path / "big.vcf"
    with big.open("wb") as handle:
        handle.truncate(101 * 1024 * 1024)  # sparse: no disk, no memory
    with pytest.raises(StoreError, match="is 101 MB; a contact card file of at most 100 MB"):
        load_vcards(big)


# --- properties ------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    parsed = parse_vcards(data)
    assert parsed.card_count == len(parsed.cards) + sum(1 for p in parsed.errors if p.card)


_LINES = st.sampled_from(
    [
        b"BEGIN:VCARD",
        b"END:VCARD",
        b"VERSION:2.1",
        b"VERSION:3.0",
        b"VERSION:4.0",
        b"FN:Ann",
        b"N:Lee;Sam;;;",
        b"EMAIL;PREF:a@b.c",
        b"NOTE;ENCODING=QUOTED-PRINTABLE:a=",
        b"=C3=A9",
        b" folded",
        b"\tfolded",
        b"FN;CHARSET=latin-1:Jos\xe9",
        b"FN:\xff\xfe",
        b"BDAY:1999-02-30",
        b"TEL;VALUE=uri:tel:+1",
        b"ADR:;;1 Road;Town;;;",
        b"item1.EMAIL:x@y",
        b"no colon here",
        b"",
        b"\x00\x01",
        b"PHOTO;ENCODING=b:AAAA",
        b"ORG:A\\;B;C",
        b"FN;CHARSET=punycode:\xff-",
        b"FN;CHARSET=base64:QQ==",
        b"NOTE;ENCODING=b:not base64!",
        b"X-\xff\xfe:junk",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINES, max_size=40), st.sampled_from([b"\r\n", b"\n", b"\r"]))
def test_card_shaped_noise_never_raises_and_every_card_is_accounted_for(
    lines: list[bytes], newline: bytes
) -> None:
    parsed = parse_vcards(newline.join(lines))
    assert parsed.card_count == len(parsed.cards) + sum(1 for p in parsed.errors if p.card)
    for card in parsed.cards:
        assert card.name.strip()
        assert "\x00" not in "".join(str(v) for v in card.values().values())
    for problem in parsed.errors:
        assert problem.line >= 1 and problem.reason
        assert not problem.reason.startswith("cannot be read")  # no unforeseen error
