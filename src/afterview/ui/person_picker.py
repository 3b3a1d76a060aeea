"""Pick an existing contact or type a new name, with their role on the interview."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLabel, QPushButton, QWidget

from afterview.domain.records import Role
from afterview.store.values import ContactItem
from afterview.ui.assistive import announce
from afterview.ui.icons import icon

_CONTEXT = "PersonPicker"
#: Each role's name in English, marked for translation: show it with role_label().
ROLE_LABELS = {
    Role.INTERVIEWER: QT_TRANSLATE_NOOP(_CONTEXT, "Interviewer"),
    Role.HIRING_MANAGER: QT_TRANSLATE_NOOP(_CONTEXT, "Hiring manager"),
    Role.DECISION_MAKER: QT_TRANSLATE_NOOP(_CONTEXT, "Decision maker"),
    Role.RECRUITER: QT_TRANSLATE_NOOP(_CONTEXT, "Recruiter"),
    Role.REFERRAL: QT_TRANSLATE_NOOP(_CONTEXT, "Referral"),
}


def role_label(role: Role) -> str:
    """A person's role on an interview as the user reads it, in their language."""
    return QCoreApplication.translate(_CONTEXT, ROLE_LABELS[role])


@dataclass(frozen=True)
class Person:
    """A contact on an interview; ``contact_id`` is None for a card still to create."""

    contact_id: int | None
    name: str
    role: Role

    @property
    def label(self) -> str:
        if self.contact_id is None:
            return QCoreApplication.translate(_CONTEXT, "{0} — {1} (new card)").format(
                self.name, role_label(self.role)
            )
        return f"{self.name} — {role_label(self.role)}"


def contact_choices(cards: Iterable[ContactItem]) -> list[tuple[int, str, str]]:
    """The cards as :meth:`PersonPicker.set_contacts` takes them (from
    ``store.contacts.items()``): id, name, and "title, company" as the detail."""
    return [
        (card.id, card.name, ", ".join(part for part in (card.title, card.company) if part))
        for card in cards
    ]


class PersonPicker(QWidget):
    """A name (a contact's, completed as typed, or a new one), a role, and Add.

    Enter adds: on a completion highlighted in the popup, exactly that contact; otherwise
    what is typed. Each addition is announced ("Added Ann Anders as Interviewer"), and the
    field is left empty with the focus in it, for the next person.
    """

    picked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.who = QComboBox(self)
        self.who.setObjectName("personName")
        self.who.setEditable(True)
        self.who.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.who.setAccessibleName(self.tr("Person: pick a contact or type a new name"))
        self.who.lineEdit().setPlaceholderText(self.tr("Pick a contact or type a new name"))
        self.who.setCurrentIndex(-1)
        self.role = QComboBox(self)
        self.role.setObjectName("personRole")
        self.role.setAccessibleName(self.tr("Role"))
        for role in ROLE_LABELS:
            self.role.addItem(role_label(role), role.value)
        self.add_button = QPushButton(icon("add"), self.tr("&Add"), self)
        self.add_button.setObjectName("addPerson")
        self.add_button.setAccessibleName(self.tr("Add person"))
        self.add_button.setEnabled(False)
        # Labels related to the combo boxes: on Linux, Qt names a combo box by its current
        # text ("Interviewer") unless a label is its buddy.
        who_label = QLabel(self.tr("Pe&rson"), self)
        who_label.setTextFormat(Qt.TextFormat.PlainText)
        who_label.setBuddy(self.who)
        role_label_ = QLabel(self.tr("R&ole"), self)
        role_label_.setTextFormat(Qt.TextFormat.PlainText)
        role_label_.setBuddy(self.role)
        layout.addWidget(who_label)
        layout.addWidget(self.who, 3)
        layout.addWidget(role_label_)
        layout.addWidget(self.role, 1)
        layout.addWidget(self.add_button)
        self.who.editTextChanged.connect(lambda t: self.add_button.setEnabled(bool(t.strip())))
        # Enter on a typed name adds the person and stays for the next one; a combo box would
        # otherwise pass Enter on to the dialog, which saves and closes (issue 14's tester).
        self.who.lineEdit().installEventFilter(self)
        self.add_button.clicked.connect(self._add)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        enter = (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        )
        completer = self.who.completer()
        popup = completer.popup() if completer is not None else None
        if enter and popup is not None and watched is popup and popup.isVisible():
            # Before the completer sees it: left to Qt, Enter only fills the field (and a
            # second Enter adds), and the combo box then selects the item on its own.
            chosen = popup.currentIndex()
            popup.hide()
            if chosen.isValid():
                self.who.setEditText(str(chosen.data(Qt.ItemDataRole.DisplayRole)))
            self._add()
            return True
        if enter and watched is self.who.lineEdit() and self.who.currentText().strip():
            self._add()
            return True
        return super().eventFilter(watched, event)

    def set_contacts(self, contacts: list[tuple[int, str, str]]) -> None:
        """(id, name, detail) for each card; the name is what the user sees and types."""
        self.who.clear()
        for contact_id, name, detail in contacts:
            self.who.addItem(f"{name} ({detail})" if detail else name, (contact_id, name))
        completer = QCompleter([self.who.itemText(i) for i in range(self.who.count())], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.who.setCompleter(completer)
        completer.popup().installEventFilter(self)
        self.who.setCurrentIndex(-1)
        self.who.setEditText("")

    def current(self) -> Person | None:
        text = self.who.currentText().strip()
        if not text:
            return None
        role = Role(self.role.currentData())
        index = self.who.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            contact_id, name = self.who.itemData(index)
            return Person(int(contact_id), str(name), role)
        return Person(None, text, role)

    def _add(self) -> None:
        person = self.current()
        if person is None:
            return
        self.picked.emit(person)
        self.who.setCurrentIndex(-1)
        self.who.setEditText("")
        self.who.setFocus(Qt.FocusReason.OtherFocusReason)
        announce(
            self.who,
            self.tr("Added {name} as {role}").format(
                name=person.name, role=role_label(person.role)
            ),
        )
