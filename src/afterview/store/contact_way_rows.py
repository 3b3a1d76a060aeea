"""A contact's ways to reach them, between ContactRow's ``ways`` rows and the domain's
values (:mod:`afterview.domain.contact_ways`). Every write of a card's ways goes through
:func:`set_ways`, which also keeps the row's cache of the chosen values (``email``,
``phone``, ``address``) in step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import insert
from sqlalchemy.orm import Session

from afterview.domain.contact_ways import PostalAddress, Way, Ways, address_text, preferred
from afterview.store.models import ContactRow, ContactWayRow

EMAIL, PHONE, ADDRESS = "email", "phone", "address"


def _labels(text: str) -> tuple[str, ...]:
    return tuple(label for label in text.split(",") if label)


def ways_of(row: ContactRow) -> Ways:
    emails: list[Way[str]] = []
    phones: list[Way[str]] = []
    addresses: list[Way[PostalAddress]] = []
    for way in sorted(row.ways, key=lambda w: (w.kind, w.position)):
        labels = _labels(way.labels)
        if way.kind == EMAIL:
            emails.append(Way(way.value, labels, way.pref))
        elif way.kind == PHONE:
            phones.append(Way(way.value, labels, way.pref))
        elif way.kind == ADDRESS:
            address = PostalAddress(
                way.street, way.locality, way.region, way.postal_code, way.country
            )
            addresses.append(Way(address, labels, way.pref))
    return Ways(
        tuple(emails),
        tuple(phones),
        tuple(addresses),
        row.chosen_email,
        row.chosen_phone,
        row.chosen_address,
    )


def _chosen(
    ways: Sequence[Way[str]] | Sequence[Way[PostalAddress]], chosen: int | None
) -> int | None:
    return chosen if chosen is not None and 0 <= chosen < len(ways) else None


def set_ways(row: ContactRow, ways: Ways) -> None:
    """Replace the row's ways (same values, same rows when nothing changed) and the choice."""
    wanted = [ContactWayRow(**columns) for columns in way_columns(ways)]
    if sorted(map(_signature, row.ways)) != sorted(map(_signature, wanted)):
        row.ways = wanted
    set_chosen(row, ways)


def insert_ways(session: Session, new: Mapping[ContactRow, Ways]) -> None:
    """Write the ways of contacts just added and flushed (they have ids and no ways yet) in
    one INSERT: an import of thousands of cards makes no ORM object per value."""
    rows = [
        {"contact_id": row.id, **columns}
        for row, ways in new.items()
        for columns in way_columns(ways)
    ]
    if rows:
        session.execute(insert(ContactWayRow), rows)
    for row in new:
        session.expire(row, ["ways"])


def way_columns(ways: Ways) -> list[dict[str, object]]:
    """The ``contact_ways`` columns of each value, in the card's order per kind."""
    found = [
        _columns(EMAIL, position, email.labels, email.pref, value=email.value)
        for position, email in enumerate(ways.emails)
    ]
    found += [
        _columns(PHONE, position, phone.labels, phone.pref, value=phone.value)
        for position, phone in enumerate(ways.phones)
    ]
    for position, address in enumerate(ways.addresses):
        part = address.value
        found.append(
            _columns(
                ADDRESS,
                position,
                address.labels,
                address.pref,
                street=part.street,
                locality=part.locality,
                region=part.region,
                postal_code=part.postal_code,
                country=part.country,
            )
        )
    return found


def set_chosen(row: ContactRow, ways: Ways) -> None:
    """The row's choice of each kind, and its cache of the values in use."""
    row.chosen_email = _chosen(ways.emails, ways.chosen_email)
    row.chosen_phone = _chosen(ways.phones, ways.chosen_phone)
    row.chosen_address = _chosen(ways.addresses, ways.chosen_address)
    row.email = preferred(ways.emails, row.chosen_email) or ""
    row.phone = preferred(ways.phones, row.chosen_phone) or ""
    row.address = address_text(preferred(ways.addresses, row.chosen_address))


def _columns(
    kind: str, position: int, labels: tuple[str, ...], pref: int | None, **values: str
) -> dict[str, object]:
    return {
        "kind": kind,
        "position": position,
        "labels": ",".join(labels),
        "pref": pref,
        "value": "",
        "street": "",
        "locality": "",
        "region": "",
        "postal_code": "",
        "country": "",
        **values,
    }


def _signature(way: ContactWayRow) -> tuple[object, ...]:
    return (
        way.kind,
        way.position,
        way.value,
        way.labels,
        way.pref,
        way.street,
        way.locality,
        way.region,
        way.postal_code,
        way.country,
    )


__all__ = [
    "ADDRESS",
    "EMAIL",
    "PHONE",
    "insert_ways",
    "set_chosen",
    "set_ways",
    "way_columns",
    "ways_of",
]
