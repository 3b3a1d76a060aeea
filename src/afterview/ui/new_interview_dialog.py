"""New interview (Ctrl+N): company, position, date-time, time zone, the people you met."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from afterview.ui.person_picker import Person, PersonPicker
from afterview.ui.process_tab import from_qdatetime, to_qdatetime, wall_editor
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
        form.addRow(self.tr("Company"), self.company)
        form.addRow(self.tr("Position"), self.position)
        form.addRow(self.tr("Date and time"), self.start)
        form.addRow(self.tr("Time zone"), self.zone)
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
        self.remove_button = QPushButton(self.tr("Remove person"), self)
        self.remove_button.setAccessibleName(self.tr("Remove person"))
        self.remove_button.clicked.connect(self._remove)
        layout.addWidget(self.remove_button)
        self.error = plain_label("", self, "newError")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
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
        # a dialog just opened (issue 14); Save stays off until both are filled.
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

    def _validate(self) -> None:
        from afterview.ui.widgets import zone_names

        missing = {
            "company": (not self.company.text().strip(), self.tr("Company is required.")),
            "position": (not self.position.text().strip(), self.tr("Position is required.")),
        }
        shown = [text for name, (bad, text) in missing.items() if bad and name in self._touched]
        wrong_zone = self.zone.zone() not in set(zone_names())
        if wrong_zone:
            shown.append(self.tr("Choose a time zone from the list."))
        self.save_button.setEnabled(not wrong_zone and not any(b for b, _ in missing.values()))
        self.error.setText(" ".join(shown))

    def accept(self) -> None:
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
