"""The References page: the list, and beside it the reference, the interviews they are used
on, and the log of when they were told what to expect (seeds 000 §3, 001 §2)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime

from PySide6.QtCore import (
    QDate,
    QDateTime,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview import ipc
from afterview.domain import cards
from afterview.store import references
from afterview.store.contacts import home_region
from afterview.store.database import Database
from afterview.store.errors import RecordError
from afterview.store.models import InterviewRow
from afterview.ui.contact_editor import CARD_STYLE
from afterview.ui.record_list_page import RecordListPage
from afterview.ui.reference_log_model import NoticeIdRole, ReferenceLogModel, describe_interview
from afterview.ui.references_model import ReferenceIdRole, ReferencesModel
from afterview.ui.validators import Clock, FieldMessage, plain_label, utcnow


@dataclass(frozen=True)
class _Interview:
    id: int
    label: str
    country: str


class ReferenceEditor(QWidget):
    """One reference: the card, the interviews they are used on, and their log."""

    changed = Signal()
    validityChanged = Signal(bool)
    dirtyChanged = Signal(bool)

    def __init__(self, db: Database, parent: QWidget | None = None, *, clock: Clock = utcnow):
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.reference_id: int | None = None
        self.region: str | None = None
        self._loaded: tuple[references.ReferenceFields, frozenset[int]] | None = None
        self._valid = False
        self._dirty = False
        self._loading = False
        self.setAccessibleName("Reference")

        card = QFrame(self)
        card.setObjectName("card")
        card.setStyleSheet(CARD_STYLE)
        grid = QGridLayout(card)
        grid.setContentsMargins(22, 18, 22, 18)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        grid.setColumnMinimumWidth(2, 180)

        self.name = QLineEdit(card)
        self.name.setObjectName("reference_name")
        self.name.setAccessibleName("Name")
        self.name.setPlaceholderText("Full name (required)")
        self.name.setProperty("headline", True)
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        self.name.setFont(font)
        self.relationship = QLineEdit(card)
        self.relationship.setObjectName("relationship")
        self.relationship.setAccessibleName("Relationship")
        self.relationship.setPlaceholderText("How you know them (former manager, colleague…)")
        self.relationship.setProperty("headline", True)
        self.name_message = FieldMessage("name", card)
        grid.addWidget(self.name, 0, 0, 1, 2)
        grid.addWidget(self.name_message, 0, 2)
        grid.addWidget(self.relationship, 1, 0, 1, 2)
        rule = QFrame(card)
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(rule, 2, 0, 1, 3)

        self.email = QLineEdit(card)
        self.email.setObjectName("reference_email")
        self.email.setAccessibleName("Email")
        self.email.setPlaceholderText("name@example.com")
        self.phone = QLineEdit(card)
        self.phone.setObjectName("reference_phone")
        self.phone.setAccessibleName("Phone")
        self.phone.setPlaceholderText("+1 212 555 1234")
        self.has_permission = QCheckBox("Gave permission on", card)
        self.has_permission.setAccessibleName("Permission recorded")
        self.permission = QDateEdit(card)
        self.permission.setObjectName("permission_date")
        self.permission.setAccessibleName("Permission date")
        self.permission.setCalendarPopup(True)
        self.permission.setDisplayFormat("yyyy-MM-dd")
        self.email_message = FieldMessage("email", card)
        self.phone_message = FieldMessage("phone", card)
        self.permission_message = FieldMessage("permission", card)
        for row, (caption, widget, message) in enumerate(
            (
                ("&Email", self.email, self.email_message),
                ("&Phone", self.phone, self.phone_message),
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
        self.used_on.setAccessibleName("Interviews this reference is used on")
        self.used_on.setAlternatingRowColors(True)
        used_box = QGroupBox("Used on these interviews", self)
        used_layout = QVBoxLayout(used_box)
        used_layout.addWidget(self.used_on)
        self.used_on.setMinimumHeight(90)
        self.used_on.setMaximumHeight(120)

        self.log_model = ReferenceLogModel(db, self)
        self.log = QTableView(self)
        self.log.setObjectName("reference_log")
        self.log.setAccessibleName("When they were told")
        self.log.setModel(self.log_model)
        self.log.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.verticalHeader().hide()
        self.log.setShowGrid(False)
        self.log.setAlternatingRowColors(True)
        self.log.horizontalHeader().setStretchLastSection(True)
        self.log.setColumnWidth(0, 130)
        self.log.setColumnWidth(1, 60)
        self.log.setColumnWidth(2, 230)
        self.log.setMinimumHeight(110)
        self.log.setMaximumHeight(150)
        self.log.setWordWrap(False)
        self.log_at = QDateTimeEdit(self)
        self.log_at.setAccessibleName("When they were told")
        self.log_at.setObjectName("log_at")
        self.log_at.setCalendarPopup(True)
        self.log_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.log_channel = QComboBox(self)
        self.log_channel.setAccessibleName("How they were told")
        for caption, value in (("Email", "email"), ("Phone", "phone"), ("Letter", "letter")):
            self.log_channel.addItem(caption, value)
        self.log_interview = QComboBox(self)
        self.log_interview.setAccessibleName("Which interview")
        self.log_interview.setMinimumContentsLength(18)
        self.log_interview.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.log_note = QLineEdit(self)
        self.log_note.setAccessibleName("Log note")
        self.log_note.setPlaceholderText("What you told them (optional)")
        self.log_add = QPushButton("&Add to log", self)
        self.log_add.setAccessibleName("Add to log")
        self.log_add.clicked.connect(self.add_log_entry)
        self.log_remove = QPushButton("Remove entry", self)
        self.log_remove.setAccessibleName("Remove log entry")
        self.log_remove.clicked.connect(self.remove_log_entry)
        self.log_message = plain_label("", self, name="log message")
        log_box = QGroupBox("Told what to expect", self)
        log_layout = QVBoxLayout(log_box)
        log_layout.addWidget(self.log)
        entry = QHBoxLayout()
        entry.addWidget(self.log_at)
        entry.addWidget(self.log_channel)
        entry.addWidget(self.log_interview, 1)
        log_layout.addLayout(entry)
        entry2 = QHBoxLayout()
        entry2.addWidget(self.log_note, 1)
        entry2.addWidget(self.log_add)
        entry2.addWidget(self.log_remove)
        log_layout.addLayout(entry2)
        log_layout.addWidget(self.log_message)

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
        self.used_on.itemChanged.connect(self._edited)
        self.phone.editingFinished.connect(self._format_phone)
        self.log.selectionModel().selectionChanged.connect(self._log_buttons)
        self._interviews: list[_Interview] = []
        self.load(None)

    # -- loading -------------------------------------------------------------------------

    def _load_interviews(self) -> None:
        with self.db.read() as session:
            rows = session.execute(
                select(
                    InterviewRow.id,
                    InterviewRow.company,
                    InterviewRow.position,
                    InterviewRow.start,
                    InterviewRow.country,
                ).order_by(InterviewRow.start.desc())
            ).all()
        self._interviews = [
            _Interview(
                row.id, describe_interview(row.company, row.position, row.start), row.country
            )
            for row in rows
        ]

    def load(self, reference_id: int | None) -> None:
        self._load_interviews()
        with self.db.read() as session:
            if reference_id is None:
                fields = references.ReferenceFields(name="")
                used: set[int] = set()
                self.region = home_region(session)
            else:
                row = references.get_reference(session, reference_id)
                fields = references.ReferenceFields.of(row)
                used = set(references.interview_ids_of(session, reference_id))
                self.region = self._region_of(used) or home_region(session)
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
            self.used_on.clear()
            for interview in self._interviews:
                item = QListWidgetItem(interview.label, self.used_on)
                item.setData(Qt.ItemDataRole.UserRole, interview.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = interview.id in used
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            if not self._interviews:
                item = QListWidgetItem("No interviews yet", self.used_on)
                item.setFlags(Qt.ItemFlag.NoItemFlags)
        finally:
            self._loading = False
        self._loaded = (self.fields(), frozenset(self.checked_interviews()))
        self._set_dirty(False)
        self.log_model.set_reference(reference_id)
        self._fill_log_interviews(used)
        self.log_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(self.clock().timestamp())))
        self.log_note.clear()
        self.log_message.clear()
        self.log_box.setEnabled(reference_id is not None)
        self._log_buttons()
        self.validate()

    def _region_of(self, interview_ids: set[int]) -> str | None:
        for interview in self._interviews:  # newest first
            if interview.id in interview_ids and cards.region_for(interview.country):
                return cards.region_for(interview.country)
        return None

    def _fill_log_interviews(self, used: set[int]) -> None:
        self.log_interview.clear()
        self.log_interview.addItem("No particular interview", 0)
        for interview in self._interviews:
            if interview.id in used:
                self.log_interview.addItem(interview.label, interview.id)
        if self.log_interview.count() > 1:
            self.log_interview.setCurrentIndex(1)

    def fields(self) -> references.ReferenceFields:
        permission: date | None = None
        if self.has_permission.isChecked():
            permission = self.permission.date().toPython()  # type: ignore[assignment]
        return references.ReferenceFields(
            name=self.name.text(),
            relationship=self.relationship.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            permission_date=permission,
        )

    def checked_interviews(self) -> list[int]:
        chosen = []
        for row in range(self.used_on.count()):
            item = self.used_on.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return chosen

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
        self._set_dirty((self.fields(), frozenset(self.checked_interviews())) != self._loaded)
        self.validate()

    def validate(self) -> bool:
        fields = self.fields()
        self.name_message.show_message(
            None if fields.name.strip() else "A name is required", "error"
        )
        self.email_message.show_message(cards.check_email(fields.email).problem, "error")
        region = self._region_of(set(self.checked_interviews())) or self.region
        self.phone_message.show_message(cards.check_phone(fields.phone, region).problem, "error")
        today = self.clock().astimezone().date()
        self.permission_message.show_message(
            cards.permission_warning(fields.permission_date, today), "warning"
        )
        valid = not any(
            m.is_error for m in (self.name_message, self.email_message, self.phone_message)
        )
        if valid != self._valid:
            self._valid = valid
            self.validityChanged.emit(valid)
        return valid

    def _format_phone(self) -> None:
        region = self._region_of(set(self.checked_interviews())) or self.region
        checked = cards.check_phone(self.phone.text(), region)
        if checked.ok and checked.value != self.phone.text():
            self.phone.setText(checked.value)

    # -- writing -------------------------------------------------------------------------

    def _wrote(self) -> None:
        self.db.backup_if_due()
        ipc.notify_changed(self.db.paths)
        self.changed.emit()

    def save(self) -> int | None:
        if not self.validate():
            return None
        fields, chosen, now = self.fields(), self.checked_interviews(), self.clock()
        try:
            with self.db.write() as session:
                if self.reference_id is None:
                    row = references.create_reference(session, fields, now)
                else:
                    row = references.update_reference(session, self.reference_id, fields, now)
                reference_id = row.id
                references.set_interviews(session, reference_id, chosen, now)
        except RecordError as error:
            target = {"email": self.email_message, "phone": self.phone_message}.get(
                error.field, self.name_message
            )
            target.show_message(error.problem, "error")
            return None
        self.load(reference_id)
        self._wrote()
        return reference_id

    def revert(self) -> None:
        self.load(self.reference_id)

    def add_log_entry(self) -> None:
        if self.reference_id is None:
            return
        at = datetime.fromtimestamp(self.log_at.dateTime().toSecsSinceEpoch(), UTC)
        interview = int(self.log_interview.currentData() or 0) or None
        try:
            with self.db.write() as session:
                references.add_notice(
                    session,
                    self.reference_id,
                    at=at,
                    channel=str(self.log_channel.currentData()),
                    note=self.log_note.text(),
                    interview_id=interview,
                    now=self.clock(),
                )
        except RecordError as error:
            self.log_message.setText(str(error))
            return
        self.log_model.reload()
        self.log_note.clear()
        self.log_message.setText("Added to the log.")
        self._wrote()

    def remove_log_entry(self) -> None:
        rows = self.log.selectionModel().selectedRows()
        if not rows:
            return
        notice_id = int(rows[0].data(NoticeIdRole))
        try:
            with self.db.write() as session:
                references.delete_notice(session, notice_id, self.clock())
        except RecordError as error:
            self.log_message.setText(str(error))
            return
        self.log_model.reload()
        self.log_message.setText("Entry removed.")
        self._log_buttons()
        self._wrote()

    def _log_buttons(self, *_: object) -> None:
        self.log_remove.setEnabled(bool(self.log.selectionModel().selectedRows()))


class ReferencesPage(RecordListPage):
    id_role = ReferenceIdRole
    record_phrase = "the reference"
    unnamed = "this reference"

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, clock: Clock = utcnow
    ) -> None:
        super().__init__(db, parent, clock, "References")
        self._build_list(
            ReferencesModel(db, self, clock=clock),
            filter_label="Filter references",
            placeholder="Filter by name, relationship, email…",
            table_name="references_table",
            table_label="Reference list",
        )
        header = self.table.horizontalHeader()
        for column in (2, 3, 5):
            self.table.setColumnHidden(column, True)
        self.table.setColumnWidth(0, 150)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(4, 120)
        self._build_list_buttons("&New reference", "New reference", "Delete reference")
        self._deleted: list[references.DeletedReference] = []

        self.editor = ReferenceEditor(db, self, clock=clock)
        self.editor.validityChanged.connect(self._update_buttons)
        self.editor.dirtyChanged.connect(self._update_buttons)
        self.editor.changed.connect(self.changed)
        self.status = plain_label("", self, name="references status")
        self._build_editor_buttons("reference")

        pane = QWidget(self)
        pane_layout = QVBoxLayout(pane)
        pane_layout.setContentsMargins(12, 0, 0, 0)
        pane_layout.addWidget(self.editor)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        # Save covers the card and the interviews above it; the log below writes at once.
        self.editor.body.insertLayout(2, buttons)
        pane_layout.addStretch(1)
        self._build_stack(
            pane,
            "No references yet.\n\nAdd the people who vouch for you, and when they said yes: "
            "they should hear from you before an employer calls them (seed 000 §3).",
            "references empty",
        )

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(self._list_actions())
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("references_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([400, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.splitter)

        editor = self.editor
        chain = [
            self.filter,
            self.table,
            editor.name,
            editor.relationship,
            editor.email,
            editor.phone,
            editor.has_permission,
            editor.permission,
            editor.used_on,
            self.revert_button,
            self.save_button,
            editor.log,
            editor.log_at,
            editor.log_channel,
            editor.log_interview,
            editor.log_note,
            editor.log_add,
            editor.log_remove,
            self.new_button,
            self.delete_button,
            self.undo_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._add_keys()
        self.reload()

    # -- hooks -------------------------------------------------------------------------

    def _editing_id(self) -> int | None:
        return self.editor.reference_id

    def _record_shown(self, switched: bool) -> None:
        # Unlike a contact card there is nothing beside the editor to refresh; a message
        # ("Saved.") stays until the user moves to another reference.
        if switched:
            self.status.clear()

    def _delete_record(self, session: Session, record_id: int) -> references.DeletedReference:
        return references.delete_reference(session, record_id, self.clock())

    def _restore_record(self, session: Session, deleted: references.DeletedReference) -> int:
        return references.undo_delete_reference(session, deleted, self.clock()).id

    def new_reference(self) -> None:
        """Start a blank reference in the editor (saved with Save)."""
        self._start_new()

    def confirm_delete(self, name: str) -> bool:
        return self._ask(
            "Delete reference",
            f"Delete the reference {name} and their log? The interviews they were used on "
            "are planned again without them.",
        )


__all__ = ["ReferenceEditor", "ReferencesPage"]
