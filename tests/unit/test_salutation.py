"""Issue 14's greetings: a card's salutation (Ms, Mr, Dr, Mx or none) and family name, never
guessed, through the store, undo, the interchange format, vCard and the letters' Dear line.

Expected values are written out here ("Dear Ms Anders", the N line of RFC 6350 §6.2.2's
order), never read back from the code under test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import paths
from afterview.domain import cards
from afterview.domain import records as r
from afterview.domain.contact_ways import ways
from afterview.interop.vcard import import_contacts, parse_vcards
from afterview.interop.vcard_export import contact_card, vcards_text
from afterview.letters.context import LetterContext
from afterview.letters.templates import Templates
from afterview.store import interchange
from afterview.store.api import open_store
from afterview.store.errors import RecordError
from afterview.store.operations import Store
from afterview.store.values import ContactFields, NewPerson, Profile, contact_recipient
from tests.hypothesis_settings import NO_EXPLAIN, examples

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
TEMPLATES = Templates(None)
#: The built-in templates that open with "Dear …" (follow_up_phone is a script to say aloud,
#: pocket_card a card to carry).
DEAR_TEMPLATES = (
    "after_rejection",
    "follow_up_email",
    "reconnect",
    "reference_brief",
    "reference_thanks",
    "referral_intro",
    "thank_you_card",
    "thank_you_email",
    "thank_you_letter",
)


@pytest.fixture
def store(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as opened:
        opened.data.import_document(interchange.parse_document(sample_document))
        yield opened


def _contact_id(store: Store, name: str) -> int:
    return next(c.id for c in store.contacts.all() if c.name == name)


# --- the rule ------------------------------------------------------------------------------


def test_the_salutations_are_the_four_the_issue_names() -> None:
    assert cards.SALUTATIONS == ("Ms", "Mr", "Dr", "Mx")
    assert [cards.salutation_of(t) for t in ("ms", " Dr. ", "MX", "", "  ")] == [
        "Ms",
        "Dr",
        "Mx",
        "",
        "",
    ]
    for other in ("Mrs", "Miss", "Prof.", "Dr.,Prof.", "Sir", "M", "."):
        assert cards.salutation_of(other) is None, other


@pytest.mark.parametrize(
    ("salutation", "family", "greeted"),
    [
        ("Ms", "Anders", "Ms Anders"),
        ("Dr", " Ångström ", "Dr Ångström"),
        ("Ms", "", "Maria Anders"),  # a salutation alone: the full name
        ("", "Anders", "Maria Anders"),  # a family name alone: the full name
        ("", "", "Maria Anders"),
    ],
)
def test_a_letter_greets_by_salutation_and_family_name_only_when_both_are_set(
    salutation: str, family: str, greeted: str
) -> None:
    contact = r.Contact(id=1, name="Maria Anders", salutation=salutation, family_name=family)
    assert contact.greeting == greeted


# --- the store -----------------------------------------------------------------------------


def test_the_card_keeps_its_salutation_and_family_name_and_undo_brings_them_back(
    store: Store,
) -> None:
    maria = ContactFields(
        name="Maria Anders", salutation="Ms", family_name=" Anders ", emails=ways("m@x.example")
    )
    new_id = store.contacts.create(maria).value
    assert new_id is not None
    saved = store.contacts.get(new_id)
    assert (saved.salutation, saved.family_name, saved.greeting) == ("Ms", "Anders", "Ms Anders")

    updated = store.contacts.update(new_id, replace(ContactFields.of(saved), salutation="dr."))
    assert updated.value is not None and updated.value.salutation == "Dr"

    deleted = store.contacts.delete(new_id).value
    assert deleted is not None
    restored = store.contacts.undo_delete(deleted).value
    assert restored is not None
    back = store.contacts.get(restored)
    assert (back.salutation, back.family_name) == ("Dr", "Anders")


@pytest.mark.parametrize(
    ("salutation", "family", "field"),
    [
        ("Mrs", "Anders", "salutation"),
        ("Prof", "", "salutation"),
        ("Ms", "An\nders", "family name"),
    ],
)
def test_a_salutation_of_another_word_or_a_family_name_of_two_lines_is_refused_by_name(
    store: Store, salutation: str, family: str, field: str
) -> None:
    with pytest.raises(RecordError) as caught:
        store.contacts.create(
            ContactFields(name="Maria Anders", salutation=salutation, family_name=family)
        )
    assert caught.value.field == field and "Maria Anders" in caught.value.record


def test_a_salutation_without_a_family_name_is_kept(store: Store) -> None:
    new_id = store.contacts.create(ContactFields(name="Maria Anders", salutation="Ms")).value
    assert new_id is not None
    kept = store.contacts.get(new_id)
    assert (kept.salutation, kept.family_name, kept.greeting) == ("Ms", "", "Maria Anders")


def test_a_card_made_for_an_interview_takes_its_company(store: Store) -> None:
    interview = store.interviews.find("acme-1")
    people = [NewPerson("", p.role, p.contact.id) for p in interview.people]
    people.append(NewPerson("Ingrid Berg", r.Role.INTERVIEWER))
    assert store.interviews.set_people(interview.id, people).value == interview.id
    ingrid = store.contacts.get(_contact_id(store, "Ingrid Berg"))
    assert ingrid.company == "Acme"
    created = store.interviews.create(
        {
            "company": "Northwind",
            "position": "Analyst",
            "start": datetime(2026, 12, 1, 10),
            "time_zone": "Europe/London",
        },
        [NewPerson("Maria Anders", r.Role.HIRING_MANAGER)],
    )
    assert created.value is not None
    assert store.contacts.get(_contact_id(store, "Maria Anders")).company == "Northwind"


# --- the interchange format ----------------------------------------------------------------


def _document(contact: dict[str, Any]) -> dict[str, Any]:
    return {"format": "afterview/2", "contacts": [contact]}


def test_a_file_without_the_fields_imports_as_before_and_a_bad_one_is_refused_by_name() -> None:
    old = interchange.parse_document(_document({"key": "maria", "name": "Maria Anders"}))
    assert (old.contacts[0]["salutation"], old.contacts[0]["family_name"]) == ("", "")
    given_ = _document(
        {"key": "maria", "name": "Maria Anders", "salutation": "Dr.", "family_name": "Anders"}
    )
    assert interchange.parse_document(given_).contacts[0]["salutation"] == "Dr"
    for bad, field in (({"salutation": "Mrs"}, "salutation"), ({"family_name": 3}, "family_name")):
        with pytest.raises(RecordError) as caught:
            interchange.parse_document(_document({"key": "m", "name": "M", **bad}))
        assert caught.value.field == field and "contact #1" in caught.value.record
    # Version 1 never had them: refused there as any unknown field is.
    with pytest.raises(RecordError):
        interchange.parse_document(
            {"format": "afterview/1", "contacts": [{"key": "m", "name": "M", "salutation": "Ms"}]}
        )


def test_an_empty_salutation_and_family_name_are_not_written(store: Store, tmp_path: Path) -> None:
    """So a file of cards without them reads in an Afterview that does not know them."""
    document = store.data.export_document()
    assert all("salutation" not in c and "family_name" not in c for c in document["contacts"])


_FAMILY = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40
).map(str.strip)


@settings(
    max_examples=examples(25),
    deadline=None,
    phases=NO_EXPLAIN,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.sampled_from(("", *cards.SALUTATIONS)), _FAMILY)
def test_export_and_import_keep_them_exactly(
    tmp_path_factory: pytest.TempPathFactory, salutation: str, family: str
) -> None:
    base = tmp_path_factory.mktemp("move")
    with open_store(paths.resolve(base / "one"), clock=lambda: NOW) as first:
        made = first.contacts.create(
            ContactFields(name="Maria Anders", salutation=salutation, family_name=family)
        )
        assert made.value is not None
        exported = json.loads(json.dumps(first.data.export_document()))
    with open_store(paths.resolve(base / "two"), clock=lambda: NOW) as second:
        second.data.import_document(interchange.parse_document(exported))
        (copy,) = second.contacts.all()
        assert (copy.salutation, copy.family_name) == (salutation, family)
        assert (
            json.loads(json.dumps(second.data.export_document()))["contacts"]
            == exported["contacts"]
        )


# --- vCard ---------------------------------------------------------------------------------


def _n_line(text: str) -> str:
    return next(line for line in text.split("\r\n") if line.startswith("N:"))


def test_vcard_n_holds_the_family_name_first_and_the_salutation_fourth() -> None:
    maria = r.Contact(id=1, key="maria", name="Maria Anders", salutation="Ms", family_name="Anders")
    assert _n_line(contact_card(maria)) == "N:Anders;Maria;;Ms;"
    assert _n_line(contact_card(maria, "4.0")) == "N:Anders;Maria;;Ms;"
    zhang = r.Contact(id=2, key="wei", name="张 伟", salutation="Mr", family_name="张")
    assert _n_line(contact_card(zhang)) == "N:张;伟;;Mr;"
    alone = r.Contact(id=3, key="x", name="Maria Anders", salutation="Dr")
    assert _n_line(contact_card(alone)) == "N:;Maria Anders;;Dr;"
    # Neither: the address book's usual split, and no prefix Afterview would read back.
    plain = r.Contact(id=4, key="y", name="Maria Anders")
    assert _n_line(contact_card(plain)) == "N:Anders;Maria;;;"


def _card(n: str) -> bytes:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Maria Anders\r\n{n}\r\nEND:VCARD\r\n".encode()


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        ("N:Anders;Maria;;Ms;", ("Ms", "Anders")),
        ("N:Anders;Maria;;Dr.;", ("Dr", "Anders")),
        ("N:de la Cruz,Anders;Maria;;mx;", ("Mx", "de la Cruz Anders")),
        ("N:Anders;Maria;;;", ("", "")),  # no prefix: the family name could be a guess
        ("N:Anders;Maria;;Mrs;", ("", "")),  # not one of ours
        ("N:Anders;Maria;;Dr.,Prof.;", ("", "")),
        ("N:Anders;Maria;;Prof.;", ("", "")),
    ],
)
def test_vcard_import_takes_them_from_n_only_with_an_allowed_prefix(
    n: str, expected: tuple[str, str]
) -> None:
    parsed = parse_vcards(_card(n))
    assert parsed.errors == []
    (card,) = parsed.cards
    assert (card.salutation, card.family_name) == expected
    assert card.name == "Maria Anders"


def test_a_merged_card_brings_its_salutation(store: Store) -> None:
    laura = store.contacts.get(_contact_id(store, "Laura Chen"))
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Laura Chen\r\nN:Chen;Laura;;Dr.;\r\n"
        f"EMAIL:{laura.email}\r\nEND:VCARD\r\n"
    )
    summary = import_contacts(store, parse_vcards(card.encode())).value
    assert summary is not None and summary.merged == 1
    after = store.contacts.get(laura.id)
    assert (after.salutation, after.family_name, after.greeting) == ("Dr", "Chen", "Dr Chen")


@settings(max_examples=examples(150), deadline=None)
@given(
    st.sampled_from(cards.SALUTATIONS),
    _FAMILY.filter(bool),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30),
    st.sampled_from(["3.0", "4.0"]),
)
def test_any_salutation_and_family_name_survive_vcard(
    salutation: str, family: str, given_name: str, version: str
) -> None:
    name = " ".join(f"{given_name} {family}".split()) or family
    contact = r.Contact(id=1, key="k", name=name, salutation=salutation, family_name=family)
    parsed = parse_vcards(vcards_text([contact], version).encode("utf-8"))  # type: ignore[arg-type]
    assert parsed.errors == []
    (card,) = parsed.cards
    assert (card.salutation, card.family_name) == (salutation, family)


# --- letters -------------------------------------------------------------------------------


def _letter(template: str, contact: r.Contact) -> str:
    interview = r.Interview(
        id=1,
        company="Northwind",
        position="Analyst",
        start=datetime(2026, 11, 20, 14, tzinfo=UTC),
        time_zone="UTC",
        people=(r.Participation(contact, r.Role.INTERVIEWER),),
        references=(r.Reference(id=2, name="Ana Ruiz", email="ana@example.org"),),
    )
    recipient = contact_recipient(contact, r.Role.INTERVIEWER)
    context = LetterContext(
        interview=interview,
        recipient=recipient,
        profile=Profile(name="Sam Rivera"),
        today=date(2026, 11, 21),
    )
    return TEMPLATES.draft(template, context.variables()).body


@pytest.mark.parametrize("template", DEAR_TEMPLATES)
def test_every_dear_line_greets_ms_anders_or_the_full_name(template: str) -> None:
    set_ = r.Contact(
        id=1, name="Maria Anders", salutation="Ms", family_name="Anders", emails=ways("m@x.org")
    )
    assert "Dear Ms Anders," in _letter(template, set_)
    unset = r.Contact(id=1, name="Maria Anders", salutation="Ms", emails=ways("m@x.org"))
    body = _letter(template, unset)
    assert "Dear Maria Anders," in body and "Dear Ms" not in body


def test_the_catalogue_of_dear_templates_is_every_one_that_says_dear() -> None:
    saying = {
        name for name in TEMPLATES.names() if "Dear" in Path(TEMPLATES._file(name)).read_text()
    }
    # A template added later that says "Dear {{ name }}" is caught here: its Dear line
    # should greet with {{ greeting }} and join DEAR_TEMPLATES.
    assert saying == set(DEAR_TEMPLATES), saying ^ set(DEAR_TEMPLATES)


def test_a_greeting_by_family_name_passes_the_name_check_and_a_wrong_one_fails() -> None:
    """Seed 003 ("Make sure names and titles are correct"): "Dear Mr 张" is right for 张伟
    when his card says Mr and 张; the salutation alone never vouches for another name."""
    from afterview.domain.letter_check_types import LetterFacts, Verdict
    from afterview.domain.letter_names import check_names

    facts = LetterFacts(recipient_name="张伟", recipient_greeting="Mr 张")
    assert check_names("Dear Mr 张,\n\nThank you.", facts).verdict is Verdict.PASS
    assert check_names("Dear Mr Smith,\n\nThank you.", facts).verdict is Verdict.FAIL
    anders = LetterFacts(recipient_name="Maria Anders", recipient_greeting="Ms Anders")
    assert check_names("Dear Ms Anders,\n\nThank you.", anders).verdict is Verdict.PASS
    assert check_names("Dear Ms Berglund,\n\nThank you.", anders).verdict is Verdict.FAIL
