"""File ▸ Job-search log…: choose a date range, then preview and print the log, or save it as a
PDF or a CSV (issue 17 §5). The activities come from the store's one query
(store.reports.activities); the pages from afterview.letters.job_log_pdf, the same drawing
for the preview and the PDF.

dialog = JobLogDialog(store, parent)
dialog.open()
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.job_log import Activity
from afterview.letters import page
from afterview.letters.job_log_pdf import JobLog, paint, write_log_pdf
from afterview.letters.render import page_layout, system_territory
from afterview.ui.assistive import describe
from afterview.ui.widgets import DateField, date_field, message_box

if TYPE_CHECKING:
    from afterview.store.operations import Store
    from afterview.ui.main_window import MainWindow


#: Days the dialog opens on, today the last of them: a week. A benefits office in the
#: United States asks for a week's work-search contacts with each weekly claim; others ask
#: for a month, a change of From away. The current month so far, its first choice, was a
#: single day on the 1st, and empty ("No activity in this range.") for most (tester 17 §12).
DEFAULT_DAYS = 7


class LogDate(DateField):
    """A date of the range, shown as the log prints it (ISO 8601) and typed as every date
    field in the app is (afterview.ui.date_typing: the whole date, replacing the shown one,
    read on Enter or on leaving), in ISO 8601's basic form too: "20261101" (tester 17 §12,
    typed after Home, had changed nothing)."""

    def _date_patterns(self) -> list[str]:
        return [*super()._date_patterns(), "yyyyMMdd"]


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class LogPreview(QPrintPreviewDialog):
    """The log's print preview, with its own Print button. It keeps its printer:
    QPrintPreviewDialog does not own the one it is given."""

    def __init__(self, log: JobLog, size: str, parent: QWidget | None) -> None:
        self._kept_printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._kept_printer.setPageLayout(page_layout(size))
        super().__init__(self._kept_printer, parent)
        self.log = log
        self.setObjectName("jobLogPreview")
        self.setWindowTitle(self.tr("Job-search log: print preview"))
        self.paintRequested.connect(lambda printer: paint(self.log, printer))


class JobLogDialog(QDialog):
    """The range (dates in the user's home time zone, both included) and the form: PDF or
    CSV. Says how many activities the range holds as the dates change."""

    def __init__(self, store: Store, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.store = store
        self.setObjectName("jobLogDialog")
        self.setWindowTitle(self.tr("Job-search log"))
        today = today or date.today()
        self.activities: list[Activity] = []
        self.preview: LogPreview | None = None

        intro = QLabel(
            self.tr(
                "Every application sent, interview, follow-up and thank-you note in a date "
                "range, for a benefits office or your own records. Dates are in your home "
                "time zone."
            )
        )
        intro.setWordWrap(True)
        first = today - timedelta(days=DEFAULT_DAYS - 1)
        self.first = self._date_edit("jobLogFrom", self.tr("From"), first)
        self.last = self._date_edit("jobLogTo", self.tr("To"), today)
        self.pdf = QRadioButton(self.tr("&PDF: pages to print or send"))
        self.csv = QRadioButton(self.tr("&CSV: a spreadsheet"))
        self.pdf.setObjectName("jobLogPdf")
        self.csv.setObjectName("jobLogCsv")
        self.pdf.setChecked(True)
        self.kinds = QButtonGroup(self)
        for button in (self.pdf, self.csv):
            self.kinds.addButton(button)
        kinds = QHBoxLayout()
        kinds.addWidget(self.pdf)
        kinds.addWidget(self.csv)
        kinds.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&From:"), self.first)
        form.addRow(self.tr("&To:"), self.last)
        form.addRow(self.tr("Form:"), kinds)
        self.summary = QLabel()
        self.summary.setObjectName("jobLogSummary")
        self.summary.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.preview_button = QPushButton(self.tr("Pre&view…"))
        self.preview_button.setObjectName("jobLogPreviewButton")
        self.save_button = QPushButton(self.tr("&Save…"))
        self.save_button.setObjectName("jobLogSaveButton")
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.show_preview)
        self.save_button.clicked.connect(lambda: self.save())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.first.dateChanged.connect(self.reload)
        self.last.dateChanged.connect(self.reload)
        self.pdf.toggled.connect(self._form_changed)
        self.reload()

    def _date_edit(self, name: str, label: str, value: date) -> LogDate:
        edit = LogDate(self)
        edit.setObjectName(name)
        date_field(edit, label, with_time=False)
        # ISO 8601, as the pages and the file name write the range.
        edit.setDisplayFormat("yyyy-MM-dd")
        describe(edit, edit.format_help())
        edit.setDate(_qdate(value))
        return edit

    # --- what the range holds ---------------------------------------------------------

    @property
    def range(self) -> tuple[date, date]:
        return _day(self.first.date()), _day(self.last.date())

    def reload(self) -> None:
        """Read the range's activities again and say how many."""
        first, last = self.range
        if last < first:
            self.activities = []
            self.summary.setText(self.tr("The range ends before it starts."))
            self._form_changed()
            return
        self.activities = self.store.reports.activities(first, last)
        self.summary.setText(
            self.tr("%n item(s) in the log for this range.", "", len(self.activities))
            if self.activities
            else self.tr("No activity in this range.")
        )
        self._form_changed()

    def _form_changed(self) -> None:
        first, last = self.range
        valid = first <= last
        self.preview_button.setEnabled(valid and self.pdf.isChecked())
        self.save_button.setEnabled(valid)

    def log(self) -> JobLog:
        first, last = self.range
        return JobLog(self.store.settings.profile().name, first, last, self.activities)

    def paper(self) -> str:
        """The letters' paper: their setting, else by the locale's country."""
        territory = system_territory() or self.store.settings.playbook().home_country
        return page.page_size(self.store.letters.page_size(), territory)

    # --- out ---------------------------------------------------------------------------

    def show_preview(self) -> LogPreview:
        self.preview = LogPreview(self.log(), self.paper(), self)
        self.preview.open()
        return self.preview

    def default_name(self) -> str:
        first, last = self.range
        suffix = "pdf" if self.pdf.isChecked() else "csv"
        return (
            self.tr("Job-search log %1 to %2").replace("%1", str(first)).replace("%2", str(last))
            + f".{suffix}"
        )

    def save(self, target: Path | None = None) -> Path | None:
        """Ask where (unless ``target`` is given) and write the PDF or the CSV; says what was
        written, or why not."""
        if target is None:
            pattern = self.tr("PDF (*.pdf)") if self.pdf.isChecked() else self.tr("CSV (*.csv)")
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the job-search log"),
                str(Path.home() / self.default_name()),
                pattern,
            )
            if not chosen:
                return None
            target = Path(chosen)
        from afterview.store.errors import StoreError

        try:
            if self.pdf.isChecked():
                write_log_pdf(self.log(), target, self.paper())
            else:
                from afterview.interop.job_log_csv import write_log_csv

                write_log_csv(self.activities, target)
        except (StoreError, OSError) as error:
            message_box(
                self,
                QMessageBox.Icon.Warning,
                self.tr("Job-search log"),
                self.tr("Not saved: %1").replace("%1", str(error)),
            )
            return None
        self.summary.setText(self.tr("Saved %1.").replace("%1", str(target)))
        return target


def open_job_log(window: MainWindow) -> JobLogDialog | None:
    """The dialog over the main window (File ▸ Job-search log…); None before the data is
    open."""
    if window.workspace is None:
        return None
    dialog = JobLogDialog(window.workspace.store, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


__all__ = ["JobLogDialog", "LogPreview", "open_job_log"]
