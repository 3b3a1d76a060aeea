"""Importing a .vcf file: the file read and parsed off the GUI thread (a bar shows how far,
Cancel stops it), then the preview with duplicates marked (merge or skip each), the bad cards
listed with their number, line and reason, then one transaction for the chosen cards.

    dialog = VCardImportDialog(data, path, parent)
    dialog.exec()        # after Accepted, dialog.summary says what was written

Nothing is written before Import: reading the file touches no record, so Cancel (or closing
the dialog) at any point leaves the database as it was.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QThread, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
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
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from afterview.interop.vcard import (
    Choice,
    Duplicate,
    ImportSummary,
    VCardParse,
    find_duplicates,
    import_contacts,
    load_vcards,
)
from afterview.store.errors import StoreError
from afterview.ui.assistive import announce
from afterview.ui.translation import fill
from afterview.ui.validators import error_label
from afterview.ui.vcard_preview_model import ACTION, DUPLICATE, NAME, VCardPreviewModel

if TYPE_CHECKING:
    from afterview.ui.data import DataAccess


def _plain_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names come from the file: never rich text
    label.setWordWrap(True)
    return label


class _Cancelled(Exception):
    pass


class CardReader(QThread):
    """Reads and parses one .vcf file on its own thread; touches no record and no widget.

    Its signals reach the dialog queued, on the GUI thread. :meth:`cancel` makes the parse
    stop at its next progress report (a few milliseconds); then :meth:`wait` joins it. It
    belongs to the application, not to the dialog, and deletes itself once it has finished:
    a dialog destroyed while it reads (its window closed under it) only cancels it, and Qt
    never destroys a thread that is still running.
    """

    #: Bytes read so far, of all (of the file as the parser sees it).
    progressed = Signal(int, int)
    #: The VCardParse: every card of the file, good and bad.
    parsed = Signal(object)
    #: Why the file could not be read, in words.
    failed = Signal(str)

    def __init__(self, path: Path) -> None:
        super().__init__(QCoreApplication.instance())
        self.path = path
        self._stop = threading.Event()
        #: "reading", then "parsed", "failed" or "cancelled".
        self.outcome = "reading"

    def cancel(self) -> None:
        self._stop.set()

    def run(self) -> None:
        try:
            result = load_vcards(self.path, self._progress)
        except _Cancelled:
            self.outcome = "cancelled"
            return
        except StoreError as error:
            self.outcome = "failed"
            self.failed.emit(str(error))
            return
        except Exception as error:  # a file must never take the window down: say so instead
            self.outcome = "failed"
            text = QCoreApplication.translate("CardReader", "{0} could not be read ({1}).")
            self.failed.emit(text.format(self.path.name, type(error).__name__))
            return
        self.outcome = "parsed"
        self.parsed.emit(result)

    def _progress(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise _Cancelled
        self.progressed.emit(done, total)


class VCardImportDialog(QDialog):
    """``VCardImportDialog(data, path, parent).exec()``; after Accepted, ``summary`` says what
    was written. ``imported`` is emitted with the ImportSummary; ``loaded`` once the file has
    been read (or could not be)."""

    imported = Signal(object)
    loaded = Signal()

    def __init__(self, data: DataAccess, path: Path | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.store = data.store
        self.path = Path(path)
        self.summary: ImportSummary | None = None
        self.parsed = VCardParse()
        self.setWindowTitle(self.tr("Import contact cards — {file}").format(file=self.path.name))
        self.resize(900, 560)

        layout = QVBoxLayout(self)
        self.heading = _plain_label("", self)
        self.heading.setObjectName("heading")
        layout.addWidget(self.heading)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("progress")
        self.progress.setAccessibleName(self.tr("Reading the file"))
        layout.addWidget(self.progress)

        self.table = QTableView(self)
        self.table.setObjectName("cards")
        self.table.setAccessibleName(self.tr("Cards in the file"))
        # Arrows move in the table; Tab leaves it for the buttons.
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        layout.addWidget(self.table, 3)

        duplicates_row = QHBoxLayout()
        self.duplicates_note = _plain_label("", self)
        duplicates_row.addWidget(self.duplicates_note, 1)
        self.merge_all = QPushButton(self.tr("Merge all duplicates"), self)
        self.skip_all = QPushButton(self.tr("Skip all duplicates"), self)
        duplicates_row.addWidget(self.merge_all)
        duplicates_row.addWidget(self.skip_all)
        layout.addLayout(duplicates_row)

        self.problems_box = QGroupBox(self.tr("Cards that cannot be imported"), self)
        problems_layout = QVBoxLayout(self.problems_box)
        self.problems = QListWidget(self.problems_box)
        self.problems.setObjectName("problems")
        self.problems.setAccessibleName(self.tr("Cards that cannot be imported"))
        self.problems.setTabKeyNavigation(False)
        problems_layout.addWidget(self.problems)
        self.skip_bad = QCheckBox(
            self.tr("Import the good cards and leave these out"), self.problems_box
        )
        problems_layout.addWidget(self.skip_bad)
        layout.addWidget(self.problems_box, 1)

        self.error = error_label(self)
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("import")
        layout.addWidget(self.buttons)

        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.do_import)
        self.skip_bad.toggled.connect(self._update)
        self.merge_all.clicked.connect(lambda: self._set_duplicates(Choice.MERGE))
        self.skip_all.clicked.connect(lambda: self._set_duplicates(Choice.SKIP))

        self.model = VCardPreviewModel([], {}, self)
        self.table.setModel(self.model)
        self.reader: CardReader | None = None
        self._start_reading()

    # --- reading (off the GUI thread) ---

    def _start_reading(self) -> None:
        for widget in (self.duplicates_note, self.merge_all, self.skip_all, self.problems_box):
            widget.hide()
        self.import_button.setEnabled(False)
        self.heading.setText(self.tr("Reading {0}…").format(self.path.name))
        self.progress.setRange(0, 0)  # busy until the parser says how big the file is
        self.progress.show()
        reader = self.reader = CardReader(self.path)
        # Bound methods of the dialog: Qt queues each call onto the GUI thread.
        reader.progressed.connect(self._progressed)
        reader.parsed.connect(self._parsed)
        reader.failed.connect(self._failed)
        reader.finished.connect(self._reader_ended)
        reader.finished.connect(reader.deleteLater)
        self.destroyed.connect(reader.cancel)
        reader.start()

    def is_reading(self) -> bool:
        """True until the file's cards (or why it cannot be read) are on show."""
        return self.reader is not None

    def _progressed(self, done: int, total: int) -> None:
        if self.reader is None:
            return
        # Per mille: a QProgressBar counts in int, and a file may be larger than it counts.
        self.progress.setRange(0, 1000)
        self.progress.setValue(done * 1000 // max(total, 1))

    def _finish_reading(self) -> bool:
        """Join the reader once it has said its last word; False when it was stopped."""
        reader = self.reader
        if reader is None:
            return False
        reader.wait()
        self.reader = None
        self.progress.hide()
        return True

    def _failed(self, text: str) -> None:
        if not self._finish_reading():
            return
        self.parsed = VCardParse()
        self._show_error(text)
        self._update()
        self.loaded.emit()

    def _parsed(self, parsed: VCardParse) -> None:
        if not self._finish_reading():
            return
        self.parsed = parsed
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            duplicates = find_duplicates(self.store, parsed)
        except StoreError as error:
            self.parsed = VCardParse()
            duplicates = {}
            self._show_error(str(error))
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_cards(duplicates)
        self.loaded.emit()

    def _reader_ended(self) -> None:
        # Its last word (cards or a failure) comes first; a thread that ended without one
        # was stopped by something it could not catch.
        if self.reader is not None and self.reader.outcome == "reading":
            self.reader = None
            self.progress.hide()
            self._show_error(self.tr("{0} could not be read.").format(self.path.name))
            self._update()
            self.loaded.emit()

    def stop_reading(self) -> None:
        """Cancel the parse, if one is running, and wait for its thread to end."""
        reader, self.reader = self.reader, None
        if reader is not None and shiboken6.isValid(reader):
            reader.cancel()
            reader.wait()

    def done(self, result: int) -> None:
        self.stop_reading()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_reading()
        super().closeEvent(event)

    def _show_cards(self, duplicates: dict[int, Duplicate]) -> None:
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
            self.problems.addItem(
                self.tr("…and {count} more").format(
                    count=QLocale().toString(self.parsed.more_errors)
                )
            )
        self.problems_box.setVisible(self.parsed.bad_count > 0)
        has_duplicates = bool(duplicates)
        for widget in (self.duplicates_note, self.merge_all, self.skip_all):
            widget.setVisible(has_duplicates)
        self.duplicates_note.setText(
            self.tr(
                "%n card(s) match a contact you have or an earlier card (same email). "
                "Checked: merge the card into it; unchecked: skip the card.",
                "",
                len(duplicates),
            )
        )
        self._update()
        # The file was read in the background: say what it holds, as the heading now does.
        announce(self, self.heading.text())

    def _set_duplicates(self, choice: Choice) -> None:
        self.model.set_duplicates(choice)

    def _update(self) -> None:
        cards = self.parsed.cards
        counts = self.model.counts()
        parts = [fill(self.tr("%n good card(s) in %1", "", len(cards)), self.path.name)]
        if cards:
            parts.append(
                fill(
                    self.tr("%1 to add, %2 to merge, %3 to skip"),
                    QLocale().toString(counts[Choice.IMPORT]),
                    QLocale().toString(counts[Choice.MERGE]),
                    QLocale().toString(counts[Choice.SKIP]),
                )
            )
        if self.parsed.bad_count:
            parts.append(self.tr("%n problem(s) (listed below)", "", self.parsed.bad_count))
        self.heading.setText("; ".join(parts) + ".")
        chosen = counts[Choice.IMPORT] + counts[Choice.MERGE]
        blocked = self.parsed.bad_count > 0 and not self.skip_bad.isChecked()
        self.import_button.setEnabled(chosen > 0 and not blocked)
        # Why Import is grey, for the mouse (tooltip) and for a screen reader (description).
        why = ""
        if blocked and cards:
            why = self.tr("Tick “Import the good cards…” to import without them")
        self.import_button.setToolTip(why)
        self.import_button.setAccessibleDescription(why)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        announce(self, text, assertive=True)

    # --- importing ---

    def do_import(self) -> None:
        if self.is_reading():
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            summary = import_contacts(
                self.store, self.parsed, self.model.choices(), skip_bad=self.skip_bad.isChecked()
            ).value
        except StoreError as error:
            self._show_error(self.tr("Nothing was imported: {error}").format(error=error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
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
