"""The interview beside the list: Process, People, Debrief, Steps and Referrals in tabs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from afterview.ui.data import DataAccess
from afterview.ui.debrief_tab import DebriefTab
from afterview.ui.interviews_model import status_label
from afterview.ui.people_tab import PeopleTab
from afterview.ui.process_tab import ProcessTab
from afterview.ui.referrals_tab import ReferralsTab
from afterview.ui.steps_tab import StepsTab
from afterview.ui.tab_names import announce_tab_names
from afterview.ui.widgets import plain_label


class InterviewDetail(QStackedWidget):
    def __init__(
        self, data: DataAccess | None, now: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.interview_id: int | None = None
        self.setAccessibleName(self.tr("Interview detail"))
        nothing = QWidget(self)
        empty_layout = QVBoxLayout(nothing)
        hint = plain_label(
            self.tr("Select an interview to see its details."), nothing, "detailHint"
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        empty_layout.addWidget(hint)
        self.addWidget(nothing)

        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 8, 8, 0)
        self.title = plain_label("", page, "detailTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.subtitle = plain_label("", page, "detailSubtitle")
        self.subtitle.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        self.tabs = QTabWidget(page)
        self.tabs.setObjectName("detailTabs")
        self.tabs.setAccessibleName(self.tr("Interview sections"))
        announce_tab_names(self.tabs)  # the bar is read by its current tab
        self.tabs.setDocumentMode(True)
        self.process = ProcessTab(data, self.tabs, now)
        self.people = PeopleTab(data, self.tabs)
        self.debrief = DebriefTab(data, self.tabs)
        self.steps = StepsTab(data, now, self.tabs)
        self.referrals = ReferralsTab(data, self.tabs)
        scroll = QScrollArea(self.tabs)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAccessibleName(self.tr("Process"))
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no unnamed stop: Tab goes to fields
        scroll.setWidget(self.process)
        self.tabs.addTab(scroll, self.tr("Process"))
        self.tabs.addTab(self.people, self.tr("People"))
        self.tabs.addTab(self.debrief, self.tr("Debrief"))
        self.tabs.addTab(self.steps, self.tr("Steps"))
        self.tabs.addTab(self.referrals, self.tr("Referrals"))
        layout.addWidget(self.tabs, 1)
        self.addWidget(page)

    def show_interview(self, interview_id: int | None, step_id: int | None = None) -> None:
        if interview_id != self.interview_id:
            self.save_pending()
        self.interview_id = interview_id
        if interview_id is None or self.data is None:
            self.setCurrentIndex(0)
            for tab in (self.process, self.people, self.debrief, self.referrals):
                tab.show_interview(None)
            self.steps.show_interview(None)
            return
        self.setCurrentIndex(1)
        self._titles(interview_id)
        self.process.show_interview(interview_id)
        self.people.show_interview(interview_id)
        self.debrief.show_interview(interview_id)
        self.steps.show_interview(interview_id, step_id)
        self.referrals.show_interview(interview_id)
        if step_id is not None:
            self.tabs.setCurrentWidget(self.steps)

    def _titles(self, interview_id: int) -> None:
        if self.data is None:
            return
        row = self.data.store.interviews.get(interview_id)
        self.title.setText(f"{row.company} — {row.position}")
        sample = self.tr(" · sample record") if row.sample else ""
        parts = [row.round, status_label(row.status.value)]
        self.subtitle.setText(" · ".join(p for p in parts if p) + sample)

    def refresh(self) -> None:
        """After a write: re-read what may have changed, without touching fields being edited."""
        if self.interview_id is None or self.data is None:
            return
        interview_id = self.interview_id
        if not self.data.store.interviews.exists(interview_id):
            self.show_interview(None)
            return
        self._titles(interview_id)
        stored = self.data.store.interviews.get(interview_id)
        self.process.saves.follow(stored.version)
        self.process.history.show_interview(interview_id)  # a status change moves the stage
        self.debrief.saves.follow(stored.debrief_version)
        self.steps.show_interview(interview_id)
        self.people.show_interview(interview_id)
        self.referrals.show_interview(interview_id)
        self.debrief.update_offer()  # the debrief step may have been done elsewhere

    def save_pending(self) -> None:
        self.process.save_now()
        self.debrief.save_now()
