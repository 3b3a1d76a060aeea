"""The dialog a save meets when another computer saved the same record first (issue 16 §4).

It names the record, shows field by field what is stored now ("On the other computer") and
what this save would write ("Yours"), and offers the whole record either way: "Reload
theirs" (the editor shows what is stored, dropping the unsaved edit) or "Keep mine" (save
again, over theirs). Each row also has a tick, "mine" by default: untick it ("theirs") to
take theirs for that field, and "Save as chosen" saves the mix (tester's F4). Cancel
(Escape) does none of these: the editor keeps what was typed, unsaved, for later. Each
tick is a check box with its side in words, so it reads in a dark theme too, where an
item view's unticked box hardly shows, and Tab reaches each.

Enter chooses "Reload theirs": a keypress never writes over someone else's save; keeping
yours takes a deliberate click or its mnemonic. Space in the table ticks or unticks the
current row too. Every value is user text, so it sits in table items and plain-text labels,
never in rich text; a stored code (a status, a format, yes or no) is shown in the words
the editors use for it.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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
from afterview.ui.palette import is_dark
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
    "source": QT_TRANSLATE_NOOP("ConflictDialog", "Where you found it"),
    "applied_on": QT_TRANSLATE_NOOP("ConflictDialog", "Applied on"),
    "link": QT_TRANSLATE_NOOP("ConflictDialog", "Link to the posting"),
    "posting": QT_TRANSLATE_NOOP("ConflictDialog", "The posting's text"),
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
    "application": QT_TRANSLATE_NOOP(
        "ConflictDialog",
        "The application “{name}” was changed on another computer since you opened it.",
    ),
}


class Choice(Enum):
    RELOAD = "reload"
    KEEP = "keep"
    #: Some fields mine, the others theirs: :meth:`ConflictDialog.theirs` names the latter.
    MERGE = "merge"


#: The table's columns.
FIELD, THEIRS, YOURS, KEEP_MINE = range(4)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConflictDialog", text)


def field_label(field: str, fallback: str) -> str:
    """A field's label in the user's language."""
    return _tr(FIELD_LABELS[field]) if field in FIELD_LABELS else fallback


def value_words(field: str, text: str) -> str | None:
    """A stored code (afterview.store.conflicts.text_of) in the words the editor shows for
    it, in the user's language; None when the value is shown as it is."""
    if field == "status" and text:
        from afterview.ui.interviews_model import status_label

        return status_label(text)
    if field == "format" and text:
        from afterview.ui.process_fields import FORMATS

        return QCoreApplication.translate("ProcessTab", FORMATS[text]) if text in FORMATS else None
    if field == "employer_will_contact":
        from afterview.ui.process_fields import CONTACT_CHOICES

        choice = {"": None, "yes": True, "no": False}.get(text, text)
        words = [label for label, value in CONTACT_CHOICES if value is choice]
        return QCoreApplication.translate("ProcessTab", words[0]) if words else None
    if field == "preferred_channel":
        from afterview.ui.contact_editor import channel_captions

        return channel_captions().get(text)
    return None


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
                "keep yours to save it over theirs. These fields differ; untick a field to "
                "take theirs for it, then save as chosen:"
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
        self.merge = QPushButton(self.tr("Save as &chosen"), self)
        self.merge.setObjectName("saveAsChosen")
        self.merge.setAccessibleName(self.tr("Save as chosen"))
        self.merge.setAccessibleDescription(
            self.tr("Save yours for the ticked fields and theirs for the others")
        )
        self.merge.setAutoDefault(False)
        self.buttons.addButton(self.reload, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.keep, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.merge, QDialogButtonBox.ButtonRole.ActionRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleDescription(self.tr("Keep your change here, unsaved"))
        self.reload.setDefault(True)
        self.reload.setAutoDefault(True)
        self.keep.setAutoDefault(False)
        self.reload.clicked.connect(lambda: self._choose(Choice.RELOAD))
        self.keep.clicked.connect(lambda: self._choose(Choice.KEEP))
        self.merge.clicked.connect(lambda: self._choose(Choice.MERGE))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._ticks_changed()
        self.table.installEventFilter(self)
        self.resize(720, 360)
        self.reload.setFocus(Qt.FocusReason.OtherFocusReason)

    def _table(self, error: ConflictError) -> QTableWidget:
        table = QTableWidget(len(error.differences), 4, self)
        self.table = table
        self._fields = [difference.field for difference in error.differences]
        table.setObjectName("conflictTable")
        table.setAccessibleName(self.tr("Fields that differ"))
        table.setAccessibleDescription(self.tr("Space ticks or unticks Keep mine for a field"))
        table.setHorizontalHeaderLabels(
            [
                self.tr("Field"),
                self.tr("On the other computer"),
                self.tr("Yours"),
                self.tr("Keep"),
            ]
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
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        for row, difference in enumerate(error.differences):
            label = field_label(difference.field, difference.label)
            cells = (label, difference.theirs, difference.yours)
            for column, text in enumerate(cells):
                words = value_words(difference.field, text) if column else None
                item = QTableWidgetItem(words or text)  # an item's text is never markup
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if column and not (words or text):
                    item.setText(self.tr("(empty)"))
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, self.tr("empty"))
                table.setItem(row, column, item)
            tick = QCheckBox(table)
            tick.setChecked(True)
            tick.setAccessibleName(self.tr("Keep mine for {field}").format(field=label))
            tick.setToolTip(self.tr("Ticked: save yours for this field; unticked: take theirs"))
            tick.toggled.connect(self._ticks_changed)
            if is_dark(tick.palette()):
                # Its box is filled with Base, the table's own colour: lighter, so it shows.
                shade = tick.palette()
                shade.setColor(QPalette.ColorRole.Base, shade.color(QPalette.ColorRole.Button))
                tick.setPalette(shade)
            table.setItem(row, KEEP_MINE, QTableWidgetItem())  # selectable like the others
            table.setCellWidget(row, KEEP_MINE, tick)
        table.resizeRowsToContents()
        if table.rowCount():
            table.setCurrentCell(0, KEEP_MINE)
        return table

    def theirs(self) -> set[str]:
        """The fields (the store's names) whose "Keep mine" is unticked: take theirs."""
        return {field for row, field in enumerate(self._fields) if not self._tick(row).isChecked()}

    def _tick(self, row: int) -> QCheckBox:
        box = self.table.cellWidget(row, KEEP_MINE)
        assert isinstance(box, QCheckBox)
        return box

    def set_mine(self, field: str, mine: bool) -> None:
        """Tick (``mine``) or untick the row of ``field``."""
        self._tick(self._fields.index(field)).setChecked(mine)

    def _ticks_changed(self, *_: object) -> None:
        """ "Save as chosen" is offered when the ticks mix yours and theirs (all ticked is
        "Keep mine"; none ticked keeps theirs, as "Reload theirs" does)."""
        for row in range(len(self._fields)):
            tick = self._tick(row)
            tick.setText(self.tr("mine") if tick.isChecked() else self.tr("theirs"))
        theirs = len(self.theirs())
        self.merge.setEnabled(0 < theirs < len(self._fields))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Space
            and self.table.currentRow() >= 0
        ):
            # Space ticks the current row whichever cell of it is current.
            tick = self._tick(self.table.currentRow())
            tick.setChecked(not tick.isChecked())
            return True
        return super().eventFilter(watched, event)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()


def ask(error: ConflictError, parent: QWidget | None) -> Choice | None:
    """Show the dialog for ``error``; the user's choice, or None (Cancel, Escape)."""
    return ask_fields(error, parent)[0]


def ask_fields(error: ConflictError, parent: QWidget | None) -> tuple[Choice | None, set[str]]:
    """As :func:`ask`, with the fields to take theirs for when the choice is MERGE (the
    store's names; empty for the other choices)."""
    dialog = ConflictDialog(error, parent)
    try:
        dialog.exec()
        theirs = dialog.theirs() if dialog.choice is Choice.MERGE else set()
        return dialog.choice, theirs
    finally:
        dialog.deleteLater()
