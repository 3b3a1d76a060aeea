"""The contact-card editor: a widget laid out like a business card, and a dialog around it.

Name prominent, then title and company, then the salutation and family name a letter greets
with, then the ways to reach the person. Every field is checked as you type; a problem shows
beside its field and ``validityChanged(False)`` tells the owner to disable Save. A missing name
is only pointed out once the user has typed in the name field or tried to save: an empty new
card is not an error yet (``saveableChanged`` says whether Save may be tried). A second card
with the same email is a warning, never a block.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from afterview.domain import cards
from afterview.store.conflicts import STALE, ConflictError
from afterview.store.errors import RecordError, StoreError
from afterview.store.values import ContactFields
from afterview.ui import contact_checks
from afterview.ui.card_messages import CARD_MARGIN, MESSAGE_WIDTH, MessagePlacement
from afterview.ui.contact_ways_editor import AddressWaysEditor, TextWaysEditor
from afterview.ui.data import kept_text_message, not_saved_conflict, not_saved_yet
from afterview.ui.validators import FieldMessage, plain_label
from afterview.ui.write_guard import read_only_note, writes

if TYPE_CHECKING:
    from afterview.domain import records as r
    from afterview.store.changes import Outcome
    from afterview.ui.data import DataAccess

#: "" stands for no preference: a None stored as item data upsets PySide's reference counts.
#: The captions are translated when shown (context "ContactEditor").
CHANNELS: tuple[tuple[str, str], ...] = (
    ("No preference", ""),
    ("Email", "email"),
    ("Phone", "phone"),
    ("Letter", "letter"),
)

#: The card: a rounded panel; its headline fields (name, title, company) read like print
#: until hovered or focused, when they show the field they are.
CARD_STYLE = """
QFrame#card {
    background: palette(alternate-base);
    border: 1px solid palette(mid);
    border-radius: 10px;
}
QFrame#card QLineEdit[headline="true"] {
    background: transparent;
    border: 1px solid transparent;
    border-radius: 4px;
    padding: 1px 3px;
}
QFrame#card QLineEdit[headline="true"]:hover {
    background: palette(base);
    border: 1px solid palette(mid);
}
"""


def _tr(text: str) -> str:
    return QCoreApplication.translate("ContactEditor", text)


def _line(name: str, accessible: str, placeholder: str, parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(False)
    return edit


def channel_captions() -> dict[str, str]:
    """CHANNELS' captions in the user's language, by value."""
    return {
        "": _tr("No preference"),
        "email": _tr("Email"),
        "phone": _tr("Phone"),
        "letter": _tr("Letter"),
    }


class ContactEditor(QWidget):
    """Edit one card. ``load(None)`` starts a new one; ``save()`` writes it.

    Signals: ``validityChanged(bool)`` while typing, ``dirtyChanged(bool)``,
    ``saved(int)`` with the contact id, and ``changed`` after every write (the store's write
    path has then backed up and told everyone through ``data.changed``).
    """

    changed = Signal()
    saved = Signal(int)
    validityChanged = Signal(bool)
    dirtyChanged = Signal(bool)
    #: Whether Save may be tried: no problem is shown (an untouched empty name is none yet).
    saveableChanged = Signal(bool)
    #: Why the card is not saved, for its page's status line (see :attr:`unsaved`), when
    #: that changes after save() returned: a kept save was made ("") or met another
    #: computer's ("conflict").
    unsavedChanged = Signal(str)

    def __init__(self, data: DataAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        writes(self)  # every input in it changes the data
        self.data = data
        self._waiting = False  # the name's message says a change waits to be saved
        #: Why the last save() returned None: "invalid" (a field is marked), "conflict"
        #: (another computer saved first; kept here), "reloaded" (their card is shown now),
        #: "waiting" (kept, saved once the database is back), "refused"; "" once saved.
        self.unsaved = ""
        data.caught_up.connect(self._saved_at_last)
        data.conflicted.connect(self._kept_write_conflicted)
        self.contact_id: int | None = None
        #: The card's version when it was read (issue 16 §4): the save sends it back.
        self.version: int | None = None
        self.region: str | None = None
        #: True while this editor writes (its page then need not reload on the news).
        self.writing = False
        self._loaded = ContactFields(name="")
        self._valid = False
        self._saveable = True
        #: Save buttons that say why they are off (explain_save).
        self._save_buttons: list[QAbstractButton] = []
        self._dirty = False
        self._loading = False
        #: The user has typed in the name field, or tried to save: a missing name is shown.
        self._name_touched = False
        self.setAccessibleName(self.tr("Contact card"))

        self.card = QFrame(self)
        self.card.setObjectName("card")
        self.card.setStyleSheet(CARD_STYLE)
        card_layout = self.card_layout = QGridLayout(self.card)
        card_layout.setContentsMargins(CARD_MARGIN, 18, CARD_MARGIN, 18)
        card_layout.setHorizontalSpacing(12)
        card_layout.setVerticalSpacing(6)
        card_layout.setColumnStretch(1, 3)
        card_layout.setColumnStretch(2, 2)

        self.sample_note = plain_label(
            self.tr("Sample card: File ▸ Remove sample data deletes it."),
            self,
            name="sample card note",
        )
        self.sample_note.setWordWrap(True)
        self.sample_note.hide()
        self.name = _line("name", self.tr("Name"), self.tr("Full name (required)"), self.card)
        name_font = QFont(self.name.font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.6)
        name_font.setWeight(QFont.Weight.DemiBold)
        self.name.setFont(name_font)
        self.title = _line("title", self.tr("Title"), self.tr("Job title"), self.card)
        self.company = _line("company", self.tr("Company"), self.tr("Company"), self.card)
        for edit in (self.name, self.title, self.company):
            edit.setProperty("headline", True)
        subtle = QFont(self.title.font())
        subtle.setPointSizeF(subtle.pointSizeF() * 1.1)
        self.title.setFont(subtle)
        self.company.setFont(subtle)
        self.name_message = FieldMessage("name", self.card)
        # Each message beside its field on a wide card, under it on a narrow one.
        self._placement = MessagePlacement(self, self.card, card_layout)
        self._placement.add(self.name_message, 0, 1, (0, 2))
        card_layout.addWidget(self.name, 0, 0, 1, 2)
        card_layout.addWidget(self.name_message, 0, 2)
        card_layout.addWidget(self.title, 2, 0, 1, 2)
        card_layout.addWidget(self.company, 3, 0, 1, 2)

        rule = QFrame(self.card)
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        card_layout.addWidget(rule, 4, 0, 1, 3)

        self.salutation = QComboBox(self.card)
        self.salutation.setObjectName("salutation")
        self.salutation.setAccessibleName(self.tr("Salutation"))
        self.salutation.addItem(self.tr("none"), "")
        for salutation in cards.SALUTATIONS:
            self.salutation.addItem(salutation, salutation)
        self.family_name = _line(
            "family_name", self.tr("Family name"), self.tr("e.g. Anders"), self.card
        )
        family_label = plain_label("", self.card)
        family_label.setText(self.tr("Famil&y name"))
        family_label.setBuddy(self.family_name)
        greeting = QWidget(self.card)
        greeting_row = QHBoxLayout(greeting)
        greeting_row.setContentsMargins(0, 0, 0, 0)
        greeting_row.addWidget(self.salutation)
        greeting_row.addWidget(family_label)
        greeting_row.addWidget(self.family_name, 1)
        #: Says what the two fields are for, and the greeting they make.
        self.greeting_hint = plain_label("", self.card, name="greeting hint")
        self.greeting_hint.setWordWrap(True)

        self.emails = TextWaysEditor("email", "name@example.com", self.card)
        self.phones = TextWaysEditor("phone", "+1 212 555 1234", self.card)
        self.addresses = AddressWaysEditor(self.card)
        #: The selected email, phone and address's street: what typing edits.
        self.email, self.phone = self.emails.value, self.phones.value
        self.address = self.addresses.street
        self.email.setAccessibleName(self.tr("Email"))
        self.phone.setAccessibleName(self.tr("Phone"))
        self.channel = QComboBox(self.card)
        self.channel.setObjectName("preferred_channel")
        self.channel.setAccessibleName(self.tr("Preferred channel"))
        captions = channel_captions()
        for _caption, value in CHANNELS:
            self.channel.addItem(captions[value], value)
        self.notes = QPlainTextEdit(self.card)
        self.notes.setObjectName("notes")
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setPlaceholderText(self.tr("What you talked about, what they care about…"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 14)

        self.email_message = FieldMessage("email", self.card)
        self.phone_message = FieldMessage("phone", self.card)
        self.channel_message = FieldMessage("preferred channel", self.card)
        self.address_message = FieldMessage("address", self.card)
        rows: list[tuple[str, QWidget, QWidget, QWidget | None]] = [
            (self.tr("Sa&lutation"), greeting, self.salutation, self.greeting_hint),
            (self.tr("E&mail"), self.emails, self.email, self.email_message),
            (self.tr("Pho&ne"), self.phones, self.phone, self.phone_message),
            (self.tr("A&ddress"), self.addresses, self.address, self.address_message),
            (self.tr("&Prefers"), self.channel, self.channel, self.channel_message),
            (self.tr("N&otes"), self.notes, self.notes, None),
        ]
        for offset, (text, widget, buddy, message) in enumerate(rows):
            row = 5 + 2 * offset
            label = plain_label(text.replace("&", ""), self.card)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setText(text)
            label.setBuddy(buddy)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            label.setContentsMargins(0, 4, 0, 0)
            card_layout.addWidget(label, row, 0)
            card_layout.addWidget(widget, row, 1)
            if isinstance(message, QLabel):
                message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                message.setContentsMargins(0, 4, 0, 0)
                card_layout.addWidget(message, row, 2)
                self._placement.add(message, row, row + 1, (1, 1))
        card_layout.setColumnMinimumWidth(2, MESSAGE_WIDTH)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        #: Says why nothing can be typed while the data is read-only (a coach's reading).
        self.read_only_note = read_only_note(self)
        outer.addWidget(self.read_only_note)
        outer.addWidget(self.sample_note)
        outer.addWidget(self.card)
        outer.addStretch(1)
        self.card.setMaximumWidth(860)

        for edit in (self.name, self.title, self.company, self.family_name):
            edit.textChanged.connect(self._edited)
        self.salutation.currentIndexChanged.connect(self._edited)
        # Typing in the name counts as touching it; the focus it gets on a new card does not
        # (leaving it untyped would otherwise show the message to someone who did nothing).
        self.name.textEdited.connect(self._touch_name)
        for ways in (self.emails, self.phones, self.addresses):
            ways.edited.connect(self._edited)
        self.notes.textChanged.connect(self._edited)
        self.channel.currentIndexChanged.connect(self._edited)
        self.phone.editingFinished.connect(self._format_phone)
        # Tab goes down the card as it reads (each ways editor: the value above its list).
        for first, second in itertools.pairwise(self.focus_chain()):
            QWidget.setTabOrder(first, second)
        self.load(None)

    def focus_chain(self) -> list[QWidget]:
        """The card's controls in keyboard order: top to bottom, as laid out."""
        return [
            self.name,
            self.title,
            self.company,
            self.salutation,
            self.family_name,
            *self.emails.focus_chain(),
            *self.phones.focus_chain(),
            *self.addresses.focus_chain(),
            self.channel,
            self.notes,
        ]

    # -- layout --------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._placement.place()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._placement.watch()

    @property
    def messages_beside(self) -> bool:
        """Whether the messages are beside their fields (a wide card) or under them."""
        return self._placement.beside

    # -- loading -------------------------------------------------------------------------

    def load(
        self,
        contact_id: int | None,
        *,
        name: str = "",
        company: str = "",
        country: str | None = None,
    ) -> None:
        """Show a stored card, or a new one (optionally with a name, company and country)."""
        store = self.data.store.contacts
        sample = False
        if contact_id is None:
            fields = ContactFields(name=name, company=company)
            self.region = store.region(None, country or "")
        else:
            contact = store.get(contact_id)
            fields, sample = ContactFields.of(contact), contact.sample
            self.version = contact.version
            self.region = store.region(contact_id)
        self.sample_note.setVisible(sample)
        self.contact_id = contact_id
        self._loaded = fields
        self._name_touched = False
        self._fill(fields)
        self._loaded = self.fields()
        self._set_dirty(False)
        self.validate()
        self.name.setCursorPosition(0)

    def _fill(self, fields: ContactFields) -> None:
        """Put ``fields`` in the editor's inputs (neither loaded nor checked)."""
        self._loading = True
        try:
            self.name.setText(fields.name)
            index = self.salutation.findData(fields.salutation)
            self.salutation.setCurrentIndex(max(index, 0))
            self.family_name.setText(fields.family_name)
            self.title.setText(fields.title)
            self.company.setText(fields.company)
            self.emails.set_ways(fields.emails, fields.chosen_email)
            self.phones.set_ways(fields.phones, fields.chosen_phone)
            self.addresses.set_ways(fields.addresses, fields.chosen_address)
            self.notes.setPlainText(fields.notes)
            index = self.channel.findData(fields.preferred_channel or "")
            self.channel.setCurrentIndex(max(index, 0))
        finally:
            self._loading = False

    def fields(self) -> ContactFields:
        return ContactFields(
            name=self.name.text(),
            salutation=str(self.salutation.currentData() or ""),
            family_name=self.family_name.text(),
            title=self.title.text(),
            company=self.company.text(),
            emails=self.emails.model.ways(),
            phones=self.phones.model.ways(),
            addresses=self.addresses.model.ways(),
            chosen_email=self.emails.model.chosen,
            chosen_phone=self.phones.model.chosen,
            chosen_address=self.addresses.model.chosen,
            preferred_channel=str(self.channel.currentData()) or None,
            notes=self.notes.toPlainText(),
        )

    # -- checking ------------------------------------------------------------------------

    def is_valid(self) -> bool:
        return self._valid

    def is_dirty(self) -> bool:
        return self._dirty

    def _edited(self) -> None:
        if self._loading:
            return
        self._set_dirty(self.fields() != self._loaded)
        self.validate()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)

    def _touch_name(self) -> None:
        if not self._loading and not self._name_touched:
            self._name_touched = True
            self.validate()

    def reveal(self) -> bool:
        """Show every problem, an untouched missing name too (the user tried to save or to
        leave the card); the card's validity."""
        self._name_touched = True
        return self.validate()

    def can_try_save(self) -> bool:
        """No problem is shown: Save may be tried (and then shows what is missing)."""
        return self._saveable

    def validate(self) -> bool:
        """Check every field, show what is wrong beside it, and report validity (a missing
        name counts against it even before it is shown)."""
        fields = self.fields()
        named = bool(fields.name.strip())
        self.name_message.show_for(
            self.name, None if named or not self._name_touched else self.tr("A name is required")
        )
        self.greeting_hint.setText(contact_checks.greeting_hint(fields))
        email_problem = contact_checks.first_problem(
            self.tr("Email"), [cards.check_email(way.value) for way in fields.emails]
        )
        if email_problem:
            self.email_message.show_for(self.email, email_problem)
        else:
            addresses = [cards.check_email(way.value).value for way in fields.emails]
            same = contact_checks.duplicate_warning(self.data.store, addresses, self.contact_id)
            self.email_message.show_for(self.email, same, "warning")
        # A number the card already had (as an address book wrote it) is not held against an
        # edit of something else: the store keeps it as it is, so it is only a warning.
        stored = {way.value for way in self._loaded.phones}
        phones = [cards.check_phone(way.value, self.region) for way in fields.phones]
        typed = [
            check if way.value not in stored else cards.Checked(way.value)
            for way, check in zip(fields.phones, phones, strict=True)
        ]
        phone_problem = contact_checks.first_problem(self.tr("Phone"), typed)
        if phone_problem:
            self.phone_message.show_for(self.phone, phone_problem)
        else:
            self.phone_message.show_for(
                self.phone, contact_checks.first_problem(self.tr("Phone"), phones), "warning"
            )
        address_warning = contact_checks.address_warning(fields.addresses)
        self.address_message.show_message(address_warning, "warning")
        self.addresses.describe_problems()
        self.channel_message.show_for(self.channel, contact_checks.channel_hint(fields), "warning")
        saveable = not any(
            m.is_error for m in (self.name_message, self.email_message, self.phone_message)
        )
        valid = saveable and named
        if valid != self._valid:
            self._valid = valid
            self.validityChanged.emit(valid)
        self._set_saveable(saveable)
        return valid

    def _set_saveable(self, saveable: bool) -> None:
        if saveable != self._saveable:
            self._saveable = saveable
            self.saveableChanged.emit(saveable)
        self._explain_save()

    def explain_save(self, button: QAbstractButton) -> None:
        """Keep ``button`` (the card's Save) saying why it is off while a field is wrong: its
        tooltip and accessible description name the problems (a grey Save alone tells a
        screen-reader user nothing)."""
        self._save_buttons.append(button)
        self._explain_save()

    def save_problems(self) -> str:
        """The errors that keep the card from being saved, one sentence; "" when none."""
        return " ".join(
            message.message for message in self._errors_in_order() if message.is_error
        ).strip()

    def _errors_in_order(self) -> list[FieldMessage]:
        return [
            self.name_message,
            self.email_message,
            self.phone_message,
            self.address_message,
            self.channel_message,
        ]

    def _explain_save(self) -> None:
        problems = self.save_problems()
        why = self.tr("Fix this first: {problems}").format(problems=problems) if problems else ""
        for button in self._save_buttons:
            button.setToolTip(why)
            button.setAccessibleDescription(why)

    def _format_phone(self) -> None:
        """Write a typed number the usual way when the field is left. A number the card was
        loaded with stays as stored (an address book's spacing): merely passing through the
        field must not change, and so modify, the card."""
        text = self.phone.text()
        if text in {way.value for way in self._loaded.phones}:
            return
        checked = cards.check_phone(text, self.region)
        if checked.ok and checked.value != text:
            self.phones.set_current_text(checked.value)

    # -- saving --------------------------------------------------------------------------

    def save(self) -> int | None:
        """Write the card; the id, or None when it was not written (:attr:`unsaved` says
        why, a marked field or a note beside the name the details)."""
        self.unsaved = "invalid"
        if not self.reveal():
            if not self.name.text().strip():
                self.name.setFocus()
            return None
        fields, editing, region = self.fields(), self.contact_id, self.region
        store = self.data.store.contacts
        self.writing = True
        try:
            if editing is None:
                created = self.data.attempt(lambda: store.create(fields, region=region))
                contact_id, error, waiting = created.value, created.error, created.waiting
            else:
                version = self.version

                def command() -> Outcome[r.Contact]:
                    return store.update(editing, fields, expected_version=version)

                updated = self.data.attempt(command, retry=True)
                contact_id = editing if updated.value is not None else None
                error, waiting = updated.error, updated.waiting
                if waiting and version is not None:
                    self.version = version + 1  # what it will be once the kept save is made
        finally:
            self.writing = False
        if isinstance(error, ConflictError):
            return self._resolve(error)
        if contact_id is None:
            self._show_store_error(error, waiting)
            return None
        self.unsaved = ""
        if QApplication.focusWidget() in self._save_buttons:
            # Save turns grey once the card is saved: focus would jump to whatever follows
            # it. It goes back to the top of the card, whose name is then read.
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.load(contact_id)
        self.saved.emit(contact_id)
        self.changed.emit()
        return contact_id

    def revert(self) -> None:
        self.load(self.contact_id)

    def _resolve(self, conflict: ConflictError) -> int | None:
        """Another computer saved the card since it was read: ask, then reload theirs, save
        this over theirs, or (Cancel) keep what is typed here, unsaved."""
        from afterview.ui.conflict_dialog import Choice, ask_fields

        choice, theirs = ask_fields(conflict, self)
        if choice is Choice.RELOAD:
            self.load(self.contact_id)
            self.unsaved = "reloaded"
            return None
        if choice is Choice.MERGE and self.contact_id is not None:
            from afterview.ui.conflict_merge import merge

            stored = ContactFields.of(self.data.store.contacts.get(self.contact_id))
            self._fill(merge(self.fields(), stored, theirs))
        if choice in (Choice.KEEP, Choice.MERGE):
            self.version = conflict.version
            return self.save()
        self.name_message.show_for(self.name, not_saved_conflict(), "warning")
        self.unsaved = "conflict"
        return None

    def _kept_write_conflicted(self, conflict: ConflictError) -> None:
        # A save kept while the database was away met another computer's save when it was
        # tried again: the text is still here; the next save asks what to do.
        if conflict.kind == "contact" and conflict.record_id == self.contact_id:
            self._waiting = False
            self.version = STALE
            self.name_message.show_for(self.name, not_saved_conflict(), "warning")
            self.unsaved = "conflict"
            self.unsavedChanged.emit(self.unsaved)

    def _saved_at_last(self) -> None:
        if self._waiting:
            self._waiting = False
            self.name_message.show_for(self.name, None)
            self.unsaved = ""
            self.unsavedChanged.emit(self.unsaved)

    def _show_store_error(self, error: StoreError | None, waiting: bool = False) -> None:
        """Beside the field a RecordError names; anything else beside the name. A refusal
        by the disk keeps the card valid, so it can be saved again (``waiting``: it will be,
        by itself)."""
        if error is not None and (waiting or kept_text_message(error)):
            message = not_saved_yet(error) if waiting else kept_text_message(error)
            self._waiting = waiting
            self.unsaved = "waiting" if waiting else "refused"
            self.name_message.show_for(self.name, message, "warning")
            return
        field = error.field if isinstance(error, RecordError) else ""
        problem = error.problem if isinstance(error, RecordError) else str(error)
        if field.split(" ")[0] in {"email", "phone", "address"} and field.split(" ")[-1].isdigit():
            problem = self.tr("{field}: {problem}").format(  # "Email 2: …"
                field=field.capitalize(), problem=problem
            )
        target, widget = {
            "name": (self.name_message, self.name),
            "email": (self.email_message, self.email),
            "phone": (self.phone_message, self.phone),
            "address": (self.address_message, self.address),
            "preferred_channel": (self.channel_message, self.channel),
        }.get(
            field.split(" ")[0] if field != "preferred_channel" else field,
            (self.name_message, self.name),
        )
        target.show_for(widget, problem)
        if self._valid:
            self._valid = False
            self.validityChanged.emit(False)
        self._set_saveable(False)


