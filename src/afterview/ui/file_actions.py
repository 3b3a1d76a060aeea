"""The File menu's imports and exports: all data (the afterview/2 file the command line's
``export json`` writes, through the same code), calendar, contact cards, spreadsheet.

Each export writes through a temporary file and says where it went; each import
checks the whole file first and writes in one transaction, so a bad file leaves
the data as it was and its message names the record and field.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from afterview.interop import data_file
from afterview.interop.csv_export import export_csv
from afterview.interop.ics import export_ics
from afterview.interop.vcard_export import DEFAULT_VERSION, Version, export_vcf
from afterview.store.errors import StoreError
from afterview.ui.widgets import message_box

if TYPE_CHECKING:
    from afterview.store.operations import Store
    from afterview.ui.workspace import Workspace

#: Writes one export and says what it wrote ("12 contact cards"); the third argument is the
#: file-dialog filter the user picked ("" when none was asked for).
Exporter = Callable[["Store", Path, str], str]

#: The contact-card filters: the one picked is the vCard version written (3.0 first: the
#: default, which every address book reads).
VCARD_3 = "Contact cards, vCard 3.0 (*.vcf)"
VCARD_4 = "Contact cards, vCard 4.0 (*.vcf)"


def _json(store: Store, path: Path, _filter: str) -> str:
    document = data_file.export_file(store, path)
    return f"{len(document['interviews'])} interviews and {len(document['contacts'])} contacts"


def _ics(store: Store, path: Path, _filter: str) -> str:
    return f"{export_ics(store, path, include_interviews=True)} follow-up steps"


def _vcf(store: Store, path: Path, chosen_filter: str) -> str:
    version: Version = "4.0" if chosen_filter == VCARD_4 else DEFAULT_VERSION
    return f"{export_vcf(store, path, version=version)} contact cards (vCard {version})"


def _csv(store: Store, path: Path, _filter: str) -> str:
    return f"{export_csv(store, path, include_steps=True)} rows"


#: kind -> (file-dialog filter, suggested file name, writer); the menu texts live in main_window,
#: which must not import this module before the first paint.
EXPORTS: dict[str, tuple[str, str, Exporter]] = {
    "json": ("Afterview data (*.json)", "afterview.json", _json),
    "ics": ("Calendar (*.ics)", "afterview.ics", _ics),
    "vcf": (f"{VCARD_3};;{VCARD_4}", "contacts.vcf", _vcf),
    "csv": ("Spreadsheet (*.csv)", "interviews.csv", _csv),
}


def _parent(workspace: Workspace) -> QWidget:
    return workspace.window


def _choose_file(workspace: Workspace, title: str, pattern: str) -> Path | None:
    chosen, _selected = QFileDialog.getOpenFileName(
        _parent(workspace), title, str(Path.home()), pattern
    )
    return Path(chosen) if chosen else None


def export(workspace: Workspace, kind: str, path: Path | None = None) -> Path | None:
    """Ask where (unless ``path`` is given), write the export, and say what was written."""
    pattern, default, write = EXPORTS[kind]
    selected = ""
    if path is None:
        chosen, selected = QFileDialog.getSaveFileName(
            _parent(workspace), "Export", str(Path.home() / default), pattern
        )
        if not chosen:
            return None
        path = Path(chosen)
    try:
        what = write(workspace.store, path, selected)
    except (StoreError, OSError) as error:
        message_box(
            _parent(workspace), QMessageBox.Icon.Warning, "Export", f"Not exported: {error}"
        )
        return None
    workspace.window.statusBar().showMessage(f"Exported {what} to {path}.", 10000)
    return path


def import_json(workspace: Workspace, path: Path | None = None) -> bool:
    path = path or _choose_file(workspace, "Import Afterview data", "Afterview data (*.json)")
    if path is None:
        return False
    try:
        # Read and checked whole, then written in one transaction: the command line's code.
        outcome = data_file.import_file(workspace.store, path)
    except StoreError as error:
        message_box(
            _parent(workspace),
            QMessageBox.Icon.Warning,
            "Import",
            f"Nothing was imported.\n\n{error}",
        )
        return False
    workspace.window.statusBar().showMessage(data_file.summary_text(outcome.value), 10000)
    return True


def import_vcards(workspace: Workspace, path: Path | None = None) -> bool:
    from afterview.ui.vcard_import_dialog import VCardImportDialog

    path = path or _choose_file(workspace, "Import contact cards", "Contact cards (*.vcf)")
    if path is None:
        return False
    try:
        dialog = VCardImportDialog(workspace.data, path, _parent(workspace))
    except StoreError as error:
        message_box(_parent(workspace), QMessageBox.Icon.Warning, "Import", str(error))
        return False
    return bool(dialog.exec())
