"""A contact's several emails, phones and postal addresses in the store (issue 12 §3): kept
with labels and rank, the user's choice kept and used, validation naming the card and the
value, a failed save changing nothing, duplicates found by any email and merged as a union,
and the interchange format carrying all of it both ways.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from afterview import paths
from afterview.domain.contact_ways import PostalAddress, Way, ways
from afterview.interop.vcard import import_contacts, parse_vcards
from afterview.store import interchange
from afterview.store.api import open_store
from afterview.store.errors import RecordError
from afterview.store.operations import Store
from afterview.store.values import ContactFields

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
LAKE = PostalAddress("400 Lake Shore Dr", "Chicago", "IL", "60611", "US")
ELM = PostalAddress("12 Elm St\nApt 3", "Springfield", "IL", "62701", "US")

PRIYA = ContactFields(
    name="Priya Raman",
    title="VP Engineering",
    emails=(Way("priya.home@example.net", ("home",), 2), Way("priya@corvid.example", ("work",))),
    phones=(Way("+1 312 555 0100", ("home",)), Way("+1 312 555 0199", ("cell",), 1)),
    addresses=(Way(ELM, ("home",)), Way(LAKE, ("work",))),
)


@pytest.fixture
def store(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as opened:
        opened.data.import_document(interchange.parse_document(sample_document))
        yield opened


def test_every_value_is_kept_and_the_card_decides_until_the_user_chooses(store: Store) -> None:
    new_id = store.contacts.create(PRIYA, region="US").value
    priya = store.contacts.get(new_id)
    assert [w.value for w in priya.emails] == ["priya.home@example.net", "priya@corvid.example"]
    assert priya.emails[0] == Way("priya.home@example.net", ("home",), 2)
    assert [w.value for w in priya.phones] == ["+1 312-555-0100", "+1 312-555-0199"]
    assert priya.addresses == (Way(ELM, ("home",)), Way(LAKE, ("work",)))
    # Ranked (PREF=2) beats unranked work; PREF=1 cell; no rank at all: work over home.
    assert (priya.email, priya.phone) == ("priya.home@example.net", "+1 312-555-0199")
    assert priya.postal_address == LAKE
    assert priya.chosen_email is None
    # The user picks the work email and the home address: that is what is used from now on.
    chosen = replace(ContactFields.of(priya), chosen_email=1, chosen_address=0)
    saved = store.contacts.update(new_id, chosen).value
    assert (saved.email, saved.postal_address) == ("priya@corvid.example", ELM)
    again = store.contacts.get(new_id)
    assert (again.chosen_email, again.chosen_phone, again.chosen_address) == (1, None, 0)
    assert again.address == "12 Elm St\nApt 3\nSpringfield IL 62701\nUS"
    # The table of contacts shows the chosen ones.
    (item,) = [i for i in store.contacts.items() if i.id == new_id]
    assert (item.email, item.phone) == ("priya@corvid.example", "+1 312-555-0199")


def test_a_bad_second_email_is_named_and_the_save_changes_nothing(store: Store) -> None:
    new_id = store.contacts.create(PRIYA, region="US").value
    before = store.contacts.get(new_id)
    bad = replace(
        ContactFields.of(before),
        title="Changed",
        emails=(before.emails[0], Way("priya@")),
        phones=ways("+1 312 555 0111"),
    )
    with pytest.raises(RecordError) as raised:
        store.contacts.update(new_id, bad)
    assert str(raised.value).startswith("contact 'Priya Raman': field 'email 2': ")
    assert store.contacts.get(new_id) == before
    with pytest.raises(RecordError) as raised:
        store.contacts.update(new_id, replace(ContactFields.of(before), phones=ways("12")))
    assert raised.value.field == "phone"
    with pytest.raises(RecordError) as raised:
        store.contacts.update(
            new_id, replace(ContactFields.of(before), emails=(Way("a@x.example", (), 0),))
        )
    assert raised.value.field == "email" and "rank 0" in raised.value.problem
    with pytest.raises(RecordError) as raised:
        store.contacts.update(new_id, replace(ContactFields.of(before), chosen_phone=5))
    assert raised.value.field == "chosen phone"
    assert store.contacts.get(new_id) == before


def test_blank_values_and_repeats_are_left_out_and_the_choice_follows_its_value(
    store: Store,
) -> None:
    fields = ContactFields(
        name="Kim Ito",
        emails=(
            Way(" "),
            Way("kim@x.example"),
            Way("KIM@X.example", ("work",)),
            Way("b@x.example"),
        ),
        chosen_email=2,
    )
    kim = store.contacts.get(store.contacts.create(fields).value)
    assert [w.value for w in kim.emails] == ["kim@x.example", "b@x.example"]
    assert kim.chosen_email == 0 and kim.email == "kim@x.example"


def test_same_email_finds_a_card_by_any_of_its_emails(store: Store) -> None:
    new_id = store.contacts.create(PRIYA, region="US").value
    assert [c.id for c in store.contacts.same_email("PRIYA@corvid.example")] == [new_id]
    assert store.contacts.same_email("priya@corvid.example", exclude_id=new_id) == []


def test_undo_delete_puts_every_value_and_the_choice_back(store: Store) -> None:
    new_id = store.contacts.create(replace(PRIYA, chosen_phone=0), region="US").value
    before = store.contacts.get(new_id)
    deleted = store.contacts.delete(new_id).value
    restored = store.contacts.get(store.contacts.undo_delete(deleted).value)
    assert replace(restored, id=before.id) == before


def _card(*lines: str) -> bytes:
    body = "".join(f"{line}\r\n" for line in lines)
    return f"BEGIN:VCARD\r\nVERSION:4.0\r\n{body}END:VCARD\r\n".encode()


def test_a_duplicate_by_its_second_email_merges_as_the_union_keeping_the_users_choice(
    store: Store,
) -> None:
    new_id = store.contacts.create(replace(PRIYA, chosen_email=1), region="US").value
    parsed = parse_vcards(
        _card(
            "FN:Priya R.",
            "EMAIL;TYPE=work:priya.raman@new.example",
            # The stored card's second email, in other case: the card's second matches it.
            "EMAIL;TYPE=internet;PREF=1:Priya@Corvid.example",
            "TEL;TYPE=cell:+1-312-555-0199",  # the same number, written otherwise
            "TEL;TYPE=work:+1 312 555 0142",
            "ADR;TYPE=work:;;400 Lake Shore Dr;Chicago;IL;60611;US",
        )
    )
    duplicates = store.contacts.find_duplicates(parsed.cards)
    assert duplicates[1].contact_id == new_id and duplicates[1].by == "email"
    summary = import_contacts(store, parsed).value
    assert (summary.added, summary.merged) == (0, 1)
    merged = store.contacts.get(new_id)
    assert [w.value for w in merged.emails] == [
        "priya.home@example.net",
        "priya@corvid.example",
        "priya.raman@new.example",
    ]
    # The value on both keeps its place and gains the other's labels and better rank.
    assert merged.emails[1] == Way("priya@corvid.example", ("work", "internet"), 1)
    assert [w.value for w in merged.phones] == [
        "+1 312-555-0100",
        "+1 312-555-0199",
        "+1 312 555 0142",
    ]
    assert merged.addresses == (Way(ELM, ("home",)), Way(LAKE, ("work",)))
    # The user chose the work email: the merge does not overrule that.
    assert merged.email == "priya@corvid.example"


def test_a_card_matching_no_stored_email_is_new(store: Store) -> None:
    store.contacts.create(PRIYA, region="US")
    parsed = parse_vcards(_card("FN:Someone", "EMAIL:someone@example.org"))
    assert store.contacts.find_duplicates(parsed.cards) == {}


# --- the interchange format ----------------------------------------------------------------


def test_export_and_import_give_back_the_same_contacts(store: Store, tmp_path: Path) -> None:
    store.contacts.create(replace(PRIYA, chosen_phone=0, chosen_address=0), region="US")
    first = store.data.export_document()
    (priya,) = [c for c in first["contacts"] if c["name"] == "Priya Raman"]
    assert priya["emails"] == [
        {"value": "priya.home@example.net", "labels": ["home"], "pref": 2},
        {"value": "priya@corvid.example", "labels": ["work"]},
    ]
    assert priya["phones"][0] == {"value": "+1 312-555-0100", "labels": ["home"], "preferred": True}
    assert priya["addresses"][1] == {
        "value": {"street": "400 Lake Shore Dr", "locality": "Chicago", "region": "IL",
                  "postal_code": "60611", "country": "US"},
        "labels": ["work"],
    }  # fmt: skip
    with open_store(paths.resolve(tmp_path / "other"), clock=lambda: NOW) as other:
        other.data.import_document(interchange.parse_document(json.loads(json.dumps(first))))
        assert other.data.export_document()["contacts"] == first["contacts"]
        copied = {c.key: replace(c, id=0) for c in other.contacts.all()}
    assert copied == {c.key: replace(c, id=0) for c in store.contacts.all()}


def _document(contact: dict[str, Any], version: str = "afterview/2") -> dict[str, Any]:
    return {"format": version, "contacts": [{"key": "k", "name": "Kim", **contact}]}


def _import(store: Store, document: dict[str, Any]) -> Any:
    store.data.import_document(interchange.parse_document(document))
    (kim,) = [c for c in store.contacts.all() if c.key == "k"]
    return kim


def test_old_files_single_fields_and_text_addresses_still_import(store: Store) -> None:
    v1 = _import(
        store,
        _document(
            {"email": "kim@x.example", "phone": "+1 555 0100", "address": "1 Main St\nTown"},
            "afterview/1",
        ),
    )
    assert v1.emails == (Way("kim@x.example"),) and v1.phones == (Way("+1 555 0100"),)
    assert v1.addresses == (Way(PostalAddress(street="1 Main St\nTown")),)
    # An afterview/2 file from 0.2.0: one entry, the address as text.
    v2 = _import(
        store,
        _document(
            {
                "addresses": [{"value": "2 Side St"}],
                "emails": [{"value": "k@x.example", "preferred": True}],
            }
        ),
    )
    assert v2.addresses == (Way(PostalAddress(street="2 Side St")),)
    assert v2.chosen_email == 0
    labelled = _import(
        store, _document({"emails": [{"value": "a@x.example", "label": "Work, pref"}]})
    )
    assert labelled.emails == (Way("a@x.example", ("work",)),)


@pytest.mark.parametrize(
    ("contact", "field"),
    [
        ({"emails": [{"value": "a@x.example", "pref": 0}]}, "pref"),
        ({"emails": [{"value": "a@x.example", "pref": "1"}]}, "pref"),
        ({"emails": [{"value": "a@x.example", "preferred": True},
                     {"value": "b@x.example", "preferred": True}]}, "preferred"),
        ({"emails": [{"value": "a@x.example", "labels": "work"}]}, "labels"),
        ({"emails": [{"value": "a@x.example", "label": "w", "labels": ["w"]}]}, "label"),
        ({"addresses": [{"value": {"street": "1 Main St", "city": "X"}}]}, "city"),
        ({"addresses": [{"value": {}}]}, "value"),
        ({"phones": [{"value": ""}]}, "value"),
    ],
)  # fmt: skip
def test_a_bad_entry_is_refused_by_name(store: Store, contact: dict[str, Any], field: str) -> None:
    with pytest.raises(RecordError) as raised:
        interchange.parse_document(_document(contact))
    assert raised.value.field == field
    assert "contact #1 (key 'k')" in raised.value.record


def test_a_reference_keeps_one_email(store: Store) -> None:
    document = {
        "format": "afterview/2",
        "references": [
            {
                "key": "r",
                "name": "Ana",
                "emails": [{"value": "a@x.example"}, {"value": "b@x.example"}],
            }
        ],
    }
    with pytest.raises(RecordError) as raised:
        interchange.parse_document(document)
    assert raised.value.field == "emails" and "one email" in raised.value.problem


FIELD = Path(__file__).parents[1] / "data" / "field" / "07-vcard4-pref-rank.vcf"


def test_a_number_the_card_came_with_does_not_block_editing_the_rest(store: Store) -> None:
    """07's home number +1-555-0100 has no area code, so the phone check would refuse it if
    typed; as imported it is kept as the address book wrote it, and the card can still be
    edited. A new number the check refuses is still refused by name, and nothing changes."""
    import_contacts(store, parse_vcards(FIELD.read_bytes()))
    (priya,) = [c for c in store.contacts.all() if c.name == "Priya Raman"]
    store.contacts.update(priya.id, replace(store.contacts.get(priya.id), title="CTO"))
    saved = store.contacts.get(priya.id)
    assert saved.title == "CTO"
    assert [way.value for way in saved.phones] == ["+1-555-0100", "+1-555-0199"]
    bad = replace(saved, phones=(*saved.phones, Way("555-0123")))
    with pytest.raises(RecordError, match="phone 3"):
        store.contacts.update(priya.id, bad)
    assert store.contacts.get(priya.id) == saved
