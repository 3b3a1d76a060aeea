"""What the playbook tells the user about each step, word for word (its rule id, the title and
the reason in plain words, each case naming the seed article it follows), who each step is
with, and the rules' edges (afterview.domain.playbook). Steps are found by kind and person,
never by their key."""

from __future__ import annotations

import json
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

#: The seed articles (files in /work/shared/seeds/) each rule follows.
S000, S001, S002 = (
    "000_bcbcb8ab78c99f5d.txt",
    "001_78c410949a4570b0.txt",
    "002_796c5bf8678ca2c3.txt",
)
S003, S004 = "003_891bc8bc7e47ea3a.txt", "004_a7c1af388e049313.txt"
FOLLOW_UP = (
    "Ask where things stand {when}, the way the contact prefers (email, phone or letter). "
    "It shows you are still interested."
)
#: kind: (rule id, title, reason) as the user reads them, and the seed the words follow; the
#: thank-yous, follow-ups and the reference's step are checked in their own tests below.
TEXTS = {
    # S004 'Put on Your Analyst's Cap'; S000 §2 'Reflect and write down notes'
    StepKind.DEBRIEF: (
        "debrief",
        "Write the debrief",
        "Write down what you learned, the questions still open and what to do better next "
        "time, right after the interview while it is fresh in your mind.",
    ),
    # S000 §1 'Get contact information'; S002 'Following Up the Interview'; S003
    StepKind.CONTACT_CARDS: (
        "contact_cards",
        "Complete the contact cards",
        "Note the correct name, job title and a way to reach everyone you met, so you can "
        "thank them and follow up.",
    ),
    # S003 'follow up on these as soon as possible'
    StepKind.CONTACT_REFERRAL: (
        "referral.contact",
        "Contact referral Sam Lee",
        "Get in touch with the people you were told about at the interview as soon as possible.",
    ),
    # S002 'be as courteous as possible'; S003 'Keep the relationship pleasant'
    StepKind.COURTESY_NOTE: (
        "courtesy_note",
        "Send a courteous note after the rejection",
        "Thank them and stay courteous: keep the contacts, they may think of you when another "
        "position comes up.",
    ),
    # S002 'They may be able to offer you future jobs'; S003
    StepKind.RECONNECT: (
        "reconnect",
        "Reconnect with Acme",
        "Get back in touch 3 months after the rejection: another position may suit you.",
    ),
    # S001 §2 (references are part of the process; common courtesy)
    StepKind.THANK_REFERENCES: (
        "references.thank",
        "Thank your references and tell them the outcome",
        "Your references were part of the process: thank them and tell them how it ended.",
    ),
}


def _plan(subject: Interview = SUBJECT, **settings: object) -> list[PlannedStep]:
    return plan_interview(subject, Settings(**settings), {})  # type: ignore[arg-type]


def _one(steps: list[PlannedStep], kind: StepKind, person: str | None = None) -> PlannedStep:
    (step,) = [s for s in steps if s.kind is kind and (person is None or s.person == person)]
    return step


def test_titles_and_reasons_read_in_plain_words_word_for_word() -> None:
    steps = _plan()
    steps += _plan(replace(SUBJECT, status=Status.REJECTED, status_changed_at=DECIDED))
    steps += _plan(replace(SUBJECT, status=Status.OFFER, status_changed_at=DECIDED))
    for kind, (rule, title, reason) in TEXTS.items():
        said = {(step.rule, step.title, step.reason) for step in steps if step.kind is kind}
        assert said == {(rule, title, reason)}, kind


@pytest.mark.parametrize(
    ("settings", "country", "rule", "reason"),
    [
        pytest.param(
            {},
            "US",
            "thank_you.fast",
            "Thank each interviewer within 24 hours, while the interview is fresh in their "
            "mind, even if you don't want the job.",
            id=f"{S004} 'Send a Thank You Email/Card' within 24 hours; {S001} sec 1; {S003}",
        ),
        pytest.param(
            {"thank_you_deadline": ThankYouDeadline.BUSINESS_DAYS_2},
            "US",
            "thank_you.business_days",
            "Thank each interviewer within 2 business days, even if you don't want the job.",
            id=f"{S003} 'Within two working days'; {S002} 'Following Up the Interview'",
        ),
        pytest.param(
            {},
            "JP",
            "thank_you.not_customary",
            "Optional: thank-you notes are not customary in Japan. Thank the interviewers in "
            "person at the end of the interview.",
            id=f"{S000} sec 4 'in such places as Japan, they are not'",
        ),
        pytest.param(
            {"no_thank_you_countries": frozenset({"KR"})},
            "KR",
            "thank_you.not_customary",
            "Optional: thank-you notes are not customary in KR. Thank the interviewers in "
            "person at the end of the interview.",
            id=f"{S000} sec 4, a country of the user's setting",
        ),
    ],
)
def test_thank_you_reasons(
    settings: dict[str, object], country: str, rule: str, reason: str
) -> None:
    step = _one(
        _plan(replace(SUBJECT, country=country), **settings), StepKind.THANK_YOU, "Laura Chen"
    )
    assert (step.rule, step.title, step.reason) == (rule, "Thank-you note to Laura Chen", reason)
    assert step.optional is reason.startswith("Optional")


