"""The People tab: the contact cards on this interview with their roles."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.records import Role
from afterview.store.values import NewPerson
from afterview.ui.assistive import announce
from afterview.ui.data import DataAccess
from afterview.ui.icons import icon
from afterview.ui.person_picker import Person, PersonPicker, contact_choices, role_label
from afterview.ui.write_guard import reads, writes

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1


class PeopleTab(QWidget):
    edit_contact = Signal(int)

    def __init__(self, data: DataAccess | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        writes(self)  # every input in it changes the data
        self.data = data
        self.interview_id: int | None = None
        self._people: list[tuple[int, Role]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("peopleList")
        self.tree.setAccessibleName(self.tr("People on this interview"))
        self.tree.setHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Title"), self.tr("Reach them by")]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        # Arrows move in the list; Tab leaves it for the picker and the buttons.
        self.tree.setTabKeyNavigation(False)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        header = self.tree.header()
        # The name is never squeezed to "…" by a long title or address: the columns keep
        # their contents' width, the last takes what is left, and the list scrolls sideways
        # for a long "Reach them by" rather than cutting the name.
        header.setStretchLastSection(True)
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.tree, 1)
        self.picker = PersonPicker(self)
        layout.addWidget(self.picker)
        row = QHBoxLayout()
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit card…"), self)
        reads(self.edit_button)  # the card opens to be read too
        self.edit_button.setAccessibleName(self.tr("Edit contact card"))
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove from interview"), self)
        self.remove_button.setAccessibleName(self.tr("Remove person from interview"))
        row.addStretch(1)
        row.addWidget(self.edit_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        self.picker.picked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.edit_button.clicked.connect(self._edit)
        self.tree.itemDoubleClicked.connect(lambda *_: self._edit())

    def show_interview(self, interview_id: int | None) -> None:
        self.interview_id = interview_id
        self.tree.clear()
        self._people = []
        if interview_id is None or self.data is None:
            return

        for part in self.data.store.interviews.get(interview_id).people:
            contact = part.contact
            reach = contact.email or contact.phone or contact.address.replace("\n", ", ")
            self._people.append((contact.id, part.role))
            item = QTreeWidgetItem([contact.name, role_label(part.role), contact.title, reach])
            item.setData(0, PERSON_ROLE, (contact.id, part.role.value))
            self.tree.addTopLevelItem(item)
        self.picker.set_contacts(contact_choices(self.data.store.contacts.items()))

    def add(self, person: Person) -> None:
        if self.interview_id is None or self.data is None:
            return
        interview_id, store = self.interview_id, self.data.store
        people = [NewPerson("", role, contact_id) for contact_id, role in self._people]
        people.append(NewPerson(person.name, person.role, person.contact_id))
        self.data.write(lambda: store.interviews.set_people(interview_id, people), retry=True)

    def remove(self) -> None:
        """Take the selected person off the interview; the list (on the person now in that
        row) or, when nobody is left, the name field gets the focus, and the removal is
        announced."""
        item = self.tree.currentItem()
        if item is None or self.interview_id is None or self.data is None:
            return
        row, name = self.tree.indexOfTopLevelItem(item), item.text(0)
        contact_id, role = item.data(0, PERSON_ROLE)
        interview_id = self.interview_id
        store = self.data.store
        people = [
            NewPerson("", kept_role, kept_id)
            for kept_id, kept_role in self._people
            if (kept_id, kept_role) != (contact_id, Role(role))
        ]
        if (
            self.data.write(lambda: store.interviews.set_people(interview_id, people), retry=True)
            is None
        ):
            return
        # The write path has reloaded the list by now (data.changed).
        count = self.tree.topLevelItemCount()
        if count:
            self.tree.setCurrentItem(self.tree.topLevelItem(min(row, count - 1)))
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.picker.who.setFocus(Qt.FocusReason.OtherFocusReason)
        announce(self, self.tr("Removed {name} from this interview").format(name=name))

    def _edit(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.edit_contact.emit(int(item.data(0, PERSON_ROLE)[0]))
