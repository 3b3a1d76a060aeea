"""Fuzzing each importer with hypothesis (issue 13 §6), in ``make test``:

- mutations of valid files (bytes flipped, cut short, NULs, bad UTF-8, escapes, huge values
  put in) are imported whole or refused with a StoreError, never another exception, and a
  refused file leaves the data exactly as it was (its export before and after); an imported
  one holds every record of the file (all or nothing), and no NUL reaches the database;
- valid files the test writes itself (not Afterview's exporter: JSON as the README describes
  the format, vCard text as RFC 6350 escapes and folds it) import with the right values, read
  back through the store's operations, so a reader that refuses everything fails here;
- memory: test_import_memory.py.

The longer coverage-guided runs are ``make fuzz`` (fuzz/, not collected by pytest).
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import paths
from afterview.interop.data_file import import_file
from afterview.interop.vcard import import_contacts, load_vcards, parse_vcards
from afterview.store.api import open_store
from afterview.store.errors import StoreError
from afterview.store.interchange_format import load_file
from afterview.store.operations import Store
from afterview.store.restore import find_backup
from tests.hypothesis_settings import NO_EXPLAIN, examples
from tests.unit.fuzz_values import (
    CONTACTS,
    INTERVIEWS,
    assert_contact,
    assert_interview,
    contact_json,
    interview_json,
    vcard_of,
)

MB = 1024 * 1024
SAMPLE = Path(__file__).parents[1] / "data" / "sample.json"


def fuzz(wanted: int) -> settings:
    return settings(
        max_examples=examples(wanted),
        deadline=None,
        phases=NO_EXPLAIN,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "data"


@pytest.fixture(scope="module")
def store(home: Path) -> Iterator[Store]:
    """One store for a module's examples: each compares the data before and after itself."""
    with open_store(paths.resolve(home)) as opened:
        yield opened


def snapshot(store: Store) -> str:
    """Everything the user has, as the export holds it (the database's identity aside)."""
    document = store.data.export_document()
    return json.dumps(document, sort_keys=True, ensure_ascii=True)


_SERIAL = itertools.count(1)


def unique_prefix() -> str:
    """A prefix for the keys and emails of one example: hypothesis replays examples (and
    draws the same values again), and a key seen before would merge instead of adding."""
    return f"x{next(_SERIAL)}"


def attempt(run: Callable[[], object]) -> str | None:
    """None when ``run`` succeeds, the message of the StoreError it raised otherwise (any
    other exception fails the test)."""
    try:
        run()
    except StoreError as error:
        return str(error)
    return None


