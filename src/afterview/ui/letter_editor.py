"""The letter editor: a drafted letter to one person, checked as you type, and the ways out.

Open it from a thank-you step, a person or the Letters tab::

    editor = LetterEditor(data, step_id=step.id, parent=window)  # or interview_id / contact_id
    editor.sent.connect(...)                                       # (letter id, step id or None)
    editor.show()

It reads what the letter is drafted from with ``store.letters.sources`` and writes through
the store's commands, whose one write path does the rest (backup, calendar file, the other
processes). It hears ``data.changed``: a card or profile fixed elsewhere is checked at once.

The text is plain text throughout: the QTextEdit accepts no rich text, and the
printable page is rendered by the autoescaping templates from that text.

The ways out (print, PDF, mail draft, clipboard) are :class:`~afterview.ui.letter_sending.
LetterOut`, as ``editor.out``; their keys are in :mod:`afterview.ui.letter_keys`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QDate,
    QLocale,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.letter_checks import Speller, Verdict
from afterview.letters import page
from afterview.letters.channel import default_template
from afterview.letters.checking import check, speller_for
from afterview.letters.context import LetterContext, Recipient, people_on
from afterview.letters.render import system_territory
from afterview.letters.templates import (
    Draft,
    TemplateInfo,
    channel_of,
    templates_for,
)
from afterview.letters.words import add_user_word
from afterview.store.changes import Changes, Kind
from afterview.store.errors import RecordError, StoreError
from afterview.store.values import InterviewChoice, LetterSources
from afterview.ui.assistive import announce
from afterview.ui.interview_chooser import InterviewChooser
from afterview.ui.letter_checks_panel import ChecksPanel
from afterview.ui.letter_highlighter import SpellHighlighter
from afterview.ui.letter_keys import give_keys
from afterview.ui.letter_refresh import UpdateBar, merge_untouched
from afterview.ui.letter_send_check import SendCheck
from afterview.ui.letter_sending import LetterOut
from afterview.ui.letter_widgets import CHANNELS, PAPER, LetterTextEdit, MarkSentDialog, tr_editor
from afterview.ui.write_guard import writes

if TYPE_CHECKING:
    from afterview.ui.data import DataAccess

CHECK_DELAY_MS = 250
#: What the checks compare the letter with: a change to these kinds is checked at once.
SOURCE_KINDS = (Kind.CONTACTS, Kind.REFERENCES, Kind.INTERVIEWS, Kind.SETTINGS)


class LetterEditor(QDialog):
    """One letter to one person about one interview.

    Raises RecordError when the step, interview or letter does not exist or the
    interview has nobody to write to; :meth:`open_for` shows that as a message instead.
    """

    #: (letter id, step id or None) after "Mark as sent": the step is done.
    sent = Signal(int, object)
    #: A draft was saved (letter id).
    saved = Signal(int)
    #: The checks panel shows the checks of the current text.
    checks_updated = Signal()

    def __init__(
        self,
        data: DataAccess,
        step_id: int | None = None,
        interview_id: int | None = None,
        contact_id: int | None = None,
        parent: QWidget | None = None,
        *,
        letter_id: int | None = None,
        reference_id: int | None = None,
        today: date | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.store = data.store
        self.clock = clock or self.store.clock
        self.today = today or self.clock().astimezone().date()
        self.config_dir = self.store.paths.config_dir
        self.templates = templates_for(self.config_dir)
        self._dirty = False
        self._loading = False
        #: The template's (subject, body) the text started from, and a newer rendering
        #: offered to the user (letter_refresh).
        self._base: tuple[str, str] = ("", "")
        self._fresh: tuple[str, str] | None = None
        self.setObjectName("letterEditor")
        self.setWindowTitle(self.tr("Letter"))
        self.setSizeGripEnabled(True)
        self.resize(1040, 700)

        recipient: tuple[str, int] | None = None
        if contact_id is not None:
            recipient = ("contact", contact_id)
        elif reference_id is not None:
            recipient = ("reference", reference_id)
        sources = self.store.letters.sources(
            step_id=step_id, letter_id=letter_id, interview_id=interview_id, recipient=recipient
        )
        self.step_id = sources.step_id
        saved = sources.letter
        #: A sent letter is a record of what went: it never follows later changes.
        self._sent = saved is not None and saved.sent_at is not None
        self.letter_id = saved.id if saved is not None else None
        self.territory = system_territory() or sources.home_country
        self.paper = sources.page_size
        self.context = self._context_of(sources)
        if self.context.recipient is None:
            raise RecordError(
                f"interview {self.context.interview.id}", "people", "nobody to write to yet"
            )
        self.speller: Speller = speller_for(self.context, self.config_dir)
        self.catalogue: list[TemplateInfo] = self.templates.catalogue()
        if saved is not None:
            self.template = saved.template
        elif sources.step_kind is not None:
            self.template = default_template(self.context.recipient, step_kind=sources.step_kind)
        else:
            self.template = self._default_template(self.context.recipient)

        self._build()
        self._fill_pickers()
        if saved is not None:
            self._show_text(saved.subject, saved.body)
            # What the template gives now: the lines of the saved text that match it are
            # the ones the user left as drafted.
            self._base = self._rendered() or (saved.subject, saved.body)
        else:
            self._redraft()
        self.run_checks()
        data.changed.connect(self._records_changed)
        # The draft is ready: the keyboard starts in the letter (the window's title has said
        # to whom and about what; the pickers are a Shift+Tab away).
        self.body.setFocus(Qt.FocusReason.OtherFocusReason)

    def _context_of(self, sources: LetterSources) -> LetterContext:
        context = LetterContext.of(sources, today=self.today, territory=self.territory)
        if context.step_id is None and self.step_id is not None:
            context = replace(context, step_id=self.step_id)
        return context

    # --- construction ---------------------------------------------------------------------

    @classmethod
    def open_for(
        cls,
        data: DataAccess,
        step_id: int | None = None,
        interview_id: int | None = None,
        contact_id: int | None = None,
        parent: QWidget | None = None,
        **options: object,
    ) -> LetterEditor | None:
        """Create and show an editor, or tell the user why not (plain text)."""
        try:
            editor = cls(data, step_id, interview_id, contact_id, parent, **options)  # type: ignore[arg-type]
        except StoreError as error:
            box = QMessageBox(
                QMessageBox.Icon.Warning, tr_editor("Letter"), str(error), parent=parent
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            return None
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.show()
        return editor

    def _default_template(self, person: Recipient) -> str:
        rejected = self.context.interview.status.value == "rejected"
        return default_template(person, rejected=rejected)

    def _build(self) -> None:
        self.out = LetterOut(self)
        outer = QVBoxLayout(self)
        pickers = QHBoxLayout()
        self.interview_box = InterviewChooser(self.store, self)
        self.interview_box.setObjectName("letterInterview")
        self.person_box = QComboBox(self)
        self.person_box.setObjectName("letterPerson")
        self.template_box = QComboBox(self)
        self.template_box.setObjectName("letterTemplate")
        for label, box in (
            (self.tr("Interview"), self.interview_box),
            (self.tr("To"), self.person_box),
            (self.tr("Template"), self.template_box),
        ):
            caption = QLabel(label, self)
            caption.setTextFormat(Qt.TextFormat.PlainText)
            caption.setBuddy(box)
            if box.lineEdit() is not None:
                # The interview box's search field is what has the keyboard: named too.
                box.lineEdit().setAccessibleName(label)
            # A long interview or template name must not widen the editor past 800 px: the
            # box elides, and its pop-up still shows the whole name.
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(10)
            pickers.addWidget(caption)
            pickers.addWidget(box, 1)
        outer.addLayout(pickers)

        form = QFormLayout()
        self.address = QLineEdit(self)
        self.address.setObjectName("letterAddress")
        self.subject = QLineEdit(self)
        self.subject.setObjectName("letterSubject")
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Subject"), self.subject)
        outer.addLayout(form)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.body = LetterTextEdit(splitter)
        # No label on screen (the letter is the page itself); a screen reader needs a name.
        self.body.setAccessibleName(self.tr("Letter text"))
        self.highlighter = SpellHighlighter(self.body.document(), self.speller, self.body.palette())
        self.body.highlighter = self.highlighter
        self.body.word_added.connect(self.add_word)
        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Before it goes"), right)
        heading.setObjectName("letterChecksHeading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.checks = ChecksPanel(right)
        # The heading labels the list (AT-SPI's labelled-by relation).
        heading.setBuddy(self.checks)
        right_layout.addWidget(heading)
        right_layout.addWidget(self.checks, 1)
        splitter.addWidget(self.body)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.update_bar = UpdateBar(self)
        self.update_bar.update_requested.connect(self.take_update)
        self.update_bar.keep_requested.connect(self.keep_text)
        outer.addWidget(self.update_bar)
        outer.addWidget(splitter, 1)

        # Two rows, so the editor fits an 800 px window: how the letter goes out, then the
        # paper and what keeps it.
        actions = QHBoxLayout()
        keeping = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        slot: Callable[[], object]
        for key, label, slot in (
            ("preview", self.tr("Print preview…"), self.out.show_print_preview),
            ("print", self.tr("Print…"), self.out.print_dialog),
            ("pdf", self.tr("Save as PDF…"), self.out.save_pdf_dialog),
            ("mail", self.tr("Open as mail draft"), self.out.open_mail_draft),
            ("copy", self.tr("Copy"), self.out.copy_to_clipboard),
        ):
            button = QPushButton(label, self)
            button.setObjectName(f"letter_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            actions.addWidget(button)
        self.paper_box = QComboBox(self)
        self.paper_box.setObjectName("letterPaper")
        for paper, value in PAPER:
            self.paper_box.addItem(tr_editor(paper), value)
        self.paper_box.setCurrentIndex(max(0, self.paper_box.findData(self.paper)))
        self.paper_box.currentIndexChanged.connect(self._paper_changed)
        actions.addStretch(1)
        paper_label = QLabel(self.tr("Paper"), self)
        paper_label.setTextFormat(Qt.TextFormat.PlainText)
        # Named by its label, not by the size it shows.
        paper_label.setBuddy(self.paper_box)
        keeping.addWidget(paper_label)
        keeping.addWidget(self.paper_box)
        keeping.addStretch(1)
        for key, label, slot in (
            ("save", self.tr("Save draft"), self._save_clicked),
            ("sent", self.tr("Mark as sent…"), self.mark_sent_dialog),
        ):
            button = QPushButton(label, self)
            button.setObjectName(f"letter_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            keeping.addWidget(button)
        outer.addLayout(actions)
        outer.addLayout(keeping)
        give_keys({key: self.buttons[key] for key in ("pdf", "mail", "save", "print")})
        # Enter in a field saves the draft. Without a default, QDialog makes the first button
        # in the focus chain the default: Enter in the subject opened the print preview.
        self.buttons["save"].setDefault(True)
        # The update bar shows above the letter: it comes before the letter by Tab too.
        QWidget.setTabOrder(self.subject, self.update_bar.update_button)
        QWidget.setTabOrder(self.update_bar.update_button, self.update_bar.keep_button)
        QWidget.setTabOrder(self.update_bar.keep_button, self.body)
        writes(self.address, self.subject, self.body, self.paper_box, self.buttons["save"],
               self.buttons["sent"])  # fmt: skip
        self.status = QLabel("", self)
        self.status.setObjectName("letterStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.status)

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.run_checks)
        self.body.textChanged.connect(self._text_changed)
        self.subject.textChanged.connect(self._text_changed)
        self.address.textChanged.connect(self.out.update_mail_button)
        self.send_check = SendCheck(self)

    def _person_label(self, person: Recipient) -> str:
        if person.kind == "reference":
            what = self.tr("reference")
        elif person.kind == "referral":
            what = self.tr("referral")
        else:
            what = person.title or self.tr("contact")
        return self.tr("{name} ({what})").format(name=person.name, what=what)

    def _fill_pickers(self) -> None:
        self._loading = True
        try:
            self.interview_box.show_current(_choice(self.context))
            self.interview_box.setEnabled(self.step_id is None)
            self.person_box.clear()
            for person in people_on(self.context.interview):
                self.person_box.addItem(self._person_label(person), (person.kind, person.id))
            assert self.context.recipient is not None
            current = (self.context.recipient.kind, self.context.recipient.id)
            index = self.person_box.findData(current)
            if index < 0:
                self.person_box.addItem(self.context.recipient.name, current)
                index = self.person_box.count() - 1
            self.person_box.setCurrentIndex(index)
            self.person_box.setEnabled(self.step_id is None)
            self.template_box.clear()
            for info in self.catalogue:
                self.template_box.addItem(info.title, info.name)
            if self.template_box.findData(self.template) < 0:
                self.template_box.addItem(self.template, self.template)
            self.template_box.setCurrentIndex(self.template_box.findData(self.template))
        finally:
            self._loading = False
        self.interview_box.currentIndexChanged.connect(self._pickers_changed)
        self.person_box.currentIndexChanged.connect(self._pickers_changed)
        self.template_box.currentIndexChanged.connect(self._pickers_changed)
        self._update_title()

    # --- the text -------------------------------------------------------------------------

    @property
    def channel(self) -> str:
        return self._template_channel

    def _redraft(self) -> None:
        draft = self.templates.draft(self.template, self.context.variables())
        self._template_channel = draft.channel
        self._show_text(draft.subject, draft.body)
        self._dirty = False
        self._base = (draft.subject, draft.body)
        self._fresh = None
        self.update_bar.hide()
        self.send_check.new_draft()

    def _show_text(self, subject: str, body: str) -> None:
        self._template_channel = self.templates.info(self.template).channel
        self._loading = True
        try:
            self.subject.setText(subject)
            self.body.setPlainText(body)
            person = self.context.recipient
            assert person is not None
            # Only this channel's address: a phone number is never a postal address.
            self.address.setText(self.context.address_field(self._template_channel))
        finally:
            self._loading = False
        self.out.update_mail_button()

    def _text_changed(self) -> None:
        if not self._loading:
            self._dirty = True
        self._check_timer.start()

    def _pickers_changed(self) -> None:
        if self._loading:
            return
        if self._dirty and self.body.toPlainText().strip():
            answer = QMessageBox.question(
                self,
                self.tr("Replace the letter?"),
                self.tr(
                    "Start again from the template? Your edits to this letter will be replaced."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                self._fill_pickers_back()
                return
        interview_id = self.interview_box.current_id()
        recipient = self.person_box.currentData()
        if interview_id != self.context.interview.id:
            recipient = None
        try:
            sources = self.store.letters.sources(
                interview_id=interview_id, recipient=tuple(recipient) if recipient else None
            )
        except StoreError as error:
            self.say(str(error), error=True)
            self._fill_pickers_back()
            return
        chosen = sources.recipient
        if chosen is None:
            self.say(self.tr("Nobody is on this interview yet: add a person first."), error=True)
            self._fill_pickers_back()
            return
        context = self._context_of(sources)
        template = str(self.template_box.currentData())
        try:
            # A template the sandbox refuses leaves the letter as it was, and says why.
            self.templates.draft(template, context.variables())
            self.templates.info(template)
        except StoreError as error:
            self._fill_pickers_back()
            self.error(str(error))
            return
        self.context = context
        self.speller.accept_terms(self.context.record_terms)
        self.template = template
        self.letter_id = None if self.step_id is None else self.letter_id
        self._loading = True
        for box in (self.interview_box, self.person_box, self.template_box):
            box.blockSignals(True)
        try:
            self.person_box.clear()
            for person in people_on(self.context.interview):
                self.person_box.addItem(self._person_label(person), (person.kind, person.id))
            self.person_box.setCurrentIndex(
                max(0, self.person_box.findData((chosen.kind, chosen.id)))
            )
        finally:
            for box in (self.interview_box, self.person_box, self.template_box):
                box.blockSignals(False)
            self._loading = False
        self._redraft()
        self._update_title()
        self.run_checks()

    def _fill_pickers_back(self) -> None:
        if not self.interview_box.select(self.context.interview.id, quiet=True):
            self.interview_box.show_current(_choice(self.context))
        self.template_box.blockSignals(True)
        self.template_box.setCurrentIndex(max(0, self.template_box.findData(self.template)))
        self.template_box.blockSignals(False)
        person = self.context.recipient
        if person is not None:
            self.person_box.blockSignals(True)
            self.person_box.setCurrentIndex(
                max(0, self.person_box.findData((person.kind, person.id)))
            )
            self.person_box.blockSignals(False)

    def _update_title(self) -> None:
        person = self.context.recipient
        name = person.name if person else ""
        self.setWindowTitle(
            self.tr("Letter to {name} — {company}").format(
                name=name, company=self.context.interview.company
            )
        )

    def draft(self) -> Draft:
        return Draft(
            template=self.template,
            channel=self._template_channel,
            subject=self.subject.text().strip(),
            body=self.body.toPlainText(),
        )

    def html(self) -> str:
        return self.templates.to_html(self.draft(), self.context.variables())

    def _paper_changed(self) -> None:
        choice = str(self.paper_box.currentData())
        try:
            self.store.letters.set_page_size(choice)
        except StoreError as error:
            self.say(str(error), error=True)
            return
        self.paper = choice
        size = self.tr("Letter") if self.page_size() == "letter" else self.page_size().upper()
        self.say(self.tr("Paper: {size}.").format(size=size))

    def page_size(self) -> str:
        return page.page_size(str(self.paper_box.currentData()), self.territory)

    # --- checks ---------------------------------------------------------------------------

    def run_checks(self) -> None:
        self._check_timer.stop()
        body = self.body.toPlainText()
        results = check(self.context, self.template, self._template_channel, body, self.speller)
        self.checks.show_results(results)
        flagged = [
            span
            for result in results
            if result.verdict is not Verdict.PASS and result.key != "spelling"
            for span in result.spans
        ]
        self.highlighter.set_flagged(flagged, body)
        self.checks_updated.emit()

    def add_word(self, word: str) -> None:
        add_user_word(self.config_dir, word)
        self.speller.accept([word])
        self.highlighter.rehighlight()
        self.run_checks()

    # --- the store ------------------------------------------------------------------------

    def save_draft(self) -> int:
        """Save the letter as it stands; StoreError (nothing saved) when the store refuses."""
        draft = self.draft()
        person = self.context.recipient
        self.letter_id = self.store.letters.save(
            letter_id=self.letter_id,
            template=draft.template,
            subject=draft.subject,
            body=draft.body,
            step_id=self.step_id,
            interview_id=self.context.interview.id,
            contact_id=person.id if person and person.kind == "contact" else None,
            reference_id=person.id if person and person.kind == "reference" else None,
        ).value
        self._dirty = False
        self.say(self.tr("Draft saved."))
        self.saved.emit(self.letter_id)
        return self.letter_id

    def mark_sent(self, channel: str, day: date) -> int:
        """Record the letter as sent that day by that channel; its step is then done."""
        letter_id = self.save_draft()
        now = self.clock()
        local_now = now.astimezone()
        moment = local_now if day == local_now.date() else datetime.combine(day, time(12))
        self.store.letters.mark_sent(letter_id, sent_at=moment.astimezone(), channel=channel)
        shown_day = QLocale().toString(
            QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat
        )
        label = next((tr_editor(text) for text, value in CHANNELS if value == channel), channel)
        self.say(
            self.tr("Marked as sent by {channel} on {day}.").format(
                channel=label.lower(), day=shown_day
            )
        )
        self.sent.emit(letter_id, self.step_id)
        return letter_id

    def _save_clicked(self) -> None:
        try:
            self.save_draft()
        except StoreError as error:
            self.error(str(error))

    def mark_sent_dialog(self) -> None:
        dialog = MarkSentDialog(channel_of(self._template_channel), self.today, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            channel, day = dialog.values()
            try:
                self.mark_sent(channel, day)
            except StoreError as error:
                self.error(str(error))

    def say(self, text: str, *, error: bool = False) -> None:
        """Show ``text`` on the status line and say it to a screen reader (an error
        assertively: it interrupts)."""
        self.status.setText(text)
        announce(self.status, text, assertive=error)

    def error(self, message: str) -> None:
        self.say(message, error=True)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Letter"), message, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._keep_edits()
        super().closeEvent(event)

    def reject(self) -> None:
        self._keep_edits()
        super().reject()

    def _keep_edits(self) -> None:
        # Closing never loses what was typed: an edited letter is kept as a draft.
        if self._dirty:
            try:
                self.save_draft()
            except StoreError as error:
                self.say(str(error), error=True)

    # --- news from the store --------------------------------------------------------------

    def _records_changed(self, changes: Changes) -> None:
        """A card, the interview or the profile changed (here or elsewhere): check the letter
        against them as they are now, keeping every word typed."""
        if not changes.touches(*SOURCE_KINDS):
            return
        person = self.context.recipient
        assert person is not None
        try:
            sources = self.store.letters.sources(
                step_id=self.step_id,
                interview_id=self.context.interview.id,
                recipient=(person.kind, person.id),
            )
        except StoreError:
            return  # gone elsewhere: the letter stays as it is, and saving will say why
        if sources.recipient is None or (sources.recipient.kind, sources.recipient.id) != (
            person.kind,
            person.id,
        ):
            return  # no longer on this interview: never re-address a letter by itself
        self.context = self._context_of(sources)
        self.speller.accept_terms(self.context.record_terms)
        self._update_title()
        self._follow_sources()
        self.out.update_mail_button()
        self.run_checks()

    # --- following the profile and the card -----------------------------------------------

    def _rendered(self) -> tuple[str, str] | None:
        """(subject, body) as the template gives them now; None when it cannot."""
        try:
            draft = self.templates.draft(self.template, self.context.variables())
        except StoreError:
            return None
        return draft.subject, draft.body

    def _current(self) -> tuple[str, str]:
        return self.subject.text(), self.body.toPlainText()

    def _follow_sources(self) -> None:
        """The template, rendered again, differs from what the draft started from: an
        untouched draft takes it at once; an edited one is offered it (never overwritten)."""
        fresh = self._rendered()
        if self._sent or fresh is None or fresh == self._base:
            return
        if self._current() == self._base:
            self._put_text(*fresh)
            self._base = fresh
            self._fresh = None
            self.update_bar.hide()
            self.say(self.tr("The letter now has your current details."))
            return
        self._fresh = fresh
        if not self.update_bar.isVisible():
            self.update_bar.show()
            announce(self.update_bar, self.update_bar.text.text())

    def take_update(self) -> int:
        """Apply the offered update to the lines the user did not edit; returns how many
        changes were left out because the user had edited those lines."""
        if self._fresh is None:
            return 0
        subject, body = self._current()
        new_subject = merge_untouched(self._base[0], subject, self._fresh[0])
        new_body = merge_untouched(self._base[1], body, self._fresh[1])
        self._put_text(new_subject.text, new_body.text)
        self._base, self._fresh = self._fresh, None
        self.update_bar.hide()
        kept = new_subject.kept + new_body.kept
        if kept:
            self.say(
                self.tr("Updated. %n part(s) you had edited were left as you wrote them.", "", kept)
            )
        else:
            self.say(self.tr("Updated with your current details."))
        self.run_checks()
        return kept

    def keep_text(self) -> None:
        """Keep the letter as it is; a later change is offered against the new text."""
        if self._fresh is not None:
            self._base, self._fresh = self._fresh, None
        self.update_bar.hide()

    def _put_text(self, subject: str, body: str) -> None:
        """Replace the text where the user is not typing: the cursor stays where it was."""
        position = self.body.textCursor().position()
        self._loading = True
        try:
            if subject != self.subject.text():
                self.subject.setText(subject)
            if body != self.body.toPlainText():
                self.body.setPlainText(body)
                cursor = self.body.textCursor()
                cursor.setPosition(min(position, len(body)))
                self.body.setTextCursor(cursor)
        finally:
            self._loading = False
        # A saved letter changed: closing keeps the update, as it keeps the user's edits.
        self._dirty = self._dirty or self.letter_id is not None
        self._check_timer.start()


def _choice(context: LetterContext) -> InterviewChoice:
    interview = context.interview
    return InterviewChoice(
        id=interview.id,
        company=interview.company,
        position=interview.position,
        start=interview.start,
    )
