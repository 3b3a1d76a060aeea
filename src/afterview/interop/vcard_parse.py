"""Reading vCard files (2.1, 3.0 and 4.0) without trusting them.

The parser reads the whole file before anything is written, keeps only the
properties Afterview uses (a photo is skipped, never held; one of more than
MAX_ANY_PROPERTY_BYTES makes its card bad), and turns every problem into a
:class:`CardProblem` that names the card and the line.
It never raises on bad input: a broken file gives problems, not exceptions.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from afterview.domain import postal
from afterview.domain.cards import email_key, phone_key
from afterview.domain.contact_ways import (
    PREF_MAX,
    PREF_MIN,
    InUse,
    PostalAddress,
    V,
    Way,
    Ways,
    address_text,
    parse_labels,
    union,
)
from afterview.domain.records import Channel, salutation_of
from afterview.domain.text import unstorable

#: A file larger than this is refused before it is read (a phone's address book is a few MB).
MAX_FILE_BYTES = 100 * 1024 * 1024
#: A property we keep may not be longer than this once unfolded; longer ones are skipped.
MAX_PROPERTY_BYTES = 256 * 1024
#: Any property, even one Afterview does not keep (PHOTO, LOGO, SOUND, KEY): past this the card
#: is bad. A phone's contact photo is tens of KB, a camera's full picture a few MB; a 50 MB one
#: is a broken or crafted file, refused by name rather than imported without a word.
MAX_ANY_PROPERTY_BYTES = 10 * 1024 * 1024
MAX_NAME = 500
MAX_TEXT = 100_000
MAX_LABEL = 64
#: Values beyond these per card are dropped: a card with a million EMAIL lines stays small.
MAX_VALUES = 20
#: Past this many problems the rest are counted, not listed.
MAX_PROBLEMS = 200
#: More cards than this in one file is not an address book; refusing it keeps memory bounded.
MAX_CARDS = 50_000
#: A progress callback hears about the file every this many lines (cheap, and often enough
#: for a bar: a 50 MB address book has about a million lines).
PROGRESS_LINES = 4096

#: ``progress(done, total)``: bytes of the file read so far, of all.
Progress = Callable[[int, int], None]

#: The contact's fields a card fills besides its ways to reach them (``ParsedCard.ways``).
CONTACT_FIELDS = ("name", "salutation", "family_name", "title", "company", "notes")
_KEPT = frozenset(
    {
        "VERSION",
        "FN",
        "N",
        "ORG",
        "TITLE",
        "EMAIL",
        "TEL",
        "ADR",
        "LABEL",
        "NOTE",
        "UID",
        "BDAY",
        "X-AFTERVIEW-PREFERRED-CHANNEL",
    }
)
_VERSIONS = ("2.1", "3.0", "4.0")
_ENCODINGS_21 = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_BLANK = frozenset(b" \t\x00\x1a\x0c")
_LINE_ENDS = frozenset(b"\r\n")


@dataclass(frozen=True)
class CardProblem:
    """Why a card (or a stretch of the file outside any card) cannot be imported."""

    card: int | None
    line: int
    reason: str

    def __str__(self) -> str:
        if self.card is None:
            return f"line {self.line}: {self.reason}"
        return f"card {self.card} (line {self.line}): {self.reason}"


@dataclass(frozen=True)
class ParsedCard(InUse):
    """One good card, as the values of a contact: every email, phone and postal address with
    its labels and rank, in the card's order (issue 12 §3)."""

    number: int
    line: int
    name: str
    #: From N only when its honorific prefix is one of cards.SALUTATIONS (the person's own
    #: card says so); otherwise both "", never guessed from the name.
    salutation: str = ""
    family_name: str = ""
    title: str = ""
    company: str = ""
    emails: tuple[Way[str], ...] = ()
    phones: tuple[Way[str], ...] = ()
    addresses: tuple[Way[PostalAddress], ...] = ()
    notes: str = ""
    preferred_channel: str | None = None
    uid: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def ways(self) -> Ways:
        return Ways(self.emails, self.phones, self.addresses)

    @property
    def email_keys(self) -> tuple[str, ...]:
        """Every email on the card (lower case, each once), to find duplicates by any of them."""
        return tuple(dict.fromkeys(email_key(way.value) for way in self.emails))

    def values(self) -> dict[str, str | None]:
        data: dict[str, str | None] = {name: getattr(self, name) for name in CONTACT_FIELDS}
        data["preferred_channel"] = self.preferred_channel
        return data


