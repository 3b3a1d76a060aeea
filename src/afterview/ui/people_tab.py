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
from sqlalchemy.orm import Session

from afterview.domain.records import Role
from afterview.store import interviews
from afterview.ui.data import DataAccess
from afterview.ui.icons import icon
from afterview.ui.person_picker import ROLE_LABELS, Person, PersonPicker

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1


def contact_choices(session: Session) -> list[tuple[int, str, str]]:
    return [
        (c.id, c.name, ", ".join(p for p in (c.title, c.company) if p))
        for c in interviews.all_contacts(session)
    ]


class PeopleTab(QWidget):
    edit_contact = Signal(int)

    def __init__(self, data: DataAccess | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.interview_id: int | None = None
        self._people: list[tuple[int, Role]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("peopleList")
        self.tree.setAccessibleName("People on this interview")
        self.tree.setHeaderLabels(["Name", "Role", "Title", "Reach them by"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.tree, 1)
        self.picker = PersonPicker(self)
        layout.addWidget(self.picker)
        row = QHBoxLayout()
        self.edit_button = QPushButton(icon("edit"), "Edit card…", self)
        self.edit_button.setAccessibleName("Edit contact card")
        self.remove_button = QPushButton(icon("delete"), "Remove from interview", self)
        self.remove_button.setAccessibleName("Remove person from interview")
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

        def load(session: Session) -> list[tuple[int, str, str, str, str]]:
            rows = []
            for contact, role in interviews.people_of(session, interview_id):
                reach = contact.email or contact.phone or contact.address.replace("\n", ", ")
                rows.append((contact.id, contact.name, role, contact.title, reach))
            return rows

        for contact_id, name, role, title, reach in self.data.read(load):
            self._people.append((contact_id, Role(role)))
            item = QTreeWidgetItem([name, ROLE_LABELS[Role(role)], title, reach])
            item.setData(0, PERSON_ROLE, (contact_id, role))
            self.tree.addTopLevelItem(item)
        self.picker.set_contacts(self.data.read(contact_choices))

    def add(self, person: Person) -> None:
        if self.interview_id is None or self.data is None:
            return
        interview_id, people = self.interview_id, list(self._people)

        def work(session: Session, now: object) -> object:
            contact_id = person.contact_id
            if contact_id is None:
                contact_id = interviews.create_contact(session, person.name).id
            return interviews.set_people(
                session,
                interview_id,
                [*people, (contact_id, person.role)],
                now,  # type: ignore[arg-type]
            )

        self.data.write(work, interviews=[interview_id])

    def remove(self) -> None:
        item = self.tree.currentItem()
        if item is None or self.interview_id is None or self.data is None:
            return
        contact_id, role = item.data(0, PERSON_ROLE)
        interview_id = self.interview_id
        people = [p for p in self._people if p != (contact_id, Role(role))]
        self.data.write(
            lambda s, now: interviews.set_people(s, interview_id, people, now),
            interviews=[interview_id],
        )

    def _edit(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.edit_contact.emit(int(item.data(0, PERSON_ROLE)[0]))
