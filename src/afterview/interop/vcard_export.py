"""Contacts as vCard: 3.0 (RFC 2426, the default, which address books import most widely) or
4.0 (RFC 6350). Written here rather than by vobject so each rule of the version is kept:

- folding (RFC 2425 §5.8.1 for 3.0, RFC 6350 §3.2 for 4.0): no line longer than 75 octets
  without its CRLF, a continuation line starting with one space, and never a fold inside a
  UTF-8 sequence;
- escaping (RFC 2426 §4 ``text-value``: backslash, comma, semicolon and line break; RFC 6350
  §3.4: backslash, comma and line break in text, and semicolon too inside a component of a
  structured value);
- VERSION right after BEGIN (RFC 6350 §6.7.9); FN and N on every card (both required in
  3.0, RFC 2426 §5; FN required in 4.0, RFC 6350 §6.2.1, N written too); the card's family
  name in N's first component and its salutation in the fourth, the honorific prefix
  (RFC 6350 §6.2.2, RFC 2426 §3.1.2);
- ADR structured (RFC 2426 §3.2.1, RFC 6350 §6.3.1): post-office box and extended address
  empty (RFC 6350 advises it), the street lines in the street component joined by escaped
  line breaks, then locality, region, postal code and country;
- the preferred email, phone and address marked: ``TYPE=pref`` in 3.0 (RFC 2426 §3.3.1),
  ``PREF=1`` in 4.0 (RFC 6350 §5.3), each value's own labels kept as TYPE values.

The core (:func:`card_text`) takes a :class:`CardData`; :func:`card_from_contact` builds one
from a contact record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from afterview.domain.contact_ways import PREF_MIN, PostalAddress, Way, preferred_index
from afterview.domain.records import Contact
from afterview.interop.files import write_atomically

if TYPE_CHECKING:
    from afterview.store.operations import Store

Version = Literal["3.0", "4.0"]
VERSIONS: tuple[Version, ...] = ("3.0", "4.0")
DEFAULT_VERSION: Version = "3.0"

#: RFC 2425 §5.8.1 and RFC 6350 §3.2: at most 75 octets on a line, not counting its CRLF.
MAX_LINE_OCTETS = 75
CRLF = "\r\n"


@dataclass(frozen=True)
class CardData:
    """What one card says, in plain values (no vCard syntax). Each name part and the
    organization are lists because vCard allows several (``M.Sc.,ing. jr`` suffixes,
    organization units)."""

    formatted_name: str
    uid: str = ""
    family: tuple[str, ...] = ()
    given: tuple[str, ...] = ()
    additional: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    #: The organization's name, then its units.
    organization: tuple[str, ...] = ()
    title: str = ""
    note: str = ""
    emails: tuple[Way[str], ...] = ()
    phones: tuple[Way[str], ...] = ()
    addresses: tuple[Way[PostalAddress], ...] = ()
    #: Index of the value to mark preferred in each list (None: mark none).
    preferred_email: int | None = None
    preferred_phone: int | None = None
    preferred_address: int | None = None
    #: Extension properties, name (``X-...``) and text value.
    extensions: tuple[tuple[str, str], ...] = ()


# --- values ------------------------------------------------------------------------------------


def _plain(text: str) -> str:
    """vCard text has no carriage return of its own: every line break becomes ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _escape_text(text: str, version: Version) -> str:
    r"""A TEXT value. RFC 2426 §4 (``SAFE-CHAR`` leaves out ``,`` and ``;``): ``\\ \, \; \n``.
    RFC 6350 §3.4 and its ``TEXT-CHAR``: ``\\ \, \n``; a semicolon stays as it is."""
    text = _plain(text).replace("\\", "\\\\").replace(",", "\\,").replace("\n", "\\n")
    if version == "3.0":
        text = text.replace(";", "\\;")
    return text


def _escape_component(text: str) -> str:
    r"""One value inside a structured property (N, ADR, ORG): ``\\ \, \; \n`` in both
    versions (RFC 2426 §4 ``text-value``; RFC 6350 §3.4 ``component``)."""
    return (
        _plain(text)
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\n", "\\n")
    )


