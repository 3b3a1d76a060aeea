"""Importing a saved job posting (issue 18 §3): the page read whole, a preview of the
application it makes (company and position editable; location, employment type, date
posted, link and the description shown as read), then one transaction on Import.

    preview_and_import_posting(workspace, path)   # -> True when an application was written

The page is read on the GUI thread: it is at most 10 MB (interop.job_posting.LIMIT), and
the description's HTML is read up to a million characters (interop.posting_fields): an 8 MB
page took 0.9 s on the development machine, a real posting (under 200 KB) milliseconds.
Everything read from the page is plain text: line edits and a QPlainTextEdit, and labels set
to Qt.PlainText.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.postings import Posting
from afterview.interop.job_posting import load_posting
from afterview.store.errors import StoreError
from afterview.store.posting_values import PostingAction, PostingImport
from afterview.ui.dates import long_date
from afterview.ui.translation import fill
from afterview.ui.widgets import message_box
from afterview.ui.window_fit import dialog_size

if TYPE_CHECKING:
    from afterview.ui.data import DataAccess
    from afterview.ui.workspace import Workspace

#: How long the status bar shows what was imported, in milliseconds.
STATUS_MS = 10_000


def _tr(text: str) -> str:
    return QCoreApplication.translate("PostingPreview", text)


def _plain_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # from the page: never rich text
    label.setWordWrap(True)
    return label


class PostingPreviewDialog(QDialog):
    """``PostingPreviewDialog(data, path, posting, parent).exec()``; after Accepted,
    :attr:`outcome` says what was written (None when the store refused: DataAccess.failed
    said why)."""

    def __init__(
        self, data: DataAccess, path: Path, posting: Posting, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.posting = posting
        self.outcome: PostingImport | None = None
        self.setWindowTitle(fill(self.tr("Import job posting — %1"), path.name))

        layout = QVBoxLayout(self)
        self.heading = _plain_label(
            self.tr(
                "Afterview will add this application. Correct the company or the position "
                "if the page has them wrong."
            ),
            self,
        )
        self.heading.setObjectName("heading")
        layout.addWidget(self.heading)
        # A listing page: say which postings are left out, so none is dropped unseen.
        self.others = _plain_label(
            fill(
                self.tr(
                    "This page has %1 job postings; Afterview takes the first. Left out: %2. "
                    "To import another, save its own page."
                ),
                str(len(posting.others) + 1),
                "; ".join(posting.others),
            )
            if posting.others
            else "",
            self,
        )
        self.others.setObjectName("others")
        self.others.setVisible(bool(posting.others))
        layout.addWidget(self.others)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.company = self._line("company", posting.company, editable=True)
        self.position = self._line("position", posting.title, editable=True)
        self.location = self._line("location", posting.location)
        self.employment = self._line("employment", posting.employment_type)
        posted = posting.date_posted
        self.posted = self._line("posted", long_date(posted) if posted else "")
        self.link = self._line("link", posting.url)
        for label, field in (
            (self.tr("&Company:"), self.company),
            (self.tr("&Position:"), self.position),
            (self.tr("Location:"), self.location),
            (self.tr("Employment type:"), self.employment),
            (self.tr("Date posted:"), self.posted),
            (self.tr("Link:"), self.link),
        ):
            form.addRow(label, field)
        layout.addLayout(form)

        self.description_label = QLabel(self.tr("&Description (kept with the application):"))
        layout.addWidget(self.description_label)
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("description")
        self.description.setReadOnly(True)
        self.description.setPlainText(posting.description)
        self.description.setPlaceholderText(self.tr("The page gives no description."))
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setTabChangesFocus(True)
        self.description_label.setBuddy(self.description)
        layout.addWidget(self.description, 1)

        self.note = _plain_label("", self)
        self.note.setObjectName("note")
        layout.addWidget(self.note)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("import")
        self.import_button.setDefault(True)
        layout.addWidget(self.buttons)

        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.do_import)
        self.company.textChanged.connect(self._update)
        self.position.textChanged.connect(self._update)
        self._update()
        # On a small screen the description scrolls and Import and Cancel stay on the screen.
        self.resize(dialog_size(self, QSize(720, 620)))

    def _line(self, name: str, text: str, *, editable: bool = False) -> QLineEdit:
        field = QLineEdit(text, self)
        field.setObjectName(name)
        field.setReadOnly(not editable)
        field.setCursorPosition(0)
        if not editable:
            field.setPlaceholderText(self.tr("Not given on the page"))
            # A value read from the page, not a box to type in: no frame, the window's colour.
            field.setFrame(False)
            palette = field.palette()
            palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
            field.setPalette(palette)
        return field

    def edited(self) -> Posting:
        """The posting with the company and position as the user left them."""
        return replace(
            self.posting, company=self.company.text().strip(), title=self.position.text().strip()
        )

    def _update(self) -> None:
        posting = self.edited()
        if not posting.company or not posting.title:
            self.note.setText(self.tr("An application needs a company and a position."))
            self.import_button.setEnabled(False)
            return
        self.import_button.setEnabled(True)
        try:
            found = self.data.store.applications.matching(posting.company, posting.title)
        except StoreError:
            found = None  # the import itself will say what is wrong
        if found is None:
            self.note.setText("")
        elif found.posting.strip():
            self.note.setText(
                fill(
                    self.tr(
                        "You already have an application at %1 (%2) with a posting text: "
                        "importing changes nothing."
                    ),
                    found.company,
                    found.position,
                )
            )
        else:
            self.note.setText(
                fill(
                    self.tr(
                        "You already have an application at %1 (%2): the posting's text is "
                        "added to it instead of a second application."
                    ),
                    found.company,
                    found.position,
                )
            )

    def do_import(self) -> None:
        posting = self.edited()
        self.outcome = self.data.write(lambda: self.data.store.applications.from_posting(posting))
        if self.outcome is not None:
            self.accept()


def status_text(outcome: PostingImport) -> str:
    """What the status bar says after an import (plain text)."""
    if outcome.action is PostingAction.CREATED:
        text = _tr("Added the application at %1 (%2) from the job posting.")
    elif outcome.action is PostingAction.FILLED:
        text = _tr("Added the job posting's text to the application at %1 (%2).")
    else:
        text = _tr("The application at %1 (%2) already has a posting text: nothing was imported.")
    return fill(text, outcome.company, outcome.position)


def preview_and_import_posting(workspace: Workspace, path: Path) -> bool:
    """Read the saved page at ``path``, show the preview, and on Import write the application
    (afterview.store.posting_import) and say so in the status bar. A page that cannot be read
    or has no JobPosting gets a warning box with the reader's message, and nothing is
    written. True when an application was made or given the posting's text."""
    parent = workspace.window
    title = _tr("Import job posting")
    try:
        posting = load_posting(path)
    except StoreError as error:
        message_box(
            parent,
            QMessageBox.Icon.Warning,
            title,
            fill(_tr("Nothing was imported.\n\n%1"), error),
        )
        return False
    except Exception as error:  # a page must never take the window down: say so instead
        message_box(
            parent,
            QMessageBox.Icon.Warning,
            title,
            fill(
                _tr("%1 could not be read (%2). Nothing was imported."),
                path.name,
                type(error).__name__,
            ),
        )
        return False
    dialog = PostingPreviewDialog(workspace.data, path, posting, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.outcome is None:
            return False
        outcome = dialog.outcome
    finally:
        dialog.deleteLater()
    workspace.window.statusBar().showMessage(status_text(outcome), STATUS_MS)
    return outcome.action is not PostingAction.UNCHANGED


__all__ = ["PostingPreviewDialog", "preview_and_import_posting", "status_text"]
