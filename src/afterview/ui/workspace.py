"""Everything in the window that needs the database, built once the window has painted.

It opens the database, fills the pages, and carries out the commands: new
interview, delete and undo, done and snooze from Today, sample data, and
opening the window on a step.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from afterview.domain.applications import Outcome
from afterview.store.api import open_store
from afterview.store.changes import Changes, Kind
from afterview.store.values import DeletedInterview, NewPerson
from afterview.ui.availability_banner import Availability, AvailabilityBanner
from afterview.ui.data import DataAccess
from afterview.ui.interview_detail import InterviewDetail
from afterview.ui.interviews_page import InterviewsPage
from afterview.ui.main_window import BOARD, CONTACTS, INSIGHT, INTERVIEWS, REFERENCES, TODAY
from afterview.ui.new_interview_dialog import NewInterviewDialog
from afterview.ui.person_picker import contact_choices
from afterview.ui.today_page import TodayPage
from afterview.ui.widgets import ask, menu_text, message_box

if TYPE_CHECKING:
    from afterview.store.operations import Store
    from afterview.ui.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("Workspace", text)


class Workspace:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.store: Store = open_store(
            window.paths, role="window", clock=window.clock, confirm_upgrade=self._may_upgrade
        )
        self.data = DataAccess(self.store, window)
        self.deleted: list[DeletedInterview] = []
        self._has_applications: bool | None = None

    def now(self) -> datetime:
        return self.window.clock()

    def _may_upgrade(self, found: int, wanted: int) -> bool:
        """Asks before a database shared on a server is upgraded: the first computer to run
        the new Afterview decides for every computer that shares it."""
        return ask(
            self.window,
            _tr("Upgrade the shared database?"),
            _tr(
                "Your job search is on a database server that other computers may share. This "
                "version of Afterview needs to upgrade it (schema {0} to {1}); a copy of "
                "everything is saved first. Afterwards, computers with the older Afterview ask "
                "to be updated before they open it."
            ).format(found, wanted),
        )

    # --- building ------------------------------------------------------------------------------

    def build(self) -> None:
        window = self.window
        today = window.today_page  # Today, when it was shown before the store opened
        self.today = today if today is not None else TodayPage(self.now, window.stack)
        self.today.done.connect(self.mark_done)
        self.today.answered.connect(self.mark_answered)
        self.today.close_no_response.connect(self.close_no_response)
        self.today.offers_source = self.store.applications.no_response_offers
        self.today.snoozed.connect(self.snooze)
        self.today.open_interview.connect(self.open_interview)
        self.today.write_letter.connect(self.write_letter)
        if today is None:
            window.replace_page(TODAY, self.today)
        early = window.interviews_page  # the list, when it was shown before the store opened
        if early is None:
            self.page = InterviewsPage(self.store.list, window.stack)
            window.replace_page(INTERVIEWS, self.page)
            window.interviews_page = self.page
            self.page.restore_state(window.settings)
        else:
            self.page = early
        self.page.attach_detail(InterviewDetail(self.data, self.now))
        self.page.filter.textChanged.connect(lambda _t: self._filter())
        self.page.status.currentIndexChanged.connect(lambda _i: self._filter())
        self.page.new_button.clicked.connect(self.new_interview)
        self.page.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.page.table.activated.connect(self._activated)
        self.page.table.addAction(window.delete_action)
        self.page.model.modelReset.connect(self._after_reset)
        self.page.detail.people.edit_contact.connect(self.edit_contact)
        self.page.detail.steps.write_letter.connect(self.write_letter)
        self._built: set[int] = {TODAY, INTERVIEWS}
        #: Today is read again the next time it is shown (a write while another page was).
        self._today_stale = False
        self.data.changed.connect(self._changed)
        self.data.failed.connect(self._failed)
        self.data.warned.connect(self._failed)
        # After the write's own handlers: a page keeps what it deleted once its write is done.
        self.data.changed.connect(lambda _c: QTimer.singleShot(0, window.update_undo))
        # Above everything, so it is seen whichever page is shown.
        self.banner = AvailabilityBanner(window.centralWidget())
        layout = window.centralWidget().layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.banner)
        self.availability = Availability(window, self.data, self.banner)
        if window.server_listener is not None:  # the server may be away already
            self.availability.listen(window.server_listener)
        window.welcome.add_first.connect(self.new_interview)
        window.welcome.explore.connect(self.add_sample)
        window.banner.remove.connect(self.remove_sample)
        if early is None:
            self.page.model.reload()
        else:  # what the user did to the list while the store was loading
            if self.page.filter.text() or self.page.status.currentIndex() > 0:
                self._filter()
            self._row_changed(self.page.table.currentIndex(), QModelIndex())
        self._update_sample_state()
        if today is not None:  # filled before the store opened (all but maybe the last cards)
            today.fill_rest()
            # The offers to close as "no response" need the store: asked for now.
            today.add_offers(self.store.applications.no_response_offers())
        elif window.settings.value("window/page", TODAY) in (TODAY, str(TODAY)):
            self.today.load(self.store.today)
        else:  # the list the user left open comes first
            QTimer.singleShot(0, lambda: self.today.load(self.store.today))
        overdue = self.store.backups.overdue_warning()
        if overdue is not None:  # backups have failed for a day: said at open, not only on save
            self._failed(overdue)

    def ensure_page(self, row: int) -> None:
        """Build the Contacts, References, Board or Insight page the first time it is shown (a
        long list of cards costs time the interview list should not wait for; the charts'
        module, QtCharts, is loaded only then)."""
        if row == TODAY and getattr(self, "_today_stale", False):
            self._today_stale = False
            self.today.load(self.store.today)
        built = getattr(self, "_built", None)
        if built is None or row in built or row not in (CONTACTS, REFERENCES, BOARD, INSIGHT):
            return
        built.add(row)
        if row == INSIGHT:
            self._insight_page()
        elif row == BOARD:
            self._board_page()
        elif row == CONTACTS:
            self._contacts_page()
        else:
            self._references_page()

    def _contacts_page(self) -> None:
        """The Contacts page (its own module); a placeholder if it is missing."""
        window = self.window
        try:
            from afterview.ui.contacts_page import ContactsPage

            contacts: QWidget = ContactsPage(self.data, window.stack)
        except ImportError:
            contacts = _placeholder(_tr("Contacts are not available in this build yet."), window)
        window.replace_page(CONTACTS, contacts)

    def _references_page(self) -> None:
        window = self.window
        try:
            from afterview.ui.references_page import ReferencesPage

            references: QWidget = ReferencesPage(self.data, window.stack)
        except ImportError:
            references = _placeholder(
                _tr("References are not available in this build yet."), window
            )
        window.replace_page(REFERENCES, references)

    def _board_page(self) -> None:
        """The Board (issue 17 §2), its filter shared with the Interviews list's."""
        from afterview.ui.board_page import BoardPage
        from afterview.ui.filter_bar import share_text

        board = BoardPage(self.data, self.now, self.window.stack)
        board.filter.setText(self.page.filter.text())
        share_text(self.page.filter, board.filter)
        board.load()
        self.window.replace_page(BOARD, board)

    def _insight_page(self) -> None:
        """The Insight page (issue 17 §4): its module imports QtCharts."""
        from afterview.ui.insight_page import InsightPage

        insight = InsightPage(self.data, self.now, self.window.stack)
        insight.load()
        self.window.replace_page(INSIGHT, insight)

    def is_empty(self) -> bool:
        """Whether there is no interview (the welcome page stands for the list)."""
        page = getattr(self, "page", None)
        return page is not None and page.model.total == 0

    def has_applications(self) -> bool:
        """Whether there is an application, read once and again after a change to them."""
        if self._has_applications is None:
            self._has_applications = self.store.applications.any()
        return self._has_applications

    # --- reacting to writes ------------------------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        """After any write, here or in another process: reload what shows the kinds named
        (the Contacts and References pages listen for themselves)."""
        if changes.touches(Kind.APPLICATIONS):
            self._has_applications = None
            if self.window.sidebar.currentRow() == TODAY:  # the welcome page may give way
                self.window.show_page(TODAY)
        if changes.reorder:
            keep = self.page.current_id()
            self.page.model.reload()
            if keep is not None:
                self.page.select(keep)
            self._update_sample_state()
            self.window.show_page(self.window.sidebar.currentRow())
        elif changes.touches(Kind.INTERVIEWS, Kind.STEPS, Kind.CONTACTS):
            self.page.model.refresh(sorted(changes.interviews or ()))
        if changes.touches(Kind.INTERVIEWS, Kind.STEPS, Kind.CONTACTS, Kind.REFERENCES):
            self.page.detail.refresh()
        if changes.touches(Kind.STEPS, Kind.INTERVIEWS, Kind.SETTINGS):
            # Now when shown, else when next shown: its step cards take a second at 7,600
            # steps, which a move on the Board must not wait for (bench/board.py).
            if self.window.sidebar.currentRow() in (TODAY, -1):
                self.today.load(self.store.today)
            else:
                self._today_stale = True
        self._update_count()

    def reload_all(self) -> None:
        """Everything may have changed (another process wrote, a backup was restored)."""
        self.data.heard_from_elsewhere(Changes.everything())

    def _failed(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 15000)

    def _update_count(self) -> None:
        self.page.update_count()

    def _update_sample_state(self) -> None:
        has_sample = self.store.list.has_sample()
        self.window.banner.setVisible(has_sample)
        self.window.remove_sample_action.setEnabled(has_sample)
        self._update_count()

    # --- the list ----------------------------------------------------------------------------

    def _filter(self) -> None:
        self.page.model.set_filter(self.page.filter.text(), self.page.status.currentData())

    def _after_reset(self) -> None:
        current = self.page.detail.interview_id
        if current is not None and self.page.select(current):
            return
        self.page.detail.show_interview(None)
        self._update_count()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        interview_id = self.page.model.interview_id(current.row()) if current.isValid() else None
        if interview_id != self.page.detail.interview_id:
            self.page.detail.show_interview(interview_id)

    def _activated(self, _index: QModelIndex) -> None:
        """Enter (or a double-click) on a row opens it: focus moves into the detail."""
        self.page.detail.tabs.setCurrentIndex(0)
        self.page.detail.process.company.setFocus()

    def focus_filter(self) -> None:
        self.page.filter.setFocus()
        self.page.filter.selectAll()

    # --- commands ------------------------------------------------------------------------------

    def new_interview(self) -> int | None:
        contacts = contact_choices(self.store.contacts.items())
        dialog = NewInterviewDialog(contacts, self.now(), self.window)
        if dialog.exec() != NewInterviewDialog.DialogCode.Accepted:
            return None
        values = dialog.values()
        people = [NewPerson(p.name, p.role, p.contact_id) for p in dialog.people]
        return self._create(lambda: self.store.interviews.create(values, people))

    def _create(self, work: Any) -> int | None:
        attempt = self.data.attempt(work, retry=True)  # the dialog is gone: keep what it held
        interview_id = attempt.value
        if attempt.waiting:
            self.window.statusBar().showMessage(
                _tr("The new interview is not saved yet; Afterview will try again."),
                15000,
            )
            return None
        if interview_id is None:
            message_box(
                self.window,
                QMessageBox.Icon.Warning,
                _tr("New interview"),
                self.window.statusBar().currentMessage(),
            )
            return None
        self.show_interview(interview_id)
        self.page.detail.tabs.setCurrentIndex(0)  # a new interview opens on its Process tab
        # The keyboard lands on the new interview's row (the dialog's opener may be gone).
        self.page.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.window.statusBar().showMessage(_tr("Saved. Its follow-up steps are in Today."), 8000)
        return interview_id

    def show_interview(self, interview_id: int, step_id: int | None = None) -> None:
        self.window.show_page(INTERVIEWS)
        if not self.page.select(interview_id):
            # Hidden by the filter: clear it rather than show nothing.
            self.page.filter.clear()
            self.page.status.setCurrentIndex(0)
            self.page.select(interview_id)
        self.page.detail.show_interview(interview_id, step_id)

    def open_interview(self, interview_id: int, step_id: int) -> None:
        self.show_interview(interview_id, step_id)

    def open_step(self, step_id: int) -> None:
        interview_id = self.store.interviews.of_step(step_id)
        if interview_id is None:
            self.window.show_page(TODAY)
            return
        self.show_interview(interview_id, step_id)

    def delete_current(self) -> None:
        interview_id = self.page.current_id()
        if interview_id is None:
            return
        row = self.store.interviews.get(interview_id)
        if not ask(
            self.window,
            _tr("Delete interview"),
            _tr(
                "Delete the interview with {0} for {1}?\n\n"
                "Its steps, debrief and referrals go with it. Edit ▸ Undo (Ctrl+Z) brings it back."
            ).format(row.company, row.position),
        ):
            return
        self.page.detail.save_pending()
        deleted = self.data.write(lambda: self.store.interviews.delete(interview_id))
        if deleted is not None:
            self.deleted.append(deleted)
            self.window.undo_action.setText(
                _tr("&Undo delete of {0}").format(menu_text(deleted.label))
            )
            self.window.statusBar().showMessage(
                _tr("Deleted {0}. Ctrl+Z brings it back.").format(deleted.label), 10000
            )
        self.window.update_undo()

    def undo_delete(self) -> None:
        if not self.deleted:
            self.window.statusBar().showMessage(_tr("Nothing to undo."), 4000)
            return
        deleted = self.deleted.pop()
        row = self.data.write(lambda: self.store.interviews.undo_delete(deleted))
        if row is None:
            self.deleted.append(deleted)
            return
        self.window.undo_action.setText(
            _tr("&Undo delete of {0}").format(menu_text(self.deleted[-1].label))
            if self.deleted
            else _tr("&Undo delete")
        )
        self.show_interview(int(row))
        self.window.update_undo()
        self.window.statusBar().showMessage(_tr("Restored {0}.").format(deleted.label), 8000)

    def mark_done(self, step_id: int) -> None:
        self.data.write(lambda: self.store.steps.done(step_id), retry=True)

    def mark_answered(self, step_id: int, answered: bool) -> None:
        self.data.write(lambda: self.store.steps.done(step_id, answered), retry=True)

    def close_no_response(self, application_id: int, version: int) -> None:
        """Today's offer, clicked: the application closes with "no response" (issue 17 §3)."""
        self.data.write(
            lambda: self.store.applications.close(
                application_id, Outcome.NO_RESPONSE, expected_version=version
            )
        )

    def snooze(self, step_id: int, until: datetime) -> None:
        self.data.write(lambda: self.store.steps.snooze([step_id], until), retry=True)

    def add_sample(self) -> None:
        counts = self.data.write(self.store.data.add_sample)
        if counts is not None:
            self.window.show_page(TODAY)

    def remove_sample(self) -> None:
        counts = self.data.write(self.store.data.remove_sample)
        if counts is not None:
            self.window.statusBar().showMessage(
                _tr("Removed the sample data: {0}, {1}, {2}.").format(
                    QCoreApplication.translate(
                        "Workspace", "%n interview(s)", "", counts.interviews
                    ),
                    QCoreApplication.translate("Workspace", "%n contact(s)", "", counts.contacts),
                    QCoreApplication.translate(
                        "Workspace", "%n reference(s)", "", counts.references
                    ),
                ),
                8000,
            )

    def edit_contact(self, contact_id: int) -> None:
        try:
            from afterview.ui.contact_editor import ContactEditorDialog
        except ImportError:
            return
        ContactEditorDialog.edit(self.data, contact_id, self.window)

    def open_settings(self) -> None:
        try:
            from afterview.ui.settings_dialog import SettingsDialog
        except ImportError:
            message_box(
                self.window,
                QMessageBox.Icon.Information,
                _tr("Settings"),
                _tr("The settings dialog is not available in this build yet."),
            )
            return
        SettingsDialog(self.data, self.window).exec()

    def write_letter(self, step_id: int) -> None:
        from afterview.ui.letter_editor import LetterEditor

        LetterEditor.open_for(self.data, step_id=step_id, parent=self.window)

    def pocket_card(self) -> None:
        """The printable card of questions to ask before leaving (seeds 002, 003, 004)."""
        interview_id = self.page.current_id()
        if interview_id is None:
            message_box(
                self.window,
                QMessageBox.Icon.Information,
                _tr("Interview-day card"),
                _tr("Choose an interview in the Interviews list first."),
            )
            return
        from afterview.store.errors import StoreError
        from afterview.ui.letter_pocket_card import pocket_card_preview

        try:
            preview = pocket_card_preview(self.data.store, interview_id, self.window)
        except StoreError as error:  # e.g. the user's own pocket_card template was refused
            message_box(
                self.window, QMessageBox.Icon.Warning, _tr("Interview-day card"), str(error)
            )
            return
        preview.open()

    # --- state -----------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        self.page.save_state(settings)

    def finish(self) -> bool:
        """Save what is being typed before the window goes; False when changes still wait
        to be saved and the user chose to keep the window open."""
        self.page.detail.save_pending()
        return self.availability.may_close()

    def close(self) -> None:
        self.store.close()


def _placeholder(text: str, window: MainWindow) -> QWidget:
    from afterview.ui.main_window import Placeholder

    return Placeholder(text, window.stack)
