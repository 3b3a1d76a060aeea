"""New interview (Ctrl+N): company, position, date-time, time zone, the people you met.

A field that cannot be saved says so under it, tied to it for a screen reader (its
accessible description and invalid state, announced: afterview.ui.assistive); Save on a
form with such a field puts focus on the first one."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from afterview.ui.assistive import clear_field_error, show_field_error
from afterview.ui.person_picker import Person, PersonPicker
from afterview.ui.process_tab import from_qdatetime, to_qdatetime, wall_editor
from afterview.ui.validators import FieldMessage
from afterview.ui.widgets import ZoneBox, plain_label, system_zone
from afterview.ui.write_guard import writes


class NewInterviewDialog(QDialog):
    def __init__(
        self,
        contacts: list[tuple[int, str, str]],
        now: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        writes(self)  # every input in it changes the data
        self.setWindowTitle(self.tr("New interview"))
        self.setObjectName("newInterviewDialog")
        self.setAccessibleName(self.tr("New interview"))
        self.setMinimumWidth(520)
        self.people: list[Person] = []
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.company = QLineEdit(self)
        self.company.setObjectName("newCompany")
        self.company.setAccessibleName(self.tr("Company"))
        self.position = QLineEdit(self)
        self.position.setObjectName("newPosition")
        self.position.setAccessibleName(self.tr("Position"))
        self.start = wall_editor(self, self.tr("Date and time"))
        self.start.setObjectName("newStart")
        local = now.astimezone().replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        self.start.setDateTime(to_qdatetime(local.replace(tzinfo=None)))
        self.zone = ZoneBox(self)
        self.zone.setObjectName("newZone")
        self.zone.set_zone(system_zone())
        # Labels and messages are the dialog's children, as the fields are: Qt relates a
        # label to its buddy only among siblings (without it, Linux names the time-zone box
        # by its text).
        self.messages: dict[QWidget, FieldMessage] = {}
        for text, field in (
            # Mnemonics unique in the dialog, Qt's own "&Save" and "&Cancel" included.
            (self.tr("Co&mpany"), self.company),
            (self.tr("&Position"), self.position),
            (self.tr("&Date and time"), self.start),
            (self.tr("&Time zone"), self.zone),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
            if field is not self.start:
                message = FieldMessage(field.objectName(), self)
                message.setAccessibleName("")  # read by its text
                form.setWidget(form.rowCount(), QFormLayout.ItemRole.FieldRole, message)
                self.messages[field] = message
        layout.addLayout(form)
        layout.addWidget(plain_label(self.tr("Interviewers and other people you met:"), self))
        self.picker = PersonPicker(self)
        self.picker.set_contacts(contacts)
        layout.addWidget(self.picker)
        self.list = QListWidget(self)
        self.list.setObjectName("newPeople")
        self.list.setAccessibleName(self.tr("People on this interview"))
        self.list.setMaximumHeight(110)
        layout.addWidget(self.list)
        self.remove_button = QPushButton(self.tr("Remo&ve person"), self)
        self.remove_button.setAccessibleName(self.tr("Remove person"))
        self.remove_button.clicked.connect(self._remove)
        layout.addWidget(self.remove_button)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("newSave")
        self.save_button.setAccessibleName(self.tr("Save interview"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.picker.picked.connect(self._picked)
        # A field's "is required" shows once the user has typed in it or left it, never on
        # a dialog just opened (issue 14), and for every field on Save. Save stays on: a
        # disabled Save says nothing about why, to anyone (issue 15).
        self._touched: set[str] = set()
        # Leaving a field counts even when nothing was typed: Qt's editingFinished does not
        # fire for an unchanged field, so focus-out is watched instead.
        self._fields = {self.company: "company", self.position: "position"}
        for field, name in self._fields.items():
            field.textEdited.connect(lambda _text, name=name: self._touch(name))
            field.installEventFilter(self)
        self.company.textChanged.connect(self._validate)
        self.position.textChanged.connect(self._validate)
        self.zone.currentTextChanged.connect(self._validate)
        self._validate()

    def _picked(self, person: Person) -> None:
        if any(p.name == person.name and p.role == person.role for p in self.people):
            return
        self.people.append(person)
        self.list.addItem(person.label)  # a list item's text is plain text

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.people):
            del self.people[row]
            self.list.takeItem(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in self._fields:
            self._touch(self._fields[watched])  # type: ignore[index]
        return super().eventFilter(watched, event)

    def _touch(self, name: str) -> None:
        if name not in self._touched:
            self._touched.add(name)
            self._validate()

    def _problems(self) -> dict[QWidget, str]:
        """Why each field cannot be saved, by field, in the form's order."""
        from afterview.ui.widgets import zone_names

        problems: dict[QWidget, str] = {}
        if not self.company.text().strip():
            problems[self.company] = self.tr("Company is required.")
        if not self.position.text().strip():
            problems[self.position] = self.tr("Position is required.")
        if self.zone.zone() not in set(zone_names()):
            problems[self.zone] = self.tr("Choose a time zone from the list.")
        return problems

    def _validate(self) -> dict[QWidget, str]:
        """Show the problems of the fields the user has been to (and of the time zone,
        which is never empty); the shown ones, in the form's order."""
        problems = self._problems()
        touched = {self.company: "company", self.position: "position"}
        shown = {
            field: text
            for field, text in problems.items()
            if field not in touched or touched[field] in self._touched
        }
        # The last one said is the first field's: focus goes there on Save.
        for field in reversed(self.messages):
            if field in shown:
                show_field_error(field, self.messages[field], shown[field])
                self.messages[field].show_message(shown[field])  # the mark and the colour
            else:
                clear_field_error(field, self.messages[field])
                self.messages[field].show_message(None)
        return shown

    def accept(self) -> None:
        self._touched.update(("company", "position"))
        shown = self._validate()
        if shown:
            # Refused: focus on the first field to put right; its error is read with it.
            next(iter(shown)).setFocus(Qt.FocusReason.OtherFocusReason)
            return
        # A name typed but not yet added is surely meant to be on the interview.
        pending = self.picker.current()
        if pending is not None:
            self._picked(pending)
        super().accept()

    def values(self) -> dict[str, Any]:
        return {
            "company": self.company.text().strip(),
            "position": self.position.text().strip(),
            "start": from_qdatetime(self.start.dateTime()),
            "time_zone": self.zone.zone(),
        }
