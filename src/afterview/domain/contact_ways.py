"""A contact's ways to reach them as address books keep them: several emails, phones and postal
addresses, each with its labels and the card's rank, and which one Afterview uses.

Which one to use is decided in this order (issue 12 §3): the user's choice in the editor, then
the card's preference (RFC 6350 §5.3 ``PREF=1..100``, lowest wins, none least preferred; in
vCard 2.1 and 3.0 ``TYPE=pref``, RFC 2426 §3.3.1, which counts as ``PREF=1``), then work over
home, then the card's order. Pure values, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
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


__all__ = [
    "HOME",
    "PREF_MAX",
    "PREF_MIN",
    "WORK",
    "PostalAddress",
    "Way",
    "preferred",
    "preferred_index",
]