@dataclass
class VCardParse:
    cards: list[ParsedCard] = field(default_factory=list)
    errors: list[CardProblem] = field(default_factory=list)
    #: Problems beyond MAX_PROBLEMS, counted only.
    more_errors: int = 0
    #: How many BEGIN:VCARD the file holds, good and bad.
    card_count: int = 0

    @property
    def bad_count(self) -> int:
        return len(self.errors) + self.more_errors

    def summary(self) -> str:
        bad = self.bad_count
        return f"{len(self.cards)} good cards" + (f", {bad} problems" if bad else "")

    def problem_text(self, limit: int = 10) -> str:
        lines = [str(problem) for problem in self.errors[:limit]]
        rest = self.bad_count - len(lines)
        if rest > 0:
            lines.append(f"…and {rest} more")
        return "\n".join(lines)


class _CardError(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


@dataclass
class _Property:
    name: str
    params: dict[str, list[str]]
    raw: bytes
    line: int
    too_long: bool = False


@dataclass
class _Card:
    number: int
    line: int
    props: dict[str, list[_Property]] = field(default_factory=dict)
    error: _CardError | None = None

    def fail(self, line: int, reason: str) -> None:
        if self.error is None:
            self.error = _CardError(line, reason)


# --- physical and logical lines ------------------------------------------------------------


def _normalise_bytes(data: bytes) -> bytes:
    """UTF-8 bytes with '\\n' line ends, whatever the exporter wrote (BOMs, UTF-16, old Macs)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    else:
        head = data[:200]
        # Outlook can write UTF-16 without a BOM: every other byte of "BEGIN" is NUL.
        if head[1::2].count(0) > len(head) // 3 and head[0::2].count(0) == 0:
            data = data.decode("utf-16-le", errors="replace").encode("utf-8")
        elif head[0::2].count(0) > len(head) // 3 and head[1::2].count(0) == 0:
            data = data.decode("utf-16-be", errors="replace").encode("utf-8")
    if b"\n" not in data[:65536] and b"\r" in data:
        data = data.replace(b"\r", b"\n")
    return data


def _physical_lines(
    data: bytes, progress: Progress | None = None
) -> Iterator[tuple[int, bytes, int]]:
    """(number, line, size) of every line without its line end. A line longer than
    MAX_PROPERTY_BYTES comes as its first KB only, with its whole size: a 50 MB line is never
    copied (slicing it out of the file, then stripping its line end, would be two copies)."""
    total, start, number = len(data), 0, 0
    if progress is not None:
        progress(0, total)
    find = data.find
    while start < total:
        end = find(b"\n", start)
        end = total if end < 0 else end + 1
        stop = end
        while stop > start and data[stop - 1] in _LINE_ENDS:
            stop -= 1
        number += 1
        size = stop - start
        yield number, data[start : stop if size <= MAX_PROPERTY_BYTES else start + 1024], size
        start = end
        if progress is not None and number % PROGRESS_LINES == 0:
            progress(start, total)
    if progress is not None:
        progress(total, total)


@dataclass
class _Logical:
    line: int
    pieces: list[bytes]
    size: int
    quoted_printable: bool
    too_long: bool = False

    def add(self, piece: bytes, size: int) -> None:
        """``piece`` of ``size`` bytes (only its head when it is longer than the limit)."""
        self.size += size  # counted on even when skipped: MAX_ANY_PROPERTY_BYTES
        if self.too_long:
            return
        if self.size > MAX_PROPERTY_BYTES:
            self.too_long = True
            self.pieces = self.pieces[:1]  # keep the head: the name and parameters
            return
        self.pieces.append(piece)

    def text(self) -> bytes:
        return b"".join(self.pieces)

    def head(self, size: int) -> bytes:
        """The first bytes of the unfolded line (a fold may fall anywhere, even in END:VCARD)."""
        if len(self.pieces[0]) >= size or len(self.pieces) == 1:
            return self.pieces[0][:size]
        return b"".join(self.pieces[:size])[:size]


def _is_quoted_printable(head: bytes) -> bool:
    colon = head.find(b":")
    return b"QUOTED-PRINTABLE" in (head[:colon] if colon >= 0 else head).upper()


def _logical_lines(data: bytes, progress: Progress | None = None) -> Iterator[_Logical]:
    """Unfold continuation lines, and quoted-printable soft breaks (a line ending in '=')."""
    current: _Logical | None = None
    for number, line, size in _physical_lines(data, progress):
        if current is not None:
            # A quoted-printable soft break first: there a leading space is part of the text.
            if (
                current.quoted_printable
                and current.pieces[-1].endswith(b"=")
                and line
                and line.strip().upper() != b"END:VCARD"
            ):
                current.pieces[-1] = current.pieces[-1][:-1]
                current.add(line, size)
                continue
            if line[:1] in (b" ", b"\t"):
                current.add(line[1:], size - 1)
                if not current.quoted_printable and current.size < 1024:
                    # The parameters themselves may be folded: "ENCODING=QUOTED-\r\n PRINTABLE".
                    current.quoted_printable = _is_quoted_printable(current.text())
                continue
            yield current
        current = _Logical(number, [line], size, _is_quoted_printable(line[:1024]))
        if current.size > MAX_PROPERTY_BYTES:
            current.too_long, current.pieces = True, [line[:1024]]
    if current is not None:
        yield current


# --- one property line ---------------------------------------------------------------------


def _split_unquoted(text: str, separator: str) -> list[str]:
    parts, start, quoted = [], 0, False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _parse_property(logical: _Logical) -> _Property | None:
    """The property's name and parameters; None when the line has no ':' at all."""
    raw = logical.text()
    head = raw[:4096]
    # The first ':' outside double quotes ends the name and parameters (4.0 quotes params).
    quoted, colon = False, -1
    for index, byte in enumerate(head):
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x3A and not quoted:
            colon = index
            break
    if colon < 0:
        return None
    # 4.0 allows UTF-8 in parameters ("TYPE=büro"); a byte that is not UTF-8 becomes U+FFFD,
    # which a label refuses (_labels).
    left = head[:colon].decode("utf-8", errors="replace")
    parts = _split_unquoted(left, ";")
    name = parts[0].strip().rsplit(".", 1)[-1].upper()  # Apple's "item1.EMAIL" groups
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, equals, value = part.partition("=")
        if not equals:  # 2.1 writes bare parameters: "TEL;WORK;PREF:"
            value = key
            key = "ENCODING" if key.strip().upper() in _ENCODINGS_21 else "TYPE"
        values = [v.strip().strip('"') for v in _split_unquoted(value, ",")]
        params.setdefault(key.strip().upper(), []).extend(v for v in values if v)
    return _Property(name, params, raw[colon + 1 :], logical.line, logical.too_long)


# --- values --------------------------------------------------------------------------------

_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}


