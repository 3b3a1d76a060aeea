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
