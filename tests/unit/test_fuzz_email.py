"""Fuzzing the email reader (issue 18 §2, in the style of test_fuzz_importers.py):

- any bytes, and mutations of the corpus messages (bytes flipped, cut short, NULs, bad
  UTF-8, huge values put in), are read or refused with an EmailError, never another
  exception; a message that is read imports whole or is refused leaving the data as it was;
- people with one bad value among them (an address that is none, an unreadable phone, a NUL)
  import nothing;
- messages the test writes itself (a From, To and Cc, a signature with a title, a company and
  a phone) are read with those values and import them, so a reader that refuses everything
  fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview import paths
from afterview.interop.email_contacts import EmailError, EmailPerson, read_email
from afterview.interop.email_import import import_people
from afterview.store.api import open_store
from afterview.store.card_values import CardImportSummary
from afterview.store.changes import Outcome
from afterview.store.operations import Store
from tests.unit.test_fuzz_importers import (
    MUTATIONS,
    attempt,
    fuzz,
    mutate,
    snapshot,
    unique_prefix,
)

CORPUS = Path(__file__).resolve().parents[1] / "data" / "signatures"
MESSAGES = sorted(CORPUS.glob("*.eml"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store for the module's examples: each compares the data before and after itself."""
    with open_store(paths.resolve(tmp_path_factory.mktemp("fuzz-email") / "data")) as opened:
        yield opened


@fuzz(200)
@given(data=st.binary(max_size=4000))
def test_any_bytes_are_read_or_refused_with_an_email_error(data: bytes) -> None:
    refused: list[str] = []
    try:
        read = read_email(data, source="any.eml", region="DE")
    except EmailError as error:
        refused.append(str(error))
    if refused:
        assert "any.eml" in refused[0]
    else:
        assert read.sender.email and "@" in read.sender.email


@fuzz(80)
@given(which=st.integers(0, len(MESSAGES) - 1), mutations=MUTATIONS)
def test_a_mutated_message_is_imported_whole_or_refused(
    store: Store, which: int, mutations: list[tuple[str, int, int]]
) -> None:
    data = mutate(MESSAGES[which].read_bytes(), mutations)
    try:
        read = read_email(data, source="mutated.eml", region="DE")
    except EmailError:
        return
    before, count = snapshot(store), len(store.contacts.items())
    done: list[Outcome[CardImportSummary]] = []
    refused = attempt(lambda: done.append(import_people(store, read.people, "DE")))
    if refused is not None:
        assert refused
        assert snapshot(store) == before
        return
    summary = done[0].value
    assert summary.added + summary.merged == len(read.people)
    assert len(store.contacts.items()) == count + summary.added
    assert "\x00" not in snapshot(store)


BAD = st.sampled_from(
    [("email", "no-at-sign"), ("email", ""), ("phone", "12"), ("title", "Lead\x00"),
     ("name", "Ana\ud800"), ("company", "\x00")]
)  # fmt: skip


@fuzz(40)
@given(size=st.integers(1, 6), at=st.integers(0, 5), bad=BAD)
def test_one_bad_person_imports_nobody(
    store: Store, size: int, at: int, bad: tuple[str, str]
) -> None:
    prefix = unique_prefix()
    people = [
        EmailPerson(f"Person {n}", f"{prefix}-{n}@firm.example", "to", phone="+49 30 1234567")
        for n in range(size)
    ]
    field, value = bad
    people[at % size] = replace(people[at % size], **{field: value})
    before = snapshot(store)
    with pytest.raises(EmailError, match=rf"person {at % size + 1} "):
        import_people(store, people, "DE")
    assert snapshot(store) == before


FIRST = st.sampled_from(["Ana", "Jürgen", "Zoë", "Li", "Olú", "Marie-Claire"])
LAST = st.sampled_from(["Ruiz", "Müller", "O'Neil", "Nguyen", "van Dijk", "Kowalska"])
TITLE = st.sampled_from(
    ["Recruiter", "Senior Talent Partner", "Head of Engineering", "Leiterin Personal",
     "Responsable Recrutement", "Engineering Manager"]
)  # fmt: skip
PHONE = st.sampled_from(
    [("+49 30 1234567", "+49301234567"), ("030 1234567", "+49301234567"),
     ("+44 20 7946 0321", "+442079460321"), ("+1 (415) 555-0134", "+14155550134")]
)  # fmt: skip
LABEL = st.sampled_from(["Tel.: ", "T ", "Phone: ", "Telefon ", ""])


@fuzz(40)
@given(
    first=FIRST,
    last=LAST,
    title=TITLE,
    word=st.sampled_from(["Nordwind", "Kranich", "Atlas", "Solmar"]),
    phone=PHONE,
    label=LABEL,
    others=st.integers(0, 4),
    html=st.booleans(),
)
def test_a_written_message_is_read_with_its_values_and_imported(
    store: Store,
    first: str,
    last: str,
    title: str,
    word: str,
    phone: tuple[str, str],
    label: str,
    others: int,
    html: bool,
) -> None:
    prefix = unique_prefix()
    name, sender = f"{first} {last}", f"{prefix}-sender@{word.lower()}.example"
    company = f"{word} Software GmbH"
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = f'"{name}" <{sender}>'
    message["To"] = ", ".join(f"To {n} <{prefix}-to{n}@mail.example>" for n in range(others))
    message["Cc"] = f"Cc Person <{prefix}-cc@mail.example>"
    message["Subject"] = "Next steps"
    lines = ["Hello,", "", "thanks for today.", "", "Best regards,", name, title, company]
    lines.append(label + phone[0])
    if html:
        message.set_content("<p>" + "<br>".join(lines) + "</p>", subtype="html")
    else:
        message.set_content("\n".join(lines) + "\n")
    read = read_email(message.as_bytes(), source="written.eml", region="DE")
    got = read.sender
    assert (got.name, got.email, got.title, got.company, got.phone, got.address) == (
        name,
        sender,
        title,
        company,
        phone[1],
        "",
    )
    assert [p.email for p in read.recipients] == [
        *(f"{prefix}-to{n}@mail.example" for n in range(others)),
        f"{prefix}-cc@mail.example",
    ]
    outcome = import_people(store, read.people, "DE")
    assert (outcome.value.added, outcome.value.merged) == (others + 2, 0)
    stored = store.contacts.same_email(sender)
    assert [(c.name, c.title, c.company) for c in stored] == [(name, title, company)]