def _structured(components: Sequence[Sequence[str]]) -> str:
    """Components separated by ``;``, the values of one component by ``,``."""
    return ";".join(",".join(_escape_component(value) for value in part) for part in components)


def _param_value(value: str) -> str:
    """A parameter value: quoted when it holds ``,;:`` (RFC 2426 §4 and RFC 6350 §3.3
    ``param-value``); a double quote or a control character cannot appear at all."""
    value = "".join(c for c in _plain(value) if c >= " " and c not in '"\x7f')
    return f'"{value}"' if any(c in value for c in ",;:") else value


# --- lines -------------------------------------------------------------------------------------


def fold(line: str) -> str:
    """``line`` folded: each physical line at most 75 octets, never cut inside a UTF-8
    sequence; continuation lines start with one space (which counts)."""
    data = line.encode("utf-8")
    pieces: list[bytes] = []
    start, room = 0, MAX_LINE_OCTETS
    while len(data) - start > room:
        end = start + room
        while end > start and (data[end] & 0xC0) == 0x80:  # a UTF-8 continuation byte
            end -= 1
        pieces.append(data[start:end])
        start, room = end, MAX_LINE_OCTETS - 1
    pieces.append(data[start:])
    return (CRLF + " ").join(piece.decode("utf-8") for piece in pieces) + CRLF


def _line(name: str, params: Sequence[tuple[str, Sequence[str]]], value: str) -> str:
    text = name
    for param, values in params:
        if values:
            text += f";{param}=" + ",".join(_param_value(v) for v in values)
    return fold(f"{text}:{value}")


def _labels(way: Way[str] | Way[PostalAddress], version: Version) -> list[str]:
    labels = [label for label in way.labels if label and label.lower() != "pref"]
    # Each RFC's own examples: TYPE=WORK,POSTAL,PARCEL (RFC 2426), TYPE=work (RFC 6350).
    return [label.upper() if version == "3.0" else label.lower() for label in labels]


def _ranked(
    name: str,
    ways: Sequence[Way[str]] | Sequence[Way[PostalAddress]],
    preferred: int | None,
    version: Version,
    value_of: Callable[[Any], str],
) -> list[str]:
    """One line per value. The preferred one is marked when there is a choice to make (two
    values or more) or the card marked it itself; in 4.0 the other values keep their own rank,
    after it (2 at best)."""
    lines = []
    for index, way in enumerate(ways):
        marked = index == preferred and (len(ways) > 1 or way.pref is not None)
        labels = _labels(way, version)
        params: list[tuple[str, Sequence[str]]]
        if version == "3.0":
            params = [("TYPE", [*labels, "PREF"] if marked else labels)]
        else:
            rank = PREF_MIN if marked else None
            if not marked and way.pref is not None:
                rank = max(way.pref, PREF_MIN + 1)
            params = [("TYPE", labels), ("PREF", [str(rank)] if rank is not None else [])]
        lines.append(_line(name, params, value_of(way.value)))
    return lines


def _country_text(country: str) -> str:
    """ADR's country is "the country name" (RFC 6350 §6.3.1): a known ISO code is written as
    its English name; anything else as written."""
    from afterview.domain.postal import country_code, country_name

    written = " ".join(country.split())
    if len(written) == 2 and country_code(written) == written.upper():
        name = country_name(written.upper())
        return " ".join(w if len(w) <= 3 and w.isupper() else w.title() for w in name.split())
    return country


def _address_value(address: PostalAddress) -> str:
    street = _plain(address.street)
    return _structured(
        [
            [],  # post-office box: empty (RFC 6350 §6.3.1)
            [],  # extended address: empty (RFC 6350 §6.3.1)
            [street] if street else [],
            [address.locality] if address.locality else [],
            [address.region] if address.region else [],
            [address.postal_code] if address.postal_code else [],
            [_country_text(address.country)] if address.country else [],
        ]
    )


