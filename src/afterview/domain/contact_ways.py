"""A contact's ways to reach them as address books keep them: several emails, phones and postal
addresses, each with its labels and the card's rank, and which one Afterview uses.

Which one to use is decided in this order (issue 12 §3): the user's choice in the editor, then
the card's preference (RFC 6350 §5.3 ``PREF=1..100``, lowest wins, none least preferred; in
vCard 2.1 and 3.0 ``TYPE=pref``, RFC 2426 §3.3.1, which counts as ``PREF=1``), then work over
home, then the card's order. Pure values, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar


@dataclass(frozen=True)
class PostalAddress:
    """A structured postal address (vCard ``ADR``, RFC 6350 §6.3.1, without the post-office
    box and extended-address components, which RFC 6350 advises against)."""

    #: Street lines, separated by ``"\\n"``.
    street: str = ""
    #: City or town.
    locality: str = ""
    #: State, province or prefecture, as the country writes it (``IL``, ``Bayern``).
    region: str = ""
    postal_code: str = ""
    #: ISO 3166-1 alpha-2 when known (``US``); otherwise the country as the card wrote it.
    country: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(
            part.strip()
            for part in (self.street, self.locality, self.region, self.postal_code, self.country)
        )


V = TypeVar("V", str, PostalAddress)

#: The labels (vCard ``TYPE`` values) that make a value a work one, or a home one.
WORK = "work"
HOME = "home"
#: RFC 6350 §5.3: PREF runs from 1 (most preferred) to 100.
PREF_MIN, PREF_MAX = 1, 100


@dataclass(frozen=True)
class Way(Generic[V]):
    """One email, phone number or postal address on a card."""

    value: V
    #: The vCard TYPE values other than ``pref``, lower case, in the card's order: ``("work",)``,
    #: ``("cell", "voice")``; empty when the card gave none.
    labels: tuple[str, ...] = ()
    #: The card's rank, 1-100, 1 most preferred (``TYPE=pref`` is 1); None when unranked.
    pref: int | None = None


def _rank(way: Way[V]) -> tuple[int, int, int]:
    unranked = 1 if way.pref is None else 0
    work = 0 if WORK in way.labels else 1
    return (unranked, way.pref or 0, work)


def preferred_index(ways: Sequence[Way[V]], chosen: int | None = None) -> int | None:
    """The index in ``ways`` of the one to use: ``chosen`` (the user's pick) when it is an
    index of ``ways``, else the lowest ``pref``, then work over home, then the first; None
    when there are none. Rule: issue 12 §3, RFC 6350 §5.3."""
    if not ways:
        return None
    if chosen is not None and 0 <= chosen < len(ways):
        return chosen
    return min(range(len(ways)), key=lambda index: (*_rank(ways[index]), index))


def preferred(ways: Sequence[Way[V]], chosen: int | None = None) -> V | None:
    """The value to use (:func:`preferred_index`), or None when there is none."""
    index = preferred_index(ways, chosen)
    return None if index is None else ways[index].value


@dataclass(frozen=True)
class Ways:
    """All of one contact's ways to reach them, and the user's choice of each kind (an index
    into its tuple, or None to let the card's rank decide)."""

    emails: tuple[Way[str], ...] = ()
    phones: tuple[Way[str], ...] = ()
    addresses: tuple[Way[PostalAddress], ...] = ()
    chosen_email: int | None = None
    chosen_phone: int | None = None
    chosen_address: int | None = None

    @property
    def email(self) -> str:
        return preferred(self.emails, self.chosen_email) or ""

    @property
    def phone(self) -> str:
        return preferred(self.phones, self.chosen_phone) or ""

    @property
    def postal_address(self) -> PostalAddress | None:
        return preferred(self.addresses, self.chosen_address)


class InUse:
    """The email, phone and postal address in use (:func:`preferred_index`'s choice) of a
    record that holds a card's values and gives them as :class:`Ways`: the domain's contact,
    the editor's fields, a card read from a file."""

    @property
    def ways(self) -> Ways:
        raise NotImplementedError

    @property
    def email(self) -> str:
        """The email to write to; empty when the card has none."""
        return self.ways.email

    @property
    def phone(self) -> str:
        """The number to call; empty when the card has none."""
        return self.ways.phone

    @property
    def postal_address(self) -> PostalAddress | None:
        """The address to post a letter to, or None."""
        return self.ways.postal_address

    @property
    def address(self) -> str:
        """The postal address in use as lines of text (:func:`address_text`), or empty."""
        return address_text(self.postal_address)


def ways(*values: V) -> tuple[Way[V], ...]:
    """Plain values (no labels, unranked) as ways, leaving out empty ones."""
    return tuple(Way(value) for value in values if not _is_blank(value))


def _is_blank(value: str | PostalAddress) -> bool:
    return value.is_empty if isinstance(value, PostalAddress) else not value.strip()


def address_lines(address: PostalAddress) -> list[str]:
    """The address as the lines of an envelope, without knowing the country's format: the
    street lines, then "locality region postal code", then the country; empty lines left out.
    (A free-text address, kept whole in ``street``, comes back as it was typed.)"""
    city = " ".join(
        part.strip()
        for part in (address.locality, address.region, address.postal_code)
        if part.strip()
    )
    lines = [line.strip() for line in address.street.split("\n")]
    lines += [city, address.country.strip()]
    return [line for line in lines if line]


def address_text(address: PostalAddress | None) -> str:
    """:func:`address_lines` joined by ``"\\n"``; empty for None."""
    return "\n".join(address_lines(address)) if address is not None else ""


def labels_text(labels: Sequence[str]) -> str:
    """Labels as one text (``"work, cell"``), the way the editor and the store show them."""
    return ", ".join(labels)


def parse_labels(text: str) -> tuple[str, ...]:
    """The labels in ``"Work, cell"`` (or ``"work;cell"``): lower case, without ``pref``,
    each once, in order."""
    found: dict[str, None] = {}
    for part in text.replace(";", ",").split(","):
        label = part.strip().lower()
        if label and label != "pref":
            found.setdefault(label, None)
    return tuple(found)


def combined(old: Way[V], new: Way[V]) -> Way[V]:
    """One value written twice (``old`` kept): both labels, in order, and the better rank."""
    labels = tuple(dict.fromkeys([*old.labels, *new.labels]))
    ranks = [rank for rank in (old.pref, new.pref) if rank is not None]
    return Way(old.value, labels, min(ranks) if ranks else None)


def union(
    ways: Sequence[Way[V]], more: Sequence[Way[V]], key: Callable[[V], str]
) -> tuple[Way[V], ...]:
    """``ways`` followed by those of ``more`` whose ``key`` is new, so each value is there
    once and every index into ``ways`` (the user's choice) still names the same value. A
    value on both keeps its place and gains the other's labels and its better rank."""
    merged: list[Way[V]] = list(ways)
    where = {key(item.value): index for index, item in enumerate(merged)}
    for new in more:
        index = where.get(key(new.value))
        if index is None:
            where[key(new.value)] = len(merged)
            merged.append(new)
            continue
        merged[index] = combined(merged[index], new)
    return tuple(merged)


__all__ = [
    "HOME",
    "PREF_MAX",
    "PREF_MIN",
    "WORK",
    "InUse",
    "PostalAddress",
    "Way",
    "Ways",
    "address_lines",
    "address_text",
    "labels_text",
    "parse_labels",
    "preferred",
    "preferred_index",
    "union",
    "ways",
]
