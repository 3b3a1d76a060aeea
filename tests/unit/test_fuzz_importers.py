"""Fuzzing each importer with hypothesis (issue 13 §6), in ``make test``:

- mutations of valid files (bytes flipped, cut short, NULs, bad UTF-8, escapes, huge values
  put in) are imported whole or refused with a StoreError, never another exception, and a
  refused file leaves the data exactly as it was (its export before and after); an imported
  one holds every record of the file (all or nothing), and no NUL reaches the database;
- valid files the test writes itself (not Afterview's exporter: JSON as the README describes
  the format, vCard text as RFC 6350 escapes and folds it) import with the right values, read
  back through the store's operations, so a reader that refuses everything fails here;
- memory, measured with tracemalloc, stays under a stated bound for the largest file each
  importer allows and for hostile ones; the peaks are printed (``-s`` shows them).

The longer coverage-guided runs are ``make fuzz`` (fuzz/, not collected by pytest).
"""

from __future__ import annotations

import codecs
import itertools
import json
import shutil
import sqlite3
import tracemalloc
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


# --- memory ---------------------------------------------------------------------------------


def peak_mb(run: Callable[[], object]) -> float:
    """The most memory Python held at once during ``run``, beyond what it held before (MB)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        attempt(run)
        return (tracemalloc.get_traced_memory()[1] - base) / MB
    finally:
        tracemalloc.stop()


def largest_json(path: Path) -> Path:
    """Just under the 50 MB limit, all of it records: 510 contacts with 100,000-character
    notes (the most a note may be), a realistic worst case for memory."""
    notes = "Remember: " + "x" * 99_990
    contacts = [{"key": f"big-{n}", "name": f"Big {n}", "notes": notes} for n in range(510)]
    path.write_text(json.dumps({"format": "afterview/2", "contacts": contacts}), encoding="utf-8")
    assert 48 * MB < path.stat().st_size < 50 * MB
    return path


def hostile_many_values(path: Path) -> Path:
    path.write_bytes(b"[" + b"{}," * 990_000 + b"{}]")  # just under the 2,000,000 values
    return path


def hostile_long_text(path: Path) -> Path:
    path.write_bytes(b'{"format": "afterview/2", "settings": {"x": "' + b"A" * (49 * MB) + b'"}}')
    return path


def hostile_wide_text(path: Path) -> Path:
    """The worst case for memory: one 49 MB text ending in a character beyond U+FFFF, which
    makes Python keep all of it at 4 bytes a character (the decoded file, then the value)."""
    path.write_bytes(
        b'{"format": "afterview/2", "settings": {"x": "'
        + b"A" * (49 * MB)
        + "\U0001f600".encode()
        + b'"}}'
    )
    return path


def hostile_utf16_vcf(path: Path) -> Path:
    """UTF-16 with a BOM (as Outlook writes it) is converted to UTF-8 first: a 92 MB file."""
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wide\r\nPHOTO;ENCODING=b:"
    with path.open("wb") as handle:
        handle.write(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
        handle.write("QUFB".encode("utf-16-le") * (MB * 92 // 8))
        handle.write("\r\nEND:VCARD\r\n".encode("utf-16-le"))
    return path


def largest_vcf(path: Path) -> Path:
    """Just under the 100 MB limit: 20 cards each with a 4.8 MB photo, folded as exporters do."""
    photo = b"\r\n ".join([b"QUFB" * 19] * (int(4.7 * MB) // 76))
    with path.open("wb") as handle:
        for n in range(20):
            handle.write(
                b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d\r\nEMAIL:p%d@x.example\r\n"
                b"PHOTO;ENCODING=b:%s\r\nEND:VCARD\r\n" % (n, n, photo)
            )
    assert 95 * MB < path.stat().st_size < 100 * MB
    return path


def hostile_photo(path: Path) -> Path:
    with path.open("wb") as handle:
        handle.write(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big\r\nPHOTO;ENCODING=b:")
        handle.write(b"QUFB" * (12 * MB))
        handle.write(b"\r\nEND:VCARD\r\n")
    return path


@pytest.mark.slow
@pytest.mark.parametrize(
    ("make", "bound_mb"),
    [
        (largest_json, 160),
        (hostile_many_values, 160),
        (hostile_long_text, 160),
        (hostile_wide_text, 420),
        (largest_vcf, 130),
        (hostile_photo, 130),
        (hostile_utf16_vcf, 260),
    ],
    ids=[
        "json-largest",
        "json-2m-values",
        "json-49mb-text",
        "json-49mb-wide-text",
        "vcf-largest",
        "vcf-48mb-photo",
        "vcf-utf16-photo",
    ],
)
def test_memory_is_bounded(
    make: Callable[[Path], Path],
    bound_mb: int,
    tmp_path: Path,
    data_dir: Path,
    request: pytest.FixtureRequest,
) -> None:
    """The peak of reading, checking and importing the file into a store. Bounds: about 3
    times the JSON limit (50 MB), 8 times for one huge text with a character beyond U+FFFF
    (Python then keeps the decoded file and the value at 4 bytes a character); 1.3 times the
    vCard limit (100 MB), 2.6 times for a UTF-16 file (decoded, then encoded as UTF-8)."""
    kind = request.node.callspec.id.split("-")[0]
    path = make(tmp_path / f"file.{kind}")
    with open_store(paths.resolve(data_dir)) as opened:

        def run() -> None:
            if path.suffix == ".json":
                import_file(opened, path)
            else:
                import_contacts(opened, load_vcards(path), skip_bad=True)

        peak = peak_mb(run)
    size = path.stat().st_size / MB
    name = request.node.callspec.id
    print(f"\nmemory {name}: file {size:.1f} MB, peak {peak:.1f} MB (bound {bound_mb})")
    assert peak < bound_mb


def test_restore_checks_in_bounded_memory(sound_database: Path, tmp_path: Path) -> None:
    """A crafted database of 64 MB, 64 rows of 1 MB text each (the most a text may be): the
    checks read a row at a time; the trial open then reads every record at once, as an export
    does, so the bound is the file's size and 24 MB more."""
    crafted = shutil.copy(sound_database, tmp_path / "crafted.sqlite3")
    with sqlite3.connect(crafted) as connection:
        connection.executemany(
            "INSERT INTO settings (name, value) VALUES (?, ?)",
            [(f"x{n}", "A" * (MB - 16)) for n in range(64)],
        )
    from afterview.store.restore import check_backup

    peak = peak_mb(lambda: check_backup(Path(crafted)))
    size = Path(crafted).stat().st_size / MB
    bound = size + 24
    print(f"\nmemory restore check: file {size:.1f} MB, peak {peak:.1f} MB (bound {bound:.0f})")
    assert peak < bound


def test_parse_never_raises_on_the_mutations_alone() -> None:
    """The parser's own promise, cheap enough to run for every mutation kind at once."""
    for value in range(len(INSERTS)):
        parse_vcards(mutate(VALID_CARDS, [("insert", len(VALID_CARDS) // 2, value)]))
