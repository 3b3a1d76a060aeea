"""No lost updates (issue 16 §4): a save based on an old read of a contact, reference,
interview or debrief is refused with the differences, changes nothing, and can be saved
over theirs with the version the refusal names. On both backends; the last test with a
second, real process."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from afterview import paths
from afterview.store.api import open_store
from afterview.store.conflicts import ConflictError
from afterview.store.operations import Store
from afterview.store.values import ContactFields, ReferenceFields

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def stores(data_dir: Path) -> Iterator[tuple[Store, Store]]:
    """Two stores on one database, as two computers have (two engines, two connections)."""
    with (
        open_store(paths.resolve(data_dir), clock=lambda: NOW) as here,
        open_store(paths.resolve(data_dir), clock=lambda: NOW) as there,
    ):
        yield here, there


def _interview(store: Store) -> int:
    values = {
        "company": "Corvid Labs",
        "position": "Data Engineer",
        "start": datetime(2026, 11, 24, 10),
        "time_zone": "Europe/Berlin",
    }
    return store.interviews.create(values).value


def test_a_stale_contact_save_is_refused_with_the_differences(
    stores: tuple[Store, Store],
) -> None:
    here, there = stores
    new_id = here.contacts.create(ContactFields(name="Ann Lee", title="CTO")).value
    opened_here = here.contacts.get(new_id)
    opened_there = there.contacts.get(new_id)
    assert opened_here.version == opened_there.version == 1

    saved = there.contacts.update(
        new_id,
        replace(ContactFields.of(opened_there), title="Chief Technology Officer"),
        expected_version=opened_there.version,
    ).value
    assert saved.version == 2

    mine = replace(ContactFields.of(opened_here), notes="Met at PyCon")
    with pytest.raises(ConflictError) as refused:
        here.contacts.update(new_id, mine, expected_version=opened_here.version)
    error = refused.value
    assert str(error).startswith(
        "The contact “Ann Lee” was changed on another computer since you opened it"
    )
    assert (error.kind, error.record_id, error.version) == ("contact", new_id, 2)
    assert [(d.field, d.label, d.theirs, d.yours) for d in error.differences] == [
        ("title", "Job title", "Chief Technology Officer", "CTO"),
        ("notes", "Notes", "", "Met at PyCon"),
    ]
    stored = here.contacts.get(new_id)
    assert (stored.title, stored.notes, stored.version) == ("Chief Technology Officer", "", 2)

    # "Keep mine": saved over theirs with the version the refusal named.
    kept = here.contacts.update(new_id, mine, expected_version=error.version).value
    assert (kept.title, kept.notes, kept.version) == ("CTO", "Met at PyCon", 3)


def test_a_save_equal_to_theirs_loses_nothing_and_is_saved(stores: tuple[Store, Store]) -> None:
    here, there = stores
    new_id = here.contacts.create(ContactFields(name="Ann Lee")).value
    fields = replace(ContactFields.of(here.contacts.get(new_id)), title="CTO")
    there.contacts.update(new_id, fields, expected_version=1)
    assert here.contacts.update(new_id, fields, expected_version=1).value.version == 3


def test_a_save_without_a_version_is_never_refused_but_counts(
    stores: tuple[Store, Store],
) -> None:
    here, there = stores
    new_id = here.contacts.create(ContactFields(name="Ann Lee")).value
    there.contacts.update(new_id, ContactFields(name="Ann Lee", title="CTO"))  # the CLI's way
    with pytest.raises(ConflictError):
        here.contacts.update(new_id, ContactFields(name="Ann B. Lee"), expected_version=1)


def test_a_stale_reference_save_is_refused(stores: tuple[Store, Store]) -> None:
    here, there = stores
    ref_id = here.references.create(ReferenceFields(name="Bo Chen")).value
    version = here.references.get(ref_id).version
    there.references.update(
        ref_id, ReferenceFields(name="Bo Chen", phone="+1 312 555 0100"), expected_version=version
    )
    with pytest.raises(ConflictError) as refused:
        here.references.update(
            ref_id,
            ReferenceFields(name="Bo Chen", relationship="Former manager"),
            expected_version=version,
        )
    assert str(refused.value).startswith("The reference “Bo Chen” was changed on another")
    assert {d.field for d in refused.value.differences} == {"relationship", "phone"}
    assert here.references.get(ref_id).relationship == ""


def test_an_interview_edit_compares_only_the_fields_it_writes(
    stores: tuple[Store, Store],
) -> None:
    here, there = stores
    interview_id = _interview(here)
    version = here.interviews.get(interview_id).version
    assert (
        there.interviews.update(
            interview_id, {"location": "Berlin", "round": "Second"}, expected_version=version
        ).value
        == version + 1
    )
    with pytest.raises(ConflictError) as refused:
        here.interviews.update(interview_id, {"round": "Final"}, expected_version=version)
    assert str(refused.value).startswith(
        "The interview Corvid Labs — Data Engineer was changed on another computer"
    )
    assert [(d.field, d.theirs, d.yours) for d in refused.value.differences] == [
        ("round", "Second", "Final")
    ]
    # The other computer's location is kept either way: only "round" is written over.
    here.interviews.update(interview_id, {"round": "Final"}, expected_version=version + 1)
    stored = here.interviews.get(interview_id)
    assert (stored.round, stored.location, stored.version) == ("Final", "Berlin", version + 2)


def test_a_stale_debrief_save_is_refused_from_the_first_save_on(
    stores: tuple[Store, Store],
) -> None:
    here, there = stores
    interview_id = _interview(here)
    assert here.interviews.get(interview_id).debrief_version == 0
    assert (
        there.interviews.save_debrief(
            interview_id, {"learned": "They ship weekly"}, expected_version=0
        ).value
        == 1
    )
    with pytest.raises(ConflictError) as refused:
        here.interviews.save_debrief(interview_id, {"learned": "Small team"}, expected_version=0)
    assert [(d.field, d.theirs, d.yours) for d in refused.value.differences] == [
        ("learned", "They ship weekly", "Small team")
    ]
    assert here.interviews.get(interview_id).debrief.learned == "They ship weekly"
    assert (
        here.interviews.save_debrief(
            interview_id, {"learned": "Small team"}, expected_version=refused.value.version
        ).value
        == 2
    )
    assert there.interviews.get(interview_id).debrief_version == 2


def test_a_second_process_saving_first_makes_this_save_a_conflict(
    stores: tuple[Store, Store], data_dir: Path
) -> None:
    here, _there = stores
    new_id = here.contacts.create(ContactFields(name="Ann Lee", title="CTO")).value
    opened = here.contacts.get(new_id)
    script = textwrap.dedent(
        f"""
        from dataclasses import replace
        from afterview import paths
        from afterview.store.api import open_store
        from afterview.store.values import ContactFields
        with open_store(paths.resolve({str(data_dir)!r})) as store:
            card = store.contacts.get({new_id})
            fields = replace(ContactFields.of(card), company="Corvid Labs")
            store.contacts.update({new_id}, fields, expected_version=card.version)
        """
    )
    subprocess.run(
        [sys.executable, "-c", script], check=True, cwd=ROOT, env=dict(os.environ), timeout=120
    )
    mine = replace(ContactFields.of(opened), title="Chief Technology Officer")
    with pytest.raises(ConflictError) as refused:
        here.contacts.update(new_id, mine, expected_version=opened.version)
    assert {(d.field, d.theirs, d.yours) for d in refused.value.differences} == {
        ("title", "CTO", "Chief Technology Officer"),
        ("company", "Corvid Labs", ""),
    }


def _cards(text: str) -> object:
    from afterview.interop.vcard_parse import parse_vcards

    return parse_vcards(text.replace("\n", "\r\n").encode("utf-8"))


def test_a_card_merged_by_an_import_counts_as_a_save(stores: tuple[Store, Store]) -> None:
    """An editor opened before another computer's import merged a card into the contact is
    told, not allowed to write over what the import brought."""
    from afterview.interop.vcard_import import find_duplicates, import_contacts
    from afterview.store.card_values import default_choices

    here, there = stores
    first = _cards("BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEMAIL:ann@corvid.example\nEND:VCARD\n")
    import_contacts(here, first)  # type: ignore[arg-type]
    (contact,) = here.contacts.all()
    opened = here.contacts.get(contact.id)
    assert opened.version == 1

    newer = _cards(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nTITLE:CTO\nEMAIL:ann@corvid.example\nEND:VCARD\n"
    )
    choices = default_choices(newer.cards, find_duplicates(there, newer))  # type: ignore[attr-defined,arg-type]
    assert import_contacts(there, newer, choices).value.merged == 1  # type: ignore[arg-type]

    with pytest.raises(ConflictError) as refused:
        here.contacts.update(
            contact.id,
            replace(ContactFields.of(opened), notes="Met at PyCon"),
            expected_version=opened.version,
        )
    assert [(d.field, d.theirs, d.yours) for d in refused.value.differences] == [
        ("title", "CTO", ""),
        ("notes", "", "Met at PyCon"),
    ]
    assert here.contacts.get(contact.id).version == 2


def test_an_interchange_import_over_stored_records_counts_as_a_save(
    stores: tuple[Store, Store],
) -> None:
    """The lossless import updates the interview and contact with the same keys: editors open
    on them elsewhere are told at their next save."""
    from afterview.store import interchange

    here, there = stores
    interview_id = _interview(here)
    contact_id = here.contacts.create(ContactFields(name="Ann Lee")).value
    document = here.data.export_document()
    document["interviews"][0]["position"] = "Staff Data Engineer"
    document["contacts"][0]["title"] = "CTO"
    opened_contact = here.contacts.get(contact_id)
    opened_interview = here.interviews.get(interview_id)

    there.data.import_document(interchange.parse_document(document))

    with pytest.raises(ConflictError):
        here.contacts.update(
            contact_id,
            replace(ContactFields.of(opened_contact), notes="Met at PyCon"),
            expected_version=opened_contact.version,
        )
    with pytest.raises(ConflictError):
        here.interviews.update(
            interview_id,
            {"position": "Data Engineer II"},
            expected_version=opened_interview.version,
        )
    assert here.interviews.get(interview_id).position == "Staff Data Engineer"
