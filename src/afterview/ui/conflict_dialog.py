"""The dialog a save meets when another computer saved the same record first (issue 16 §4).

It names the record, shows field by field what is stored now ("On the other computer") and
what this save would write ("Yours"), and offers two ways on: "Reload theirs" (the editor
shows what is stored, dropping the unsaved edit) or "Keep mine" (save again, over theirs).
Cancel (Escape) does neither: the editor keeps what was typed, unsaved, for later.

Enter chooses "Reload theirs": a keypress never writes over someone else's save; keeping
yours takes a deliberate click or its mnemonic. Every value is user text, so it sits in
table items and plain-text labels, never in rich text.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from afterview.store.conflicts import ConflictError
from afterview.ui.widgets import plain_label

#: Each field's label (afterview.store.conflicts.LABELS), marked for translation here.
FIELD_LABELS: dict[str, str] = {
    "name": QT_TRANSLATE_NOOP("ConflictDialog", "Name"),
    "salutation": QT_TRANSLATE_NOOP("ConflictDialog", "Salutation"),
    "family_name": QT_TRANSLATE_NOOP("ConflictDialog", "Family name"),
    "title": QT_TRANSLATE_NOOP("ConflictDialog", "Job title"),
    "company": QT_TRANSLATE_NOOP("ConflictDialog", "Company"),
    "emails": QT_TRANSLATE_NOOP("ConflictDialog", "Email"),
    "phones": QT_TRANSLATE_NOOP("ConflictDialog", "Phone"),
    "addresses": QT_TRANSLATE_NOOP("ConflictDialog", "Postal address"),
    "chosen_email": QT_TRANSLATE_NOOP("ConflictDialog", "Email to use"),
    "chosen_phone": QT_TRANSLATE_NOOP("ConflictDialog", "Phone to use"),
    "chosen_address": QT_TRANSLATE_NOOP("ConflictDialog", "Address to use"),
    "preferred_channel": QT_TRANSLATE_NOOP("ConflictDialog", "Preferred channel"),
    "notes": QT_TRANSLATE_NOOP("ConflictDialog", "Notes"),
    "relationship": QT_TRANSLATE_NOOP("ConflictDialog", "How you know them"),
    "email": QT_TRANSLATE_NOOP("ConflictDialog", "Email"),
    "phone": QT_TRANSLATE_NOOP("ConflictDialog", "Phone"),
    "permission_date": QT_TRANSLATE_NOOP("ConflictDialog", "Permission given on"),
    "position": QT_TRANSLATE_NOOP("ConflictDialog", "Position"),
    "round": QT_TRANSLATE_NOOP("ConflictDialog", "Round"),
    "start": QT_TRANSLATE_NOOP("ConflictDialog", "Start"),
    "time_zone": QT_TRANSLATE_NOOP("ConflictDialog", "Time zone"),
    "duration_minutes": QT_TRANSLATE_NOOP("ConflictDialog", "Duration (minutes)"),
    "format": QT_TRANSLATE_NOOP("ConflictDialog", "Format"),
    "location": QT_TRANSLATE_NOOP("ConflictDialog", "Location"),
    "country": QT_TRANSLATE_NOOP("ConflictDialog", "Country"),
    "region": QT_TRANSLATE_NOOP("ConflictDialog", "Region"),
    "status": QT_TRANSLATE_NOOP("ConflictDialog", "Status"),
    "decision_expected": QT_TRANSLATE_NOOP("ConflictDialog", "Decision expected"),
    "decided_by": QT_TRANSLATE_NOOP("ConflictDialog", "Decided by"),
    "employer_will_contact": QT_TRANSLATE_NOOP("ConflictDialog", "Employer will contact you"),
    "agreed_follow_up": QT_TRANSLATE_NOOP("ConflictDialog", "Agreed follow-up"),
    "learned": QT_TRANSLATE_NOOP(
        "ConflictDialog", "What you learned about the company and the role"
    ),
    "significant_points": QT_TRANSLATE_NOOP("ConflictDialog", "Significant points raised"),
    "open_questions": QT_TRANSLATE_NOOP("ConflictDialog", "Questions still open"),
    "strong_points": QT_TRANSLATE_NOOP("ConflictDialog", "Your strong points"),
    "to_improve": QT_TRANSLATE_NOOP("ConflictDialog", "Points to improve"),
    "thank_you_topic": QT_TRANSLATE_NOOP("ConflictDialog", "Topic for the thank-you note"),
}

_RECORDS: dict[str, str] = {
    "contact": QT_TRANSLATE_NOOP(
        "ConflictDialog",
        "The contact “{name}” was changed on another computer since you opened it.",
    ),
    "reference": QT_TRANSLATE_NOOP(
        "ConflictDialog",
        "The reference “{name}” was changed on another computer since you opened it.",
    ),
    "interview": QT_TRANSLATE_NOOP(
        "ConflictDialog",
        "The interview “{name}” was changed on another computer since you opened it.",
    ),
    "debrief": QT_TRANSLATE_NOOP(
        "ConflictDialog",
        "The debrief of “{name}” was changed on another computer since you opened it.",
    ),
}


class Choice(Enum):
    RELOAD = "reload"
    KEEP = "keep"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConflictDialog", text)


def field_label(field: str, fallback: str) -> str:
    """A field's label in the user's language."""
    return _tr(FIELD_LABELS[field]) if field in FIELD_LABELS else fallback


class ConflictDialog(QDialog):
    """Modal; :attr:`choice` is set when a button is chosen (None after Cancel)."""

    def __init__(self, error: ConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Changed on another computer"))
        self.setAccessibleName(self.tr("Changed on another computer"))
        self.choice: Choice | None = None
        layout = QVBoxLayout(self)
        words = _RECORDS.get(error.kind, _RECORDS["contact"])
        self.message = plain_label(_tr(words).format(name=error.name), self, "conflictMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.advice = plain_label(
            self.tr(
                "Your change is not saved yet. Reload theirs to see what is stored now, or "
                "keep yours to save it over theirs. These fields differ:"
            ),
            self,
            "conflictAdvice",
        )
        self.advice.setWordWrap(True)
        layout.addWidget(self.advice)
        layout.addWidget(self._table(error))
        self.buttons = QDialogButtonBox(self)
        self.reload = QPushButton(self.tr("&Reload theirs"), self)
        self.reload.setObjectName("reloadTheirs")
        self.reload.setAccessibleName(self.tr("Reload theirs"))
        self.reload.setAccessibleDescription(
            self.tr("Show what is stored now; your unsaved change is dropped")
        )
        self.keep = QPushButton(self.tr("&Keep mine"), self)
        self.keep.setObjectName("keepMine")
        self.keep.setAccessibleName(self.tr("Keep mine"))
        self.keep.setAccessibleDescription(self.tr("Save your change over theirs"))
        self.buttons.addButton(self.reload, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.keep, QDialogButtonBox.ButtonRole.ActionRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleDescription(self.tr("Keep your change here, unsaved"))
        self.reload.setDefault(True)
        self.reload.setAutoDefault(True)
        self.keep.setAutoDefault(False)
        self.reload.clicked.connect(lambda: self._choose(Choice.RELOAD))
        self.keep.clicked.connect(lambda: self._choose(Choice.KEEP))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(640, 360)
        self.reload.setFocus(Qt.FocusReason.OtherFocusReason)

    def _table(self, error: ConflictError) -> QTableWidget:
        table = QTableWidget(len(error.differences), 3, self)
        self.table = table
        table.setObjectName("conflictTable")
        table.setAccessibleName(self.tr("Fields that differ"))
        table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("On the other computer"), self.tr("Yours")]
        )
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        table.setTabKeyNavigation(False)  # Tab leaves for the buttons
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, difference in enumerate(error.differences):
            cells = (
                field_label(difference.field, difference.label),
                difference.theirs,
                difference.yours,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)  # an item's text is never markup
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if column and not text:
                    item.setText(self.tr("(empty)"))
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, self.tr("empty"))
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        return table

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()


def ask(error: ConflictError, parent: QWidget | None) -> Choice | None:
    """Show the dialog for ``error``; the user's choice, or None (Cancel, Escape)."""
    dialog = ConflictDialog(error, parent)
    try:
        dialog.exec()
        return dialog.choice
    finally:
        dialog.deleteLater()
