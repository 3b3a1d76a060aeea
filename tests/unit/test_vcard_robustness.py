"""Big and broken files: no uncaught exception, no partial import, memory bounded, a clear
message. Memory is measured in a fresh process: Linux's resident high-water mark (VmHWM), reset just
before the file is read. (getrusage's ru_maxrss would carry over the peak of the forking test
process across exec, and tracemalloc slows a 50 MB parse several times over.)"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from afterview import paths
from afterview.interop.vcard import BadCardsError, import_contacts, load_vcards
from afterview.store.api import open_store
from afterview.store.operations import Store

pytestmark = pytest.mark.slow
MB = 1024 * 1024
#: What parsing may add on top of the file's own bytes.
PARSE_BOUND_MB = 48

MEASURE = """
import json, sys
from pathlib import Path
from afterview.interop.vcard import load_vcards
def high_water_mb():
    # VmHWM, reset first: ru_maxrss would carry the forking test process's peak over exec.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0
with open("/proc/self/clear_refs", "w") as handle:
    handle.write("5")
before = high_water_mb()
parsed = load_vcards(Path(sys.argv[1]))
print(json.dumps({"added_mb": high_water_mb() - before, "cards": len(parsed.cards),
                  "errors": [str(e) for e in parsed.errors[:3]], "bad": parsed.bad_count}))
"""


@pytest.fixture
def linux_memory() -> None:
    """Only the memory measurements need Linux's /proc; the 10,000-card import does not."""
    if not Path("/proc/self/clear_refs").exists():
        pytest.skip("measures memory with Linux's /proc/self/clear_refs")


def _measure(path: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr  # no uncaught exception
    return json.loads(result.stdout)


def _assert_bounded(result: dict[str, Any], file_mb: float) -> None:
    assert result["added_mb"] < file_mb + PARSE_BOUND_MB, result


def _card(n: int) -> bytes:
    return (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d\r\nN:%d;Person;;;\r\nEMAIL:p%d@example.com\r\n"
        b"TEL:+1 555 %04d\r\nORG:Org %d\r\nTITLE:Title\r\nEND:VCARD\r\n" % (n, n, n, n % 10000, n)
    )


def _fill(path: Path, size: int, chunk: bytes) -> int:
    written = 0
    with path.open("wb") as handle:
        while written < size:
            handle.write(chunk)
            written += len(chunk)
    return written


@pytest.mark.usefixtures("linux_memory")
def test_a_50_mb_photo_makes_its_card_bad_in_bounded_memory(tmp_path: Path) -> None:
    """Issue 13 §6: a property over 10 MB (MAX_ANY_PROPERTY_BYTES) is refused by card, line
    and name; the photo is still never held."""
    path = tmp_path / "photo.vcf"
    line = b"\r\n " + b"QUFB" * 18 + b"QQ"
    with path.open("wb") as handle:
        handle.write(_card(1) + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo\r\n")
        handle.write(b"PHOTO;ENCODING=b;TYPE=JPEG:QUFB")
        handle.write(line * (50 * MB // len(line)))
        handle.write(b"\r\nEND:VCARD\r\n" + _card(2))
    size_mb = path.stat().st_size / MB
    assert size_mb >= 49
    result = _measure(path)
    assert result["cards"] == 2 and result["bad"] == 1
    assert result["errors"][0].startswith("card 2 (line 13): PHOTO is 48 MB; a card may hold")
    _assert_bounded(result, size_mb)


@pytest.mark.usefixtures("linux_memory")
def test_50_mb_of_binary_junk_is_one_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "junk.vcf"
    _fill(path, 50 * MB, bytes((i * 7919 + 13) % 256 for i in range(MB)))
    result = _measure(path)
    assert result["cards"] == 0
    assert result["errors"][0].startswith("line 1: no contact cards in this file")
    _assert_bounded(result, 50)


@pytest.mark.usefixtures("linux_memory")
def test_50_mb_of_cards_is_refused_whole_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "many.vcf"
    with path.open("wb") as handle:
        n = 0
        while handle.tell() < 50 * MB:
            handle.write(b"".join(_card(i) for i in range(n, n + 1000)))
            n += 1000
    result = _measure(path)
    assert result["cards"] == 0
    assert "more than 50,000 cards in one file; nothing was read" in result["errors"][0]
    _assert_bounded(result, 50)


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir)) as opened:
        yield opened


def _count(store: Store) -> int:
    return len(store.contacts.items())


def test_10000_cards_import_in_one_transaction_or_not_at_all(store: Store, tmp_path: Path) -> None:
    good = tmp_path / "10000.vcf"
    good.write_bytes(b"".join(_card(n) for n in range(10_000)))
    broken = tmp_path / "one-bad.vcf"
    cards = [_card(n) for n in range(10_000)]
    cards[7776] = cards[7776].replace(b"END:VCARD\r\n", b"")  # card 7,777 runs into the next
    broken.write_bytes(b"".join(cards))

    parsed = load_vcards(broken)
    assert [str(e) for e in parsed.errors] == [
        f"card 7777 (line {7776 * 9 + 1}): no END:VCARD before the next card begins at line "
        f"{7777 * 9}"
    ]
    with pytest.raises(BadCardsError, match="card 7777"):
        import_contacts(store, parsed)
    assert _count(store) == 0  # no partial import

    summary = import_contacts(store, load_vcards(good)).value
    assert summary.added == 10_000 and _count(store) == 10_000
    # The same file again: every card is a duplicate by email, merged, nothing added.
    summary = import_contacts(store, load_vcards(good)).value
    assert (summary.added, summary.merged) == (0, 10_000) and _count(store) == 10_000