def _split_structured(text: str, separator: str = ";") -> list[str]:
    """Split on unescaped separators and undo the escapes in each part."""
    parts: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            following = text[index + 1]
            current.append(_ESCAPES.get(following, "\\" + following))
            index += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    return _split_structured(text, "\x00")[0] if "\\" in text else text


def _decode(prop: _Property, version: str) -> str:
    encoding = [e.upper() for e in prop.params.get("ENCODING", [])]
    raw = prop.raw
    if "QUOTED-PRINTABLE" in encoding:
        raw = quopri.decodestring(raw)
    elif "B" in encoding or "BASE64" in encoding:
        try:
            raw = base64.b64decode(raw.replace(b" ", b""), validate=True)
        except (binascii.Error, ValueError):
            raise _CardError(prop.line, f"{prop.name} is not valid base64") from None
    charsets = prop.params.get("CHARSET")
    if charsets:
        try:
            return raw.decode(charsets[0])
        except LookupError:
            raise _CardError(prop.line, f"{prop.name}: unknown CHARSET {charsets[0]!r}") from None
        except (UnicodeError, ValueError, TypeError):
            raise _CardError(
                prop.line, f"{prop.name} is not valid {_shown(charsets[0])} text (its CHARSET)"
            ) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if version == "2.1":
            # vCard 2.1 predates UTF-8 as the default; Windows tools wrote their code page.
            return raw.decode("cp1252", errors="replace")
        raise _CardError(
            prop.line, f"{prop.name} is not UTF-8 text (byte {error.start + 1} of the value)"
        ) from None


