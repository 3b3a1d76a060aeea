"""The Referrals tab: names picked up at the interview, to contact soon (seed 003)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from afterview.ui.data import DataAccess
from afterview.ui.icons import icon
from afterview.ui.write_guard import writes

LEAD_ROLE = Qt.ItemDataRole.UserRole + 1


class ReferralsTab(QWidget):
    def __init__(self, data: DataAccess | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        writes(self)  # every input in it changes the data
        self.data = data
        self.interview_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("referralsList")
        self.tree.setAccessibleName("Referral leads")
        self.tree.setHeaderLabels(["Name", "Email", "Phone", "Note"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        self.tree.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.tree, 1)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.email = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.note = QLineEdit(self)
        for label, edit in (
            ("Name", self.name),
            ("Email", self.email),
            ("Phone", self.phone),
            ("Note", self.note),
        ):
            edit.setAccessibleName(f"Referral {label.lower()}")
            form.addRow(label, edit)
        self.note.setPlaceholderText("Who they are, who mentioned them")
        layout.addLayout(form)
        row = QHBoxLayout()
        self.add_button = QPushButton(icon("add"), "Add referral", self)
        self.add_button.setAccessibleName("Add referral")
        self.add_button.setEnabled(False)
        self.remove_button = QPushButton(icon("delete"), "Remove", self)
        self.remove_button.setAccessibleName("Remove referral")
        row.addStretch(1)
        row.addWidget(self.remove_button)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.name.textChanged.connect(lambda t: self.add_button.setEnabled(bool(t.strip())))
        self.name.returnPressed.connect(self.add)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)

    def show_interview(self, interview_id: int | None) -> None:
        self.interview_id = interview_id
        self.tree.clear()
        if interview_id is None or self.data is None:
            return
        for lead in self.data.store.interviews.get(interview_id).referrals:
            item = QTreeWidgetItem([lead.name, lead.email, lead.phone, lead.note])
            item.setData(0, LEAD_ROLE, lead.id)
            self.tree.addTopLevelItem(item)

    def add(self) -> None:
        if self.interview_id is None or self.data is None or not self.name.text().strip():
            return
        interview_id = self.interview_id
        values = {
            "name": self.name.text(),
            "email": self.email.text(),
            "phone": self.phone.text(),
            "note": self.note.text(),
        }
        store = self.data.store
        result = self.data.write(lambda: store.interviews.add_referral(interview_id, values))
        if result is not None:
            for edit in (self.name, self.email, self.phone, self.note):
                edit.clear()

    def remove(self) -> None:
        item = self.tree.currentItem()
        if item is None or self.data is None:
            return
        lead_id, store = int(item.data(0, LEAD_ROLE)), self.data.store
        self.data.write(lambda: store.interviews.remove_referral(lead_id))
