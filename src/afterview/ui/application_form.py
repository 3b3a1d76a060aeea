"""New application… and Edit application… (issue 17 §1): one form for an application with or
without interviews: company, position, where the user found it, the day they applied, the
posting's link and its text.

The dialog saves itself (its Save runs the store's command), so a refusal keeps it open
with what was typed: a field the store names gets its message beside it, and an edit that
meets another computer's save asks what to do (afterview.ui.application_saves). A field
that cannot be saved says so under it, tied to it for a screen reader, once the user has
typed in it or left it, and every one on Save (as New interview does). The link is plain
text; "Open link" opens it in the browser only when it is an http(s) address.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.applications import Application
from afterview.store.application_values import MAX_NAME
from afterview.ui import assistive
from afterview.ui.data import DataAccess
from afterview.ui.form_access import buddy_label, field_message, show_message
from afterview.ui.validators import FieldMessage
from afterview.ui.widgets import OptionalDate, plain_label, quiet
from afterview.ui.write_guard import writes

#: The fields in the form's order, as the store names them.
FIELDS = ("company", "position", "source", "applied_on", "link", "posting")


def openable(link: str) -> QUrl | None:
    """``link`` as an address the browser may open: http or https with a host; None for
    anything else (a file, a script, a mistyped word)."""
    url = QUrl(link.strip(), QUrl.ParsingMode.StrictMode)
    if url.isValid() and url.scheme().lower() in ("http", "https") and url.host():
        return url
    return None


def home_today(data: DataAccess, now: datetime) -> date:
    """Today in the user's home time zone (the playbook's setting), as the store dates a new
    application when it is given no day."""
    zone = data.store.settings.playbook().home_time_zone
    return now.astimezone(ZoneInfo(zone)).date()


class ApplicationDialog(QDialog):
    """New application (``application`` None) or its editor. :attr:`saved_id` is the
    application's id once saved."""

    def __init__(
        self,
        data: DataAccess,
        now: datetime,
        application: Application | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        writes(self)  # every input in it changes the data
        self.data = data
        self.application = application
        self.saved_id: int | None = None
        editing = application is not None
        title = self.tr("Edit application") if editing else self.tr("New application")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setObjectName("applicationDialog")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.company = self._line("appCompany", self.tr("Company"), MAX_NAME)
        self.position = self._line("appPosition", self.tr("Position"), MAX_NAME)
        self.source = self._line("appSource", self.tr("Where you found it"), MAX_NAME)
        self.source.setPlaceholderText(self.tr("A job board, a friend, the company's site…"))
        self.applied = OptionalDate(self.tr("Applied on"), self)
        self.applied.setObjectName("appApplied")
        self.link = self._line("appLink", self.tr("Link to the posting"), 0)
        self.link.setPlaceholderText("https://")
        self.open_link = QPushButton(self.tr("Op&en link"), self)
        self.open_link.setObjectName("appOpenLink")
        self.open_link.setAccessibleName(self.tr("Open link"))
        self.open_link.setAutoDefault(False)
        self.open_link.clicked.connect(self.open_in_browser)
        self.posting = QPlainTextEdit(self)
        self.posting.setObjectName("appPosting")
        self.posting.setAccessibleName(self.tr("The posting's text"))
        self.posting.setTabChangesFocus(True)  # Tab leaves the field, as in every other one
        self.posting.setMinimumHeight(120)
        self.messages: dict[QWidget, FieldMessage] = {}
        link_row = QHBoxLayout()
        link_row.addWidget(self.link, 1)
        link_row.addWidget(self.open_link)
        # Mnemonics unique in the dialog, Qt's own "&Save" and "&Cancel" included.
        rows: tuple[tuple[str, QWidget, Any], ...] = (
            (self.tr("Co&mpany"), self.company, self.company),
            (self.tr("&Position"), self.position, self.position),
            (self.tr("&Where you found it"), self.source, self.source),
            (self.tr("Applied &on"), self.applied, self.applied),
            (self.tr("&Link to the posting"), self.link, link_row),
            (self.tr("The posting's &text"), self.posting, self.posting),
        )
        for caption, field, shown in rows:
            label = buddy_label(caption, field, self)
            form.addRow(label, shown)
            message = field_message(field.objectName(), self)
            form.setWidget(form.rowCount(), QFormLayout.ItemRole.FieldRole, message)
            self.messages[field] = message
        layout.addLayout(form, 1)
        hint = plain_label(
            self.tr(
                "With no interview yet, Afterview plans one follow-up after the days set in "
                "Settings ▸ Follow-ups, counted from the day you applied."
            ),
            self,
        )
        hint.setWordWrap(True)
        quiet(hint)
        layout.addWidget(hint)
        self.error = plain_label("", self, "appError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("appSave")
        self.save_button.setAccessibleName(self.tr("Save application"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        #: The fields whose "is required" shows: typed in or left (never on a dialog just
        #: opened), all of them on Save.
        self._touched: set[QWidget] = set()
        for field in (self.company, self.position):
            field.textEdited.connect(lambda _text, f=field: self._touch(f))
            field.installEventFilter(self)
        for field in (self.company, self.position, self.source, self.link):
            field.textChanged.connect(lambda _text: self.validate())
        self.posting.textChanged.connect(self.validate)
        if application is not None:
            self.fill(application)
        else:
            self.applied.set_value(home_today(data, now))
        self.validate()
        self.resize(620, 560)

    def _line(self, name: str, accessible: str, limit: int) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        if limit:
            edit.setMaxLength(limit)
        return edit

    # --- values --------------------------------------------------------------------------

    def fill(self, application: Application) -> None:
        """Show ``application``'s fields (what the user wrote; never its stage)."""
        self.company.setText(application.company)
        self.position.setText(application.position)
        self.source.setText(application.source)
        self.applied.set_value(application.applied_on)
        self.link.setText(application.link)
        self.posting.setPlainText(application.posting)

    def values(self) -> dict[str, Any]:
        """The form as the store's create and update take it."""
        return {
            "company": self.company.text().strip(),
            "position": self.position.text().strip(),
            "source": self.source.text().strip(),
            "applied_on": self.applied.value(),
            "link": self.link.text().strip(),
            "posting": self.posting.toPlainText(),
        }

    def field(self, name: str) -> QWidget:
        """The form's field for a store's field name (the company's for an unknown one)."""
        fields = dict(zip(FIELDS, self.messages, strict=True))
        return fields.get(name, self.company)

    # --- checking ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Leaving a field counts even when nothing was typed (editingFinished does not fire
        # for an unchanged field).
        if event.type() == QEvent.Type.FocusOut and watched in (self.company, self.position):
            self._touch(watched)  # type: ignore[arg-type]
        return super().eventFilter(watched, event)

    def _touch(self, field: QWidget) -> None:
        if field not in self._touched:
            self._touched.add(field)
            self.validate()

    def problems(self) -> dict[QWidget, tuple[str, str]]:
        """What each field says, by field in the form's order: (text, "error" or "warning")."""
        found: dict[QWidget, tuple[str, str]] = {}
        if not self.company.text().strip():
            found[self.company] = (self.tr("Company is required."), "error")
        if not self.position.text().strip():
            found[self.position] = (self.tr("Position is required."), "error")
        link = self.link.text().strip()
        if link and openable(link) is None:
            found[self.link] = (
                self.tr("Kept as typed; Open link needs an address that starts with https://."),
                "warning",
            )
        return found

    def validate(self) -> dict[QWidget, str]:
        """Show what the fields say (a required field's error once it was touched); the
        errors shown, in the form's order."""
        found = self.problems()
        shown: dict[QWidget, str] = {}
        self.open_link.setEnabled(openable(self.link.text()) is not None)
        # The last said is the first field's: focus goes there on Save.
        for field in reversed(self.messages):
            text, kind = found.get(field, ("", ""))
            if kind == "error" and field not in self._touched:
                text = ""  # only the required fields have errors here
            if text and kind == "error":
                shown[field] = text
            if text or self.messages[field].message:
                show_message(field, self.messages[field], text or None, kind or "error")
        return dict(reversed(shown.items()))

    def show_refusal(self, field_name: str | None, text: str) -> None:
        """A refusal by the store: beside the field it names, else above the buttons."""
        if field_name in FIELDS:
            field = self.field(field_name or "")
            show_message(field, self.messages[field], text)
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            self.error.hide()
            return
        self.error.setText(text)
        self.error.show()
        assistive.announce(self.error, text, assertive=True)

    # --- acting --------------------------------------------------------------------------

    def open_in_browser(self) -> bool:
        """Open the link with the desktop's browser, only for an http(s) address."""
        url = openable(self.link.text())
        return url is not None and QDesktopServices.openUrl(url)

    def accept(self) -> None:
        self._touched.update((self.company, self.position))
        shown = self.validate()
        if shown:
            # Refused: focus on the first field to put right; its error is read with it.
            next(iter(shown)).setFocus(Qt.FocusReason.OtherFocusReason)
            return
        from afterview.ui.application_saves import save

        saved = save(self)
        if saved is not None:
            self.saved_id = saved
            super().accept()


__all__ = ["FIELDS", "ApplicationDialog", "home_today", "openable"]
