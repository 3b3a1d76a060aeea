"""Today and a follow-up's answer (issue 17 §3), in the window on both backends: a follow-up
card asks in one click whether it got an answer, and an application whose last follow-up has
gone unanswered for 14 days is offered to be closed as "no response" (seed 001 §5), with a
button; nothing is closed without the click."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.domain.applications import Outcome, Stage
from afterview.store.api import open_store
from afterview.ui.main_window import TODAY, MainWindow
from afterview.ui.step_card import StepCard
from afterview.ui.workspace import Workspace

#: Sunday 22 November 2026, 12:00 UTC: both applications' follow-ups (applied 2 November,
#: ten days later in business days) are overdue.
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _applications(data_dir: Path, answer: bool | None = None) -> dict[str, int]:
    """Acme and Globex, applied on 2 November; with ``answer``, Acme's follow-up done at NOW
    with that answer."""
    made = {}
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as store:
        store.settings.save_playbook({"home_time_zone": "UTC"})
        for company in ("Acme", "Globex"):
            values = {"company": company, "position": "Engineer", "applied_on": date(2026, 11, 2)}
            made[company] = store.applications.create(values).value
        if answer is not None:
            (step,) = [s for s in store.steps.all() if s.application_id == made["Acme"]]
            store.steps.done(step.id, answered=answer)
    return made


def _window(qtbot: QtBot, data_dir: Path, now: datetime) -> tuple[MainWindow, Workspace]:
    window = MainWindow(paths.resolve(data_dir), clock=lambda: now)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.load()
    assert window.workspace is not None
    window.show_page(TODAY)
    return window, window.workspace


def _follow_up_card(workspace: Workspace, company: str) -> StepCard:
    return next(
        card
        for card in workspace.today.cards
        if card.item.kind == "follow_up" and card.item.company == company
    )


def test_a_follow_up_is_done_with_its_answer_in_one_click(qtbot: QtBot, data_dir: Path) -> None:
    made = _applications(data_dir)
    _, workspace = _window(qtbot, data_dir, NOW)
    acme = _follow_up_card(workspace, "Acme")
    assert [b.text() for b in acme.buttons[:2]] == ["No answer yet", "They answered"]
    assert acme.answered_button is not None
    assert acme.answered_button.accessibleName() == (
        "Mark done, they answered: Ask Acme about your application, Acme — Engineer"
    )
    step_id = acme.item.step_id
    acme.answered_button.click()
    qtbot.waitUntil(lambda: workspace.store.steps.get(step_id).status == "done")
    assert workspace.store.steps.get(step_id).answered is True
    globex = _follow_up_card(workspace, "Globex")
    other = globex.item.step_id
    globex.done_button.click()
    qtbot.waitUntil(lambda: workspace.store.steps.get(other).status == "done")
    assert workspace.store.steps.get(other).answered is False
    assert workspace.store.steps.get(other).done_at == NOW
    assert workspace.store.applications.get(made["Globex"]).stage is Stage.APPLIED


def test_no_response_is_offered_after_fourteen_days_and_closed_only_on_the_click(
    qtbot: QtBot, data_dir: Path
) -> None:
    made = _applications(data_dir, answer=False)
    # 14 days after the follow-up went (the day before, the store's query has none: see
    # tests/unit/test_follow_up_answer.py).
    _, shown = _window(qtbot, data_dir, NOW + timedelta(days=14))
    (row,) = shown.today.offer_rows
    assert row.offer.application_id == made["Acme"]
    assert row.close_button.text() == "Close as no response"
    assert row.close_button.accessibleName() == "Close as no response: Acme — Engineer"
    # Offered, never assumed.
    assert shown.store.applications.get(made["Acme"]).stage is Stage.APPLIED
    row.close_button.click()
    qtbot.waitUntil(lambda: shown.store.applications.get(made["Acme"]).stage is Stage.CLOSED)
    assert shown.store.applications.get(made["Acme"]).outcome is Outcome.NO_RESPONSE
    qtbot.waitUntil(lambda: shown.today.offer_rows == [])
    # Globex had no follow-up done: nothing was ever offered for it.
    assert shown.store.applications.get(made["Globex"]).stage is Stage.APPLIED


def test_no_response_is_offered_when_today_was_shown_before_the_store_opened(
    qtbot: QtBot, data_dir: Path
) -> None:
    """As the window starts: Today is painted from the plain reader first, and the offers,
    which need the store, come once it has opened (a fresh tester's restart lost them)."""
    made = _applications(data_dir, answer=False)
    window = MainWindow(paths.resolve(data_dir), clock=lambda: NOW + timedelta(days=14))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10_000)
    early = window.today_page
    assert early is not None, "Today was not painted before the store opened"
    assert window.workspace is not None and window.workspace.today is early
    qtbot.waitUntil(lambda: len(early.offer_rows) == 1)
    assert early.offer_rows[0].offer.application_id == made["Acme"]
    # With applications and no interview yet, Today shows their follow-ups, not the welcome.
    assert window.stack.currentWidget() is early
