"""The reference editor: the card (name, relationship, email, phone, permission), the
interviews the reference is used on, and its log (afterview.ui.reference_log)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QDate,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from afterview.domain import cards
from afterview.store.changes import Outcome
from afterview.store.conflicts import STALE, ConflictError
from afterview.store.errors import RecordError, StoreError
from afterview.store.values import InterviewChoice, ReferenceFields
from afterview.ui import assistive
from afterview.ui.contact_editor import CARD_STYLE
from afterview.ui.data import kept_text_message, not_saved_conflict, not_saved_yet
from afterview.ui.first_row import choose_first_row_on_focus
from afterview.ui.form_access import field_message, show_message
from afterview.ui.interview_picker import InterviewPicker, describe_interview
from afterview.ui.reference_log import ReferenceLog
from afterview.ui.rule_words import article_title
from afterview.ui.translation import fill
from afterview.ui.validators import Clock, utcnow
from afterview.ui.widgets import DateField, date_field, plain_label
from afterview.ui.write_guard import writes

if TYPE_CHECKING:
    from afterview.ui.data import Attempt, DataAccess

_ID = Qt.ItemDataRole.UserRole
T = TypeVar("T")


def _newest_first(choices: list[InterviewChoice]) -> list[InterviewChoice]:
    return sorted(choices, key=lambda c: (c.start, c.id), reverse=True)


class ReferenceEditor(QWidget):
    """One reference: the card, the interviews they are used on, and their log."""

    changed = Signal()
    validityChanged = Signal(bool)
    dirtyChanged = Signal(bool)

    def __init__(
        self, data: DataAccess, parent: QWidget | None = None, *, clock: Clock = utcnow
    ) -> None:
        super().__init__(parent)
        writes(self)  # every input in it changes the data
        self.data = data
        self._waiting = False  # the name's message says a change waits to be saved
        data.caught_up.connect(self._saved_at_last)
        data.conflicted.connect(self._kept_write_conflicted)
        self.clock = clock
        self.reference_id: int | None = None
        #: The reference's version when it was read (issue 16 §4): the save sends it back.
        self.version: int | None = None
        self.region: str | None = None
        #: True while this editor writes (its page then need not reload on the news).
        self.writing = False
        #: The interviews on screen (saved with Save), and those stored (the log's choices).
        self.attached: list[InterviewChoice] = []
        self.stored: list[InterviewChoice] = []
        self.picker: InterviewPicker | None = None
        self._loaded: tuple[ReferenceFields, frozenset[int]] | None = None
        self._valid = False
        self._dirty = False
        self._loading = False
        self.setAccessibleName(self.tr("Reference"))

        card = QFrame(self)
        card.setObjectName("card")
        card.setStyleSheet(CARD_STYLE)
        grid = QGridLayout(card)
        grid.setContentsMargins(14, 14, 14, 14)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        grid.setColumnMinimumWidth(2, 80)  # the messages wrap

        self.name = QLineEdit(card)
        self.name.setObjectName("reference_name")
        self.name.setAccessibleName(self.tr("Name"))
        self.name.setPlaceholderText(self.tr("Full name (required)"))
        self.name.setProperty("headline", True)
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        self.name.setFont(font)
        self.relationship = QLineEdit(card)
        self.relationship.setObjectName("relationship")
        self.relationship.setAccessibleName(self.tr("Relationship"))
        self.relationship.setPlaceholderText(
            self.tr("How you know them (former manager, colleague…)")
        )
        self.relationship.setProperty("headline", True)
        self.name_message = field_message("name", card)
        self.sample_mark = plain_label(
            self.tr("Sample record: File ▸ Remove sample data deletes it."),
            card,
            name="sample mark",
        )
        self.sample_mark.setObjectName("sampleMark")  # read by its text
        self.sample_mark.setWordWrap(True)
        self.sample_mark.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        italic = self.sample_mark.font()
        italic.setItalic(True)
        self.sample_mark.setFont(italic)
        self.sample_mark.hide()
        grid.addWidget(self.sample_mark, 6, 0, 1, 3)
        grid.addWidget(self.name, 0, 0, 1, 2)
        grid.addWidget(self.name_message, 0, 2)
        grid.addWidget(self.relationship, 1, 0, 1, 2)
        rule = QFrame(card)
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(rule, 2, 0, 1, 3)

        self.email = QLineEdit(card)
        self.email.setObjectName("reference_email")
        self.email.setAccessibleName(self.tr("Email"))
        self.email.setPlaceholderText(self.tr("name@example.com"))
        self.phone = QLineEdit(card)
        self.phone.setObjectName("reference_phone")
        self.phone.setAccessibleName(self.tr("Phone"))
        self.phone.setPlaceholderText(self.tr("+1 212 555 1234"))
        self.has_permission = QCheckBox(self.tr("Gave permission on"), card)
        # The name a screen reader says is the one on screen (WCAG 2.5.3, label in name).
        self.has_permission.setAccessibleName(self.tr("Gave permission on"))
        self.permission = DateField(card)
        self.permission.setObjectName("permission_date")
        # Typed in the locale's format with a four-digit year, as every date field is.
        date_field(self.permission, self.tr("Permission date"), with_time=False)
        self.email_message = field_message("email", card)
        self.phone_message = field_message("phone", card)
        self.permission_message = field_message("permission", card)
        self.permission.set_message(self.permission_message)  # a typed date it cannot read
        for row, (caption, widget, message) in enumerate(
            (
                (self.tr("E&mail"), self.email, self.email_message),
                (self.tr("&Phone"), self.phone, self.phone_message),
            ),
            start=3,
        ):
            label = plain_label(caption, card)
            label.setBuddy(widget)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
            grid.addWidget(message, row, 2)
        permission_row = QHBoxLayout()
        permission_row.addWidget(self.has_permission)
        permission_row.addWidget(self.permission, 1)
        grid.addLayout(permission_row, 5, 0, 1, 2)
        grid.addWidget(self.permission_message, 5, 2)

        self.used_on = QListWidget(self)
        self.used_on.setObjectName("used_on")
        self.used_on.setAccessibleName(self.tr("Interviews this reference is used on"))
        self.used_on.setAlternatingRowColors(True)
        self.used_on.setTabKeyNavigation(False)  # arrows inside, Tab on to its buttons
        choose_first_row_on_focus(self.used_on)
        self.used_on.setMinimumHeight(90)
        self.used_on.setMaximumHeight(120)
        self.add_interview = QPushButton(self.tr("Add to &interview…"), self)
        self.add_interview.setObjectName("add_to_interview")
        self.add_interview.setAccessibleName(self.tr("Add to interview"))
        self.add_interview.clicked.connect(self.open_picker)
        self.remove_interview = QPushButton(self.tr("Rem&ove from interview"), self)
        self.remove_interview.setObjectName("remove_from_interview")
        self.remove_interview.setAccessibleName(self.tr("Remove from the chosen interview"))
        self.remove_interview.clicked.connect(self.detach_current)
        remove_key = QShortcut(QKeySequence.StandardKey.Delete, self.used_on, self.detach_current)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        used_box = QGroupBox(self.tr("Used on these interviews"), self)
        used_layout = QVBoxLayout(used_box)
        used_layout.addWidget(self.used_on)
        used_buttons = QHBoxLayout()
        used_buttons.addWidget(self.add_interview)
        used_buttons.addWidget(self.remove_interview)
        used_buttons.addStretch(1)
        used_layout.addLayout(used_buttons)

        log_box = ReferenceLog(data, self._write, clock, self)
        log_box.changed.connect(self.changed)
        # Its parts by their names on the editor (the page's Tab order, the tests).
        self.log, self.log_model = log_box.log, log_box.log_model
        self.log_at, self.log_channel = log_box.log_at, log_box.log_channel
        self.log_interview, self.log_note = log_box.log_interview, log_box.log_note
        self.log_add, self.log_remove = log_box.log_add, log_box.log_remove
        self.log_message = log_box.log_message

        layout = QVBoxLayout(self)
        self.body = layout
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(card)
        layout.addWidget(used_box)
        layout.addWidget(log_box)
        self.log_box = log_box

        for edit in (self.name, self.relationship, self.email, self.phone):
            edit.textChanged.connect(self._edited)
        self.has_permission.toggled.connect(self.permission.setEnabled)
        self.has_permission.toggled.connect(self._edited)
        self.permission.dateChanged.connect(self._edited)
        self.used_on.currentRowChanged.connect(lambda _row: self._used_on_buttons())
        self.phone.editingFinished.connect(self._format_phone)
        self.load(None)

    # -- loading -------------------------------------------------------------------------

    def load(self, reference_id: int | None) -> None:
        """Show a stored reference, or a new one. Reading the same one again (another part
        of the window wrote) keeps a log entry being typed."""
        store = self.data.store.references
        again = reference_id is not None and reference_id == self.reference_id
        sample = False
        if reference_id is None:
            fields = ReferenceFields(name="")
            self.stored = []
        else:
            reference = store.get(reference_id)
            fields, sample = ReferenceFields.of(reference), reference.sample
            self.stored = store.interviews_of(reference_id)
            self.version = reference.version
        self.sample_mark.setVisible(sample)
        # The store reads a phone number in this region when it saves (the newest stored
        # interview's country, else home), so the editor checks it the same way.
        self.region = store.region(reference_id)
        self.reference_id = reference_id
        self._loading = True
        try:
            self.name.setText(fields.name)
            self.relationship.setText(fields.relationship)
            self.email.setText(fields.email)
            self.phone.setText(fields.phone)
            self.has_permission.setChecked(fields.permission_date is not None)
            self.permission.setEnabled(fields.permission_date is not None)
            today = self.clock().astimezone().date()
            self.permission.setDate(QDate(fields.permission_date or today))
            self._show_attached(list(self.stored))
        finally:
            self._loading = False
        self._loaded = (self.fields(), frozenset(self.interview_ids()))
        self._set_dirty(False)
        self.log_box.show_reference(reference_id, self.stored, again=again)
        self.validate()
        if self.picker is not None:
            self.picker.refresh()

    def _show_attached(self, choices: list[InterviewChoice]) -> None:
        """List these interviews (newest first), keeping the cursor on the same one."""
        current = self.used_on.currentItem()
        keep = current.data(_ID) if current is not None else None
        self.attached = _newest_first(choices)
        self.used_on.clear()
        for choice in self.attached:
            item = QListWidgetItem(describe_interview(choice), self.used_on)
            item.setData(_ID, choice.id)
            if choice.id == keep:
                self.used_on.setCurrentItem(item)
        if not self.attached:
            item = QListWidgetItem(self.tr("Not on any interview yet"), self.used_on)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self._used_on_buttons()

    def fields(self) -> ReferenceFields:
        permission: date | None = None
        if self.has_permission.isChecked():
            permission = self.permission.date().toPython()  # type: ignore[assignment]
        return ReferenceFields(
            name=self.name.text(),
            relationship=self.relationship.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            permission_date=permission,
        )

    def interview_ids(self) -> list[int]:
        """The interviews on screen (what Save will store)."""
        return [choice.id for choice in self.attached]

    # -- the interviews it is used on -----------------------------------------------------

    def open_picker(self) -> None:
        """Add to interview…: search the interviews this reference is not on yet."""
        if self.picker is None:  # it searches as it opens
            self.picker = InterviewPicker(self.data, lambda: set(self.interview_ids()), self)
            self.picker.picked.connect(self.attach)
        elif self.picker.search.text():
            self.picker.search.clear()  # which searches again
        else:
            self.picker.refresh()
        self.picker.open()
        self.picker.search.setFocus()

    def attach(self, choice: InterviewChoice) -> None:
        if choice.id in self.interview_ids():
            return
        self._show_attached([*self.attached, choice])
        self._edited()

    def detach_current(self) -> None:
        item = self.used_on.currentItem()
        if item is None or item.data(_ID) is None:
            return
        row = self.used_on.currentRow()
        gone = int(item.data(_ID))
        self._show_attached([c for c in self.attached if c.id != gone])
        if self.attached:
            self.used_on.setCurrentRow(min(row, len(self.attached) - 1))
        self._edited()

    def _used_on_buttons(self) -> None:
        item = self.used_on.currentItem()
        self.remove_interview.setEnabled(item is not None and item.data(_ID) is not None)

    # -- checking ------------------------------------------------------------------------

    def is_valid(self) -> bool:
        return self._valid

    def is_dirty(self) -> bool:
        return self._dirty

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)

    def _edited(self, *_: object) -> None:
        if self._loading:
            return
        self._set_dirty((self.fields(), frozenset(self.interview_ids())) != self._loaded)
        self.validate()

    def _permission_words(self, permission: date | None, today: date) -> str | None:
        """The permission warning (afterview.domain.cards.permission_warning decides when),
        in the user's language, naming the article it comes from (seed 000 §3)."""
        if cards.permission_warning(permission, today) is None:
            return None
        advice = article_title("000")
        if permission is None:
            return fill(
                self.tr(
                    "No permission date recorded. Ask them before you list them as a "
                    "reference, as “%1” advises."
                ),
                advice,
            )
        if permission > today:
            return self.tr("The permission date is in the future; check it.")
        months = cards.months_between(permission, today)
        return fill(
            self.tr(
                "Permission given %n month(s) ago: check they are still happy to vouch for "
                "you before an employer calls, as “%1” advises.",
                "",
                months,
            ),
            advice,
        )

    def validate(self) -> bool:
        fields = self.fields()
        # Each message is tied to its field: its description, its invalid state, announced.
        show_message(
            self.name,
            self.name_message,
            None if fields.name.strip() else self.tr("A name is required"),
        )
        show_message(self.email, self.email_message, cards.check_email(fields.email).problem)
        checked = cards.check_phone(fields.phone, self.region)
        show_message(self.phone, self.phone_message, checked.problem)
        today = self.clock().astimezone().date()
        show_message(
            self.has_permission,
            self.permission_message,
            self._permission_words(fields.permission_date, today),
            "warning",
        )
        valid = not any(
            m.is_error for m in (self.name_message, self.email_message, self.phone_message)
        )
        if valid != self._valid:
            self._valid = valid
            self.validityChanged.emit(valid)
        return valid

    def _format_phone(self) -> None:
        checked = cards.check_phone(self.phone.text(), self.region)
        if checked.ok and checked.value != self.phone.text():
            self.phone.setText(checked.value)

    # -- writing -------------------------------------------------------------------------

    def _write(self, command: Callable[[], Outcome[T]], *, retry: bool = False) -> Attempt[T]:
        self.writing = True
        try:
            return self.data.attempt(command, retry=retry)
        finally:
            self.writing = False

    def save(self) -> int | None:
        """Write the reference and the interviews it is on; its id, or None when refused
        (the problem shown beside its field)."""
        if not self.validate():
            return None
        fields, chosen, editing = self.fields(), self.interview_ids(), self.reference_id
        store = self.data.store.references
        if editing is None:
            created = self._write(lambda: store.create(fields, chosen))
            reference_id, error, waiting = created.value, created.error, created.waiting
        else:
            version = self.version
            updated = self._write(
                lambda: store.update(editing, fields, chosen, expected_version=version),
                retry=True,
            )
            reference_id = editing if updated.value is not None else None
            error, waiting = updated.error, updated.waiting
            if waiting and version is not None:
                self.version = version + 1  # what it will be once the kept save is made
        if isinstance(error, ConflictError):
            return self._resolve(error)
        if reference_id is None:
            self._show_store_error(error, waiting)
            return None
        self.load(reference_id)
        self.changed.emit()
        return reference_id

    def _saved_at_last(self) -> None:
        if self._waiting:
            self._waiting = False
            show_message(self.name, self.name_message, None)

    def _show_store_error(self, error: StoreError | None, waiting: bool = False) -> None:
        if error is not None and (waiting or kept_text_message(error)):
            message = not_saved_yet(error) if waiting else kept_text_message(error)
            self._waiting = waiting
            # The text stays to save again; it is said at once all the same.
            show_message(self.name, self.name_message, message, "warning")
            assistive.announce(self.name_message, self.name_message.text(), assertive=True)
            return
        field = error.field if isinstance(error, RecordError) else ""
        problem = error.problem if isinstance(error, RecordError) else str(error)
        edit, target = {
            "email": (self.email, self.email_message),
            "phone": (self.phone, self.phone_message),
        }.get(field, (self.name, self.name_message))
        show_message(edit, target, problem)

    def revert(self) -> None:
        self.load(self.reference_id)

    def _resolve(self, conflict: ConflictError) -> int | None:
        """As the contact editor's: reload theirs, save over theirs, or keep it unsaved."""
        from afterview.ui.conflict_dialog import Choice, ask_fields

        choice, theirs = ask_fields(conflict, self)
        if choice is Choice.RELOAD:
            self.load(self.reference_id)
            return None
        if choice is Choice.MERGE and self.reference_id is not None:
            stored = self.data.store.references.get(self.reference_id)
            self._take(ReferenceFields.of(stored), theirs)
        if choice in (Choice.KEEP, Choice.MERGE):
            self.version = conflict.version
            return self.save()
        show_message(self.name, self.name_message, not_saved_conflict(), "warning")
        return None

    def _take(self, stored: ReferenceFields, theirs: set[str]) -> None:
        """Show ``stored``'s value of each field in ``theirs`` (the others stay as typed)."""
        for name in ("name", "relationship", "email", "phone"):
            if name in theirs:
                getattr(self, name).setText(getattr(stored, name))
        if "permission_date" in theirs:
            self.has_permission.setChecked(stored.permission_date is not None)
            if stored.permission_date is not None:
                self.permission.setDate(QDate(stored.permission_date))

    def _kept_write_conflicted(self, conflict: ConflictError) -> None:
        if conflict.kind == "reference" and conflict.record_id == self.reference_id:
            self._waiting = False
            self.version = STALE
            show_message(self.name, self.name_message, not_saved_conflict(), "warning")

    def add_log_entry(self) -> None:
        self.log_box.add_log_entry()

    def remove_log_entry(self) -> None:
        self.log_box.remove_log_entry()


__all__ = ["ReferenceEditor"]
