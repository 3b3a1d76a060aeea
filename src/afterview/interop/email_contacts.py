"""Contacts from an email (issue 18 §2): the sender, with the fields their signature gives, and
the people in To and Cc (name and email only).

The message is parsed with Python's ``email`` package (``policy.default``, RFC 5322 headers,
RFC 2047 encoded names, MIME bodies); an HTML body is turned into text with the standard
library's ``html.parser`` (block elements end a line, ``<blockquote>``, ``<style>`` and
``<script>`` are dropped). The signature rules are afterview.interop.signature_read's.
Nothing here touches the database; afterview.interop.email_import writes the people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage, Message
from email.parser import BytesParser
from html.parser import HTMLParser
from pathlib import Path

from afterview.domain.cards import check_email, email_key
from afterview.interop.signature_read import read_signature
from afterview.store.errors import StoreError
from afterview.store.file_input import MB, read_regular

#: The largest message read: 25 MB, the most Gmail and Outlook.com let one message carry, so
#: a saved message with its attachments fits.
LIMIT = 25 * MB
#: Characters of a body the signature rules read (the end of a longer body is kept).
BODY_LIMIT = 200_000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
#: Inline styles that keep an element's text from the reader's eyes: a mailing tool's hidden
#: preview line ("preheader"), Outlook's ``mso-hide:all`` (CSS 2.1 §9.2.4, §11.2), text of no
#: size or no opacity. (Text hidden by a class, or coloured as its background, is still read.)
_HIDDEN_STYLE = re.compile(
    r"(?:^|;)\s*(?:(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all)\b"
    r"|font-size\s*:\s*0(?:\.0*)?(?:px|pt|em|rem|%)?\s*(?:!important)?\s*(?:;|$)"
    r"|opacity\s*:\s*0(?:\.0*)?\s*(?:!important)?\s*(?:;|$))",
    re.I,
)


class EmailError(StoreError):
    """The file is not an email Afterview can read; nothing was imported."""


@dataclass(frozen=True)
class EmailPerson:
    """One person the message names. ``role``: "sender", "to" or "cc"."""

    name: str
    #: As the header gives it, lower-cased.
    email: str
    role: str
    title: str = ""
    company: str = ""
    #: E.164, or "".
    phone: str = ""
    #: One line, the signature's address parts joined by ", ", or "".
    address: str = ""


@dataclass(frozen=True)
class EmailContacts:
    """What one message gives: the sender first, then To and Cc, each address once."""

    source: str
    subject: str
    sender: EmailPerson
    recipients: tuple[EmailPerson, ...]

    @property
    def people(self) -> tuple[EmailPerson, ...]:
        return (self.sender, *self.recipients)


def _clean(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def display_name(name: str) -> str:
    """A From display name as a person writes it: "Weber, Thomas" becomes "Thomas Weber"
    (one comma between two single words is the directory's "Last, First" order)."""
    cleaned = _clean(name).strip("'\" ")
    last, comma, first = cleaned.partition(",")
    if comma and last.strip() and first.strip() and len(cleaned.split()) == 2:
        return f"{first.strip()} {last.strip()}"
    return cleaned


class _TextOfHtml(HTMLParser):
    """A line per block element (a ``<div>`` or ``<p>`` starts a line unless one was just
    started; ``<br>`` always ends one, so Gmail's ``<div><br></div>`` is a blank line)."""

    _BLOCKS = frozenset(
        {"p", "div", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
         "section", "article", "header", "footer"}
    )  # fmt: skip
    _SKIPPED = frozenset({"style", "script", "head", "title", "blockquote"})
    #: Elements without an end tag: never the start of a hidden block.
    _VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
    )  # fmt: skip
    #: Elements whose end tag may be left out: a sibling of the same name ends them.
    _OPTIONAL_END = frozenset({"p", "li", "td", "th", "tr", "dt", "dd", "option"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._skipping = 0
        self._line_start = True
        #: The hidden element being skipped, and how many of its name are open inside it.
        self._hidden_tag = ""
        self._hidden_depth = 0

    def _hides(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if self._hidden_tag or tag in self._VOID:
            return False
        return any(
            name == "hidden" or (name == "style" and _HIDDEN_STYLE.search(value or ""))
            for name, value in attrs
        )

    def _soft_break(self) -> None:
        if not self._line_start:
            self.pieces.append("\n")
            self._line_start = True

    def _end_hidden(self) -> None:
        self._hidden_tag, self._hidden_depth = "", 0
        self._skipping = max(0, self._skipping - 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self._hidden_tag:
            if tag in self._OPTIONAL_END and self._hidden_depth == 1:
                self._end_hidden()  # "<p hidden>a<p>b": the second paragraph ends the first
            else:
                self._hidden_depth += 1
        if self._hides(tag, attrs):
            self._hidden_tag, self._hidden_depth = tag, 1
            self._skipping += 1
        elif tag in self._SKIPPED:
            self._skipping += 1
        elif self._skipping:
            return
        elif tag == "br":
            self.pieces.append("\n")
            self._line_start = True
        elif tag in self._BLOCKS:
            self._soft_break()
        elif tag == "td" and not self._line_start:
            self.pieces.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._hidden_tag:
            self._hidden_depth -= 1
            if self._hidden_depth == 0:
                self._end_hidden()
        elif tag in self._SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCKS and not self._skipping:
            self._soft_break()

    def handle_data(self, data: str) -> None:
        # Spacing between tags in the source is no text; a no-break space is (a blank line).
        if self._skipping or (self._line_start and not data.strip(" \t\r\n")):
            return
        self.pieces.append(data.replace("\r", " ").replace("\n", " "))
        self._line_start = False


def html_text(html: str) -> str:
    """The text of an HTML body, a line per block element; markup and quoted blocks dropped."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    text = "".join(parser.pieces).replace("\xa0", " ")
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _text(part: Message) -> str:
    try:
        content = part.get_content() if isinstance(part, EmailMessage) else ""
    except (LookupError, ValueError, AssertionError):  # an unknown charset, a bad encoding
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def body_text(message: EmailMessage) -> str:
    """The message's text body (the plain part when there is one, else the HTML as text)."""
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    text = _text(body)[-BODY_LIMIT:]
    return html_text(text) if body.get_content_subtype() == "html" else text


def eight_bit(text: str) -> str:
    """A header's raw 8-bit bytes as the text they are. RFC 6532 lets a header carry UTF-8
    unencoded, and the ``email`` package hands such bytes over as lone surrogates ("Anna
    M\udcc3\udcbcller"), which would become spaces; they are read as UTF-8, else as
    Windows-1252 (what older Western mail programs wrote)."""
    if not any("\udc80" <= char <= "\udcff" for char in text):
        return text
    raw = text.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def _addresses(message: EmailMessage, header: str) -> list[tuple[str, str]]:
    value = message.get(header)
    found: list[tuple[str, str]] = []
    for address in getattr(value, "addresses", ()):
        if isinstance(address, Address) and address.username and address.domain:
            email = _clean(f"{address.username}@{address.domain}").replace(" ", "")
            if check_email(email).ok:
                found.append((display_name(eight_bit(address.display_name)), email_key(email)))
    return found


def read_email(data: bytes, *, source: str, region: str | None) -> EmailContacts:
    """The people of one RFC 5322 message given as bytes.

    ``source`` names the file in messages; ``region`` (ISO 3166-1 alpha-2, the interview's
    country or the home country) is where phone numbers without ``+`` are read. EmailError,
    naming ``source``, when the bytes are not a message with a From address.
    """
    if b"\x00" in data[:65536]:
        raise EmailError(f"{source} is not an email: it holds binary data (nothing was imported)")
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
        assert isinstance(message, EmailMessage)
        senders = _addresses(message, "From")
        if not senders:
            raise EmailError(
                f"{source} is not an email Afterview can read: it has no From header with an "
                "address (nothing was imported)"
            )
        subject = _clean(eight_bit(str(message.get("Subject", ""))))
        name, email = senders[0]
        text = body_text(message)
        fields = read_signature(text, name=name, email=email, region=region)
        sender = EmailPerson(
            name, email, "sender", fields.title, fields.company, fields.phone, fields.address
        )
        seen = {email}
        recipients: list[EmailPerson] = []
        for header, role in (("To", "to"), ("Cc", "cc")):
            for other_name, other in _addresses(message, header):
                if other not in seen:
                    seen.add(other)
                    recipients.append(EmailPerson(other_name, other, role))
    except EmailError:
        raise
    except Exception as error:  # the stdlib header parser's own bugs on hostile input
        raise EmailError(
            f"{source} is not an email Afterview can read ({type(error).__name__}); "
            "nothing was imported"
        ) from error
    return EmailContacts(source, subject, _clean_person(sender), tuple(recipients))


def _clean_person(person: EmailPerson) -> EmailPerson:
    return replace(
        person,
        title=_clean(person.title),
        company=_clean(person.company),
        address=_clean(person.address),
    )


def load_email(path: Path, region: str | None = None) -> EmailContacts:
    """Read a saved message (``.eml``) of at most :data:`LIMIT` bytes whole (StoreError for a
    folder, a pipe, a device or a larger file; EmailError when it is not a message)."""
    data = read_regular(path, LIMIT, "email")
    return read_email(data, source=str(path), region=region)
