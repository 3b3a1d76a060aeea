"""mailto: URLs per RFC 6068: what goes in comes back out, whatever the text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview.letters.mailto import build_mailto, parse_mailto

# Any text a letter might hold, line breaks included (a lone CR is normalised to LF).
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=300
)
one_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=120
)
#: What may appear unencoded in the URL: RFC 3986 unreserved characters, the delimiters
#: that structure it, the addr-spec characters we leave as they are, and escapes.
ALLOWED = re.compile(r"[A-Za-z0-9\-._~%@!$'*+=^`{|}?&:,]*")


@given(subject=one_line, body=text)
def test_round_trip(subject: str, body: str) -> None:
    url = build_mailto("laura.chen@acme.example", subject, body)
    assert ALLOWED.fullmatch(url), url
    back = parse_mailto(url)
    assert back.to == ["laura.chen@acme.example"]
    assert back.subject == subject
    assert back.body == body


@given(subject=one_line, body=text)
def test_qurl_keeps_our_encoding(subject: str, body: str) -> None:
    from PySide6.QtCore import QUrl

    url = build_mailto("zoë@example.org", subject, body)
    qurl = QUrl.fromEncoded(url.encode("ascii"), QUrl.ParsingMode.StrictMode)
    assert qurl.isValid()
    assert parse_mailto(bytes(qurl.toEncoded().data()).decode("ascii")) == parse_mailto(url)


def test_known_encoding() -> None:
    url = build_mailto("zoë@a.example", "Tack, Zoë & co", "Hej!\nRad två\n\n— A&B <Labs>")
    assert url == (
        "mailto:zo%C3%AB@a.example?subject=Tack%2C%20Zo%C3%AB%20%26%20co"
        "&body=Hej%21%0D%0ARad%20tv%C3%A5%0D%0A%0D%0A%E2%80%94%20A%26B%20%3CLabs%3E"
    )
    assert "+" not in url


def test_line_breaks_in_a_subject_become_spaces_and_crlf_in_a_body_is_kept_as_one() -> None:
    back = parse_mailto(build_mailto("a@b.example", "one\ntwo", "x\r\ny\rz"))
    assert back.subject == "one two"
    assert back.body == "x\ny\nz"


def test_several_recipients_and_no_fields() -> None:
    assert build_mailto(["a@b.example", "c@d.example"]) == "mailto:a@b.example,c@d.example"
    assert parse_mailto("mailto:a@b.example?to=c@d.example").to == ["a@b.example", "c@d.example"]


def test_not_a_mailto_url() -> None:
    with pytest.raises(ValueError, match="not a mailto"):
        parse_mailto("https://example.org")
