"""The preview dialog of a calendar invitation (issue 18 §1): every field editable, the
people in a table with a tick, a role and "This is me" each; Import writes through the
store. Opened by :func:`afterview.ui.invitation_preview.preview_and_import_invitation`.
Everything from the file is plain text (labels, table cells)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QSize, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.invitation_choices import default_role, same_address
from afterview.domain.invitations import Invitation
from afterview.domain.records import Format, Role
from afterview.interop.invitation_import import default_choices, one_line, people_of
from afterview.store.errors import StoreError
from afterview.store.invitation_values import (
    Action,
    InvitationChoices,
    InvitationLook,
    InvitationResult,
    PersonChoice,
)
from afterview.ui.assistive import announce
from afterview.ui.person_picker import role_label
from afterview.ui.process_fields import FORMATS
from afterview.ui.process_tab import from_qdatetime, to_qdatetime, wall_editor
from afterview.ui.validators import error_label
from afterview.ui.widgets import ZoneBox, discard_corrections, plain_label
from afterview.ui.window_fit import dialog_size

if TYPE_CHECKING:
    from afterview.store.operations import Store

#: The people table's columns.
ADD, NAME, EMAIL, ROLE, KNOWN, ME = range(6)
_ROLES = (Role.INTERVIEWER, Role.HIRING_MANAGER, Role.DECISION_MAKER, Role.RECRUITER)


def when_text(start: datetime, zone: str) -> str:
    """The start's wall time in ``zone`` (IANA) in the user's locale, with the zone's name:
    "Tuesday, 6 October 2026 09:30 (Europe/Berlin)"."""
    local = start.astimezone(ZoneInfo(zone))
    locale = QLocale()
    day = locale.toString(QDate(local.year, local.month, local.day), QLocale.FormatType.LongFormat)
    time = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    return f"{day} {time} ({zone})"


class InvitationPreviewDialog(QDialog):
    """``InvitationPreviewDialog(store, invitation, look, path).exec()``: Import writes the
    interview (a reschedule: moves it); after Accepted, ``result`` says what was done."""

    def __init__(
        self,
        store: Store,
        invitation: Invitation,
        look: InvitationLook,
        path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.invitation, self.look = store, invitation, look
        self.result_value: InvitationResult | None = None
        proposed = default_choices(invitation, look)
        title = invitation.summary or path.name
        self.setWindowTitle(self.tr("Import invitation — {0}").format(path.name))
        layout = QVBoxLayout(self)
        if look.action is Action.RESCHEDULE and look.known is not None:
            text = self.tr("This invitation moves the interview at {0} ({1}).").format(
                look.known.company, look.known.position
            )
        else:
            text = self.tr("A new interview from “{0}”.").format(title)
        self.heading = plain_label(text, self, "heading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)

        form = QFormLayout()
        self.start = wall_editor(self, self.tr("Date and time"))
        self.start.setObjectName("invitationStart")
        wall = invitation.start.astimezone(ZoneInfo(invitation.time_zone)).replace(tzinfo=None)
        self.start.setDateTime(to_qdatetime(wall))
        self.zone = ZoneBox(self)
        self.zone.setObjectName("invitationZone")
        self.zone.set_zone(invitation.time_zone)
        self.home = plain_label("", self, "invitationHome")
        self.moved = plain_label("", self, "invitationMoved")
        self.moved.setWordWrap(True)
        self.duration = QSpinBox(self)
        self.duration.setObjectName("invitationDuration")
        self.duration.setRange(1, 1440)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setValue(invitation.duration_minutes)
        self.format = QComboBox(self)
        self.format.setObjectName("invitationFormat")
        for value in Format:
            self.format.addItem(
                QCoreApplication.translate("ProcessTab", str(FORMATS[value.value])), value
            )
        self.format.setCurrentIndex(self.format.findData(invitation.format))
        self.location = QLineEdit(one_line(invitation.location), self)
        self.location.setObjectName("invitationLocation")
        self.company = QLineEdit(proposed.company, self)
        self.company.setObjectName("invitationCompany")
        self.position = QLineEdit(proposed.position, self)
        self.position.setObjectName("invitationPosition")
        self.round = QLineEdit(proposed.round, self)
        self.round.setObjectName("invitationRound")
        rows: list[tuple[str, QWidget]] = [
            (self.tr("&Date and time"), self.start),
            (self.tr("&Time zone"), self.zone),
            (self.tr("In your home zone"), self.home),
        ]
        if look.action is Action.RESCHEDULE:
            rows.append((self.tr("Moved"), self.moved))
        rows += [
            (self.tr("&Length"), self.duration),
            (self.tr("&Format"), self.format),
            (self.tr("&Location or link"), self.location),
            (self.tr("Co&mpany"), self.company),
            (self.tr("&Position"), self.position),
            (self.tr("&Round"), self.round),
        ]
        for text, field in rows:
            label = QLabel(text, self)
            label.setBuddy(field)
            field.setAccessibleName(label.text().replace("&", ""))
            form.addRow(label, field)
        if look.action is Action.RESCHEDULE:
            # A reschedule keeps what the interview is (the store moves only its time): the
            # fields are greyed out and skipped by Tab, not white boxes that refuse typing.
            for field in (self.company, self.position, self.round):
                field.setReadOnly(True)
                field.setEnabled(False)
                field.setToolTip(
                    self.tr("A reschedule keeps the interview's company, position and round.")
                )
        layout.addLayout(form)
        for warning in invitation.warnings:  # the reader's notes, as sentences here
            sentence = warning[:1].upper() + warning[1:]
            layout.addWidget(plain_label(sentence.rstrip(".") + ".", self))
        self.past_note: QLabel | None = None
        if look.past and look.action in (Action.CREATE, Action.RESCHEDULE):
            self.past_note = plain_label(
                self.tr(
                    "This meeting was on {0}, already past: its steps are planned from that "
                    "time, so its thank-you note may be due at once."
                ).format(when_text(invitation.start, invitation.time_zone)),
                self,
                name="pastNote",
            )
            self.past_note.setWordWrap(True)
            layout.addWidget(self.past_note)

        layout.addWidget(plain_label(self.tr("People on the invitation:"), self))
        self.people = QTableWidget(0, 6, self)
        self.people.setObjectName("invitationPeople")
        self.people.setAccessibleName(self.tr("People on the invitation"))
        self.people.setTabKeyNavigation(False)
        self.people.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people.verticalHeader().hide()
        self.people.setHorizontalHeaderLabels(
            [self.tr("Add"), self.tr("Name"), self.tr("Email"), self.tr("Role"),
             self.tr("Contact"), self.tr("This is me")]
        )  # fmt: skip
        self._fill_people()
        header = self.people.horizontalHeader()
        # Every column as wide as what it holds (a name is never cut to "…"); the last one
        # takes what is left, and a narrow window scrolls sideways.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.people.setColumnHidden(ME, bool(look.own_email))
        layout.addWidget(self.people, 1)

        self.error = error_label(self)
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        verb = self.tr("Reschedule") if look.action is Action.RESCHEDULE else self.tr("Import")
        self.import_button = self.buttons.addButton(verb, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import")
        self.import_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.do_import)
        layout.addWidget(self.buttons)
        self.start.dateTimeChanged.connect(self._show_times)
        self._zone_was = invitation.time_zone  # the last valid zone the field was read in
        self.zone.currentTextChanged.connect(self._zone_changed)
        self.people.itemChanged.connect(self._me_changed)
        self._show_times()
        self._as_read = self.choices()
        self.resize(dialog_size(self, QSize(980, 600)))  # on a small screen the table scrolls

    # --- the people table ---

    def _fill_people(self) -> None:
        self.people.blockSignals(True)
        for person in people_of(self.invitation):
            row = self.people.rowCount()
            self.people.insertRow(row)
            mine = same_address(person.email, self.look.own_email)
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            tick.setCheckState(Qt.CheckState.Unchecked if mine else Qt.CheckState.Checked)
            tick.setData(Qt.ItemDataRole.AccessibleTextRole, self.tr("Add"))
            self.people.setItem(row, ADD, tick)
            self.people.setItem(row, NAME, QTableWidgetItem(person.name))
            self.people.setItem(row, EMAIL, QTableWidgetItem(person.email))
            role = QComboBox(self.people)
            role.setAccessibleName(self.tr("Role"))
            for value in _ROLES:
                role.addItem(role_label(value), value)
            role.setCurrentIndex(role.findData(default_role(person)))
            self.people.setCellWidget(row, ROLE, role)
            known = self.look.contacts.get(person.email.casefold()) if person.email else None
            if mine:
                note = self.tr("You (your profile's email)")
            elif known == person.name:
                note = self.tr("Already a contact")
            elif known:
                note = self.tr("Already a contact: {0}").format(known)
            else:
                note = self.tr("New card")
            status = QTableWidgetItem(note)
            status.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.people.setItem(row, KNOWN, status)
            me = QTableWidgetItem()
            me.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            me.setCheckState(Qt.CheckState.Unchecked)
            me.setData(Qt.ItemDataRole.AccessibleTextRole, self.tr("This is me"))
            self.people.setItem(row, ME, me)
        self.people.blockSignals(False)

    def _me_changed(self, item: QTableWidgetItem) -> None:
        """One attendee at most is the user, and the user is never added as a contact."""
        if item.column() != ME or item.checkState() != Qt.CheckState.Checked:
            return
        self.people.blockSignals(True)
        for row in range(self.people.rowCount()):
            if row != item.row():
                self._item(row, ME).setCheckState(Qt.CheckState.Unchecked)
        self._item(item.row(), ADD).setCheckState(Qt.CheckState.Unchecked)
        self.people.blockSignals(False)

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        found = self.people.item(row, column)
        assert found is not None
        return found

    def role_box(self, row: int) -> QComboBox:
        box = self.people.cellWidget(row, ROLE)
        assert isinstance(box, QComboBox)
        return box

    # --- times ---

    def wall(self) -> datetime:
        return from_qdatetime(self.start.dateTime())

    def _zone_changed(self) -> None:
        """An invitation gives an exact instant: a new zone keeps it, and the date and time
        show its wall time in the new zone (the home-zone line stays as it was)."""
        new = self.zone.zone()
        try:
            new_zone = ZoneInfo(new)
        except (ValueError, KeyError, OSError):
            new_zone = None  # still being typed: the times say to choose one
        if new_zone is not None and new != self._zone_was:
            instant = self._start(self._zone_was)
            if instant is not None:
                wall = instant.astimezone(new_zone).replace(tzinfo=None)
                self.start.blockSignals(True)
                self.start.setDateTime(to_qdatetime(wall))
                self.start.blockSignals(False)
            self._zone_was = new
        self._show_times()

    def _start(self, zone: str | None = None) -> datetime | None:
        """The instant the date and time mean in ``zone`` (the field's zone by default)."""
        zone = self.zone.zone() if zone is None else zone
        original = self.invitation.start.astimezone(ZoneInfo(self.invitation.time_zone))
        if zone == self.invitation.time_zone and self.wall() == original.replace(tzinfo=None):
            return self.invitation.start  # as given: the second of a repeated hour stays so
        try:
            return self.wall().replace(tzinfo=ZoneInfo(zone))
        except (ValueError, KeyError, OSError):
            return None

    def _show_times(self) -> None:
        start = self._start()
        home_zone = self.look.home_zone
        if start is None:
            self.home.setText(self.tr("Choose a time zone from the list."))
            return
        if self.zone.zone() == home_zone:
            self.home.setText(self.tr("Same as the invitation's"))
        else:
            self.home.setText(when_text(start, home_zone))
        known = self.look.known
        if known is not None:
            self.moved.setText(
                self.tr("{0} → {1}").format(
                    when_text(known.start, known.time_zone), when_text(start, self.zone.zone())
                )
            )

    # --- the choices and the import ---

    def choices(self) -> InvitationChoices:
        """The fields as the user left them."""
        people: list[PersonChoice] = []
        me = ""
        for row in range(self.people.rowCount()):
            email = self._item(row, EMAIL).text().strip().lower()
            if self._item(row, ME).checkState() == Qt.CheckState.Checked:
                me = email
            if self._item(row, ADD).checkState() != Qt.CheckState.Checked:
                continue
            role = self.role_box(row).currentData()
            people.append(PersonChoice(self._item(row, NAME).text().strip(), email, Role(role)))
        start = self._start() or self.invitation.start
        return InvitationChoices(
            company=self.company.text().strip(),
            position=self.position.text().strip(),
            round=self.round.text().strip(),
            start=start,
            time_zone=self.zone.zone(),
            duration_minutes=self.duration.value(),
            format=Format(self.format.currentData()),
            location=self.location.text().strip(),
            people=tuple(people),
            me=me,
        )

    def changed(self) -> bool:
        """Whether the user has changed a field, a tick, a role or "This is me"."""
        return self.choices() != self._as_read

    def reject(self) -> None:
        """Escape, Cancel and the window's close: with corrections, asked first."""
        if self.changed() and not discard_corrections(self):
            return
        super().reject()

    def do_import(self) -> None:
        problem = ""
        if self._start() is None:
            problem = self.tr("Choose a time zone from the list.")
        elif self.look.action is Action.CREATE and not self.company.text().strip():
            problem = self.tr("Give the company: the invitation does not name it.")
        elif self.look.action is Action.CREATE and not self.position.text().strip():
            problem = self.tr("Give the position.")
        if problem:
            self._show_error(problem)
            return
        try:
            outcome = self.store.invitations.import_invitation(self.invitation, self.choices())
        except StoreError as error:
            self._show_error(self.tr("Nothing was imported: {0}").format(error))
            return
        self.result_value = outcome.value
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        announce(self, text, assertive=True)


__all__ = ["InvitationPreviewDialog", "when_text"]
