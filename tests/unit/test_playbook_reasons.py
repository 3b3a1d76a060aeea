"""What the playbook tells the user about each step, word for word (the title and the reason
citing the seed article), who each step is with, and the rules' edges
(afterview.domain.playbook). Steps are found by kind and person, never by their key."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from afterview.domain.contact_ways import PostalAddress, ways
from afterview.domain.playbook import (
    plan_interview,
    plan_keep_searching,
    search_facts,
    step_key,
)
from afterview.domain.records import (
    Channel,
    Contact,
    Interview,
    Participation,
    Reference,
    Referral,
    Role,
    Status,
    StepKind,
    StepStatus,
)
from afterview.domain.settings import ReferenceTiming, Settings, ThankYouDeadline
from afterview.domain.steps import PlannedStep, StepState

NY = ZoneInfo("America/New_York")
LAURA = Contact(1, "Laura Chen", title="Engineering manager", emails=ways("laura@acme.example"))
PRIYA = Contact(3, "Priya Nair", title="Director", preferred_channel=Channel.LETTER,
                addresses=ways(PostalAddress("1 Main St")))  # fmt: skip
ANA = Reference(1, "Ana Ruiz", email="ana@example.org")
SAM = Referral(4, "Sam Lee", phone="+1 555 0142")
#: Wed 13 May 2026, 10:00-11:00 New York (15:00 UTC end), awaiting a decision.
SUBJECT = Interview(
    id=7,
    company="Acme",
    position="Data analyst",
    start=datetime(2026, 5, 13, 10, 0, tzinfo=NY),
    time_zone="America/New_York",
    country="US",
    status=Status.AWAITING_DECISION,
    people=(Participation(LAURA, Role.INTERVIEWER), Participation(PRIYA, Role.DECISION_MAKER)),
    references=(ANA,),
    referrals=(SAM,),
)
END = datetime(2026, 5, 13, 15, tzinfo=UTC)
DECIDED = datetime(2026, 6, 1, 14, tzinfo=UTC)

THANK_YOU_TAIL = "; 001 §1: to each participant; 003: even if you don't want the job."
FOLLOW_UP = (
    "Ask where things are, {why}; by the contact's preferred channel (001 §4). "
    "It shows you are still interested."
)
#: (kind, title, reason) as the user reads them; the thank-yous, follow-ups and the
#: reference's step are checked in their own tests below.
TEXTS = {
    StepKind.DEBRIEF: (
        "Write the debrief",
        "Seed 004 'Put on Your Analyst's Cap': analyse it immediately after, while it is "
        "fresh; 000 §2: what you learned, open questions, what to improve.",
    ),
    StepKind.CONTACT_CARDS: (
        "Complete the contact cards",
        "Seed 000 §1, 002 'Following Up the Interview', 003: the correct name, title and "
        "a way to reach everyone you met, so you can follow up.",
    ),
    StepKind.CONTACT_REFERRAL: (
        "Contact referral Sam Lee",
        "Seed 003: follow up the names you were given as soon as possible.",
    ),
    StepKind.COURTESY_NOTE: (
        "Send a courteous note after the rejection",
        "Seed 002 'Don't Stop Looking': be as courteous as possible and keep the contacts; "
        "003: keep the relationship pleasant, they may consider you first next time.",
    ),
    StepKind.RECONNECT: (
        "Reconnect with Acme",
        "Seed 002: contacts may offer you future jobs; 003: another position may come up "
        "that suits you.",
    ),
    StepKind.THANK_REFERENCES: (
        "Thank your references and tell them the outcome",
        "Common courtesy: your references were part of the process (seed 001 §2).",
    ),
}


def _plan(subject: Interview = SUBJECT, **settings: object) -> list[PlannedStep]:
    return plan_interview(subject, Settings(**settings), {})  # type: ignore[arg-type]


def _one(steps: list[PlannedStep], kind: StepKind, person: str | None = None) -> PlannedStep:
    (step,) = [s for s in steps if s.kind is kind and (person is None or s.person == person)]
    return step


def test_titles_and_reasons_cite_the_seeds_word_for_word() -> None:
    steps = _plan()
    steps += _plan(replace(SUBJECT, status=Status.REJECTED, status_changed_at=DECIDED))
    steps += _plan(replace(SUBJECT, status=Status.OFFER, status_changed_at=DECIDED))
    for kind, (title, reason) in TEXTS.items():
        said = {(step.title, step.reason) for step in steps if step.kind is kind}
        assert said == {(title, reason)}, kind


@pytest.mark.parametrize(
    ("settings", "country", "title", "reason"),
    [
        (
            {},
            "US",
            "Thank-you note to Laura Chen",
            "Seed 004 'Send a Thank You Email/Card': within 24 hours, while it is fresh"
            + THANK_YOU_TAIL,
        ),
        (
            {"thank_you_deadline": ThankYouDeadline.BUSINESS_DAYS_2},
            "US",
            "Thank-you note to Laura Chen",
            "Seeds 002 and 003: within two business days" + THANK_YOU_TAIL,
        ),
        (
            {},
            "JP",
            "Thank-you note to Laura Chen",
            "Optional: seed 000 §4 says thank-you notes are not customary in Japan; "
            "still thank the interviewers at the end of the interview.",
        ),
        (
            {"no_thank_you_countries": frozenset({"KR"})},
            "KR",
            "Thank-you note to Laura Chen",
            "Optional: seed 000 §4 says thank-you notes are not customary in KR; "
            "still thank the interviewers at the end of the interview.",
        ),
    ],
)
def test_thank_you_reasons(
    settings: dict[str, object], country: str, title: str, reason: str
) -> None:
    step = _one(
        _plan(replace(SUBJECT, country=country), **settings), StepKind.THANK_YOU, "Laura Chen"
    )
    assert (step.title, step.reason) == (title, reason)
    assert step.optional is reason.startswith("Optional")


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        (
            {"agreed_follow_up": date(2026, 5, 22)},
            "on the date you agreed (004 'Ask When to Follow Up'; 003: if asked, do it)",
        ),
        (
            {"decision_expected": date(2026, 5, 20)},
            "the day after the decision was expected (002 'Know the Process', 003)",
        ),
        ({}, "7 days after (001 §4: over a week; 003: 7-10 days)"),
    ],
)
def test_the_follow_up_says_why_then_and_goes_to_the_decision_maker(
    changes: dict[str, object], why: str
) -> None:
    steps = _plan(replace(SUBJECT, **changes))  # type: ignore[arg-type]
    first, second = [s for s in steps if s.kind is StepKind.FOLLOW_UP]
    assert (first.title, first.reason) == (
        "Follow up on your application",
        FOLLOW_UP.format(why=why),
    )
    assert (second.title, second.reason) == (
        "Second follow-up, then let it rest",
        "Seed 001 §5: stay calm and don't become overly aggressive: one more follow-up, "
        "then stop; 003: be patient, hiring can take long; 004.",
    )
    for step in (first, second):
        assert (step.person, step.channel, step.contact_id) == ("Priya Nair", Channel.LETTER, 3)


@pytest.mark.parametrize(
    ("timing", "status", "reason"),
    [
        (
            ReferenceTiming.NEXT_BUSINESS_DAY,
            Status.AWAITING_DECISION,
            "Seed 000 §3: tell the references you used that someone may call, so they are not "
            "caught off guard; 001 §2: tell them what to expect.",
        ),
        (
            ReferenceTiming.WHEN_ASKED,
            Status.NEXT_ROUND,
            "Seed 001 §2: at the next stage you will be asked for references; reach out and "
            "tell them what to expect; 002 'Following Up the Interview'.",
        ),
    ],
)
def test_telling_a_reference_says_why(timing: ReferenceTiming, status: Status, reason: str) -> None:
    subject = replace(SUBJECT, status=status, status_changed_at=DECIDED)
    step = _one(_plan(subject, reference_timing=timing), StepKind.NOTIFY_REFERENCE)
    assert (step.title, step.reason) == ("Tell Ana Ruiz (reference) what to expect", reason)
    assert (step.person, step.reference_id) == ("Ana Ruiz", 1)


def test_after_a_rejection_the_note_and_reconnect_go_to_the_decision_maker() -> None:
    steps = _plan(replace(SUBJECT, status=Status.REJECTED, status_changed_at=DECIDED))
    for kind in (StepKind.COURTESY_NOTE, StepKind.RECONNECT):
        step = _one(steps, kind)
        assert (step.person, step.channel, step.contact_id) == ("Priya Nair", Channel.LETTER, 3)


def test_a_referral_step_names_the_referral() -> None:
    step = _one(_plan(), StepKind.CONTACT_REFERRAL)
    assert (step.referral_id, step.person, step.channel) == (4, "Sam Lee", Channel.PHONE)
    assert (step.contact_id, step.reference_id) == (None, None)


def test_the_second_follow_up_of_a_done_first_without_a_time_counts_from_its_due() -> None:
    # A first follow-up marked done with no time recorded (as an old file may hold it): the
    # second counts from when the first was due, 7 days after the end.
    first = next(s for s in _plan() if s.kind is StepKind.FOLLOW_UP)
    history = {
        first.key: StepState(
            id=1,
            key=first.key,
            kind=StepKind.FOLLOW_UP,
            status=StepStatus.DONE,
            planned_due=first.due,
            done_at=None,
        )
    }
    steps = plan_interview(SUBJECT, Settings(), history)
    second = [s for s in steps if s.kind is StepKind.FOLLOW_UP][1]
    assert second.due == END + timedelta(days=14)


def test_keep_searching_counts_only_its_own_history() -> None:
    # A finished debrief is not a finished nudge: the nudge is the first, a week after the end.
    finished = StepState(id=1, key="other", kind=StepKind.DEBRIEF, status=StepStatus.DONE,
                         planned_due=END, done_at=END + timedelta(days=3))  # fmt: skip
    now = END + timedelta(days=2)
    (fresh,) = plan_keep_searching([SUBJECT], Settings(), {}, now)
    (step,) = plan_keep_searching([SUBJECT], Settings(), {"other": finished}, now)
    assert step == fresh
    assert step.due == END + timedelta(days=7)
    assert step.title == "Keep searching"
    assert step.reason == (
        "Only 1 application(s) active: seed 001 §3 keep looking until you have an offer; "
        "000 §5, 002 'Don't Stop Looking', 003, 004 'Keep Up Your Search'."
    )


def test_an_interview_ending_right_now_is_the_latest_one_over() -> None:
    earlier = replace(SUBJECT, id=8, start=SUBJECT.start - timedelta(days=2))
    later = replace(SUBJECT, id=9, start=SUBJECT.start + timedelta(days=2))
    facts = search_facts([earlier, SUBJECT, later], END)
    assert facts.anchor_end == END


def test_keep_searching_needs_an_aware_now() -> None:
    with pytest.raises(ValueError, match=r"^now must be an aware datetime$"):
        plan_keep_searching([SUBJECT], Settings(), {}, datetime(2026, 5, 20, 12))


def test_a_key_without_a_suffix_is_the_rules_key() -> None:
    subject = SUBJECT
    assert step_key(subject, StepKind.DEBRIEF) == step_key(subject, StepKind.DEBRIEF, "")
    assert step_key(subject, StepKind.DEBRIEF) != step_key(subject, StepKind.DEBRIEF, "x")
