"""Everything in the window that needs the database, built once the window has painted.

It opens the database, fills the pages, and carries out the commands: new
interview, delete and undo, done and snooze from Today, sample data, and
opening the window on a step.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QSettings, QTimer
from PySide6.QtWidgets import (
    QMessageBox,
    QWidget,
)
from sqlalchemy.orm import Session

from afterview.domain.records import Role
from afterview.store import interviews, queries, sample, steps
from afterview.store.database import Database, open_database
from afterview.store.interview_list import ListSource
from afterview.store.interviews import DeletedInterview
from afterview.ui.data import DataAccess, after_write
from afterview.ui.interview_detail import InterviewDetail
from afterview.ui.interviews_page import InterviewsPage
from afterview.ui.main_window import CONTACTS, INTERVIEWS, REFERENCES, TODAY
from afterview.ui.new_interview_dialog import NewInterviewDialog
from afterview.ui.people_tab import contact_choices
from afterview.ui.today_page import TodayPage
from afterview.ui.widgets import ask, menu_text, message_box

if TYPE_CHECKING:
    from afterview.ui.main_window import MainWindow


class Workspace:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.db: Database = open_database(window.paths)
        self.data = DataAccess(self.db, window.clock, window)
        self.deleted: list[DeletedInterview] = []

    def now(self) -> datetime:
        return self.window.clock()

    # --- building ------------------------------------------------------------------------------

    def build(self) -> None:
        window = self.window
        self.today = TodayPage(self.now, window.stack)
        self.today.done.connect(self.mark_done)
        self.today.snoozed.connect(self.snooze)
        self.today.open_interview.connect(self.open_interview)
        self.today.write_letter.connect(self.write_letter)
        window.replace_page(TODAY, self.today)
        early = window.interviews_page  # the list, when it was shown before the store opened
        if early is None:
            self.page = InterviewsPage(ListSource(self.db.path), window.stack)
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
        self.data.changed.connect(self._changed)
        self.data.structure_changed.connect(self._structure_changed)
        self.data.failed.connect(self._failed)
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
        if window.settings.value("window/page", TODAY) in (TODAY, str(TODAY)):
            self.today.load(self.data.read)
        else:  # the list the user left open comes first
            QTimer.singleShot(0, lambda: self.today.load(self.data.read))

    def ensure_page(self, row: int) -> None:
        """Build the Contacts or References page the first time it is shown (a long list of
        cards costs time the interview list should not wait for)."""
        built = getattr(self, "_built", None)
        if built is None or row in built or row not in (CONTACTS, REFERENCES):
            return
        built.add(row)
        if row == CONTACTS:
            self._contacts_page()
        else:
            self._references_page()

    def _contacts_page(self) -> None:
        """The Contacts page (its own module); a placeholder if it is missing."""
        window = self.window
        try:
            from afterview.ui.contacts_page import ContactsPage

            contacts: QWidget = ContactsPage(self.db, window.stack)
            contacts.changed.connect(self.external_write)  # type: ignore[attr-defined]
        except ImportError:
            contacts = _placeholder("Contacts are not available in this build yet.", window)
        window.replace_page(CONTACTS, contacts)

    def _references_page(self) -> None:
        window = self.window
        try:
            from afterview.ui.references_page import ReferencesPage

            references: QWidget = ReferencesPage(self.db, window.stack)
            references.changed.connect(self.external_write)  # type: ignore[attr-defined]
        except ImportError:
            references = _placeholder("References are not available in this build yet.", window)
        window.replace_page(REFERENCES, references)

    def is_empty(self) -> bool:
        page = getattr(self, "page", None)
        return page is not None and page.model.total == 0

    # --- reacting to writes ------------------------------------------------------------------

    def _changed(self, interview_ids: list[int]) -> None:
        self.page.model.refresh(interview_ids)
        self.page.detail.refresh()
        self.today.load(self.data.read)
        self._update_count()

    def _structure_changed(self) -> None:
        keep = self.page.current_id()
        self.page.model.reload()
        if keep is not None:
            self.page.select(keep)
        self._update_sample_state()
        self.window.show_page(self.window.sidebar.currentRow())

    def external_write(self) -> None:
        """Another page or dialog wrote: tell the tray, refresh what we show."""
        after_write(self.db, self.data.failed.emit)
        self.reload_all()

    def reload_all(self) -> None:
        keep = self.page.current_id()
        self.page.model.reload()
        if keep is not None:
            self.page.select(keep)
        self.page.detail.refresh()
        self.today.load(self.data.read)
        self._update_sample_state()
        self.window.show_page(self.window.sidebar.currentRow())

    def _failed(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 15000)

    def _update_count(self) -> None:
        self.page.update_count()

    def _update_sample_state(self) -> None:
        counts = self.data.read(sample.count_sample)
        has_sample = counts.total > 0
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
        contacts = self.data.read(contact_choices)
        dialog = NewInterviewDialog(contacts, self.now(), self.window)
        if dialog.exec() != NewInterviewDialog.DialogCode.Accepted:
            return None
        values, people = dialog.values(), list(dialog.people)

        def work(session: Session, now: datetime) -> int:
            links: list[tuple[int, Role]] = []
            for person in people:
                contact_id = person.contact_id
                if contact_id is None:
                    contact_id = interviews.create_contact(session, person.name).id
                links.append((contact_id, person.role))
            return interviews.create_interview(session, values, links, now).id

        return self._create(work)

    def _create(self, work: Any) -> int | None:
        interview_id = self.data.write(work, structure=True)
        if interview_id is None:
            message_box(
                self.window,
                QMessageBox.Icon.Warning,
                "New interview",
                self.window.statusBar().currentMessage(),
            )
            return None
        self.show_interview(interview_id)
        self.window.statusBar().showMessage("Saved. Its follow-up steps are in Today.", 8000)
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
        interview_id = self.data.read(lambda s: queries.step_interview(s, step_id))
        if interview_id is None:
            self.window.show_page(TODAY)
            return
        self.show_interview(interview_id, step_id)

    def delete_current(self) -> None:
        interview_id = self.page.current_id()
        if interview_id is None:
            return
        row = self.data.read(lambda s: interviews.get_interview(s, interview_id))
        if not ask(
            self.window,
            "Delete interview",
            f"Delete the interview with {row.company} for {row.position}?\n\n"
            "Its steps, debrief and referrals go with it. Edit ▸ Undo (Ctrl+Z) brings it back.",
        ):
            return
        self.page.detail.save_pending()
        deleted = self.data.write(
            lambda s, now: interviews.delete_interview(s, interview_id, now), structure=True
        )
        if deleted is not None:
            self.deleted.append(deleted)
            self.window.undo_action.setText(f"&Undo delete of {menu_text(deleted.label)}")
            self.window.statusBar().showMessage(
                f"Deleted {deleted.label}. Ctrl+Z brings it back.", 10000
            )

    def undo_delete(self) -> None:
        if not self.deleted:
            self.window.statusBar().showMessage("Nothing to undo.", 4000)
            return
        deleted = self.deleted.pop()
        row = self.data.write(
            lambda s, now: interviews.undo_delete(s, deleted, now).id, structure=True
        )
        if row is None:
            self.deleted.append(deleted)
            return
        self.window.undo_action.setText(
            f"&Undo delete of {menu_text(self.deleted[-1].label)}"
            if self.deleted
            else "&Undo delete"
        )
        self.show_interview(int(row))
        self.window.statusBar().showMessage(f"Restored {deleted.label}.", 8000)

    def mark_done(self, step_id: int) -> None:
        interview_id = self.data.read(lambda s: queries.step_interview(s, step_id))
        self.data.write(
            lambda s, now: steps.mark_done(s, step_id, now), interviews=[interview_id or 0]
        )

    def snooze(self, step_id: int, until: datetime) -> None:
        interview_id = self.data.read(lambda s: queries.step_interview(s, step_id))
        self.data.write(
            lambda s, now: steps.snooze(s, step_id, until, now), interviews=[interview_id or 0]
        )

    def add_sample(self) -> None:
        counts = self.data.write(sample.add_sample, structure=True)
        if counts is not None:
            self.window.show_page(TODAY)
            self.reload_other_pages()

    def remove_sample(self) -> None:
        counts = self.data.write(sample.remove_sample, structure=True)
        if counts is not None:
            self.window.statusBar().showMessage(
                f"Removed the sample data ({counts.interviews} interviews, {counts.contacts} "
                f"contacts, {counts.references} references).",
                8000,
            )
            self.reload_other_pages()

    def reload_other_pages(self) -> None:
        for row in sorted(self._built & {CONTACTS, REFERENCES}):
            page = self.window.pages[row]
            for name in ("reload", "refresh"):
                method = getattr(page, name, None)
                if callable(method):
                    with contextlib.suppress(Exception):
                        method()
                    break

    def edit_contact(self, contact_id: int) -> None:
        try:
            from afterview.ui.contact_editor import ContactEditorDialog
        except ImportError:
            return
        if ContactEditorDialog.edit(self.db, contact_id, self.window):
            self.external_write()
            self.reload_other_pages()

    def open_settings(self) -> None:
        try:
            from afterview.ui.settings_dialog import SettingsDialog
        except ImportError:
            message_box(
                self.window,
                QMessageBox.Icon.Information,
                "Settings",
                "The settings dialog is not available in this build yet.",
            )
            return
        dialog = SettingsDialog(self.db, self.window)
        dialog.changed.connect(self.external_write)
        dialog.restored.connect(self.reload_after_restore)
        dialog.exec()

    def reload_after_restore(self) -> None:
        self.reload_all()
        self.reload_other_pages()

    def write_letter(self, step_id: int) -> None:
        from afterview.ui.letter_editor import LetterEditor

        editor = LetterEditor.open_for(self.db, step_id=step_id, parent=self.window)
        if editor is not None:
            editor.sent.connect(lambda _letter, _step: self.reload_all())

    def pocket_card(self) -> None:
        """The printable card of questions to ask before leaving (seeds 002, 003, 004)."""
        interview_id = self.page.current_id()
        if interview_id is None:
            message_box(
                self.window,
                QMessageBox.Icon.Information,
                "Interview-day card",
                "Choose an interview in the Interviews list first.",
            )
            return
        from afterview.ui.letter_pocket_card import pocket_card_preview

        pocket_card_preview(self.db, interview_id, self.window).open()

    # --- state -----------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        self.page.save_state(settings)

    def finish(self) -> None:
        """Save what is being typed before the window goes."""
        self.page.detail.save_pending()

    def close(self) -> None:
        self.db.close()


def _placeholder(text: str, window: MainWindow) -> QWidget:
    from afterview.ui.main_window import Placeholder

    return Placeholder(text, window.stack)