def holds_nul(value: Any) -> bool:
    """Whether any text in ``value`` (a JSON document) holds a NUL character."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(holds_nul(k) or holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(holds_nul(item) for item in value)
    return False


# --- mutations -----------------------------------------------------------------------------

INSERTS = [
    b"\x00",
    b"\xff",
    b"\xc3\x28",
    b"\xed\xa0\x80",  # a surrogate encoded as UTF-8: not UTF-8
    b"\\u0000",
    b"\\ud800",
    b'"',
    b"\\",
    b"[" * 64,
    b"{" * 64,
    b"9" * 5000,
    b"1e999",
    b"NaN",
    b"A" * 300_000,
    b",",
    b"\r\n",
    b"\r\n ",
    b"BEGIN:VCARD\r\n",
    b"END:VCARD\r\n",
    b";CHARSET=unicode_escape",
    b";ENCODING=QUOTED-PRINTABLE",
    b";ENCODING=b",
    b"=\r\n",
    b":",
    b";",
]
#: Put at the start of a value (after a property's ':' in a card, inside a JSON text): where
#: a NUL or a bad byte reaches a field rather than the file's structure.
INTO_VALUES = [b"\x00", b"\xff\xfe", b"\xed\xa0\x80", b"\\u0000", b"\\udc00", b"\\"]
#: Where in the file: taken modulo its length (hypothesis's floats crowd at 0, 1/2 and 1).
WHERE = st.integers(0, 2**24)
INTO_VALUE = st.tuples(st.just("value"), WHERE, st.integers(0, len(INTO_VALUES) - 1))
MUTATION = st.one_of(
    INTO_VALUE,
    INTO_VALUE,  # twice: a field's value is where a reader is most easily wrong
    st.tuples(st.just("flip"), WHERE, st.integers(1, 255)),
    st.tuples(st.just("cut"), WHERE, st.just(0)),
    st.tuples(st.just("insert"), WHERE, st.integers(0, len(INSERTS) - 1)),
    st.tuples(st.just("delete"), WHERE, st.integers(1, 64)),
)
MUTATIONS = st.lists(MUTATION, min_size=1, max_size=6)


def mutate(data: bytes, mutations: list[tuple[str, int, int]]) -> bytes:
    for kind, where, value in mutations:
        at = where % len(data) if data else 0
        if kind == "flip" and data:
            data = data[:at] + bytes([data[at] ^ value]) + data[at + 1 :]
        elif kind == "cut":
            data = data[:at]
        elif kind == "insert":
            data = data[:at] + INSERTS[value] + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + value :]
        elif kind == "value":
            data = _into_value(data, where, INTO_VALUES[value])
    return data


def _into_value(data: bytes, where: int, insert: bytes) -> bytes:
    colons = [n for n, byte in enumerate(data) if byte == 0x3A]
    if not colons:
        return data
    at = colons[where % len(colons)] + 1
    if data[at : at + 2] == b' "':  # a JSON text: inside its quotes
        at += 2
    return data[:at] + insert + data[at:]


# --- JSON -----------------------------------------------------------------------------------


#: Put into one text of the document (a mutation of its values, before its bytes are).
INTO_TEXTS = ["\x00", "\ud800", "\udc00x", "A" * 200_000, "\\", '"', "\u2028", "\U0001f600"]


def _with_text(document: Any, which: int, insert: str) -> Any:
    """``document`` with ``insert`` put in the middle of its ``which``-th text (modulo)."""
    texts: list[tuple[Any, Any]] = []

    def walk(value: Any) -> None:
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if isinstance(item, str):
                texts.append((value, key))
            elif isinstance(item, dict | list):
                walk(item)

    walk(document)
    container, key = texts[which % len(texts)]
    text = container[key]
    container[key] = text[: len(text) // 2] + insert + text[len(text) // 2 :]
    return document


@fuzz(100)
@given(
    text=st.none() | st.tuples(st.integers(0, 10_000), st.sampled_from(INTO_TEXTS)),
    mutations=st.lists(MUTATION, max_size=3),
)
def test_a_mutated_json_file_is_imported_whole_or_refused(
    store: Store,
    tmp_path: Path,
    text: tuple[int, str] | None,
    mutations: list[tuple[str, int, int]],
) -> None:
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    if text is not None:
        document = _with_text(document, *text)
    raw = json.dumps(document, ensure_ascii=True, indent=1).encode()
    target = tmp_path / "mutated.json"
    target.write_bytes(mutate(raw, mutations))
    before = snapshot(store)
    refused = attempt(lambda: import_file(store, target))
    if refused is not None:
        assert 0 < len(refused) < 1000
        assert snapshot(store) == before  # nothing written
        return
    parsed = load_file(target)
    stored = {contact.key for contact in store.contacts.all()}
    assert {c["key"] for c in parsed.contacts} <= stored  # all of it
    assert not holds_nul(store.data.export_document())


@fuzz(40)
@given(contacts=CONTACTS, interviews=INTERVIEWS)
def test_a_valid_json_file_imports_with_its_values(
    store: Store, tmp_path: Path, contacts: list[dict[str, Any]], interviews: list[Any]
) -> None:
    prefix = unique_prefix()
    document = {
        "format": "afterview/2",
        "contacts": [contact_json(prefix, n, c) for n, c in enumerate(contacts)],
        "interviews": [interview_json(prefix, n, i) for n, i in enumerate(interviews)],
    }
    target = tmp_path / "valid.json"
    target.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    import_file(store, target)
    stored = {contact.key: contact for contact in store.contacts.all()}
    for n, given_contact in enumerate(contacts):
        assert_contact(stored[f"{prefix}-c{n}"], given_contact)
    for n, given_interview in enumerate(interviews):
        assert_interview(store.interviews.find(f"{prefix}-i{n}"), given_interview)


# --- vCard ----------------------------------------------------------------------------------

VALID_CARDS = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rita Recruiter\r\nN:Recruiter;Rita;;;\r\n"
    b"ORG:Acme;Talent\r\nTITLE:Recruiter\r\nEMAIL;TYPE=work,pref:rita@acme.example\r\n"
    b"TEL;TYPE=cell:+1 202 555 0101\r\nADR;TYPE=work:;Suite 5;1 Main St;Springfield;IL;"
    b"62701;USA\r\nNOTE:Met at the fair\\, booth 4\\nSecond line\r\nUID:rita-1\r\n"
    b"PHOTO;ENCODING=b;TYPE=JPEG:QUFBQUFB\r\n QUFBQUFB\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9 =\r\n"
    b"Dupont\r\nTEL;WORK;VOICE:+33 1 23 45 67 89\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Sam Lee\r\nEMAIL;PREF=2:sam@home.example\r\n"
    b"EMAIL;TYPE=work;PREF=1:sam@work.example\r\nTEL;VALUE=uri:tel:+1-202-555-0199\r\n"
    b"END:VCARD\r\n"
)


@fuzz(80)
@given(mutations=MUTATIONS, skip_bad=st.booleans())
def test_a_mutated_vcard_file_is_imported_whole_or_refused(
    store: Store, tmp_path: Path, mutations: list[tuple[str, int, int]], skip_bad: bool
) -> None:
    """With ``skip_bad`` (``--skip-bad``, the dialog's "import the good cards") the good cards
    of a file with bad ones go in; without, nothing does."""
    target = tmp_path / "mutated.vcf"
    target.write_bytes(mutate(VALID_CARDS, mutations))
    before, count = snapshot(store), len(store.contacts.items())
    parsed = load_vcards(target)  # never raises for what the file holds
    done: list[Any] = []
    refused = attempt(
        lambda: done.append(import_contacts(store, parsed, skip_bad=skip_bad, source=target))
    )
    if refused is not None:
        assert refused
        assert snapshot(store) == before
        return
    summary = done[0].value
    assert len(store.contacts.items()) == count + summary.added
    assert summary.added + summary.merged + summary.skipped == len(parsed.cards)
    assert not holds_nul(store.data.export_document())


@fuzz(40)
@given(
    contacts=CONTACTS,
    version=st.sampled_from(["3.0", "4.0"]),
    fold=st.integers(20, 90),
)
def test_a_valid_vcard_file_imports_with_its_values(
    store: Store,
    tmp_path: Path,
    contacts: list[dict[str, Any]],
    version: str,
    fold: int,
) -> None:
    prefix = unique_prefix()
    target = tmp_path / "valid.vcf"
    target.write_bytes(
        b"".join(vcard_of(prefix, n, c, version, fold) for n, c in enumerate(contacts))
    )
    parsed = load_vcards(target)
    assert parsed.errors == [] and len(parsed.cards) == len(contacts)
    import_contacts(store, parsed)
    stored = {contact.key: contact for contact in store.contacts.all()}
    for n, given_contact in enumerate(contacts):
        assert_contact(stored[f"{prefix}-c{n}"], given_contact, version)


# --- restore --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sound_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sound")
    with open_store(paths.resolve(root / "data")) as opened:
        import_file(opened, SAMPLE)
    copy = root / "sound.sqlite3"
    source, target = sqlite3.connect(root / "data" / "afterview.sqlite3"), sqlite3.connect(copy)
    source.backup(target)
    target.execute("PRAGMA journal_mode=DELETE")
    source.close()
    target.close()
    return copy


RESTORE_MUTATION = st.one_of(
    st.tuples(st.just("flip"), WHERE, st.integers(1, 255)),
    st.tuples(st.just("cut"), WHERE, st.just(0)),
)


@fuzz(30)
@given(mutations=st.lists(RESTORE_MUTATION, min_size=1, max_size=8))
def test_a_mutated_database_is_restored_whole_or_refused(
    store: Store,
    home: Path,
    sound_database: Path,
    tmp_path: Path,
    mutations: list[tuple[str, int, int]],
) -> None:
    target = tmp_path / "mutated.sqlite3"
    target.write_bytes(mutate(sound_database.read_bytes(), mutations))
    before = snapshot(store)
    refused = attempt(lambda: store.backups.restore(find_backup(paths.resolve(home), str(target))))
    if refused is not None:
        assert refused
        assert snapshot(store) == before
        return
    # Restored: every record reads back, and the data is the file's, whole.
    assert not holds_nul(store.data.export_document())
    with sqlite3.connect(target) as check:
        (contacts,) = check.execute("SELECT count(*) FROM contacts").fetchone()
    assert len(store.contacts.all()) == contacts


def test_parse_never_raises_on_the_mutations_alone() -> None:
    """The parser's own promise, cheap enough to run for every mutation kind at once."""
    for value in range(len(INSERTS)):
        parse_vcards(mutate(VALID_CARDS, [("insert", len(VALID_CARDS) // 2, value)]))