def card_text(card: CardData, version: Version = DEFAULT_VERSION) -> str:
    """One card, CRLF line ends, folded."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version {version!r}: Afterview writes 3.0 or 4.0")
    lines = [fold("BEGIN:VCARD"), fold(f"VERSION:{version}")]
    lines.append(_line("FN", [], _escape_text(card.formatted_name, version)))
    name_parts = [card.family, card.given, card.additional, card.prefixes, card.suffixes]
    lines.append(_line("N", [], _structured(name_parts)))
    if any(part for part in card.organization):
        lines.append(_line("ORG", [], _structured([[unit] for unit in card.organization])))
    if card.title:
        lines.append(_line("TITLE", [], _escape_text(card.title, version)))

    def text_value(value: str) -> str:
        return _escape_text(value, version)

    lines += _ranked("ADR", card.addresses, card.preferred_address, version, _address_value)
    lines += _ranked("TEL", card.phones, card.preferred_phone, version, text_value)
    lines += _ranked("EMAIL", card.emails, card.preferred_email, version, text_value)
    if card.note:
        lines.append(_line("NOTE", [], _escape_text(card.note, version)))
    if card.uid:
        # 4.0's UID is a URI unless reset to text (RFC 6350 §6.7.6); Afterview's keys are text.
        params = [("VALUE", ["text"])] if version == "4.0" else []
        lines.append(_line("UID", params, _escape_text(card.uid, version)))
    for name, value in card.extensions:
        lines.append(_line(name.upper(), [], _escape_text(value, version)))
    lines.append(fold("END:VCARD"))
    return "".join(lines)


# --- from the records --------------------------------------------------------------------------


def _name_parts(row: Contact) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """N's family, given and prefix components (RFC 6350 §6.2.2: family first, honorific
    prefix fourth). With the card's own family name: it, and the rest of the full name as the
    given names when the full name starts or ends with it. With a salutation but no family
    name: the salutation alone, so the reader takes no family name back. With neither: the
    last word of the full name as the family name, as address books expect, and no prefix, so
    Afterview's reader (which takes N only with a salutation) never mistakes it for the user's."""
    name = " ".join(_plain(row.name).split())
    family = _plain(row.family_name).strip()
    prefix = (row.salutation,) if row.salutation else ()
    if family:
        given = ""
        if name.endswith(" " + family):
            given = name[: -len(family) - 1]
        elif name.startswith(family + " "):
            given = name[len(family) + 1 :]
        return (family,), ((given,) if given else ()), prefix
    if prefix:
        return (), ((name,) if name else ()), prefix
    words = name.split()
    if len(words) < 2:
        return ((name,) if name else ()), (), ()
    return (words[-1],), (" ".join(words[:-1]),), ()


def card_from_contact(row: Contact) -> CardData:
    """The card for a contact: every email, phone and postal address with its labels and rank,
    the one in use (the user's choice, else the card's preference) marked preferred."""
    family, given, prefixes = _name_parts(row)
    emails, phones, addresses = row.emails, row.phones, row.addresses
    extensions = []
    if row.preferred_channel:
        extensions.append(("X-AFTERVIEW-PREFERRED-CHANNEL", row.preferred_channel.value))
    return CardData(
        formatted_name=row.name,
        uid=row.key,
        family=family,
        given=given,
        prefixes=prefixes,
        organization=(row.company,) if row.company else (),
        title=row.title,
        note=row.notes,
        emails=emails,
        phones=phones,
        addresses=addresses,
        preferred_email=preferred_index(emails, row.chosen_email),
        preferred_phone=preferred_index(phones, row.chosen_phone),
        preferred_address=preferred_index(addresses, row.chosen_address),
        extensions=tuple(extensions),
    )


def contact_card(row: Contact, version: Version = DEFAULT_VERSION) -> str:
    return card_text(card_from_contact(row), version)


def vcards_text(rows: Iterable[Contact], version: Version = DEFAULT_VERSION) -> str:
    return "".join(contact_card(row, version) for row in rows)


def export_vcf(
    store: Store,
    path: Path,
    contact_ids: Sequence[int] | None = None,
    version: Version = DEFAULT_VERSION,
) -> int:
    """Write the contacts (all, or those ids) to ``path``; returns how many were written."""
    rows = store.contacts.all(contact_ids)
    write_atomically(Path(path), vcards_text(rows, version).encode("utf-8"))
    return len(rows)
