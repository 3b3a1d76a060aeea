"""Memory while importing, measured with tracemalloc (issue 13 §6): the largest file each
importer allows and hostile ones (one huge text, two million values, a UTF-16 file, a 48 MB
photo, a crafted database for restore), each under a stated bound; the peaks are printed
(``pytest -s`` shows them).
"""

from __future__ import annotations

import codecs
import contextlib
import json
import shutil
import sqlite3
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from afterview import paths
from afterview.interop.data_file import import_file
from afterview.interop.vcard import import_contacts, load_vcards
from afterview.store.api import open_store
from afterview.store.errors import StoreError
from afterview.store.restore import check_backup

MB = 1024 * 1024
SAMPLE = Path(__file__).parents[1] / "data" / "sample.json"


@pytest.fixture
def sound_database(data_dir: Path, tmp_path: Path) -> Path:
    with open_store(paths.resolve(data_dir)) as opened:
        import_file(opened, SAMPLE)
    copy = tmp_path / "sound.sqlite3"
    source, target = sqlite3.connect(data_dir / "afterview.sqlite3"), sqlite3.connect(copy)
    source.backup(target)
    target.execute("PRAGMA journal_mode=DELETE")
    source.close()
    target.close()
    return copy


def peak_mb(run: Callable[[], object]) -> float:
    """The most memory Python held at once during ``run``, beyond what it held before (MB)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        with contextlib.suppress(StoreError):  # a refused file's peak counts all the same
            run()
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


@pytest.mark.sqlite_only
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
    peak = peak_mb(lambda: check_backup(Path(crafted)))
    size = Path(crafted).stat().st_size / MB
    bound = size + 24
    print(f"\nmemory restore check: file {size:.1f} MB, peak {peak:.1f} MB (bound {bound:.0f})")
    assert peak < bound
