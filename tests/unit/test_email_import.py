"""Writing the people of an email as contacts, on SQLite and PostgreSQL: one transaction,
merged by email with the contacts already there, the user's own address left out, and a bad
person stopping everything."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from afterview import paths
from afterview.domain.contact_ways import PostalAddress, ways
from afterview.interop.email_contacts import EmailError, EmailPerson, load_email
from afterview.interop.email_import import already_contacts, import_people, postal_address
from afterview.store.api import open_store
from afterview.store.operations import Store
from afterview.store.values import ContactFields, Profile

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
CORPUS = Path(__file__).resolve().parents[1] / "data" / "signatures"
ME = "jamie.doe@mailbox.example"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as opened:
        opened.settings.save_profile(Profile(name="Jamie Doe", email="Jamie.Doe@Mailbox.example"))
        yield opened


def _by_email(store: Store) -> dict[str, tuple[str, str, str, str, str]]:
    return {
        contact.email: (
            contact.name,
            contact.title,
            contact.company,
            contact.phone,
            contact.address,
        )
        for contact in store.contacts.all()
    }


def test_sender_and_cc_become_contacts_and_the_users_own_address_is_left_out(
    store: Store,
) -> None:
    read = load_email(CORPUS / "20-multipart-alt.eml", "US")
    outcome = import_people(store, read.people, "US")
    assert (outcome.value.added, outcome.value.merged) == (2, 0)
    contacts = _by_email(store)
    assert set(contacts) == {"nina.patel@cedarloop.example", "sam.ortiz@cedarloop.example"}
    nina = store.contacts.same_email("nina.patel@cedarloop.example")[0]
    assert (nina.name, nina.title, nina.company) == (
        "Nina Patel",
        "Director of People Operations",
        "Cedarloop Health",
    )
    assert nina.phone == "+1 206-555-0148"
    assert nina.postal_address == PostalAddress(
        street="1200 Pine Street", locality="Seattle", region="WA", postal_code="98101"
    )
    assert contacts["sam.ortiz@cedarloop.example"][:3] == ("Sam Ortiz", "", "")


def test_a_contact_with_the_same_email_is_merged_never_duplicated(store: Store) -> None:
    known = store.contacts.create(
        ContactFields(name="A. Schmidt", emails=ways("ANNA.SCHMIDT@nordlicht-software.example"))
    ).value
    read = load_email(CORPUS / "02-lines-de.eml", "DE")
    found = already_contacts(store, read.people)
    assert [(index, dup.contact_id) for index, dup in found.items()] == [(0, known)]
    outcome = import_people(store, read.people, "DE")
    assert (outcome.value.added, outcome.value.merged) == (1, 1)  # Tobias added, Anna merged
    anna = store.contacts.get(known)
    # The name the user typed stays; what the card lacked is filled in from the signature.
    assert (anna.name, anna.title, anna.company) == (
        "A. Schmidt",
        "Personalreferentin",
        "Nordlicht Software GmbH",
    )
    assert [way.value for way in anna.emails] == ["ANNA.SCHMIDT@nordlicht-software.example"]
    assert anna.phone == "+49 30 1234567"
    assert anna.address.splitlines()[0] == "Friedrichstraße 123"
    again = import_people(store, read.people, "DE")
    assert (again.value.added, again.value.merged) == (0, 2)
    assert len(store.contacts.all()) == 2


def test_an_email_never_replaces_what_a_contact_has_and_reads_raw_utf8_names(
    store: Store,
) -> None:
    # The tester's dup-case.eml: a Cc "Sophie" and a raw UTF-8 "Anna Müller" (RFC 6532) for
    # contacts stored as "Sophie Martin" and "Müller, Anna", and a new person in raw UTF-8.
    sophie = store.contacts.create(
        ContactFields(
            name="Sophie Martin", title="Talent Partner", emails=ways("sophie@bw.example")
        )
    ).value
    anna = store.contacts.create(ContactFields(name="Müller, Anna", emails=ways("anna@bw.example")))
    message = (
        'From: "Ren\xc3\xa9 Dupont" <rene@bw.example>\r\n'
        "To: Jamie Doe <jamie.doe@mailbox.example>\r\n"
        'Cc: Sophie <Sophie@BW.example>, "Anna M\xc3\xbcller" <anna@bw.example>\r\n'
        "Subject: Panel\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "See you on Monday.\r\n\r\nRen\xc3\xa9 Dupont\r\nRecruiter\r\n"
    ).encode("latin-1")
    path = store.paths.data_dir / "dup-case.eml"
    path.write_bytes(message)
    read = load_email(path, "FR")
    names = [person.name for person in read.people]
    assert names == ["René Dupont", "Jamie Doe", "Sophie", "Anna Müller"]
    outcome = import_people(store, read.people, "FR")
    assert (outcome.value.added, outcome.value.merged) == (1, 2)
    assert store.contacts.get(sophie).name == "Sophie Martin"
    assert store.contacts.get(sophie).title == "Talent Partner"
    assert store.contacts.get(anna.value).name == "Müller, Anna"
    assert store.contacts.same_email("rene@bw.example")[0].name == "René Dupont"


def test_a_bad_person_stops_the_whole_import(store: Store) -> None:
    read = load_email(CORPUS / "49-cc-many-no-signature.eml", "DE")
    people = list(read.people)
    people[3] = replace(people[3], email="paul.neumann(at)elbflorenz")
    with pytest.raises(EmailError, match=r"person 4 \(Paul Neumann\): the email"):
        import_people(store, people, "DE")
    people[3] = replace(people[3], email="paul.neumann@elbflorenz.example", phone="12")
    with pytest.raises(EmailError, match=r"person 4 \(Paul Neumann\): the phone '12'"):
        import_people(store, people, "DE")
    people[3] = replace(people[3], phone="", title="Lead\x00")
    with pytest.raises(EmailError, match=r"person 4 \(Paul Neumann\): its title"):
        import_people(store, people, "DE")
    assert store.contacts.all() == []


def test_a_person_without_a_name_is_named_by_their_email(store: Store) -> None:
    import_people(store, [EmailPerson("", "hiring@quartzline.example", "sender")], "US")
    assert [c.name for c in store.contacts.all()] == ["hiring@quartzline.example"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Friedrichstraße 123, 10117 Berlin",
            PostalAddress("Friedrichstraße 123", "Berlin", "", "10117"),
        ),
        (
            "20 Shoreditch High Street, London E1 6PJ, United Kingdom",
            PostalAddress("20 Shoreditch High Street", "London", "", "E1 6PJ", "GB"),
        ),
        (
            "220 King Street West, Toronto, ON M5H 1K4",
            PostalAddress("220 King Street West", "Toronto", "ON", "M5H 1K4"),
        ),
        (
            "Keizersgracht 100, 1015 AA Amsterdam",
            PostalAddress("Keizersgracht 100", "Amsterdam", "", "1015 AA"),
        ),
        (
            "Drottninggatan 10, 111 51 Stockholm",
            PostalAddress("Drottninggatan 10", "Stockholm", "", "111 51"),
        ),
        (
            "〒100-0005 東京都千代田区丸の内1-1-1",
            PostalAddress("東京都千代田区丸の内1-1-1", "", "", "100-0005"),
        ),
        ("behind the station", PostalAddress("behind the station")),
    ],
)
def test_a_one_line_address_gives_its_parts(text: str, expected: PostalAddress) -> None:
    assert postal_address(text) == expected