@pytest.mark.parametrize(
    ("changes", "when", "params"),
    [
        pytest.param(
            {"agreed_follow_up": date(2026, 5, 22)},
            "on Friday 22 May, the date you agreed",
            {"anchor": "agreed", "date": "2026-05-22"},
            id=f"{S004} 'Ask When to Follow Up'; {S003} 'If the employer asked you'",
        ),
        pytest.param(
            {"decision_expected": date(2026, 5, 20)},
            "the day after the decision was expected (Wednesday 20 May)",
            {"anchor": "decision", "date": "2026-05-20"},
            id=f"{S002} 'Know the Process Before you Leave'; {S003}",
        ),
        pytest.param(
            {},
            "7 days after the interview",
            {"anchor": "days", "days": 7},
            id=f"{S001} sec 4 'more than one week'; {S003} 'a week to ten days'",
        ),
    ],
)
def test_the_follow_up_says_why_then_and_goes_to_the_decision_maker(
    changes: dict[str, object], when: str, params: dict[str, object]
) -> None:
    steps = _plan(replace(SUBJECT, **changes))  # type: ignore[arg-type]
    first, second = [s for s in steps if s.kind is StepKind.FOLLOW_UP]
    assert (first.rule, first.title, first.reason) == (
        "follow_up.first",
        "Follow up on your application",
        FOLLOW_UP.format(when=when),
    )
    assert json.loads(first.rule_params) == {**params, "person": "Priya Nair", "company": "Acme"}
    # S001 sec 5 'overly aggressive with your follow-up'; S003 'be patient'
    assert (second.rule, second.title, second.reason) == (
        "follow_up.second",
        "Second follow-up, then let it rest",
        "One more follow-up 7 days after the first, then stop: more would look anxious. "
        "Hiring often takes longer than anyone expects.",
    )
    for step in (first, second):
        assert (step.person, step.channel, step.contact_id) == ("Priya Nair", Channel.LETTER, 3)


@pytest.mark.parametrize(
    ("timing", "status", "rule", "reason"),
    [
        pytest.param(
            ReferenceTiming.NEXT_BUSINESS_DAY,
            Status.AWAITING_DECISION,
            "references.tell",
            "Let your references know that someone may call them, and what to expect, so they "
            "are not caught off guard.",
            id=f"{S000} sec 3 'Notify your references'; {S001} sec 2 'what to expect'",
        ),
        pytest.param(
            ReferenceTiming.WHEN_ASKED,
            Status.NEXT_ROUND,
            "references.when_asked",
            "At the next stage you will be asked for references: tell them now that someone "
            "may call, and what to expect.",
            id=f"{S001} sec 2 'Once you've reached the next stage'; {S002}",
        ),
    ],
)
def test_telling_a_reference_says_why(
    timing: ReferenceTiming, status: Status, rule: str, reason: str
) -> None:
    subject = replace(SUBJECT, status=status, status_changed_at=DECIDED)
    step = _one(_plan(subject, reference_timing=timing), StepKind.NOTIFY_REFERENCE)
    assert (step.rule, step.title, step.reason) == (
        rule,
        "Tell Ana Ruiz (reference) what to expect",
        reason,
    )
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
    # S001 sec 3 'keep looking for jobs until you have an offer'; S000 sec 5; S004
    assert (step.rule, step.title, step.reason) == (
        "keep_searching",
        "Keep searching",
        "Only 1 active application: keep applying until you have an offer.",
    )
    assert json.loads(step.rule_params) == {"active": 1}


def test_an_interview_ending_right_now_is_the_latest_one_over() -> None:
    earlier = replace(SUBJECT, id=8, start=SUBJECT.start - timedelta(days=2))
    later = replace(SUBJECT, id=9, start=SUBJECT.start + timedelta(days=2))
    facts = search_facts([earlier, SUBJECT, later], END)
    assert facts.anchor_end == END


def test_keep_searching_with_every_application_ended_says_none_is_active() -> None:
    # S001 sec 3 'keep looking for jobs until you have an offer': a rejection ends the last.
    rejected = replace(SUBJECT, status=Status.REJECTED)
    (step,) = plan_keep_searching([rejected], Settings(), {}, END + timedelta(days=2))
    assert step.reason == "No application is active: keep applying until you have an offer."
    assert json.loads(step.rule_params) == {"active": 0}


def test_keep_searching_needs_an_aware_now() -> None:
    with pytest.raises(ValueError, match=r"^now must be an aware datetime$"):
        plan_keep_searching([SUBJECT], Settings(), {}, datetime(2026, 5, 20, 12))


def test_a_key_without_a_suffix_is_the_rules_key() -> None:
    subject = SUBJECT
    assert step_key(subject, StepKind.DEBRIEF) == step_key(subject, StepKind.DEBRIEF, "")
    assert step_key(subject, StepKind.DEBRIEF) != step_key(subject, StepKind.DEBRIEF, "x")
