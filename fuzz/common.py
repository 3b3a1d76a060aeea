"""What the harnesses share: a scratch file on which each input is written (the importers
read files, and a file is how a hostile input arrives), and the seed corpora, made from valid
files written here and by Afterview itself."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "sample.json"
VCF = ROOT / "tests" / "data" / "vcf"
#: Issue 18's readers: calendar invitations, emails with signatures, saved job postings.
ICS = ROOT / "tests" / "data" / "ics"
SIGNATURES = ROOT / "tests" / "data" / "signatures"
POSTINGS = ROOT / "tests" / "data" / "postings"
SCRATCH = Path(tempfile.mkdtemp(prefix="afterview-fuzz-"))
# Removed when the harness ends (Atheris exits through sys.exit, which runs this).
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)


def as_file(data: bytes, name: str) -> Path:
    path = SCRATCH / name
    path.write_bytes(data)
    return path


def seed_json(corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "sample.json").write_bytes(SAMPLE.read_bytes())
    small = {"format": "afterview/2", "contacts": [{"key": "a", "name": "A"}]}
    (corpus / "small.json").write_text(json.dumps(small))


def seed_vcf(corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    for card in sorted(VCF.glob("*.vcf")):
        (corpus / card.name).write_bytes(card.read_bytes())


def _copy_seeds(folder: Path, patterns: tuple[str, ...], corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    for pattern in patterns:
        for seed in sorted(folder.glob(pattern)):
            (corpus / seed.name).write_bytes(seed.read_bytes())


def seed_invitation(corpus: Path) -> None:
    _copy_seeds(ICS, ("*.ics", "*.eml"), corpus)


def seed_email(corpus: Path) -> None:
    _copy_seeds(SIGNATURES, ("*.eml",), corpus)


def seed_posting(corpus: Path) -> None:
    _copy_seeds(POSTINGS, ("*.html", "*.htm"), corpus)


def seed_database(corpus: Path) -> None:
    """A small sound Afterview database (the sample imported), as restore's seed."""
    corpus.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("XDG_CONFIG_HOME", str(SCRATCH / "config"))
    from afterview import paths
    from afterview.interop.data_file import import_file
    from afterview.store.api import open_store

    home = SCRATCH / "seed-data"
    with open_store(paths.resolve(home)) as store:
        import_file(store, SAMPLE)
    source = sqlite3.connect(home / "afterview.sqlite3")
    target = sqlite3.connect(corpus / "sound.sqlite3")
    source.backup(target)
    target.execute("PRAGMA journal_mode=DELETE")
    target.execute("VACUUM")
    source.close()
    target.close()