def _shown(name: str) -> str:
    """A parameter as a message quotes it: as written, or escaped when it holds a NUL."""
    return name if name.isprintable() and len(name) <= 40 else ascii(name[:40])


def _clean(text: str, prop: _Property, limit: int) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A CHARSET such as unicode_escape can decode "\ud800" to a lone surrogate.
    problem = unstorable(text)
    if problem is not None:
        raise _CardError(prop.line, f"{prop.name} {problem}")
    if len(text) > limit:
        raise _CardError(
            prop.line, f"{prop.name} is too long ({len(text):,} characters; at most {limit:,})"
        )
    return text


def _types(prop: _Property) -> list[str]:
    """The TYPE values, lower case, one each: ``TYPE=work,pref``, ``TYPE="work,voice"`` (4.0
    quotes a list) and 2.1's bare ``WORK;PREF`` all count. _CardError for a label that is not
    text (a NUL, a byte that is not UTF-8, a control character): labels are stored."""
    labels = [t for value in prop.params.get("TYPE", []) for t in parse_labels(value) or ()]
    for label in labels:
        problem = unstorable(label)
        if problem is not None:
            raise _CardError(prop.line, f"{prop.name}: its TYPE {problem}")
        if "\ufffd" in label or not label.isprintable():
            raise _CardError(prop.line, f"{prop.name}: its TYPE {label!r} is not UTF-8 text")
        if len(label) > MAX_LABEL:
            raise _CardError(prop.line, f"{prop.name}: its TYPE is longer than {MAX_LABEL}")
    return labels


def _rank(prop: _Property, version: str) -> int | None:
    """The value's rank, 1 (most preferred) to 100, or None: ``PREF=n`` (RFC 6350 §5.3, also
    read in older cards), else ``TYPE=pref`` (vCard 2.1 and 3.0, RFC 2426 §3.3.1), which counts
    as 1. A PREF out of range or not a number is ignored (the value is kept, unranked)."""
    for given in prop.params.get("PREF", []):
        text = given.strip()
        if text.isdigit() and PREF_MIN <= int(text) <= PREF_MAX:
            return int(text)
        if not text and version != "4.0":  # a bare 2.1 PREF parsed as a parameter name
            return PREF_MIN
    types = {t.strip().lower() for value in prop.params.get("TYPE", []) for t in value.split(",")}
    return PREF_MIN if "pref" in types else None


_BDAY = re.compile(r"^(\d{4}|--)-?(\d{2})-?(\d{2})(?:T.*)?$")


