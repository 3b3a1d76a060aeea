"""The right letter for the person (issue 14): the channel follows the contact's card, and
a phone number never goes in an address field. Expected values are written out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from afterview.domain import records as r
from afterview.domain.contact_ways import PostalAddress
from afterview.domain.phone_lines import is_phone_line, without_phone_lines
from afterview.letters.channel import channel_for, default_template
from afterview.letters.context import LetterContext
from afterview.store.values import Profile, Recipient

STOCKHOLM = PostalAddress(
    street="Storgatan 1", locality="Stockholm", postal_code="111 22", country="SE"
)
PHONE_AS_STREET = PostalAddress(street="Tel. +1 555 0100")


def person(
    *,
    email: str = "",
    phone: str = "",
    postal: PostalAddress | None = None,
    chosen: r.Channel | None = None,
    kind: str = "contact",
) -> Recipient:
    text = "\n".join(
        line
        for line in (postal.street, f"{postal.postal_code} {postal.locality}".strip())
        if line
    ) if postal else ""  # fmt: skip
    return Recipient(
        kind=kind,
        id=1,
        name="Maria Anders",
        company="Northwind",
        email=email,
        phone=phone,
        address=text,
        channel=chosen,
        postal_address=postal,
    )


@pytest.mark.parametrize(
    ("card", "channel"),
    [
        (person(email="m@northwind.example", postal=STOCKHOLM, chosen=r.Channel.LETTER), "letter"),
        # Letter chosen, but the card has no postal address: email, since it has one.
        (person(email="m@northwind.example", chosen=r.Channel.LETTER), "email"),
        (person(email="m@x.example", phone="+46 8 123 456", chosen=r.Channel.PHONE), "phone"),
        (person(email="m@northwind.example", postal=STOCKHOLM), "email"),
        (person(phone="+46 8 123 456", postal=STOCKHOLM), "letter"),
        (person(phone="+46 8 123 456", chosen=r.Channel.LETTER), "phone"),
        # A phone number typed as the street is no postal address.
        (person(postal=PHONE_AS_STREET, chosen=r.Channel.LETTER), None),
        (person(), None),
    ],
)  # fmt: skip
def test_the_channel_follows_the_card(card: Recipient, channel: str | None) -> None:
    found = channel_for(card)
    assert (found.value if found is not None else None) == channel


@pytest.mark.parametrize(
    ("card", "options", "template"),
    [
        (person(email="m@x.example", chosen=r.Channel.LETTER), {"step_kind": "thank_you"},
         "thank_you_email"),
        (person(email="m@x.example", postal=STOCKHOLM, chosen=r.Channel.LETTER),
         {"step_kind": "thank_you"}, "thank_you_letter"),
        (person(email="m@x.example", postal=STOCKHOLM, chosen=r.Channel.LETTER), {},
         "thank_you_letter"),
        (person(email="m@x.example", chosen=r.Channel.LETTER), {}, "thank_you_email"),
        (person(phone="+46 8 123 456"), {"step_kind": "follow_up"}, "follow_up_phone"),
        (person(email="m@x.example", kind="reference"), {}, "reference_brief"),
        (person(email="m@x.example"), {"rejected": True}, "after_rejection"),
        # Seed 003 (003_891bc8bc7e47ea3a.txt, "get into networking mode … follow up on these
        # as soon as possible"): contacting a referral lead has its own letter.
        (person(email="m@x.example"), {"step_kind": "contact_referral"}, "referral_intro"),
    ],
)  # fmt: skip
def test_the_template_follows_the_card(
    card: Recipient, options: dict[str, object], template: str
) -> None:
    assert default_template(card, **options) == template  # type: ignore[arg-type]


def _context(card: Recipient, home: PostalAddress | None = None) -> LetterContext:
    interview = r.Interview(
        id=1,
        company="Northwind",
        position="Data Analyst",
        start=datetime(2026, 11, 20, 14, tzinfo=UTC),
        time_zone="UTC",
    )
    profile = Profile(name="Sam Rivera", address=home or PostalAddress(), phone="+1 555 0123")
    return LetterContext(interview, card, profile, date(2026, 11, 21), territory="US")


@pytest.mark.parametrize(
    ("card", "channel", "field"),
    [
        (person(email="m@x.example", phone="+46 8 123 456"), "email", "m@x.example"),
        (person(phone="+46 8 123 456"), "email", ""),
        (person(phone="+46 8 123 456"), "phone", "+46 8 123 456"),
        # The fault the issue found: the phone number filled the letter's address field.
        (person(phone="+46 8 123 456"), "letter", ""),
        (person(phone="+46 8 123 456"), "card", ""),
        (person(phone="+46 8 123 456", postal=STOCKHOLM), "letter",
         "Storgatan 1, SE-111 22 Stockholm, SWEDEN"),
        (person(email="m@x.example", postal=STOCKHOLM), "phone", ""),
        (person(postal=PHONE_AS_STREET, phone="+1 555 0100"), "letter", ""),
    ],
)  # fmt: skip
def test_the_address_field_holds_only_that_channels_address(
    card: Recipient, channel: str, field: str
) -> None:
    assert _context(card).address_field(channel) == field


def test_a_phone_line_never_reaches_the_address_blocks() -> None:
    street = "Storgatan 1\nTel. +46 8 123 456"
    card = person(postal=PostalAddress(street, "Stockholm", "", "111 22", "SE"))
    home = PostalAddress("1 Main St\n+1 555 0123", "Springfield", "IL", "62704", "US")
    context = _context(card, home)
    assert context.recipient_address == "Storgatan 1\nSE-111 22 Stockholm\nSWEDEN"
    assert context.sender_address == "1 Main St\nSpringfield, IL 62704\nUNITED STATES"
    variables = context.variables()
    assert "555" not in variables["address"] and "123 456" not in variables["address"]


@pytest.mark.parametrize(
    ("line", "phone"),
    [
        ("Tel. +1 555 0100", True),
        ("Phone: (555) 010-0100", True),
        ("Mobil 0171 1234567", True),
        ("+44 20 7946 0000", True),
        ("555 010 0100 0", True),
        ("Storgatan 1", False),
        ("100-0001", False),  # a Japanese postal code
        ("62704-1234", False),  # a US ZIP+4
        ("111 22 Stockholm", False),
        ("Telegraph Road 12", False),
        ("PO Box 1234567", False),
        ("", False),
    ],
)
def test_what_is_a_phone_line(line: str, phone: bool) -> None:
    assert is_phone_line(line) is phone


def test_only_street_lines_are_left_out() -> None:
    address = PostalAddress("Tel +1 555 0100\n1 Main St", "Springfield", "IL", "62704", "US")
    assert without_phone_lines(address) == PostalAddress(
        "1 Main St", "Springfield", "IL", "62704", "US"
    )
    assert without_phone_lines(STOCKHOLM) is STOCKHOLM
