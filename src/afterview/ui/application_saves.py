"""Saving the application form (afterview.ui.application_form), and opening it.

A new application is the store's create; an edit is its update with the version the form
read. An edit that meets another computer's save opens the conflict dialog, as the contact
and reference editors do: "Reload theirs" shows what is stored (the form stays open),
"Keep mine" saves over theirs, "Save as chosen" saves the mix, Cancel keeps what was typed,
unsaved. While the database is away the store keeps the save and tries again (the banner
says so): the form closes, as New interview does.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from afterview.store.conflicts import ConflictError
from afterview.store.errors import RecordError, StoreError
from afterview.ui.data import DataAccess, not_saved_conflict

if TYPE_CHECKING:
    from afterview.ui.application_form import ApplicationDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("ApplicationSaves", text)


def changed_fields(dialog: ApplicationDialog) -> dict[str, Any]:
    """The form's fields that differ from the application it was opened on (all of them
    for a new one)."""
    values = dialog.values()
    if dialog.application is None:
        return values
    read = dialog.application
    return {name: value for name, value in values.items() if getattr(read, name) != value}


def save(dialog: ApplicationDialog) -> int | None:
    """Write the form: the application's id when it is saved (or kept to save once the
    database is back), None when the form stays open (refused, a conflict not settled)."""
    store = dialog.data.store.applications
    read = dialog.application
    if read is None:
        values = dialog.values()
        attempt = dialog.data.attempt(lambda: store.create(values), quiet=True, retry=True)
    else:
        changes = changed_fields(dialog)
        if not changes:
            return read.id  # nothing typed: nothing to write, nobody to meet
        version = read.version
        attempt = dialog.data.attempt(
            lambda: store.update(read.id, changes, expected_version=version),
            quiet=True,
            retry=True,
        )
    if attempt.waiting:
        return -1 if read is None else read.id
    if isinstance(attempt.error, ConflictError):
        return _resolve(dialog, attempt.error)
    if attempt.value is None:
        _refused(dialog, attempt.error)
        return None
    return attempt.value if read is None else read.id


def _refused(dialog: ApplicationDialog, error: StoreError | None) -> None:
    if isinstance(error, RecordError):
        dialog.show_refusal(error.field, error.problem)
    else:
        dialog.show_refusal(None, str(error) if error else _tr("Not saved."))


def _resolve(dialog: ApplicationDialog, conflict: ConflictError) -> int | None:
    """Another computer saved the application since the form read it: ask, then act."""
    from dataclasses import replace

    from afterview.ui.conflict_dialog import Choice, ask_fields

    choice, theirs = ask_fields(conflict, dialog)
    if choice is None:
        dialog.show_refusal(None, not_saved_conflict())
        return None
    read = dialog.application
    assert read is not None
    try:
        stored = dialog.data.store.applications.get(read.id)
    except StoreError as error:  # deleted meanwhile
        dialog.show_refusal(None, str(error))
        return None
    if choice is Choice.RELOAD:
        dialog.application = stored
        dialog.fill(stored)
        return None
    # Only what the user changed is theirs to keep: a field they left alone shows what the
    # other computer stored, and this save is compared with what is stored now.
    mine = changed_fields(dialog)
    if choice is Choice.MERGE:
        mine = {name: value for name, value in mine.items() if name not in theirs}
    dialog.application = stored
    dialog.fill(replace(stored, **mine))
    return save(dialog)


def new_application(parent: QWidget | None, data: DataAccess, now: datetime) -> int | None:
    """Ask for a new application and save it: its id (-1: kept to save once the database
    is back), or None when the user cancelled."""
    from afterview.ui.application_form import ApplicationDialog

    dialog = ApplicationDialog(data, now, None, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.saved_id
    finally:
        dialog.deleteLater()


def edit_application(
    parent: QWidget | None, data: DataAccess, now: datetime, application_id: int
) -> bool:
    """Open the editor on the application; True when the user saved it."""
    from afterview.ui.application_form import ApplicationDialog

    try:
        application = data.store.applications.get(application_id)
    except StoreError as error:  # deleted on another computer meanwhile
        from PySide6.QtWidgets import QMessageBox

        from afterview.ui.widgets import message_box

        message_box(parent, QMessageBox.Icon.Warning, _tr("Edit application"), str(error))
        return False
    dialog = ApplicationDialog(data, now, application, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


__all__ = ["changed_fields", "edit_application", "new_application", "save"]
