"""A step's words in the user's language (afterview.ui.rule_words): every rule the playbook
can emit has words that go through Qt's translation, counts through %n, numbers and dates
through QLocale, and a step without a known rule shows its stored English words.

The rules are found by running the playbook over interviews that call for each of them, not
by reading the rules' table; expected texts are written out here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from afterview.domain.contact_ways import ways
from afterview.domain.playbook import plan_interview, plan_keep_searching
from afterview.domain.records import (
    Contact,
    Interview,
    Participation,
    Reference,
    Referral,
    Role,
    Status,
)
from afterview.domain.settings import ReferenceTiming, Settings, ThankYouDeadline
from afterview.domain.steps import PlannedStep
from afterview.ui.rule_words import words

NY = ZoneInfo("America/New_York")
LAURA = Contact(1, "Laura Chen", emails=ways("laura@acme.example"))
JO = Contact(2, "Jo Park")
#: Wed 13 May 2026, 10:00-11:00 New York; a week later is Wed 20 May.
BASE = Interview(
    id=7,
    company="Acme",
    position="Analyst",
    start=datetime(2026, 5, 13, 10, tzinfo=NY),
    time_zone="America/New_York",
    country="US",
    status=Status.AWAITING_DECISION,
    people=(Participation(LAURA, Role.INTERVIEWER), Participation(JO, Role.REFERRAL)),
    references=(Reference(1, "Ana Ruiz"),),
    referrals=(Referral(4, "Sam Lee"),),
)
DECIDED = datetime(2026, 6, 1, 14, tzinfo=UTC)


def every_kind_of_step() -> list[PlannedStep]:
    """Steps of every situation the playbook knows: the default, the settings' other
    choices, a country without thank-you notes, each way a follow-up is dated, the outcomes,
    a step moved off a holiday (Friday 25 December 2026), and the keep-searching nudge."""
    christmas = replace(BASE, start=datetime(2026, 12, 11, 10, tzinfo=NY))  # +14 days: 25 Dec
    plans = [
        (BASE, Settings()),
        (BASE, Settings(thank_you_deadline=ThankYouDeadline.BUSINESS_DAYS_2)),
        (replace(BASE, country="JP"), Settings()),
        (replace(BASE, agreed_follow_up=date(2026, 5, 22)), Settings()),
        (replace(BASE, decision_expected=date(2026, 5, 20)), Settings()),
        (christmas, Settings(follow_up_days=14)),
        (replace(BASE, status=Status.REJECTED, status_changed_at=DECIDED), Settings()),
        (replace(BASE, status=Status.OFFER, status_changed_at=DECIDED), Settings()),
        (
            replace(BASE, status=Status.NEXT_ROUND, status_changed_at=DECIDED),
            Settings(reference_timing=ReferenceTiming.WHEN_ASKED),
        ),
    ]
    steps = [
        step for interview, settings in plans for step in plan_interview(interview, settings, {})
    ]
    now = BASE.end + timedelta(days=1)
    return steps + plan_keep_searching([BASE], Settings(), {}, now)


class Brackets(QTranslator):
    """Pseudo-translation: every text in brackets, so a test sees which came through tr()."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return f"[{source}]"

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def brackets(qapp: QApplication) -> Iterator[None]:
    translator = Brackets(qapp)
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.fixture
def locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


def test_every_rule_the_playbook_emits_has_translated_words(brackets: None) -> None:
    steps = every_kind_of_step()
    emitted = {step.rule for step in steps}
    # Every situation above: 14 rules, each planned by some step.
    assert len(emitted) == 14, sorted(emitted)
    for step in steps:
        said = words(step.rule, step.rule_params, "STORED TITLE", "STORED REASON")
        assert said.title.startswith("[") and said.title.endswith("]"), (step.rule, said)
        assert said.reason.startswith("[") and said.reason.endswith("]"), (step.rule, said)
        assert "STORED" not in said.title + said.reason
        assert "%" not in said.reason.replace("%1%", ""), said.reason  # every marker filled
        assert said.source.startswith("["), said.source  # the article's title, translated
        # The person is named in the user's language wherever the English title names them.
        if step.person and step.person in step.title:
            assert step.person in said.title, said


def test_counts_go_through_the_plural_machinery(brackets: None) -> None:
    one = words("keep_searching", json.dumps({"active": 1}), "", "")
    two = words("keep_searching", json.dumps({"active": 2}), "", "")
    assert one.reason == "[Only 1 active application(s): keep applying until you have an offer.]"
    assert two.reason == "[Only 2 active application(s): keep applying until you have an offer.]"
    # None left alive: not "Only 0" (a fresh tester's finding).
    none = words("keep_searching", json.dumps({"active": 0}), "", "")
    assert none.reason == "[No application is active: keep applying until you have an offer.]"
    days = words("thank_you.business_days", json.dumps({"days": 2, "person": "Ann"}), "", "")
    assert days.reason == (
        "[Thank each interviewer within 2 business day(s), even if you don't want the job.]"
    )


def test_english_words_with_the_thank_you_figures(locale: None) -> None:
    QLocale.setDefault(QLocale("en_US"))
    said = words("thank_you.fast", json.dumps({"person": "Laura Chen"}), "x", "y")
    assert said.title == "Thank-you note to Laura Chen"
    assert said.reason == (
        "Thank each interviewer within 24 hours, while the interview is fresh in their mind, "
        "even if you don't want the job."
    )
    assert said.source == "Congratulations: You've Completed Your Job Interview"
    assert said.tip == (
        "Tip: 22% of employers are less likely to hire someone who sends no thank-you note "
        "(CareerBuilder, in “What Professionals Do After Every Interview”). 80% of hiring "
        "managers find a thank-you note influential, yet only 57% of candidates send one "
        "(“Congratulations: You've Completed Your Job Interview”)."
    )
    assert "Why: from the article “Congratulations" in said.tooltip()


def test_figures_and_dates_follow_the_locale(locale: None) -> None:
    QLocale.setDefault(QLocale("ar_EG"))
    tip = words("thank_you.fast", "{}", "", "").tip
    assert "٢٢" in tip and "٥٧" in tip and "22" not in tip
    QLocale.setDefault(QLocale("de_DE"))
    moved = {"to": "business_day", "closed": [["2026-12-25", "Christmas Day"]]}
    said = words(
        "follow_up.first", json.dumps({"anchor": "days", "days": 7, "moved": moved}), "", ""
    )
    assert "(Freitag, 25. Dezember 2026 is Christmas Day)" in said.reason
    early = {"to": "working_hours", "start": "09:00", "wanted": "07:30"}
    said = words("courtesy_note", json.dumps({"moved": early}), "", "")
    assert said.reason.endswith(
        "Moved to 09:00, when working hours start: nobody answers a call at 07:30."
    )


@pytest.mark.parametrize(
    ("rule", "params"),
    [
        ("", "{}"),  # planned before rule ids existed
        ("a.rule.of.a.later.release", "{}"),
        ("thank_you.business_days", "{}"),  # its count is missing
        ("follow_up.first", '{"anchor": "agreed", "date": "not a date"}'),
        ("keep_searching", "not json"),
    ],
)
def test_a_step_without_known_words_shows_what_was_stored(rule: str, params: str) -> None:
    said = words(rule, params, "Stored title", "Stored reason.")
    assert (said.title, said.reason, said.source, said.tip) == (
        "Stored title",
        "Stored reason.",
        "",
        "",
    )
