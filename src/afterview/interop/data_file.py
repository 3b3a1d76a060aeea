"""Everything at once, as a file: "Export all data" and "Import" in the window, and
``afterview export json`` / ``afterview import json``, all through these functions.

The format is the store's (``afterview/3``, README "The interchange format"); a file is read
and checked whole before anything is written, then written in one transaction.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from afterview.interop.files import write_atomically
from afterview.store.changes import Outcome
from afterview.store.interchange_format import Document, load_file
from afterview.store.values import ImportSummary

if TYPE_CHECKING:
    from afterview.store.operations import Store


def export_text(store: Store) -> tuple[str, dict[str, Any]]:
    """The whole database as the file's text (UTF-8 JSON), and the document it holds."""
    document = store.data.export_document()
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n", document


def export_file(store: Store, path: Path) -> dict[str, Any]:
    """Write the export to ``path`` atomically (a reader never sees half of it); returns the
    document. StoreError when the file cannot be written."""
    text, document = export_text(store)
    write_atomically(path, text.encode("utf-8"))
    return document


def read_file(path: Path) -> Document:
    """The whole file, read and checked; StoreError naming the record and field if not."""
    return load_file(path)


def import_file(store: Store, path: Path) -> Outcome[ImportSummary]:
    """Read and check ``path`` whole, then write it in one transaction (nothing when refused)."""
    return store.data.import_document(read_file(path))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def summary_text(summary: ImportSummary) -> str:
    """ "Imported 2 applications, 1 interview, 5 contacts and 2 references (and 3 letters).",
    the applications named only when there are some."""
    applications = _count(summary.applications, "application")
    text = (
        f"Imported {applications + ', ' if summary.applications else ''}"
        f"{_count(summary.interviews, 'interview')}, "
        f"{_count(summary.contacts, 'contact')} and {_count(summary.references, 'reference')}"
    )
    return text + (f" (and {_count(summary.letters, 'letter')})." if summary.letters else ".")


__all__ = ["export_file", "export_text", "import_file", "read_file", "summary_text"]
