"""What "Save as chosen" saves (tester's F4): a card with some fields as typed here and the
others as the other computer stored them.

A contact's "Email to use" is a position in its list of emails: merged on its own it could
point at another address, or past the end. So it is carried as the address itself and put
back as its position in whichever list the merge took (none when that list lacks it).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import fields, replace
from typing import Any, TypeVar

Card = TypeVar("Card")

#: A "to use" field and the list it points into.
CHOSEN = {"chosen_email": "emails", "chosen_phone": "phones", "chosen_address": "addresses"}


def _way(card: Any, chosen: str) -> Any:
    """The way ``card``'s ``chosen`` field points at (None for none)."""
    index = getattr(card, chosen)
    ways = getattr(card, CHOSEN[chosen])
    return ways[index] if index is not None and 0 <= index < len(ways) else None


def merge(mine: Card, stored: Card, theirs: Collection[str]) -> Card:
    """``mine`` with each field named in ``theirs`` as in ``stored`` (both the same kind of
    dataclass: ContactFields, ReferenceFields)."""
    names = {field.name for field in fields(mine)}  # type: ignore[arg-type]
    taken = {name: getattr(stored, name) for name in theirs if name in names}
    merged = replace(mine, **taken)  # type: ignore[type-var]
    for chosen, kind in CHOSEN.items():
        if chosen not in names:
            continue
        way = _way(stored if chosen in theirs else mine, chosen)
        ways = getattr(merged, kind)
        position = next((n for n, w in enumerate(ways) if way is not None and w == way), None)
        if position is None and way is not None:
            value = getattr(way, "value", way)  # the same address, its kind or note edited
            position = next(
                (n for n, w in enumerate(ways) if getattr(w, "value", w) == value), None
            )
        merged = replace(merged, **{chosen: position})
    return merged
