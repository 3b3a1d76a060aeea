"""A follow-up's answer (issue 17 §3) through the store's operations, on both backends: kept
on the step when it is marked done, carried by the interchange format, said by the job-search
log, and, when it is "no answer yet", the "no response" offer Today shows once the setting's
days have passed (seed 001 §5: letting go is calmer than a third follow-up). The offer is a
query: nothing is closed until the user closes it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from afterview import paths
from afterview.domain.applications import Outcome, Stage
from afterview.store import interchange
from afterview.store.api import open_store
from afterview.store.errors import RecordError
from afterview.store.operations import Store
from afterview.store.values import StepView

#: Sunday 22 November 2026, 12:00 UTC.
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(data_dir: Path, clock: Clock) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), clock=clock) as opened:
        opened.settings.save_playbook({"home_time_zone": "America/New_York"})
        yield opened


def _follow_up(store: Store, application_id: int) -> StepView:
    (step,) = [
        s for s in store.steps.all() if s.kind == "follow_up" and s.application_id == application_id
    ]
    return step


def _applied(store: Store, company: str = "Acme") -> int:
    return store.applications.create(
        {"company": company, "position": "Engineer", "applied_on": date(2026, 11, 2)}
    ).value


def test_the_answer_is_kept_on_the_follow_up(store: Store) -> None:
    made = _applied(store)
    step = _follow_up(store, made)
    assert step.answered is None
    done = store.steps.done(step.id, answered=False).value
    assert (done.status, done.answered, done.done_at) == ("done", False, NOW)
    # A second Done with the other answer keeps when it was done, and takes the answer.
    assert store.steps.done(step.id, answered=True).value.answered is True
    assert store.steps.done(step.id).value.answered is True  # no answer given: kept
    # Reopened, the step has not been answered either way.
    assert store.steps.reopen(step.id).value.answered is None


def test_only_a_follow_up_gets_an_answer(store: Store) -> None:
    _applied(store)
    (nudge,) = [s for s in store.steps.all() if s.kind == "keep_searching"]
    with pytest.raises(RecordError, match="only a follow-up gets an answer"):
        store.steps.done(nudge.id, answered=True)
    assert store.steps.get(nudge.id).status == "pending"


def test_no_response_is_offered_after_fourteen_days_never_closed(
    store: Store, clock: Clock
) -> None:
    made = _applied(store)
    other = _applied(store, "Globex")
    store.steps.done(_follow_up(store, made).id, answered=False)
    store.steps.done(_follow_up(store, other).id, answered=True)
    clock.now = NOW + timedelta(days=13, hours=23, minutes=59)
    assert store.applications.no_response_offers() == []
    clock.now = NOW + timedelta(days=14)
    (offer,) = store.applications.no_response_offers()
    assert (offer.application_id, offer.company, offer.since, offer.days) == (
        made,
        "Acme",
        NOW,
        14,
    )
    # Offered, not assumed: the application waits as it was.
    assert store.applications.get(made).stage is Stage.APPLIED
    store.applications.close(made, Outcome.NO_RESPONSE)
    assert store.applications.get(made).outcome is Outcome.NO_RESPONSE
    assert store.applications.no_response_offers() == []


def test_the_setting_sets_the_days(store: Store, clock: Clock) -> None:
    made = _applied(store)
    store.settings.save_playbook({"no_response_days": 3})
    store.steps.done(_follow_up(store, made).id, answered=False)
    clock.now = NOW + timedelta(days=3)
    assert [o.application_id for o in store.applications.no_response_offers()] == [made]


def test_the_interchange_carries_the_answer(store: Store) -> None:
    made = _applied(store)
    step = _follow_up(store, made)
    store.steps.done(step.id, answered=False)
    exported = json.loads(json.dumps(store.data.export_document()))
    (written,) = [s for s in exported["steps"] if s["key"] == step.key]
    assert written["answered"] is False
    store.steps.reopen(step.id)
    store.data.import_document(interchange.parse_document(copy.deepcopy(exported)))
    assert store.steps.get(step.id).answered is False
    # Only a follow-up has one.
    for item in exported["steps"]:
        if item["kind"] == "keep_searching":
            item["answered"] = True
    with pytest.raises(RecordError, match="only a follow-up gets an answer"):
        interchange.parse_document(exported)


def test_the_log_says_answered_or_not(store: Store, clock: Clock) -> None:
    made = _applied(store)
    other = _applied(store, "Globex")
    store.steps.done(_follow_up(store, made).id, answered=False)
    store.steps.done(_follow_up(store, other).id, answered=True)
    log = store.reports.activities(date(2026, 11, 1), date(2026, 11, 30))
    results = sorted((a.company, a.result) for a in log if a.kind.value == "follow_up")
    assert results == [("Acme", "no_answer"), ("Globex", "answered")]


def test_a_follow_ups_notification_asks_the_answer() -> None:
    """The tray's notification of a follow-up has the two Done buttons; other steps keep one."""
    from afterview.notify import message
    from afterview.store.reminders import Reminder

    def reminder(kind: str) -> Reminder:
        return Reminder(7, kind, "Follow up", None, "Acme", "Engineer", NOW)

    follow_up = message.for_step(reminder("follow_up"), NOW, "UTC")
    assert follow_up.actions == (
        ("done-no-answer", "Done, no answer yet"),
        ("done-answered", "Done, they answered"),
        ("snooze", "Snooze 1 h"),
        ("default", "Open"),
    )
    thank_you = message.for_step(reminder("thank_you"), NOW, "UTC")
    assert thank_you.actions == (("done", "Done"), ("snooze", "Snooze 1 h"), ("default", "Open"))


def test_the_command_line_takes_the_answer(data_dir: Path, clock: Clock) -> None:
    from afterview.cli import main

    with open_store(paths.resolve(data_dir), clock=clock) as store:
        made = _applied(store)
        step = _follow_up(store, made)
    assert (
        main(["--data-dir", str(data_dir), "step", "done", str(step.id), "--answered", "no"]) == 0
    )
    with open_store(paths.resolve(data_dir), clock=clock) as store:
        assert store.steps.get(step.id).answered is False
