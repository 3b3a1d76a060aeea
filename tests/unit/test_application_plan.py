"""The application's one follow-up (issue 17 §1), planned while no interview has come.

Where its numbers come from: no seed article speaks of the time after applying, before any
interview. The nearest advice is 003_891bc8bc7e47ea3a.txt ("With a week to ten days, make a
follow-up phone call") and 001_78c410949a4570b0.txt §4 "Follow up" (more than one week), both
about an interview; the default of 10 days is the end of 003's range, a choice the setting
states. Like every step that reaches out, it lands on a business day in working hours (issue 12,
the interview follow-ups' rule). Expected instants are written in UTC by hand.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from afterview.domain.application_plan import follow_up_key, plan_application
from afterview.domain.applications import Application, Outcome, Stage
from afterview.domain.records import StepKind
from afterview.domain.rules import RULES
from afterview.domain.settings import Settings

S001 = "001_78c410949a4570b0.txt"
S003 = "003_891bc8bc7e47ea3a.txt"

NEW_YORK = Settings(home_time_zone="America/New_York", home_country="US")
BERLIN = Settings(home_time_zone="Europe/Berlin", home_country="DE")


def applied(day: date | None, **changes: object) -> Application:
    return Application(3, "Acme", "Engineer", applied_on=day, key="a-acme", **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "settings", "want", "moved"),
    [
        pytest.param(
            date(2026, 11, 2),
            NEW_YORK,
            datetime(2026, 11, 12, 14, tzinfo=UTC),
            None,
            id=f"Mon 2 Nov + 10 days = Thu 12 Nov 09:00 EST [{S003} 'a week to ten days']",
        ),
        pytest.param(
            date(2026, 11, 4),
            NEW_YORK,
            datetime(2026, 11, 16, 14, tzinfo=UTC),
            {"to": "business_day", "closed": [["2026-11-14", None]]},
            id=f"Wed 4 Nov + 10 days is a Saturday: Mon 16 Nov [{S001} sec 4]",
        ),
        pytest.param(
            date(2026, 11, 16),
            NEW_YORK,
            datetime(2026, 11, 27, 14, tzinfo=UTC),
            {"to": "business_day", "closed": [["2026-11-26", "Thanksgiving Day"]]},
            id="Mon 16 Nov + 10 days is Thanksgiving: Fri 27 Nov",
        ),
        pytest.param(
            date(2026, 12, 15),
            BERLIN,
            datetime(2026, 12, 28, 8, tzinfo=UTC),
            {
                "to": "business_day",
                "closed": [
                    ["2026-12-25", "Christmas Day"],
                    ["2026-12-26", "Second Day of Christmas"],
                ],
            },
            id="home in Germany: over Christmas to Mon 28 Dec 09:00 CET",
        ),
        pytest.param(
            date(2026, 11, 2),
            Settings(home_time_zone="America/New_York", application_follow_up_days=7),
            datetime(2026, 11, 9, 14, tzinfo=UTC),
            None,
            id="the setting: 7 days",
        ),
    ],
)
def test_one_follow_up_after_the_settings_days(
    day: date, settings: Settings, want: datetime, moved: dict[str, object] | None
) -> None:
    (step,) = plan_application(applied(day), 0, settings)
    assert step.due == want
    assert (step.kind, step.rule) == (StepKind.FOLLOW_UP, "application.follow_up")
    assert RULES[step.rule].sources[0].article == "003"
    assert (step.application_id, step.interview_id, step.satisfied) == (3, None, False)
    assert step.key == "application:a-acme:follow_up"
    params = json.loads(step.rule_params)
    assert params.get("moved") == moved
    assert (params["days"], params["company"]) == (settings.application_follow_up_days, "Acme")
    assert step.title == "Ask Acme about your application"


def test_the_default_is_ten_days() -> None:
    assert Settings().application_follow_up_days == 10


def test_it_closes_when_the_first_interview_is_added() -> None:
    app = applied(date(2026, 11, 2))
    key = follow_up_key(app)
    (step,) = plan_application(app, 1, NEW_YORK, stored={key})
    assert step.satisfied
    # An application that had its interview before any follow-up was planned gets none.
    assert plan_application(app, 1, NEW_YORK) == []


def test_none_for_a_closed_application_or_an_unknown_day() -> None:
    closed = applied(date(2026, 11, 2), stage=Stage.CLOSED, outcome=Outcome.NO_RESPONSE)
    assert plan_application(closed, 0, NEW_YORK) == []
    assert plan_application(applied(None), 0, NEW_YORK) == []