def _valid_day(text: str) -> bool:
    match = _BDAY.match(text.strip())
    if match is None:
        return False
    year = 2000 if match.group(1) == "--" else int(match.group(1))  # 2000: Feb 29 exists
    try:
        date(year, int(match.group(2)), int(match.group(3)))
    except ValueError:
        return False
    return True


def _strip_scheme(value: str, scheme: str) -> str:
    # vCard 4.0 writes TEL (and some tools EMAIL) as a URI: "tel:+1-555-0100".
    return value[len(scheme) :] if value.lower().startswith(scheme) else value


def _join(parts: list[str], separator: str) -> str:
    return separator.join(p.strip() for p in parts if p.strip())


def _address(parts: list[str]) -> PostalAddress:
    """ADR's seven parts (RFC 6350 §6.3.1, RFC 2426 §3.2.1: post office box; extended
    address; street; locality; region; postal code; country) as a PostalAddress: the post
    office box and the extended address (an apartment, a suite) become street lines after the
    street rather than being dropped. The country, free text on a card ("USA", "Deutschland"),
    is kept as its ISO code when it names a country Afterview knows, as written otherwise."""
    parts = (parts + [""] * 7)[:7]
    pobox, extended, street, locality, region, code, country = (p.strip() for p in parts)
    lines = [line for line in (street, extended, pobox) if line]
    known = postal.country_code(country) if country else None
    return PostalAddress("\n".join(lines), locality, region, code, known or country)


def _once(found: list[Way[V]], key: Callable[[V], str]) -> list[Way[V]]:
    """Each value once (:func:`contact_ways.union` with nothing); a lone value needs no key,
    which for a phone spares a phonenumbers parse on most cards of a large file."""
    return found if len(found) < 2 else list(union((), found, key))


def _components(text: str) -> list[str]:
    """A structured value split on its unescaped ``;``, each component still escaped (so a
    component's own ``,`` separators can be told from an escaped comma)."""
    parts: list[str] = []
    start = index = 0
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == ";":
            parts.append(text[start:index])
            start = index + 1
        index += 1
    parts.append(text[start:])
    return parts


def _greeting(name: str) -> tuple[str, str]:
    """The salutation and family name from N's value (RFC 6350 §6.2.2: the family names
    first, the honorific prefixes fourth, several values of one part separated by commas),
    taken only when the prefix is exactly one of cards.SALUTATIONS ("Dr." is "Dr"); else
    ("", ""): a prefix such as "Prof." or "Mrs" is not ours to translate, and a family name
    without one may be an address book's guess."""
    family, _given, _additional, prefix = (_components(name) + [""] * 4)[:4]
    prefixes = _split_structured(prefix, ",")
    salutation = salutation_of(prefixes[0]) if len(prefixes) == 1 else None
    if not salutation:
        return "", ""
    values = (value.strip() for value in _split_structured(family, ","))
    return salutation, " ".join(value for value in values if value)


