"""The Referrals tab: names picked up at the interview, to contact soon (seed 003).

Enter in the form adds the lead; choosing one in the list puts it in the form to edit, and
Enter (or Save changes) saves it.
"""

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

from afterview.domain import cards
from afterview.ui.assistive import announce, clear_field_error, show_field_error
from afterview.ui.data import DataAccess
from afterview.ui.icons import icon
from afterview.ui.validators import FieldMessage
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
        self.tree.setAccessibleName(self.tr("Referral leads"))
        self.tree.setHeaderLabels(
            [self.tr("Name"), self.tr("Email"), self.tr("Phone"), self.tr("Note")]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setTabKeyNavigation(False)  # arrows move in the list; Tab moves on
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        self.tree.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.tree, 1)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.email = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.note = QLineEdit(self)
        for label, accessible, edit in (
            (self.tr("Name"), self.tr("Referral name"), self.name),
            (self.tr("Email"), self.tr("Referral email"), self.email),
            (self.tr("Phone"), self.tr("Referral phone"), self.phone),
            (self.tr("Note"), self.tr("Referral note"), self.note),
        ):
            edit.setAccessibleName(accessible)
            edit.returnPressed.connect(self.submit)  # Enter in any field adds (or saves) it
            form.addRow(label, edit)
        self.note.setPlaceholderText(self.tr("Who they are, who mentioned them"))
        # A bad address is said beside the field, as on a contact card (issue 14).
        self.email_message = FieldMessage("referral email", self)
        self.email_message.setAccessibleName("")  # read by its text
        form.insertRow(2, "", self.email_message)
        self.email.textChanged.connect(self._check_email)
        layout.addLayout(form)
        row = QHBoxLayout()
        #: The lead being edited in the form (None: the form adds a new one).
        self.editing: int | None = None
        self.add_button = QPushButton(icon("add"), self.tr("Add referral"), self)
        self.add_button.setAccessibleName(self.tr("Add referral"))
        self.add_button.setEnabled(False)
        self.add_button.setDefault(True)
        self.new_button = QPushButton(icon("add"), self.tr("New referral"), self)
        self.new_button.setAccessibleName(self.tr("New referral"))
        self.new_button.hide()
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove referral"))
        row.addStretch(1)
        row.addWidget(self.remove_button)
        row.addWidget(self.new_button)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.name.textChanged.connect(lambda t: self.add_button.setEnabled(bool(t.strip())))
        self.add_button.clicked.connect(self.submit)
        self.new_button.clicked.connect(self.start_new)
        self.remove_button.clicked.connect(self.remove)
        self.tree.currentItemChanged.connect(lambda item, _previous: self._edit(item))

    def show_interview(self, interview_id: int | None) -> None:
        editing = self.editing if interview_id == self.interview_id else None
        self.interview_id = interview_id
        self.tree.blockSignals(True)  # refilling the list is no choice of the user's
        self.tree.clear()
        self.tree.blockSignals(False)
        if interview_id is None or self.data is None:
            self.start_new()
            return
        for lead in self.data.store.interviews.get(interview_id).referrals:
            item = QTreeWidgetItem([lead.name, lead.email, lead.phone, lead.note])
            item.setData(0, LEAD_ROLE, lead.id)
            self.tree.addTopLevelItem(item)
            if lead.id == editing:
                self.tree.blockSignals(True)
                self.tree.setCurrentItem(item)
                self.tree.blockSignals(False)
        if editing is None:
            self.start_new()

    def _edit(self, item: QTreeWidgetItem | None) -> None:
        """Put the chosen lead in the form to edit."""
        if item is None:
            return
        self.editing = int(item.data(0, LEAD_ROLE))
        for column, edit in enumerate((self.name, self.email, self.phone, self.note)):
            edit.setText(item.text(column))
        self.add_button.setText(self.tr("Save changes"))
        self.add_button.setAccessibleName(self.tr("Save the referral's changes"))
        self.new_button.show()

    def start_new(self) -> None:
        """An empty form that adds a new lead."""
        self.editing = None
        for edit in (self.name, self.email, self.phone, self.note):
            edit.clear()
        self.add_button.setText(self.tr("Add referral"))
        self.add_button.setAccessibleName(self.tr("Add referral"))
        self.new_button.hide()
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(None)  # type: ignore[arg-type]
        self.tree.blockSignals(False)

    def _check_email(self) -> bool:
        """Show why the email cannot be kept (afterview.domain.cards.check_email), tied to
        the field (afterview.ui.assistive); True when it can."""
        problem = cards.check_email(self.email.text()).problem
        if problem:
            text = problem[:1].upper() + problem[1:]
            show_field_error(self.email, self.email_message, text)
        else:
            clear_field_error(self.email, self.email_message)
        self.email_message.show_message(problem, "error")  # the mark and the colour
        return problem is None

    def submit(self) -> None:
        """Add the lead in the form, or save the one being edited."""
        if self.interview_id is None or self.data is None or not self.name.text().strip():
            return
        if not self._check_email():
            self.email.setFocus()
            return
        interview_id, editing = self.interview_id, self.editing
        values = {
            "name": self.name.text(),
            "email": self.email.text(),
            "phone": self.phone.text(),
            "note": self.note.text(),
        }
        store = self.data.store
        if editing is None:
            result = self.data.write(lambda: store.interviews.add_referral(interview_id, values))
        else:
            result = self.data.write(lambda: store.interviews.update_referral(editing, values))
        if result is not None:
            self.start_new()
            # The button pressed turns off with the form emptied: focus goes to the next
            # lead's name, and what happened is said.
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
            done = self.tr("Added: %1.") if editing is None else self.tr("Saved: %1.")
            announce(self.name, done.replace("%1", values["name"].strip()))

    def remove(self) -> None:
        item = self.tree.currentItem()
        if item is None or self.data is None:
            return
        lead_id, store = int(item.data(0, LEAD_ROLE)), self.data.store
        name = item.text(0)
        if self.data.write(lambda: store.interviews.remove_referral(lead_id)) is not None:
            self.start_new()
            left = self.tree.topLevelItemCount() > 0
            (self.tree if left else self.name).setFocus(Qt.FocusReason.OtherFocusReason)
            announce(self, self.tr("Removed: %1.").replace("%1", name))
