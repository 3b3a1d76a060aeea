"""How a letter leaves the editor: print preview, the printer, a PDF, a mail draft, the
clipboard; "Send anyway?" first while a check fails; and where the keyboard is afterwards.

A child of the editor it sends from, reached as ``editor.out``::

    editor.out.save_pdf(Path("letter.pdf"))
    editor.out.open_mail_draft()

It holds no Python reference to the editor (it asks its parent), so the editor's wrapper
dies with the editor. What it does is said on the editor's status line and to a screen
reader (``editor.say``); an error also in a message box (``editor.error``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from afterview.letters.templates import plain_text
from afterview.store.errors import StoreError
from afterview.ui import letter_output
from afterview.ui.letter_keys import with_key

if TYPE_CHECKING:
    from afterview.ui.letter_editor import LetterEditor

#: Where the last PDF was saved in this session (the next one is offered there).
_PDF_FOLDER: list[Path | None] = [None]


def pdf_folder() -> Path:
    """Where Save as PDF starts: the folder used last in this session, else the user's
    documents folder (freedesktop's XDG_DOCUMENTS_DIR, through Qt), else home."""
    last = _PDF_FOLDER[0]
    if last is not None and last.is_dir():
        return last
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


class LetterOut(QObject):
    """The editor's ways out (its buttons Print preview…, Print…, Save as PDF…, Open as mail
    draft and Copy call these)."""

    def __init__(self, editor: LetterEditor) -> None:
        super().__init__(editor)
        #: The print preview shown last; held so the dialog and its printer outlive the call.
        self.preview: letter_output.PreviewDialog | None = None

    def _editor(self) -> LetterEditor:
        return cast("LetterEditor", self.parent())

    def show_print_preview(self) -> None:
        editor = self._editor()
        if self.preview is not None:
            self.preview.close()
        try:
            html = editor.html()
        except StoreError as error:  # the template's page was refused
            editor.error(str(error))
            return
        self.preview = letter_output.preview_dialog(html, editor.page_size(), editor)
        self.preview.open()

    def may_send(self) -> bool:
        """Checks the text as it is now; while a check fails, asks once "Send anyway?". On
        "Go back" the keyboard goes to the first failing check: to what needs fixing."""
        editor = self._editor()
        editor.run_checks()
        if editor.send_check.allow(editor.checks.results):
            return True
        editor.checks.focus_first_failing()
        return False

    def print_dialog(self) -> None:
        editor = self._editor()
        if not self.may_send():
            return
        try:
            html = editor.html()
        except StoreError as error:
            editor.error(str(error))
            return
        printer = letter_output.make_printer(editor.page_size())
        dialog = QPrintDialog(printer, editor)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            letter_output.print_html(html, printer)
            editor.say(self.tr("Sent to the printer."))

    def save_pdf(self, target: Path) -> Path:
        """Write the letter as a PDF at ``target``; StoreError (nothing written) when the file
        cannot be written."""
        editor = self._editor()
        written = letter_output.save_pdf(
            editor.html(), target, editor.page_size(), editor.subject.text()
        )
        editor.say(self.tr("Saved {file}").format(file=written))
        return written

    def pdf_file_name(self) -> str:
        """ "Thank-you letter – Maria Anders – Northwind.pdf", safe for file systems."""
        editor = self._editor()
        person = editor.context.recipient
        return letter_output.pdf_file_name(
            editor.templates.info(editor.template).title,
            person.name if person else "",
            editor.context.interview.company,
        )

    def save_pdf_dialog(self) -> None:
        editor = self._editor()
        back = self._focused()
        if not self.may_send():
            return
        name, _ = QFileDialog.getSaveFileName(
            editor,
            self.tr("Save as PDF"),
            str(pdf_folder() / self.pdf_file_name()),
            self.tr("PDF (*.pdf)"),
        )
        if name:
            try:
                self.save_pdf(Path(name))
            except StoreError as error:
                editor.error(str(error))
            else:
                _PDF_FOLDER[0] = Path(name).parent
        # Where the user was (the button, or the letter when the key was pressed there).
        self._focus_back(back, editor.buttons["pdf"])

    def _focused(self) -> QWidget | None:
        """The editor's control that has the keyboard (None when another window has it)."""
        focused = QApplication.focusWidget()
        editor = self._editor()
        return focused if focused is not None and editor.isAncestorOf(focused) else None

    def _focus_back(self, back: QWidget | None, fallback: QWidget) -> None:
        target = back or fallback
        if target.isEnabled() and target.isVisible():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def mail_address(self) -> str:
        """Where a mail draft goes: the address field, or the card's email when the field
        holds a postal address (a letter's); "" when there is none."""
        editor = self._editor()
        address = editor.address.text().strip()
        if "@" not in address and editor.context.recipient is not None:
            address = editor.context.recipient.email.strip()
        return address if "@" in address else ""

    def update_mail_button(self) -> None:
        """Open as mail draft is on when there is an address to write to; its tooltip and
        accessible description say where it goes, or why it is off."""
        editor = self._editor()
        button = editor.buttons["mail"]
        address = self.mail_address()
        person = editor.context.recipient
        button.setEnabled(bool(address))
        if address:
            tip = self.tr("Open this letter in your mail client, to {address}").format(
                address=address
            )
        else:
            tip = self.tr(
                "{name} has no email address: add one to their card, "
                "or type one in the Address field."
            ).format(name=person.name if person else self.tr("The recipient"))
        button.setToolTip(with_key("mail", tip))
        # A tooltip is seen on hover; a screen reader reads the description (why it is off).
        button.setAccessibleDescription(tip)

    def open_mail_draft(self) -> bool:
        """Hand the letter to the mail program as a draft; False (and says why) when there is
        no address or no mail program, or the user went back to fix a failing check."""
        editor = self._editor()
        address = self.mail_address()
        if not address:
            editor.error(
                self.tr("There is no email address to write to: add one to the contact card.")
            )
            return False
        if not self.may_send():
            return False
        if letter_output.mail_client_known() is False:
            editor.error(
                self.tr(
                    "No mail program is set up for email links on this computer. Use Copy, "
                    "then paste the letter into your mail."
                )
            )
            return False
        draft = editor.draft()
        opened = letter_output.open_mail_draft(address, draft.subject, draft.body)
        if opened:
            editor.say(self.tr("Opened in your mail client."))
        else:
            editor.say(self.tr("No mail client answered the mailto: link."), error=True)
        return opened

    def copy_to_clipboard(self) -> None:
        editor = self._editor()
        draft = editor.draft()
        letter_output.copy_text(plain_text(draft, with_subject=draft.channel == "email"))
        editor.say(self.tr("Copied."))


__all__ = ["LetterOut", "pdf_folder"]
