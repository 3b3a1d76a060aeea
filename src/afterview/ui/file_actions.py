"""The File menu's imports and exports: all data (the afterview/3 file the command line's
``export json`` writes, through the same code), calendar, contact cards, spreadsheet, the
applications' spreadsheet.

Each export writes through a temporary file and says where it went; each import
checks the whole file first and writes in one transaction, so a bad file leaves
the data as it was and its message names the record and field.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from afterview.interop import data_file
from afterview.interop.csv_export import export_csv, store_applications_csv
from afterview.interop.files import write_atomically
from afterview.interop.ics import export_ics
from afterview.interop.vcard_export import DEFAULT_VERSION, Version, export_vcf
from afterview.store.errors import StoreError
from afterview.ui.translation import fill
from afterview.ui.widgets import message_box

if TYPE_CHECKING:
    from afterview.store.operations import Store
    from afterview.store.values import ImportSummary
    from afterview.ui.workspace import Workspace


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("FileActions", text, None, n)


#: Writes one export and says what it wrote ("12 contact cards"); the third argument is the
#: file-dialog filter the user picked ("" when none was asked for).
Exporter = Callable[["Store", Path, str], str]

#: The contact-card filters: the one picked is the vCard version written (3.0 first: the
#: default, which every address book reads). Translated where shown, and compared translated.
VCARD_3 = str(QT_TRANSLATE_NOOP("FileActions", "Contact cards, vCard 3.0 (*.vcf)"))
VCARD_4 = str(QT_TRANSLATE_NOOP("FileActions", "Contact cards, vCard 4.0 (*.vcf)"))


def _json(store: Store, path: Path, _filter: str) -> str:
    document = data_file.export_file(store, path)
    return fill(
        QCoreApplication.translate("FileActions", "%1 and %2"),
        QCoreApplication.translate(
            "FileActions", "%n interview(s)", None, len(document["interviews"])
        ),
        QCoreApplication.translate("FileActions", "%n contact(s)", None, len(document["contacts"])),
    )


def _ics(store: Store, path: Path, _filter: str) -> str:
    return QCoreApplication.translate(
        "FileActions",
        "%n follow-up step(s)",
        None,
        export_ics(store, path, include_interviews=True),
    )


def _vcf(store: Store, path: Path, chosen_filter: str) -> str:
    version: Version = "4.0" if chosen_filter in (VCARD_4, _tr(VCARD_4)) else DEFAULT_VERSION
    written = export_vcf(store, path, version=version)
    return fill(
        QCoreApplication.translate("FileActions", "%1 (vCard %2)"),
        QCoreApplication.translate("FileActions", "%n contact card(s)", None, written),
        version,
    )


def _csv(store: Store, path: Path, _filter: str) -> str:
    return QCoreApplication.translate(
        "FileActions", "%n row(s)", None, export_csv(store, path, include_steps=True)
    )


def _applications_csv(store: Store, path: Path, _filter: str) -> str:
    """The applications with their stage and outcome: what ``afterview export csv FILE
    --applications`` writes, through the same code (safe cells)."""
    data, count = store_applications_csv(store)
    write_atomically(path, data)
    return QCoreApplication.translate("FileActions", "%n application(s)", None, count)


#: kind -> (file-dialog filter, suggested file name, writer); the menu texts live in main_window,
#: which must not import this module before the first paint.
EXPORTS: dict[str, tuple[str, str, Exporter]] = {
    "json": (
        str(QT_TRANSLATE_NOOP("FileActions", "Afterview data (*.json)")),
        "afterview.json",
        _json,
    ),
    "ics": (str(QT_TRANSLATE_NOOP("FileActions", "Calendar (*.ics)")), "afterview.ics", _ics),
    "vcf": (f"{VCARD_3};;{VCARD_4}", "contacts.vcf", _vcf),
    "csv": (str(QT_TRANSLATE_NOOP("FileActions", "Spreadsheet (*.csv)")), "interviews.csv", _csv),
    "applications_csv": (
        str(QT_TRANSLATE_NOOP("FileActions", "Spreadsheet (*.csv)")),
        "applications.csv",
        _applications_csv,
    ),
}


def imported_text(summary: ImportSummary) -> str:
    """ "Imported 1 interview, 5 contacts and 2 references." (the CLI's
    data_file.summary_text, translated, counts through %n)."""
    text = fill(
        QCoreApplication.translate("FileActions", "Imported %1, %2 and %3."),
        QCoreApplication.translate("FileActions", "%n interview(s)", None, summary.interviews),
        QCoreApplication.translate("FileActions", "%n contact(s)", None, summary.contacts),
        QCoreApplication.translate("FileActions", "%n reference(s)", None, summary.references),
    )
    if summary.applications:
        text += " " + QCoreApplication.translate(
            "FileActions", "%n application(s) came with them.", None, summary.applications
        )
    if summary.letters:
        text += " " + QCoreApplication.translate(
            "FileActions", "%n letter(s) came with them.", None, summary.letters
        )
    return text


def _parent(workspace: Workspace) -> QWidget:
    return workspace.window


def _choose_file(workspace: Workspace, title: str, pattern: str) -> Path | None:
    chosen, _selected = QFileDialog.getOpenFileName(
        _parent(workspace), title, str(Path.home()), pattern
    )
    return Path(chosen) if chosen else None


def export(workspace: Workspace, kind: str, path: Path | None = None) -> Path | None:
    """Ask where (unless ``path`` is given), write the export, and say what was written."""
    source, default, write = EXPORTS[kind]
    pattern = ";;".join(_tr(part) for part in source.split(";;"))
    selected = ""
    if path is None:
        chosen, selected = QFileDialog.getSaveFileName(
            _parent(workspace),
            QCoreApplication.translate("FileActions", "Export"),
            str(Path.home() / default),
            pattern,
        )
        if not chosen:
            return None
        path = Path(chosen)
    try:
        what = write(workspace.store, path, selected)
    except (StoreError, OSError) as error:
        message_box(
            _parent(workspace),
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("FileActions", "Export"),
            fill(QCoreApplication.translate("FileActions", "Not exported: %1"), error),
        )
        return None
    workspace.window.statusBar().showMessage(
        fill(QCoreApplication.translate("FileActions", "Exported %1 to %2."), what, path), 10000
    )
    return path


def import_json(workspace: Workspace, path: Path | None = None) -> bool:
    path = path or _choose_file(
        workspace,
        QCoreApplication.translate("FileActions", "Import Afterview data"),
        QCoreApplication.translate("FileActions", "Afterview data (*.json)"),
    )
    if path is None:
        return False
    try:
        # Read and checked whole, then written in one transaction: the command line's code.
        outcome = data_file.import_file(workspace.store, path)
    except StoreError as error:
        message_box(
            _parent(workspace),
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("FileActions", "Import"),
            fill(QCoreApplication.translate("FileActions", "Nothing was imported.\n\n%1"), error),
        )
        return False
    workspace.window.statusBar().showMessage(imported_text(outcome.value), 10000)
    return True


def import_vcards(workspace: Workspace, path: Path | None = None) -> bool:
    from afterview.ui.vcard_import_dialog import VCardImportDialog

    path = path or _choose_file(
        workspace,
        QCoreApplication.translate("FileActions", "Import contact cards"),
        QCoreApplication.translate("FileActions", "Contact cards (*.vcf)"),
    )
    if path is None:
        return False
    try:
        dialog = VCardImportDialog(workspace.data, path, _parent(workspace))
    except StoreError as error:
        message_box(
            _parent(workspace),
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("FileActions", "Import"),
            str(error),
        )
        return False
    return bool(dialog.exec())


def _preview_import(
    workspace: Workspace, path: Path | None, title: str, pattern: str, module: str, name: str
) -> bool:
    """Ask for a file (unless ``path`` is given) and hand it to ``module.name``, the preview
    that reads it, shows what it will create, and saves only what the user keeps."""
    import importlib

    path = path or _choose_file(workspace, title, pattern)
    if path is None:
        return False
    preview = getattr(importlib.import_module(f"afterview.ui.{module}"), name)
    return bool(preview(workspace, path))


def import_invitation(workspace: Workspace, path: Path | None = None) -> bool:
    """An interview from a calendar invitation (.ics, or an email carrying one)."""
    return _preview_import(
        workspace,
        path,
        _tr("Import a calendar invitation"),
        _tr("Calendar invitations (*.ics *.eml);;All files (*)"),
        "invitation_preview",
        "preview_and_import_invitation",
    )


def import_email(workspace: Workspace, path: Path | None = None) -> bool:
    """Contacts from an email's sender, its signature, and its To and Cc."""
    return _preview_import(
        workspace,
        path,
        _tr("Import contacts from an email"),
        _tr("Emails (*.eml);;All files (*)"),
        "email_preview",
        "preview_and_import_email",
    )


def import_posting(workspace: Workspace, path: Path | None = None) -> bool:
    """An application from a job posting saved from the browser."""
    return _preview_import(
        workspace,
        path,
        _tr("Import a saved job posting"),
        _tr("Saved web pages (*.html *.htm *.xhtml *.mhtml);;All files (*)"),
        "posting_preview",
        "preview_and_import_posting",
    )