def _build(card: _Card) -> ParsedCard:
    props = card.props
    version_props = props.get("VERSION", [])
    version = ""
    if version_props:
        version = version_props[0].raw.decode("ascii", errors="replace").strip()
    if version and version not in _VERSIONS:
        raise _CardError(version_props[0].line, f"unsupported vCard version {version!r}")
    version = version or "3.0"
    for prop_list in props.values():
        for prop in prop_list:
            if prop.too_long:
                raise _CardError(
                    prop.line, f"{prop.name} is longer than {MAX_PROPERTY_BYTES // 1024} KB"
                )

    def text(prop: _Property, limit: int = MAX_NAME) -> str:
        return _clean(_unescape(_decode(prop, version)), prop, limit)

    def parts(prop: _Property, limit: int = MAX_NAME) -> list[str]:
        return [_clean(p, prop, limit) for p in _split_structured(_decode(prop, version))]

    warnings: list[str] = []
    name = ""
    for prop in props.get("FN", []):
        name = text(prop)
        if name.strip():
            break
        name = ""
    if not name:
        for prop in props.get("N", []):
            family, given, additional, prefix, suffix = (parts(prop) + [""] * 5)[:5]
            name = _join([prefix, given, additional, family, suffix], " ")
            if name:
                break
    salutation = family_name = ""
    for prop in props.get("N", [])[:1]:
        salutation, family_name = (
            _clean(value, prop, MAX_NAME) for value in _greeting(_decode(prop, version))
        )
    company = ""
    for prop in props.get("ORG", []):
        company = parts(prop)[0]
        if company.strip():
            break
        company = ""
    if not name:
        name = company.strip()
    if not name:
        raise _CardError(card.line, "the card has no name (no FN, N or ORG)")

    def way(prop: _Property, value: V) -> Way[V]:
        labels = tuple(t for t in _types(prop) if t != "pref")
        return Way(value, labels, _rank(prop, version))

    # A value written twice on one card (FAY@X.EXAMPLE at work and at home, a number with and
    # without spaces) is kept once, with both labels and the better rank, as a merge does.
    emails = _once(
        [
            way(prop, email)
            for prop in props.get("EMAIL", [])
            if (email := _strip_scheme(text(prop).strip(), "mailto:"))
        ],
        email_key,
    )
    phones = _once(
        [
            way(prop, phone)
            for prop in props.get("TEL", [])
            if (phone := _strip_scheme(text(prop).strip(), "tel:"))
        ],
        lambda phone: phone_key(phone, None),
    )
    addresses = _once(
        [
            way(prop, address)
            for prop in props.get("ADR", [])
            if not (address := _address(parts(prop, MAX_TEXT))).is_empty
        ],
        lambda address: address_text(address).casefold(),
    )
    if not addresses:
        # A 2.1/3.0 LABEL (the address as printed) only when the card has no ADR: kept whole.
        for prop in props.get("LABEL", []):
            label = text(prop, MAX_TEXT).strip("\n")
            if label.strip():
                addresses.append(way(prop, PostalAddress(street=label)))

    notes = "\n".join(text(p, MAX_TEXT) for p in props.get("NOTE", []))
    if len(notes) > MAX_TEXT:
        raise _CardError(card.line, f"NOTE is too long ({len(notes):,} characters)")

    channel = None
    for prop in props.get("X-AFTERVIEW-PREFERRED-CHANNEL", []):
        value = text(prop).strip().lower()
        if value in {c.value for c in Channel}:
            channel = value
        else:
            warnings.append(f"preferred channel {value!r} is not email, phone or letter; ignored")
    for prop in props.get("BDAY", []):
        value = text(prop).strip()
        if value and not _valid_day(value):
            warnings.append(f"line {prop.line}: BDAY {value!r} is not a real date; ignored")
    uid = ""
    for prop in props.get("UID", []):
        uid = text(prop).strip()

    title = ""
    for prop in props.get("TITLE", []):
        title = text(prop)
        if title.strip():
            break
    return ParsedCard(
        number=card.number,
        line=card.line,
        name=name,
        salutation=salutation,
        family_name=family_name,
        title=title,
        company=company,
        emails=tuple(emails[:MAX_VALUES]),
        phones=tuple(phones[:MAX_VALUES]),
        addresses=tuple(addresses[:MAX_VALUES]),
        notes=notes,
        preferred_channel=channel,
        uid=uid,
        warnings=tuple(warnings),
    )


# --- the file ------------------------------------------------------------------------------


class _Collector:
    def __init__(self) -> None:
        self.result = VCardParse()

    def problem(self, card: int | None, line: int, reason: str) -> None:
        if len(self.result.errors) < MAX_PROBLEMS:
            self.result.errors.append(CardProblem(card, line, reason))
        else:
            self.result.more_errors += 1

    def finish(self, card: _Card) -> None:
        if card.error is None:
            try:
                self.result.cards.append(_build(card))
                return
            except _CardError as error:
                card.error = error
            except Exception as error:  # a file must never crash the import: report the card
                card.error = _CardError(card.line, f"cannot be read ({type(error).__name__})")
        assert card.error is not None
        self.problem(card.number, card.error.line, card.error.reason)


