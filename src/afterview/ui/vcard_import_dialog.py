"""Importing a .vcf file: the preview with duplicates marked (merge or skip each), the bad cards
listed with their number, line and reason, then one transaction for the chosen cards."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from afterview import ipc
from afterview.interop.vcard import (
    Choice,
    ImportSummary,
    VCardParse,
    find_duplicates,
    import_contacts,
    load_vcards,
)
from afterview.store.database import Database
from afterview.store.errors import StoreError
from afterview.ui.vcard_preview_model import ACTION, DUPLICATE, NAME, VCardPreviewModel


def _plain_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names come from the file: never rich text
    label.setWordWrap(True)
    return label


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


class VCardImportDialog(QDialog):
    """``VCardImportDialog(db, path, parent).exec()``; after Accepted, ``summary`` says what
    was written. ``imported`` is emitted with the ImportSummary."""

    imported = Signal(object)

    def __init__(self, db: Database, path: Path | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.path = Path(path)
        self.summary: ImportSummary | None = None
        self.parsed = VCardParse()
        self.setWindowTitle(f"Import contact cards — {self.path.name}")
        self.resize(900, 560)

        layout = QVBoxLayout(self)
        self.heading = _plain_label("", self)
        self.heading.setObjectName("heading")
        layout.addWidget(self.heading)

        self.table = QTableView(self)
        self.table.setObjectName("cards")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        layout.addWidget(self.table, 3)

        duplicates_row = QHBoxLayout()
        self.duplicates_note = _plain_label("", self)
        duplicates_row.addWidget(self.duplicates_note, 1)
        self.merge_all = QPushButton("Merge all duplicates", self)
        self.skip_all = QPushButton("Skip all duplicates", self)
        duplicates_row.addWidget(self.merge_all)
        duplicates_row.addWidget(self.skip_all)
        layout.addLayout(duplicates_row)

        self.problems_box = QGroupBox("Cards that cannot be imported", self)
        problems_layout = QVBoxLayout(self.problems_box)
        self.problems = QListWidget(self.problems_box)
        self.problems.setObjectName("problems")
        problems_layout.addWidget(self.problems)
        self.skip_bad = QCheckBox("Import the good cards and leave these out", self.problems_box)
        problems_layout.addWidget(self.skip_bad)
        layout.addWidget(self.problems_box, 1)

        self.error = _plain_label("", self)
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("import")
        layout.addWidget(self.buttons)

        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.do_import)
        self.skip_bad.toggled.connect(self._update)
        self.merge_all.clicked.connect(lambda: self._set_duplicates(Choice.MERGE))
        self.skip_all.clicked.connect(lambda: self._set_duplicates(Choice.SKIP))

        self.model = VCardPreviewModel([], {}, self)
        self._load()

    # --- loading ---

    def _load(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.parsed = load_vcards(self.path)  # the whole file, before anything is written
            with self.db.read() as session:
                duplicates = find_duplicates(session, self.parsed)
        except StoreError as error:
            self.parsed = VCardParse()
            duplicates = {}
            self._show_error(str(error))
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.model = VCardPreviewModel(self.parsed.cards, duplicates, self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DUPLICATE, QHeaderView.ResizeMode.ResizeToContents)
        self.model.dataChanged.connect(self._update)
        for problem in self.parsed.errors:
            self.problems.addItem(str(problem)[:1].upper() + str(problem)[1:])
        if self.parsed.more_errors:
            self.problems.addItem(f"…and {self.parsed.more_errors} more")
        self.problems_box.setVisible(self.parsed.bad_count > 0)
        has_duplicates = bool(duplicates)
        for widget in (self.duplicates_note, self.merge_all, self.skip_all):
            widget.setVisible(has_duplicates)
        self.duplicates_note.setText(
            f"{_plural(len(duplicates), 'card')} {'matches' if len(duplicates) == 1 else 'match'} "
            "a contact you have or an earlier card "
            "(same email). Checked: merge the card into it; unchecked: skip the card."
        )
        self._update()

    def _set_duplicates(self, choice: Choice) -> None:
        self.model.set_duplicates(choice)

    def _update(self) -> None:
        cards = self.parsed.cards
        counts = self.model.counts()
        parts = [f"{_plural(len(cards), 'good card')} in {self.path.name}"]
        if cards:
            parts.append(
                f"{counts[Choice.IMPORT]} to add, {counts[Choice.MERGE]} to merge, "
                f"{counts[Choice.SKIP]} to skip"
            )
        if self.parsed.bad_count:
            parts.append(f"{_plural(self.parsed.bad_count, 'problem')} (listed below)")
        self.heading.setText("; ".join(parts) + ".")
        chosen = counts[Choice.IMPORT] + counts[Choice.MERGE]
        blocked = self.parsed.bad_count > 0 and not self.skip_bad.isChecked()
        self.import_button.setEnabled(chosen > 0 and not blocked)
        if blocked and cards:
            self.import_button.setToolTip("Tick “Import the good cards…” to import without them")
        else:
            self.import_button.setToolTip("")

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    # --- importing ---

    def do_import(self) -> None:
        try:
            with self.db.write() as session:
                summary = import_contacts(
                    session,
                    self.parsed,
                    self.model.choices(),
                    skip_bad=self.skip_bad.isChecked(),
                    now=datetime.now(UTC),
                )
            self.db.backup_if_due()
        except StoreError as error:
            self._show_error(f"Nothing was imported: {error}")
            return
        ipc.notify_changed(self.db.paths)
        self.summary = summary
        self.imported.emit(summary)
        self.accept()

    def choices(self) -> dict[int, Choice]:
        return self.model.choices()

    def row_of(self, card_number: int) -> int:
        for row, card in enumerate(self.parsed.cards):
            if card.number == card_number:
                return row
        raise KeyError(card_number)

    def set_choice(self, card_number: int, checked: bool) -> None:
        index = self.model.index(self.row_of(card_number), ACTION)
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.model.setData(index, state, Qt.ItemDataRole.CheckStateRole)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<VCardImportDialog {self.path} {self.parsed.summary()}>"


__all__ = ["VCardImportDialog"]
