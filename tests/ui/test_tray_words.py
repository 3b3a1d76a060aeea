"""The tray says steps in the user's language (issue 14): notification phrases and step
titles go through Qt's translation (afterview.tray.words, afterview.ui.rule_words), counts
through %n; a step without a known rule keeps its stored English title. A bracketing
pseudo-translator shows which texts came through tr()."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from afterview.notify import message
from afterview.store.reminders import Reminder
from afterview.tray import icon as tray_icon
from afterview.tray import words
from afterview.tray.menu import MenuActions, MenuState, TrayMenu

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
ZONE = "America/New_York"  # 09:00 there


def _reminder(step_id: int, rule: str, params: str, title: str, due: datetime = NOW) -> Reminder:
    return Reminder(step_id, "thank_you", title, "Laura Chen", "Acme", "Analyst", due, rule, params)


THANKS = _reminder(1, "thank_you.fast", '{"person": "Laura Chen"}', "Thank-you note to Laura Chen")
#: Stored by an earlier release: no rule id, the English words only.
OLD = _reminder(2, "", "{}", "Old English title", NOW - timedelta(hours=2))


class Brackets(QTranslator):
    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return f"[{source}]"

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def brackets(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("en_GB"))
    translator = Brackets(qapp)
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def test_a_steps_notification_is_translated(brackets: None) -> None:
    shown = message.compose([THANKS], NOW, ZONE, words.phrases())
    assert shown is not None
    assert shown.summary == "[Follow-up due]"
    assert shown.body == "[Thank-you note to Laura Chen] — Acme, Analyst — [due by 09:00]"
    assert shown.actions == (("done", "[Done]"), ("snooze", "[Snooze 1 h]"), ("default", "[Open]"))


def test_a_summary_counts_through_the_plural_machinery(brackets: None) -> None:
    shown = message.compose([OLD, THANKS, THANKS], NOW, ZONE, words.phrases())
    assert shown is not None
    assert shown.summary == "[3 follow-up(s) overdue]"
    # Lines of at most 36 characters (message.WIDTH): the company goes before a title is cut,
    # and the fourth line, spare, lets the first step keep its company.
    assert shown.body.split("\n") == [
        "07:00 [Old English title with Laura",
        "Chen] — Acme",
        "09:00 [Thank-you note to Laura Chen]",
        "09:00 [Thank-you note to Laura Chen]",
    ]
    assert shown.actions == (("default", "[Open Afterview]"),)


def test_a_summary_rows_time_is_brief_and_in_the_locale(qapp: QApplication) -> None:
    before = QLocale()
    try:
        for locale, saturday, november in (("en_GB", "Sat", "10 Nov"), ("de_DE", "Sa.", "10 Nov.")):
            QLocale.setDefault(QLocale(locale))
            assert words.brief_when(NOW, NOW, ZONE) == "09:00"
            assert words.brief_when(NOW - timedelta(days=2), NOW, ZONE) == saturday
            assert words.brief_when(NOW - timedelta(days=13), NOW, ZONE) == november
        # The tray's phrases use it for a summary's rows (not "Sat 21/11/2026 09:00").
        older = _reminder(3, "", "{}", "Debrief", NOW - timedelta(days=2))
        shown = message.compose([older, older], NOW, ZONE, words.phrases())
        assert shown is not None
        assert shown.body.split("\n")[0] == f"{saturday} Debrief with Laura Chen — Acme"
    finally:
        QLocale.setDefault(before)


def test_the_menu_and_tooltip_are_translated(brackets: None) -> None:
    def nothing() -> None:
        pass

    menu = TrayMenu(
        lambda: MenuState(due=[THANKS, OLD], total_due=2, paused_until=None),
        MenuActions(nothing, nothing, nothing, nothing, nothing, nothing),
    )
    menu.rebuild()
    texts = [action.text() for action in menu.actions() if action.text()]
    assert texts[:3] == [
        "[2 step(s) due]",
        "[Thank-you note to Laura Chen] — Acme",
        "Old English title — Acme",
    ]
    assert texts[3:] == [
        "[Snooze all 1 hour]",
        "[Pause until tomorrow morning]",
        "[Open Afterview]",
        "[Quit]",
    ]
    assert tray_icon.tooltip(1, "08:00") == (
        "[Afterview: 1 follow-up step(s) due]\n[Reminders paused until 08:00]"
    )
    menu.deleteLater()
