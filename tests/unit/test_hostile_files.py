"""Issue 13 §6, hostile files at every door: each case × each importer, through the command
line a user runs (``python -m afterview`` in a subprocess, under a 1.5 GB address-space limit so
a reader that trusts a file's size fails here instead of eating the machine). Each is refused
with exit status 2, one message naming the file (or the record and field) and the problem, no
traceback, and the database exactly as it was (its export before and after, and its backups).

Then every text of a real export, one at a time, given a NUL, a lone surrogate or a byte that
is not UTF-8; every property of a card, and every text column of a database chosen for restore,
the same: each refused by name (in-process, the same ``main`` the command runs).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from afterview.cli import main

MB = 1024 * 1024
SAMPLE = Path(__file__).parents[1] / "data" / "sample.json"
#: The command's address space: a 50 MB file read a few times over fits, /dev/zero does not.
ADDRESS_SPACE = 1536 * MB


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def afterview(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "afterview", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,  # a FIFO read would block for ever: this fails the test instead
        preexec_fn=_limit_memory,
        check=False,
    )


# --- the data directory every case starts from --------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding the sample (so "unchanged" means something), and a database
    file to restore from that is sound: the cases break copies of it."""
    root = tmp_path_factory.mktemp("hostile-template")
    result = afterview(root / "data", "import", "json", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    backup = root / "good.sqlite3"
    source = sqlite3.connect(root / "data" / "afterview.sqlite3")
    target = sqlite3.connect(backup)
    source.backup(target)
    target.execute("PRAGMA journal_mode=DELETE")
    target.close()
    source.close()
    return root


@pytest.fixture
def data_dir(template: Path, tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    shutil.copytree(template / "data", directory)
    return directory


def export_of(data_dir: Path, out: Path) -> dict[str, Any]:
    status = main(["--data-dir", str(data_dir), "export", "json", str(out)])
    assert status == 0
    return json.loads(out.read_text(encoding="utf-8"))


def state(data_dir: Path, scratch: Path) -> tuple[dict[str, Any], list[str]]:
    """What the user has: the export of everything, and the backups."""
    backups = sorted(p.name for p in (data_dir / "backups").glob("*"))
    return export_of(data_dir, scratch / "state.json"), backups


# --- the hostile files ---------------------------------------------------------------------


def sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no disk (a hole): over a limit by its size alone."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def symlink_to_zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def folder(path: Path) -> Path:
    path.mkdir()
    return path


def deeply_nested(path: Path) -> Path:
    path.write_text("[" * 100_000 + "]" * 100_000)
    return path


def nested_40(path: Path) -> Path:
    """Deep enough to pass json.loads, and still refused: the format needs 6 levels."""
    path.write_text('{"format": "afterview/2", "contacts": ' + "[" * 40 + "]" * 40 + "}")
    return path


def contact_file(name_json: str) -> bytes:
    return (
        '{"format": "afterview/2", "contacts": [{"key": "mallory", "name": ' + name_json + "}]}"
    ).encode()


def json_with(raw: bytes) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.write_bytes(raw)
        return path

    return make


def many_values(path: Path) -> Path:
    path.write_bytes(b"[" + b"{}," * 3_000_000 + b"{}]")  # 9 MB: 3 GB of dicts if parsed
    return path


def card(*lines: bytes) -> bytes:
    return b"BEGIN:VCARD\r\nVERSION:3.0\r\n" + b"\r\n".join(lines) + b"\r\nEND:VCARD\r\n"


def photo_50_mb(path: Path) -> Path:
    with path.open("wb") as handle:
        handle.write(card(b"FN:Good One", b"EMAIL:good@example.com"))
        handle.write(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo\r\nPHOTO;ENCODING=b:")
        chunk = b"QUFB" * (MB // 4)
        for _ in range(50):
            handle.write(chunk)
        handle.write(b"\r\nEND:VCARD\r\n")
    return path


def database_with(sql: str) -> Callable[[Path], Path]:
    """A copy of a sound Afterview database, changed by ``sql`` (bypassing Afterview)."""

    def make(path: Path) -> Path:
        shutil.copy(GOOD_DATABASE[0], path)
        connection = sqlite3.connect(path)
        connection.executescript(sql)
        connection.commit()
        connection.close()
        return path

    return make


def random_bytes(path: Path) -> Path:
    path.write_bytes(bytes((n * 7919 + 13) % 256 for n in range(64 * 1024)))
    return path


#: Set by the fixture below: the sound database the restore cases change.
GOOD_DATABASE: list[Path] = []


@dataclass(frozen=True)
class Case:
    importer: str  # json, vcf or restore
    name: str
    make: Callable[[Path], Path]
    #: Every one must be in the message.
    says: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.importer}-{self.name}"


FIRST_CONTACT = "UPDATE contacts SET {} WHERE rowid = (SELECT min(rowid) FROM contacts)"
CASES = [
    # JSON interchange import
    Case("json", "over-size-limit", lambda p: sparse(p, 50 * MB + 1), ("larger than 50 MB",)),
    Case("json", "deeply-nested", deeply_nested, ("nested too deeply",)),
    Case("json", "nested-40-levels", nested_40, ("nested too deeply",)),
    Case("json", "too-many-values", many_values, ("more than 2,000,000 values",)),
    Case(
        "json",
        "nul-escape-in-field",
        json_with(contact_file('"Mal\\u0000lory"')),
        ("contact #1 (key 'mallory'): field 'name': contains a NUL character",),
    ),
    Case(
        "json",
        "nul-byte-in-field",
        json_with(contact_file('"Mal\x00lory"')),
        ("is not valid JSON (line 1, column", "Invalid control character"),
    ),
    Case(
        "json",
        "invalid-utf8-in-field",
        json_with(contact_file('"Mallory"').replace(b"Mallory", b"Mal\xff\xfelory")),
        ("is not UTF-8 text (line 1, byte",),
    ),
    Case(
        "json",
        "lone-surrogate-in-field",
        json_with(contact_file('"Mal\\ud800lory"')),
        ("contact #1 (key 'mallory'): field 'name': is not valid Unicode text",),
    ),
    Case(
        "json",
        "huge-number",
        json_with(
            b'{"format": "afterview/2", "settings": {"snooze_minutes": ' + b"9" * 5000 + b"}}"
        ),
        ("a number of more than 4,300 digits",),
    ),
    Case("json", "symlink-to-dev-zero", symlink_to_zero, ("is a device, not a file",)),
    Case("json", "fifo", fifo, ("is a named pipe, not a file",)),
    Case("json", "folder", folder, ("is a folder, not a file",)),
    # vCard import
    Case("vcf", "over-size-limit", lambda p: sparse(p, 100 * MB + 1), ("larger than 100 MB",)),
    Case(
        "vcf",
        "photo-50-mb",
        photo_50_mb,
        ("card 2 (line 9): PHOTO is 50 MB; a card may hold at most 10 MB in one property",),
    ),
    Case(
        "vcf",
        "nul-in-field",
        json_with(card(b"FN:Mal\x00lory")),
        ("card 1 (line 3): FN contains a NUL character",),
    ),
    Case(
        "vcf",
        "nul-in-parameter",
        json_with(card(b"FN:Mallory", b"EMAIL;TYPE=wo\x00rk:m@example.com")),
        ("card 1 (line 4): EMAIL: its TYPE contains a NUL character",),
    ),
    Case(
        "vcf",
        "invalid-utf8-in-field",
        json_with(card(b"FN:Mal\xff\xfelory")),
        ("card 1 (line 3): FN is not UTF-8 text",),
    ),
    Case("vcf", "symlink-to-dev-zero", symlink_to_zero, ("is a device, not a file",)),
    Case("vcf", "fifo", fifo, ("is a named pipe, not a file",)),
    Case("vcf", "folder", folder, ("is a folder, not a file",)),
    # The database file chosen for a restore
    Case(
        "restore",
        "over-size-limit",
        lambda p: sparse(p, 256 * MB + 1),
        ("larger than 256 MB, the most a backup can be",),
    ),
    Case("restore", "not-a-database", random_bytes, ("cannot be used: it is not an SQLite",)),
    Case(
        "restore",
        "nul-in-field",
        database_with(FIRST_CONTACT.format("name = CAST(x'4d616c006c6f7279' AS TEXT)")),
        ("table contacts, row 1, column name contains a NUL character",),
    ),
    Case(
        "restore",
        "invalid-utf8-in-field",
        database_with(FIRST_CONTACT.format("notes = CAST(x'4d616cfffe' AS TEXT)")),
        ("table contacts, row 1, column notes is not UTF-8 text",),
    ),
    Case(
        "restore",
        "huge-field",
        database_with(FIRST_CONTACT.format("notes = CAST(randomblob(5000000) AS TEXT)")),
        ("table contacts, row 1, column notes holds 4.8 MB of text (a restored text may be",),
    ),
    Case(
        "restore",
        "trigger",
        database_with("CREATE TRIGGER wipe AFTER INSERT ON steps BEGIN DELETE FROM contacts; END"),
        ("it has a trigger 'wipe', which Afterview never makes",),
    ),
    Case(
        "restore",
        "schema-names-a-missing-column",  # what the fuzzer found: sound to SQLite, not to us
        database_with(
            "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = "
            "replace(sql, 'channel', 'chbnnel') WHERE name = 'steps';"
        ),
        ("it does not open in this Afterview (The database could not be read",),
    ),
    Case("restore", "symlink-to-dev-zero", symlink_to_zero, ("is a device, not a file",)),
    Case("restore", "fifo", fifo, ("is a named pipe, not a file",)),
    Case("restore", "folder", folder, ("is a folder, not a file",)),
]


@pytest.fixture
def good_database(template: Path) -> Iterator[None]:
    GOOD_DATABASE[:] = [template / "good.sqlite3"]
    yield
    GOOD_DATABASE.clear()


def command(case: Case, path: Path) -> tuple[str, ...]:
    return (
        ("restore", str(path))
        if case.importer == "restore"
        else ("import", case.importer, str(path))
    )


@pytest.mark.usefixtures("good_database")
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_hostile_file_is_refused_by_name_and_nothing_is_written(
    case: Case, data_dir: Path, tmp_path: Path
) -> None:
    suffix = {"json": ".json", "vcf": ".vcf", "restore": ".sqlite3"}[case.importer]
    path = case.make(tmp_path / f"hostile{suffix}")
    before = state(data_dir, tmp_path)

    result = afterview(data_dir, *command(case, path))

    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert result.stderr.startswith("afterview: ")
    for words in case.says:
        assert words in result.stderr
    assert str(path) in result.stderr
    assert len(result.stderr) < 1000
    assert state(data_dir, tmp_path) == before


def test_the_sound_database_the_restore_cases_break_does_restore(
    template: Path, data_dir: Path, tmp_path: Path
) -> None:
    """The restore cases are refused for what was done to the file, not for the file."""
    copy = shutil.copy(template / "good.sqlite3", tmp_path / "good.sqlite3")
    result = afterview(data_dir, "restore", str(copy))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Restored good.sqlite3.")