def _is_blank(line: bytes) -> bool:
    return all(byte in _BLANK for byte in line)


def parse_vcards(data: bytes, progress: Progress | None = None) -> VCardParse:
    """Every card in ``data``: the good ones as contacts, the bad ones as problems.

    ``progress(done, total)`` hears how many bytes of the (normalised) file have been read:
    0 first, then every PROGRESS_LINES lines, and ``total`` once it is all read. An exception
    it raises stops the parse and propagates: that is how a caller cancels."""
    collector = _Collector()
    data = _normalise_bytes(data)
    card: _Card | None = None
    junk_start: int | None = None
    junk_end = 0
    for logical in _logical_lines(data, progress):
        head = logical.head(64).strip().upper()
        if card is None:
            if head == b"BEGIN:VCARD":
                if collector.result.card_count >= MAX_CARDS:
                    return _too_many(logical.line)
                if junk_start is not None:
                    collector.problem(None, junk_start, _junk(junk_start, junk_end))
                    junk_start = None
                collector.result.card_count += 1
                card = _Card(collector.result.card_count, logical.line)
            elif not _is_blank(logical.head(64)):
                junk_start = logical.line if junk_start is None else junk_start
                junk_end = logical.line
            continue
        if head == b"END:VCARD":
            collector.finish(card)
            card = None
            continue
        if head == b"BEGIN:VCARD":
            if collector.result.card_count >= MAX_CARDS:
                return _too_many(logical.line)
            card.fail(card.line, f"no END:VCARD before the next card begins at line {logical.line}")
            collector.finish(card)
            collector.result.card_count += 1
            card = _Card(collector.result.card_count, logical.line)
            continue
        if card.error is not None or _is_blank(logical.head(64)):
            continue
        prop = _parse_property(logical)
        if prop is not None and logical.size > MAX_ANY_PROPERTY_BYTES:
            card.fail(logical.line, _huge(prop.name, logical.size))
        elif prop is None:
            shown = logical.head(40).decode("utf-8", errors="replace")
            card.fail(logical.line, f"not a property line (no ':'): {shown!r}")
        elif prop.name in _KEPT:
            kept = card.props.setdefault(prop.name, [])
            if len(kept) < MAX_VALUES:
                kept.append(prop)
        elif not prop.name or not re.fullmatch(r"[A-Z0-9-]+", prop.name):
            card.fail(logical.line, f"not a property name: {prop.name[:40]!r}")
    if card is not None:
        card.fail(card.line, "the file ends before END:VCARD (is it cut short?)")
        collector.finish(card)
    if junk_start is not None:
        collector.problem(None, junk_start, _junk(junk_start, junk_end))
    if collector.result.card_count == 0:
        collector.result.errors.insert(
            0, CardProblem(None, 1, "no contact cards in this file (no line says BEGIN:VCARD)")
        )
    return collector.result


def _huge(name: str, size: int) -> str:
    mb, limit = size / 2**20, MAX_ANY_PROPERTY_BYTES // 2**20
    return (
        f"{name[:40]} is {mb:,.0f} MB; a card may hold at most {limit} MB in one property "
        "(Afterview keeps no photos: export the contacts without them, or remove this one)"
    )


def _too_many(line: int) -> VCardParse:
    reason = (
        f"more than {MAX_CARDS:,} cards in one file; nothing was read "
        "(split the file, or export fewer contacts at a time)"
    )
    return VCardParse(errors=[CardProblem(None, line, reason)], card_count=MAX_CARDS + 1)


def _junk(start: int, end: int) -> str:
    where = "" if start == end else f" (lines {start}-{end})"
    return f"text outside any card (BEGIN:VCARD … END:VCARD){where}"
