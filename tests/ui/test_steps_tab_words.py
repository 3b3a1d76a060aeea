"""The Steps tab says each step in plain words (issue 14): the reason a user can read, "Why?"
naming the article it comes from (seed 004_a7c1af388e049313.txt, "Send a Thank You
Email/Card", for the thank-you within 24 hours), the articles' figures as a tip, and
Help ▸ Sources listing the five articles by title."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAccessible, QPalette
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from afterview.ui.data import DataAccess
from afterview.ui.main_window import MainWindow
from afterview.ui.sources_dialog import SourcesDialog
from afterview.ui.steps_tab import STEP_ROLE, StepsTab
from tests.ui.conftest import SAMPLE_IMPORTED_AT as NOW

TITLES = [
    "5 Things You Should Do after Every Job Interview",
    "What Professionals Do After Every Interview",
    "What to Do After A Job Interview",
    "Follow-Up: After the Job Interview",
    "Congratulations: You've Completed Your Job Interview",
]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    yield
    QLocale.setDefault(before)


def _tab(qtbot: QtBot, data: DataAccess) -> tuple[StepsTab, int]:
    step = next(
        s for s in data.store.steps.all() if s.kind == "thank_you" and s.person == "Laura Chen"
    )
    tab = StepsTab(data, lambda: NOW)
    qtbot.addWidget(tab)
    tab.resize(700, 500)
    tab.show()
    assert step.interview_id is not None
    tab.show_interview(step.interview_id, select_step=step.id)
    return tab, step.id


def test_the_steps_tab_shows_the_reason_in_plain_words_and_why(
    qtbot: QtBot, data: DataAccess
) -> None:
    tab, step_id = _tab(qtbot, data)
    item = tab.tree.currentItem()
    assert item.data(0, STEP_ROLE) == step_id
    assert item.text(0) == "Thank-you note to Laura Chen"
    assert tab.reason.text() == (
        "Thank each interviewer within 24 hours, while the interview is fresh in their mind, "
        "even if you don't want the job."
    )
    assert "Seed" not in item.toolTip(0) and "§" not in item.toolTip(0)
    assert "Congratulations: You&#x27;ve Completed Your Job Interview" in item.toolTip(0)
    assert tab.why_button.isVisible() and tab.why_button.text() == "Why?"
    assert "From the article “Congratulations: You&#x27;ve Completed" in tab.why_button.toolTip()
    assert tab.tip.isVisible()
    assert tab.tip.text() == (
        "Tip: 22% of employers are less likely to hire someone who sends no thank-you note "
        "(CareerBuilder)."
    )
    assert "only 57% of candidates send one" in tab.tip.toolTip()
    assert "(CareerBuilder, in “What Professionals Do After Every Interview”)" in (
        tab.tip.toolTip().replace("&#x27;", "'")
    )


def test_a_step_without_figures_shows_no_tip(qtbot: QtBot, data: DataAccess) -> None:
    tab, _ = _tab(qtbot, data)
    for n in range(tab.tree.topLevelItemCount()):
        if tab.tree.topLevelItem(n).text(0) == "Write the debrief":
            tab.tree.setCurrentItem(tab.tree.topLevelItem(n))
    assert tab.reason.text().startswith("Write down what you learned")
    assert not tab.tip.isVisible()
    assert "Put on Your Analyst" not in tab.why_button.toolTip()  # titles, not sections
    assert "Congratulations: You&#x27;ve Completed" in tab.why_button.toolTip()


def test_why_opens_the_sources_listing_the_five_articles(qtbot: QtBot, data: DataAccess) -> None:
    tab, _ = _tab(qtbot, data)
    qtbot.mouseClick(tab.why_button, Qt.MouseButton.LeftButton)
    dialog = tab.window().findChild(SourcesDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert [t for t in texts if t in TITLES] == TITLES
    figures = dialog.findChild(QLabel, "sourcesFigures").text()
    assert "22% of employers" in figures and "80% of hiring managers" in figures
    assert "57%" in figures and "56% of career advisers" in figures
    # The step's own article (its tooltip names it) is the one marked, not the list's top.
    marked = [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.text() in TITLES and label.backgroundRole() == QPalette.ColorRole.Highlight
    ]
    assert marked == ["Congratulations: You've Completed Your Job Interview"]
    dialog.close()


def test_help_sources_in_the_menu(qtbot: QtBot, window: MainWindow) -> None:
    (help_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]
    (sources,) = help_menu.actions()
    assert sources.text() == "&Sources…"
    sources.trigger()
    dialog = window.findChild(SourcesDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.close()


def test_the_reason_and_tip_are_read_by_their_text(qtbot: QtBot, data: DataAccess) -> None:
    """Issue 15: a screen reader heard "stepReason" (then "Why this step"), not the reason."""
    tab, _ = _tab(qtbot, data)
    for label in (tab.reason, tab.tip):
        assert label.text()
        assert label.focusPolicy() == Qt.FocusPolicy.NoFocus
        name = QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name)
        assert name == label.text()
