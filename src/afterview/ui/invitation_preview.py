"""The preview of a calendar invitation before it is imported (issue 18 §1), and
:func:`preview_and_import_invitation`, which File ▸ Import, a drop on the window and "Open
with Afterview" call.

The dialog shows what will be created, every field editable: the start (date and time, the
zone's IANA name, and the time in the user's home zone when it differs), the length, the
format, the place or link, the company (the guess filled in), the position and the round,
and a table of the people with a tick each, their name, email, role, and "already a contact"
when a card has their address. When the profile has no email the user may mark one attendee
"This is me": that address is saved as the profile's and left out. A reschedule shows the
old time and the new. A cancel is asked about in a question box instead.

Everything from the file is plain text (labels, table cells, message boxes). The file is
small (the reader refuses more than 2 MB), so it is read on the GUI thread.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from afterview.domain.invitations import Method
from afterview.interop.invitation_import import default_choices
from afterview.store.errors import StoreError
from afterview.store.invitation_values import Action, InvitationResult
from afterview.ui.invitation_dialog import InvitationPreviewDialog, when_text
from afterview.ui.widgets import ask, message_box

if TYPE_CHECKING:
    from afterview.ui.workspace import Workspace


def _tr(text: str) -> str:
    return QCoreApplication.translate("InvitationPreview", text)


def _parent(workspace: Workspace) -> QWidget:
    return workspace.window


def preview_and_import_invitation(workspace: Workspace, path: Path) -> bool:
    """Read the invitation at ``path`` (.ics or .eml, at most 2 MB), show the preview, and on
    Import write it through the store and say so in the status bar. A file that cannot be
    read, an invitation already imported, or a cancel of an unknown meeting shows a message
    box and writes nothing; a cancel asks first. Returns whether anything was written."""
    from afterview.interop.invitation_read import load_invitation

    parent = _parent(workspace)
    store = workspace.store
    try:
        invitation = load_invitation(path, home_zone=store.settings.playbook().home_time_zone)
        look = store.invitations.look(invitation)
    except StoreError as error:
        message_box(parent, QMessageBox.Icon.Warning, _tr("Import invitation"), str(error))
        return False
    known = look.known
    if look.action is Action.ALREADY and known is not None:
        text = _tr("{0} is already imported: the interview at {1} ({2}). Nothing changed.")
        if invitation.method is Method.CANCEL:  # sent before the reschedule imported since
            text = _tr(
                "{0} is an older cancel than the invitation imported for the interview at {1} "
                "({2}), which still stands. Nothing changed."
            )
        text = text.format(path.name, known.company, known.position)
        if invitation.method is not Method.CANCEL and known.differs_from(invitation):
            minutes = invitation.duration_minutes
            text += "\n\n" + _tr(
                "The file gives another time, {0} for {1} minutes, but does not mark it as a "
                "newer version of the invitation, so Afterview keeps {2}. If the meeting moved, "
                "change the interview's time."
            ).format(
                when_text(invitation.start, known.time_zone),
                minutes,
                when_text(known.start, known.time_zone),
            )
        message_box(parent, QMessageBox.Icon.Information, _tr("Import invitation"), text)
        return False
    if look.action is Action.CANCEL_UNKNOWN:
        text = _tr("{0} cancels a meeting Afterview does not have. Nothing was imported.")
        message_box(
            parent, QMessageBox.Icon.Information, _tr("Import invitation"), text.format(path.name)
        )
        return False
    if look.action is Action.CANCEL and known is not None:
        text = _tr("The employer cancelled the interview at {0} ({1}) on {2}. End its steps?")
        if known.closes_application:
            text = _tr(
                "The employer cancelled the interview at {0} ({1}) on {2}. End its steps and "
                "close the application as cancelled by the employer?"
            )
        question = text.format(
            known.company, known.position, when_text(known.start, known.time_zone)
        )
        if not ask(parent, _tr("Cancel the interview?"), question):
            return False
        choices = replace(default_choices(invitation, look), confirmed=True)
        try:
            result = store.invitations.import_invitation(invitation, choices).value
        except StoreError as error:
            message_box(parent, QMessageBox.Icon.Warning, _tr("Import invitation"), str(error))
            return False
        return _said(workspace, result)
    dialog = InvitationPreviewDialog(store, invitation, look, path, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_value is None:
        return False
    return _said(workspace, dialog.result_value)


def _said(workspace: Workspace, result: InvitationResult) -> bool:
    texts = {
        Action.CREATE: _tr("Interview created from the invitation. Its steps are in Today."),
        Action.RESCHEDULE: _tr("Interview moved to the invitation's new time; steps re-planned."),
        Action.CANCEL: _tr("Interview cancelled by the employer; its open steps ended."),
    }
    text = texts.get(result.action, _tr("Nothing changed."))
    workspace.window.statusBar().showMessage(text, 10000)
    return result.action in texts


__all__ = ["InvitationPreviewDialog", "preview_and_import_invitation", "when_text"]
