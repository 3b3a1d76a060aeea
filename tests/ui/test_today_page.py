"""Today through the window (issue 14): calendar groups for Sunday-first and Monday-first
locales, sample cards marked, and step buttons that keep their words at 800×600 or become
icons with a tooltip (that names the key, issue 15) and an accessible name when the card is
too narrow."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.store.today import Group
from afterview.ui.main_window import TODAY, MainWindow
from afterview.ui.today_page import StepCard
from afterview.ui.workspace import Workspace

#: A Wednesday: in a Sunday-first week Saturday is its last day, in a Monday-first one Sunday.
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
#: Hours from NOW: before it, today, Thursday, Friday, Saturday, Sunday noon (this week or
#: next, by the locale), Monday, Tuesday 8 December.
HOURS = [-30, 5, 26, 74, 98, 122, 146, 290]


@pytest.fixture
def locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


def _window(qtbot: QtBot, data_dir: Path, now: datetime = NOW) -> MainWindow:
    win = MainWindow(paths.resolve(data_dir), clock=lambda: now)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.load()
    return win


def _with_sample(qtbot: QtBot, data_dir: Path) -> tuple[MainWindow, Workspace]:
    window = _window(qtbot, data_dir)
    window.welcome.sample_button.click()
    workspace = window.workspace
    assert workspace is not None
    window.show_page(TODAY)
    return window, workspace


def _week(day: date, first_weekday: int) -> int:
    """Grows by one on each ``first_weekday`` (1 Jan of year 1, ordinal 1, is a Monday)."""
    return (day.toordinal() - first_weekday) // 7


def _expected(due: datetime, first_weekday: int) -> Group:
    """The issue's groups, by counting days and weeks on the computer's calendar."""
    if due <= NOW:
        return Group.OVERDUE
    day, today = due.astimezone().date(), NOW.astimezone().date()
    if day == today:
        return Group.TODAY
    if (day - today).days == 1:
        return Group.TOMORROW
    weeks = _week(day, first_weekday) - _week(today, first_weekday)
    return {0: Group.THIS_WEEK, 1: Group.NEXT_WEEK}.get(weeks, Group.LATER)


@pytest.mark.parametrize(
    ("name", "first_weekday"), [("en_US", 7), ("de_DE", 1)], ids=["sunday-first", "monday-first"]
)
@pytest.mark.usefixtures("locale")
def test_groups_follow_the_locales_week(
    qtbot: QtBot, data_dir: Path, name: str, first_weekday: int
) -> None:
    QLocale.setDefault(QLocale(name))
    _window, workspace = _with_sample(qtbot, data_dir)
    open_steps = [s for s in workspace.store.steps.all() if s.status in ("pending", "snoozed")]
    assert len(open_steps) >= len(HOURS)
    dues = {s.id: NOW + timedelta(hours=HOURS[n % len(HOURS)]) for n, s in enumerate(open_steps)}
    for step_id, due in dues.items():
        workspace.store.steps.set_due(step_id, due)
    workspace.today.load(workspace.store.today)
    expected = {step_id: _expected(due, first_weekday) for step_id, due in dues.items()}
    shown = {card.item.step_id: card.group for card in workspace.today.cards}
    assert shown == expected
    assert set(expected.values()) == set(Group)  # every group has something: the edges count
    headings = [g for g in Group if workspace.today.findChild(object, f"group-{g.name}")]
    assert headings == list(Group)


def test_sample_cards_are_marked(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, workspace = _with_sample(qtbot, data_dir)
    cards = workspace.today.cards
    assert cards and all(card.item.sample for card in cards)
    for card in cards:
        assert card.sample_badge is not None and card.sample_badge.isVisibleTo(window)
        assert card.sample_badge.text() == "Sample"
    values = {"company": "Own Co", "position": "Analyst", "start": datetime(2026, 11, 26, 10),
              "time_zone": "UTC"}  # fmt: skip
    workspace.store.interviews.create(values, [])
    workspace.today.load(workspace.store.today)
    own = [card for card in workspace.today.cards if card.item.company == "Own Co"]
    assert own and all(card.sample_badge is None for card in own)


def _text_fits(button: QToolButton) -> bool:
    """The button's words fit its contents rectangle beside the icon (no eliding)."""
    words = QFontMetrics(button.font()).horizontalAdvance(button.text())
    room = button.contentsRect().width() - button.iconSize().width() - 4
    return words <= room


def _settle(qtbot: QtBot, window: MainWindow, size: QSize) -> None:
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size)
    QApplication.processEvents()


def test_step_buttons_show_their_words_at_800_by_600(qtbot: QtBot, data_dir: Path) -> None:
    window, workspace = _with_sample(qtbot, data_dir)
    _settle(qtbot, window, QSize(800, 600))
    cards: list[StepCard] = workspace.today.cards
    assert cards
    for card in cards:
        assert not card.compact, card.item.title
        for button in card.buttons:
            assert button.text() and _text_fits(button), (button.text(), button.width())


def test_narrow_step_buttons_become_icons_that_still_say_what_they_do(
    qtbot: QtBot, data_dir: Path
) -> None:
    window, workspace = _with_sample(qtbot, data_dir)
    _settle(qtbot, window, QSize(800, 600))
    card = workspace.today.cards[0]
    # What a large font or a long translation does to the card: make it narrow.
    card.setFixedWidth(card.wide_width() + 20)
    qtbot.waitUntil(lambda: card.compact)
    tips = {"Write": "Write the letter (Ctrl+E)", "Done": "Mark done (Ctrl+D)",
            "Snooze": "Snooze (Ctrl+L)", "Open": "Open the interview (Ctrl+O)"}  # fmt: skip
    for button in card.buttons:
        assert button.toolTip() == tips[button.text()]
        # The words the icon stands for, the step and its interview (issue 15).
        name = button.accessibleName()
        assert card.item.company in name and card.item.position in name, name
        assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    card.setMinimumWidth(0)
    card.setMaximumWidth(16777215)
    qtbot.waitUntil(lambda: not card.compact)