class ContactEditorDialog(QDialog):
    """The card editor in a dialog, for "add a new contact to this interview"."""

    changed = Signal()

    def __init__(self, data: DataAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Contact card"))
        self.setAccessibleName(self.tr("Contact card dialog"))
        self.editor = ContactEditor(data, self)
        # The card scrolls; Save and Cancel stay below it, on screen in the smallest window.
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("contact_card_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Not a Tab stop of its own (unnamed, it is read as nothing): it scrolls to the
        # focused field by itself.
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(self.editor)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(self.tr("Save card"))
        writes(self.save_button)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.editor.saveableChanged.connect(self.save_button.setEnabled)
        self.editor.changed.connect(self.changed)
        self.save_button.setEnabled(self.editor.can_try_save())
        self.editor.explain_save(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(12)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(self._fitting(820, 720))
        self.contact_id: int | None = None

    def _fitting(self, width: int, height: int) -> QSize:
        """``width`` x ``height``, made smaller to fit the window it opens over (or the
        screen), so the buttons are never off screen."""
        window = self.parentWidget().window() if self.parentWidget() is not None else None
        screen = window.screen() if window is not None else self.screen()
        room = window.size() if window is not None else screen.availableGeometry().size()
        room = room.boundedTo(screen.availableGeometry().size())
        return QSize(min(width, room.width()), min(height, room.height()))

    def _save(self) -> None:
        contact_id = self.editor.save()
        if contact_id is not None:
            self.contact_id = contact_id
            self.accept()

    @classmethod
    def create(  # type: ignore[override]  # the agreed name; QWidget.create is not virtual
        cls,
        data: DataAccess,
        parent: QWidget | None = None,
        *,
        name: str = "",
        company: str = "",
        country: str | None = None,
    ) -> int | None:
        """Ask for a new card (modal); the new contact's id, or None when cancelled."""
        dialog = cls(data, parent)
        dialog.setWindowTitle(dialog.tr("New contact"))
        dialog.editor.load(None, name=name, company=company, country=country)
        dialog.editor.name.setFocus()
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.contact_id if accepted else None

    @classmethod
    def edit(cls, data: DataAccess, contact_id: int, parent: QWidget | None = None) -> bool:
        """Edit a stored card (modal); True when it was saved."""
        dialog = cls(data, parent)
        dialog.editor.load(contact_id)
        return dialog.exec() == QDialog.DialogCode.Accepted


__all__ = ["CHANNELS", "ContactEditor", "ContactEditorDialog", "channel_captions"]
