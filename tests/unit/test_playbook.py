"""The follow-up playbook, one case per rule of PRODUCT.md's table.

Every case names the seed article (``/work/shared/seeds/<file>``) and section
its rule comes from. Expected due instants are written in UTC so that a
DST or business-day mistake shows as a wrong number, not as a shared bug.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview.domain.calendar import is_business_day
from afterview.domain.contact_ways import PostalAddress, ways
from afterview.domain.playbook import expected_key, plan_all, plan_interview, plan_keep_searching
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
from afterview.domain.rules import RULES
from afterview.domain.settings import ReferenceTiming, Settings, ThankYouDeadline
from afterview.domain.steps import PlannedStep, StepState
from tests.hypothesis_settings import examples

S000 = "000_bcbcb8ab78c99f5d.txt"
S001 = "001_78c410949a4570b0.txt"
S002 = "002_796c5bf8678ca2c3.txt"
S003 = "003_891bc8bc7e47ea3a.txt"
S004 = "004_a7c1af388e049313.txt"

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
TOKYO = ZoneInfo("Asia/Tokyo")

LAURA = Contact(1, "Laura Chen", title="Engineering manager", emails=ways("laura@acme.example"))
OMAR = Contact(2, "Omar Haddad", title="Recruiter", phones=ways("+1 555 0100"))
PRIYA = Contact(
    3,
    "Priya Nair",
    title="Director",
    addresses=ways(PostalAddress("1 Main St")),
    emails=ways("priya@acme.example"),
    preferred_channel=Channel.LETTER,
)
JO = Contact(4, "Jo Park", title="Analyst", emails=ways("jo@elsewhere.example"))
NO_TITLE = Contact(5, "Kim Ito", emails=ways("kim@acme.example"))
ANA = Reference(1, "Ana Ruiz", relationship="former manager", email="ana@example.org")
BEN = Reference(2, "Ben Okafor", relationship="colleague", phone="+1 555 0199")
SAM = Referral(1, "Sam Lee", phone="+1 555 0142")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def interview(**changes: Any) -> Interview:
    """Wed 13 May 2026, 10:00-11:00 EDT (15:00 UTC end) in the US, awaiting a decision."""
    base = Interview(
        id=7,
        company="Acme",
        position="Data analyst",
        start=datetime(2026, 5, 13, 10, 0, tzinfo=NY),
        time_zone="America/New_York",
        country="US",
        status=Status.AWAITING_DECISION,
        people=(Participation(LAURA, Role.INTERVIEWER),),
        references=(ANA,),
    )
    return replace(base, **changes)


@dataclass(frozen=True)
class Want:
    due: datetime
    title: str | None = None
    person: str | None = None
    channel: Channel | None = None
    optional: bool = False
    satisfied: bool = False
    #: The rule id the step must carry (afterview.domain.rules) and parameters it must have.
    rule: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    #: The seed article (file in /work/shared/seeds/) and section the rule comes from.
    cite: str
    interview: Interview
    want: Mapping[str, Want]
    #: Key prefixes that must not be planned.
    absent: tuple[str, ...] = ()
    settings: Settings = field(default_factory=Settings)
    history: Mapping[str, StepState] = field(default_factory=dict)


def case(name: str, cite: str, **fields: Any) -> Any:
    # Test ids are kept ASCII ("sec" for "§") so they print and select (-k) cleanly.
    return pytest.param(Case(cite=cite, **fields), id=f"{name} [{cite.replace('§', 'sec ')}]")


def done(key: str, kind: StepKind, at: datetime, **changes: Any) -> StepState:
    state = StepState(id=99, key=key, kind=kind, status=StepStatus.DONE, planned_due=at, done_at=at)
    return replace(state, **changes)


PANEL = (
    Participation(LAURA, Role.INTERVIEWER),
    Participation(PRIYA, Role.HIRING_MANAGER),
    Participation(PRIYA, Role.DECISION_MAKER),
    Participation(OMAR, Role.RECRUITER),
)
REJECTED_ON = utc(2026, 6, 1, 14)  # Mon 1 Jun 2026, 10:00 EDT
END = utc(2026, 5, 13, 15)

CASES = [
    # --- right after the interview ---
    case(
        "debrief end+2h",
        f"{S000} §2; {S004} 'Put on Your Analyst's Cap'",
        interview=interview(),
        want={"#7:debrief": Want(utc(2026, 5, 13, 17), title="Write the debrief")},
    ),
    case(
        "contact cards: one card lacks a title",
        f"{S000} §1; {S002} 'Following Up the Interview'; {S003}",
        interview=interview(
            people=(Participation(LAURA, Role.INTERVIEWER), Participation(NO_TITLE, Role.RECRUITER))
        ),
        want={"#7:contact_cards": Want(utc(2026, 5, 13, 17), title="Complete the contact cards")},
    ),
    case(
        "contact cards: every card complete is satisfied",
        f"{S000} §1; {S003} 'get the correct names and titles'",
        interview=interview(people=PANEL),
        want={"#7:contact_cards": Want(utc(2026, 5, 13, 17), satisfied=True)},
    ),
    case(
        "contact cards: nobody recorded is not satisfied",
        f"{S000} §1",
        interview=interview(people=()),
        want={"#7:contact_cards": Want(utc(2026, 5, 13, 17), satisfied=False)},
        absent=("#7:thank_you",),
    ),
    case(
        "thank-you to each participant within 24h, once for a person with two roles",
        f"{S004} 'Send a Thank You Email/Card'; {S001} §1 'to each participant'; {S003}",
        interview=interview(people=PANEL),
        want={
            "#7:thank_you:c=#1": Want(
                utc(2026, 5, 14, 15),
                title="Thank-you note to Laura Chen",
                person="Laura Chen",
                channel=Channel.EMAIL,
                rule="thank_you.fast",
                params={"person": "Laura Chen", "company": "Acme"},
            ),
            "#7:thank_you:c=#3": Want(
                utc(2026, 5, 14, 15), person="Priya Nair", channel=Channel.LETTER
            ),
        },
        # The recruiter did not interview; 001 §1 thanks the participants.
        absent=("#7:thank_you:c=#2",),
    ),
    case(
        "thank-you in Japan is optional, with the reason",
        f"{S000} §4 'in such places as Japan, they are not'",
        interview=interview(
            start=datetime(2026, 5, 13, 10, tzinfo=TOKYO), time_zone="Asia/Tokyo", country="JP"
        ),
        want={
            "#7:thank_you:c=#1": Want(
                utc(2026, 5, 14, 2),
                optional=True,
                rule="thank_you.not_customary",
                params={"country": "JP", "country_name": "Japan"},
            )
        },
    ),
    case(
        "thank-you within two business days (setting)",
        f"{S002} 'Following Up the Interview'; {S003} 'Within two working days'",
        interview=interview(),
        settings=Settings(thank_you_deadline=ThankYouDeadline.BUSINESS_DAYS_2),
        want={
            "#7:thank_you:c=#1": Want(
                utc(2026, 5, 15, 15), rule="thank_you.business_days", params={"days": 2}
            )
        },
    ),
    case(
        "thank-you two business days over Christmas: Wed 23 Dec -> Mon 28 Dec",
        f"{S002} 'Following Up the Interview'; {S003}",
        interview=interview(start=datetime(2026, 12, 23, 14, tzinfo=NY)),
        settings=Settings(thank_you_deadline=ThankYouDeadline.BUSINESS_DAYS_2),
        want={
            "#7:thank_you:c=#1": Want(utc(2026, 12, 28, 20)),
            # Thu 24 Dec is a working day in the US.
            "#7:notify_reference:r=#1": Want(utc(2026, 12, 24, 20)),
        },
    ),
    case(
        "Friday interview: references on Monday, thank-you by Tuesday",
        f"{S000} §3; {S002} 'Following Up the Interview'",
        interview=interview(start=datetime(2026, 5, 15, 10, tzinfo=NY)),
        settings=Settings(thank_you_deadline=ThankYouDeadline.BUSINESS_DAYS_2),
        want={
            "#7:notify_reference:r=#1": Want(utc(2026, 5, 18, 15)),
            "#7:thank_you:c=#1": Want(utc(2026, 5, 19, 15)),
        },
    ),
    case(
        "Friday interview, 24h rule is elapsed time even into Saturday",
        f"{S004} 'Send a Thank You Email/Card' 'within the next 24 hours'",
        interview=interview(start=datetime(2026, 5, 15, 10, tzinfo=NY)),
        want={"#7:thank_you:c=#1": Want(utc(2026, 5, 16, 15))},
    ),
    case(
        "German Easter: Thu 2 Apr -> references Tue 7 Apr, thank-you Wed 8 Apr",
        f"{S000} §3; {S002} 'Following Up the Interview'",
        interview=interview(
            start=datetime(2026, 4, 2, 10, tzinfo=BERLIN), time_zone="Europe/Berlin", country="DE"
        ),
        settings=Settings(thank_you_deadline=ThankYouDeadline.BUSINESS_DAYS_2),
        want={
            "#7:notify_reference:r=#1": Want(utc(2026, 4, 7, 9)),
            "#7:thank_you:c=#1": Want(utc(2026, 4, 8, 9)),
        },
    ),
    case(
        "no country on the interview uses the home country's holidays",
        f"{S000} §4 'find out what is appropriate in the country you live in'",
        interview=interview(
            start=datetime(2026, 4, 2, 10, tzinfo=BERLIN), time_zone="Europe/Berlin", country=""
        ),
        settings=Settings(home_country="DE"),
        want={"#7:notify_reference:r=#1": Want(utc(2026, 4, 7, 9))},
    ),
    # --- references and referrals ---
    case(
        "notify each reference the next business day",
        f"{S000} §3; {S001} §2 'what to expect'; {S002}",
        interview=interview(references=(ANA, BEN)),
        want={
            "#7:notify_reference:r=#1": Want(
                utc(2026, 5, 14, 15),
                title="Tell Ana Ruiz (reference) what to expect",
                person="Ana Ruiz",
                channel=Channel.EMAIL,
            ),
            "#7:notify_reference:r=#2": Want(
                utc(2026, 5, 14, 15), person="Ben Okafor", channel=Channel.PHONE
            ),
        },
    ),
    case(
        "references when asked: nothing while awaiting a decision",
        f"{S001} §2 'Once you've reached the next stage'",
        interview=interview(),
        settings=Settings(reference_timing=ReferenceTiming.WHEN_ASKED),
        want={},
        absent=("#7:notify_reference",),
    ),
    case(
        "references when asked: next business day after reaching the next round",
        f"{S001} §2 'Once you've reached the next stage'",
        # Fri 22 May 10:00 EDT; Mon 25 May is Memorial Day.
        interview=interview(status=Status.NEXT_ROUND, status_changed_at=utc(2026, 5, 22, 14)),
        settings=Settings(reference_timing=ReferenceTiming.WHEN_ASKED),
        want={"#7:notify_reference:r=#1": Want(utc(2026, 5, 26, 14))},
    ),
    case(
        "references when asked, offer without a change time: anchored on the end",
        f"{S001} §2",
        interview=interview(status=Status.OFFER),
        settings=Settings(reference_timing=ReferenceTiming.WHEN_ASKED),
        want={"#7:notify_reference:r=#1": Want(utc(2026, 5, 14, 15))},
    ),
    case(
        "contact each referral lead and referral contact the next business day",
        f"{S003} 'follow up on these as soon as possible'",
        interview=interview(
            referrals=(SAM,),
            people=(Participation(LAURA, Role.INTERVIEWER), Participation(JO, Role.REFERRAL)),
        ),
        want={
            "#7:contact_referral:l=#1": Want(
                utc(2026, 5, 14, 15),
                title="Contact referral Sam Lee",
                person="Sam Lee",
                channel=Channel.PHONE,
            ),
            "#7:contact_referral:c=#4": Want(
                utc(2026, 5, 14, 15), title="Contact referral Jo Park", channel=Channel.EMAIL
            ),
        },
        absent=("#7:thank_you:c=#4",),
    ),
    # --- following up ---
    case(
        "follow-up on the agreed date at the start of the workday",
        f"{S004} 'Ask When to Follow Up'; {S003} 'If the employer asked you to follow-up'",
        interview=interview(
            agreed_follow_up=date(2026, 5, 20), decision_expected=date(2026, 5, 28)
        ),
        want={
            "#7:follow_up:1": Want(
                utc(2026, 5, 20, 13), title="Follow up on your application", person="Laura Chen"
            )
        },
    ),
    case(
        "follow-up the day after the stated decision date",
        f"{S002} 'Know the Process Before you Leave'; {S003}",
        interview=interview(decision_expected=date(2026, 5, 21)),
        want={"#7:follow_up:1": Want(utc(2026, 5, 22, 13))},
    ),
    case(
        "follow-up end + 7 days to the decision maker by their channel",
        f"{S001} §4 'more than one week', 'One interviewer might love email'; {S000} §1",
        interview=interview(people=PANEL),
        want={
            "#7:follow_up:1": Want(
                utc(2026, 5, 20, 15),
                person="Priya Nair",
                channel=Channel.LETTER,
                rule="follow_up.first",
                params={"anchor": "days", "days": 7},
            )
        },
    ),
    case(
        "follow-up goes to the recruiter before an interviewer",
        f"{S001} §4; {S003}",
        interview=interview(
            people=(Participation(LAURA, Role.INTERVIEWER), Participation(OMAR, Role.RECRUITER))
        ),
        want={"#7:follow_up:1": Want(utc(2026, 5, 20, 15), person="Omar Haddad")},
    ),
    case(
        "follow-up after 10 days (setting)",
        f"{S003} 'With a week to ten days'",
        interview=interview(),
        settings=Settings(follow_up_days=10),
        want={
            # Sat 23 May, then Memorial Day: Tue 26 May 11:00 EDT (issue 12 §1).
            "#7:follow_up:1": Want(
                utc(2026, 5, 26, 15),
                rule="follow_up.first",
                params={
                    "moved": {
                        "to": "business_day",
                        "closed": [["2026-05-23", None], ["2026-05-25", "Memorial Day"]],
                    }
                },
            ),
            # Seven days from the moved first one (issue 12 §1): Tue 2 June.
            "#7:follow_up:2": Want(utc(2026, 6, 2, 15)),
        },
    ),
    case(
        "second follow-up a week after the first is due",
        f"{S001} §5 'overly aggressive with your follow-up'",
        interview=interview(),
        want={
            "#7:follow_up:2": Want(
                utc(2026, 5, 27, 15),
                title="Second follow-up, then let it rest",
                rule="follow_up.second",
                params={"days": 7},
            )
        },
    ),
    case(
        "second follow-up anchored on when the first was done",
        f"{S001} §5",
        interview=interview(),
        history={
            "#7:follow_up:1": done("#7:follow_up:1", StepKind.FOLLOW_UP, utc(2026, 5, 25, 18))
        },
        want={
            "#7:follow_up:1": Want(utc(2026, 5, 20, 15)),
            "#7:follow_up:2": Want(utc(2026, 6, 1, 18)),
        },
    ),
    case(
        "second follow-up anchored on the user's edited due time of the first",
        f"{S001} §5",
        interview=interview(),
        history={
            "#7:follow_up:1": StepState(
                id=5,
                key="#7:follow_up:1",
                kind=StepKind.FOLLOW_UP,
                status=StepStatus.PENDING,
                planned_due=utc(2026, 5, 20, 15),
                due_override=utc(2026, 5, 22, 13),
            )
        },
        want={"#7:follow_up:2": Want(utc(2026, 5, 29, 13))},
    ),
    case(
        "never a third follow-up, whatever the setting",
        f"{S001} §5 'Stay calm'",
        interview=interview(),
        settings=Settings(max_follow_ups=5),
        want={
            "#7:follow_up:1": Want(utc(2026, 5, 20, 15)),
            "#7:follow_up:2": Want(utc(2026, 5, 27, 15)),
        },
        absent=("#7:follow_up:3",),
    ),
    case(
        "one follow-up only (setting)",
        f"{S001} §5",
        interview=interview(),
        settings=Settings(max_follow_ups=1),
        want={"#7:follow_up:1": Want(utc(2026, 5, 20, 15))},
        absent=("#7:follow_up:2",),
    ),
    case(
        "no follow-up once through to the next round",
        f"{S001} §4 'to check on your status'",
        interview=interview(status=Status.NEXT_ROUND),
        want={"#7:debrief": Want(utc(2026, 5, 13, 17))},
        absent=("#7:follow_up", "#7:courtesy_note", "#7:thank_references"),
    ),
    # --- after the decision ---
    case(
        "rejection: courteous note after 2 days, reconnect after 3 months",
        f"{S002} 'be as courteous as possible'; {S003} 'Keep the relationship pleasant'",
        interview=interview(people=PANEL, status=Status.REJECTED, status_changed_at=REJECTED_ON),
        want={
            "#7:courtesy_note": Want(
                utc(2026, 6, 3, 14),
                title="Send a courteous note after the rejection",
                person="Priya Nair",
                rule="courtesy_note",
            ),
            "#7:reconnect": Want(utc(2026, 9, 1, 14), title="Reconnect with Acme"),
            "#7:thank_you:c=#1": Want(utc(2026, 5, 14, 15)),
        },
        absent=("#7:follow_up",),
    ),
    case(
        "rejection without a change time: anchored on the interview end",
        f"{S002}; {S003}",
        interview=interview(status=Status.REJECTED),
        want={
            "#7:courtesy_note": Want(utc(2026, 5, 15, 15)),
            "#7:reconnect": Want(utc(2026, 8, 13, 15)),
        },
    ),
    case(
        "reconnect clamps to the month's end and keeps the wall time across DST",
        f"{S002} 'They may be able to offer you future jobs'",
        # Sat 31 Jan 2026 10:00 EST -> Thu 30 Apr 10:00 EDT.
        interview=interview(status=Status.REJECTED, status_changed_at=utc(2026, 1, 31, 15)),
        want={"#7:reconnect": Want(utc(2026, 4, 30, 14))},
    ),
    case(
        "offer: thank each reference and tell them the outcome after 2 days",
        f"{S001} §2 (references are part of the process; common courtesy)",
        interview=interview(
            references=(ANA, BEN), status=Status.OFFER, status_changed_at=REJECTED_ON
        ),
        want={
            "#7:thank_references:r=#1": Want(
                utc(2026, 6, 3, 14),
                title="Thank your references and tell them the outcome",
                person="Ana Ruiz",
            ),
            "#7:thank_references:r=#2": Want(utc(2026, 6, 3, 14), person="Ben Okafor"),
        },
        absent=("#7:follow_up", "#7:courtesy_note"),
    ),
    # --- DST: day rules keep the wall time, hour rules are elapsed time ---
    case(
        "NY spring-forward (Sun 8 Mar 2026): Sat 10:00 EST interview",
        f"{S004} 'within the next 24 hours'; {S001} §4; {S000} §3",
        interview=interview(start=datetime(2026, 3, 7, 10, tzinfo=NY)),
        want={
            "#7:debrief": Want(utc(2026, 3, 7, 18)),
            "#7:thank_you:c=#1": Want(utc(2026, 3, 8, 16)),  # 12:00 EDT: 24 elapsed hours
            "#7:notify_reference:r=#1": Want(utc(2026, 3, 9, 15)),  # Mon 11:00 EDT
            "#7:follow_up:1": Want(utc(2026, 3, 16, 15)),  # Sat -> Mon 11:00 EDT
        },
    ),
    case(
        "NY fall-back (Sun 1 Nov 2026): Sat 10:00 EDT interview",
        f"{S004} 'within the next 24 hours'; {S001} §4; {S000} §3",
        interview=interview(start=datetime(2026, 10, 31, 10, tzinfo=NY)),
        want={
            "#7:thank_you:c=#1": Want(utc(2026, 11, 1, 15)),  # 10:00 EST
            "#7:notify_reference:r=#1": Want(utc(2026, 11, 2, 16)),  # Mon 11:00 EST
            "#7:follow_up:1": Want(utc(2026, 11, 9, 16)),  # Sat -> Mon 11:00 EST
        },
    ),
    case(
        "NY fall-back: the debrief of a late interview is 2 elapsed hours",
        f"{S000} §2 'As soon as you can'",
        # Ends 00:30 EDT on 1 Nov (04:30 UTC); due 06:30 UTC = the second 01:30, in EST.
        interview=interview(start=datetime(2026, 10, 31, 23, 30, tzinfo=NY)),
        want={"#7:debrief": Want(utc(2026, 11, 1, 6, 30))},
    ),
    case(
        "Berlin spring-forward (Sun 29 Mar 2026): Sat 14:00 CET interview",
        f"{S004} 'within the next 24 hours'; {S001} §4; {S000} §3",
        interview=interview(
            start=datetime(2026, 3, 28, 14, tzinfo=BERLIN), time_zone="Europe/Berlin", country="DE"
        ),
        want={
            "#7:thank_you:c=#1": Want(utc(2026, 3, 29, 14)),  # 16:00 CEST
            "#7:notify_reference:r=#1": Want(utc(2026, 3, 30, 13)),  # Mon 15:00 CEST
            # Sat 4 Apr, and Easter Monday is a holiday in all Germany: Tue 15:00 CEST.
            "#7:follow_up:1": Want(utc(2026, 4, 7, 13)),
        },
    ),
    case(
        "Berlin spring-forward: the debrief over the gap is 2 elapsed hours",
        f"{S004} 'immediately after the interview'",
        # Ends 01:30 CET (00:30 UTC); due 02:30 UTC = 04:30 CEST.
        interview=interview(
            start=datetime(2026, 3, 29, 0, 30, tzinfo=BERLIN), time_zone="Europe/Berlin"
        ),
        want={"#7:debrief": Want(utc(2026, 3, 29, 2, 30))},
    ),
    case(
        "Berlin fall-back (Sun 25 Oct 2026): Sat 14:00 CEST interview",
        f"{S004} 'within the next 24 hours'; {S001} §4; {S000} §3",
        interview=interview(
            start=datetime(2026, 10, 24, 14, tzinfo=BERLIN), time_zone="Europe/Berlin", country="DE"
        ),
        want={
            "#7:thank_you:c=#1": Want(utc(2026, 10, 25, 13)),  # 14:00 CET
            "#7:notify_reference:r=#1": Want(utc(2026, 10, 26, 14)),  # Mon 15:00 CET
            "#7:follow_up:1": Want(utc(2026, 11, 2, 14)),  # Sat -> Mon 15:00 CET
        },
    ),
]


@pytest.mark.parametrize("c", CASES)
def test_playbook_rule(c: Case) -> None:
    """Each case follows the seed named in ``c.cite``."""
    planned = {step.key: step for step in plan_interview(c.interview, c.settings, c.history)}
    for key, want in c.want.items():
        assert key in planned, f"{key} not planned; got {sorted(planned)}"
        step = planned[key]
        assert step.due == want.due, key
        assert step.due.tzinfo is UTC
        assert step.interview_id == c.interview.id
        assert step.optional is want.optional, key
        assert step.satisfied is want.satisfied, key
        if want.title is not None:
            assert step.title == want.title
        if want.person is not None:
            assert step.person == want.person
        if want.channel is not None:
            assert step.channel is want.channel
        if want.rule is not None:
            assert step.rule == want.rule, key
        params = json.loads(step.rule_params)
        for name, value in want.params.items():
            assert params.get(name) == value, (key, name, params)
    for prefix in c.absent:
        assert not [key for key in planned if key.startswith(prefix)], prefix


@pytest.mark.parametrize("status", [Status.WITHDRAWN, Status.CANCELLED])
def test_withdrawn_or_cancelled_plans_nothing(status: Status) -> None:
    """After withdrawing there is nothing left to do for the interview (000 §4 aside); a
    meeting the employer cancelled never took place, so no thank-you or follow-up is owed."""
    ended = interview(people=PANEL, references=(ANA,), referrals=(SAM,), status=status)
    assert plan_interview(ended, Settings(), {}) == []


def test_every_step_cites_a_seed_through_its_rule_and_reads_in_plain_words() -> None:
    everything = interview(
        people=(*PANEL, Participation(JO, Role.REFERRAL)), references=(ANA,), referrals=(SAM,)
    )
    steps = plan_interview(everything, Settings(), {})
    steps += plan_interview(replace(everything, status=Status.REJECTED), Settings(), {})
    steps += plan_interview(replace(everything, status=Status.OFFER), Settings(), {})
    kinds = {step.kind for step in steps}
    assert kinds == set(StepKind) - {StepKind.KEEP_SEARCHING}
    for step in steps:
        # The seed is cited through the rule's id (afterview.domain.rules), never in the words
        # a user reads: nobody can look up "seed 003" or "§2" (issue 14).
        assert step.rule in RULES and RULES[step.rule].kind is step.kind, step
        assert not re.search(r"[Ss]eeds?\b|§|\b00[0-4]\b", step.reason + step.title), step


# --- keep searching (000 §5, 001 §3, 002 'Don't Stop Looking', 003, 004 'Keep Up Your Search')


def application(company: str, **changes: Any) -> Interview:
    return interview(company=company, **changes)


NOW = utc(2026, 5, 20, 12)


@pytest.mark.parametrize(
    ("interviews", "history", "want_key", "want_due"),
    [
        pytest.param(
            [application("Acme")],
            {},
            "keep_searching:1",
            END + timedelta(days=7),
            id=f"one application: weekly nudge [{S001} sec 3; {S000} sec 5]",
        ),
        pytest.param(
            [application("Acme"), application("Acme", id=8, round="2")],
            {},
            "keep_searching:1",
            END + timedelta(days=7),
            id=f"two rounds are one application [{S003} 'all your eggs in one basket']",
        ),
        pytest.param(
            [
                application("Acme"),
                application("Initech", id=8, start=datetime(2026, 5, 18, 10, tzinfo=NY)),
                application("Globex", id=9, status=Status.REJECTED),
            ],
            {},
            "keep_searching:1",
            utc(2026, 5, 25, 15),
            id=f"anchored on the latest interview already over [{S002} 'Don't Stop Looking']",
        ),
        pytest.param(
            [application("Acme", start=datetime(2026, 6, 1, 10, tzinfo=NY))],
            {},
            "keep_searching:1",
            utc(2026, 6, 8, 15),
            id=f"only future interviews: anchored on the first [{S004} 'Keep Up Your Search']",
        ),
        pytest.param(
            [application("Acme")],
            {"keep_searching:1": done("keep_searching:1", StepKind.KEEP_SEARCHING, NOW)},
            "keep_searching:2",
            NOW + timedelta(days=7),
            id=f"next nudge a week after the last one was done [{S001} sec 3]",
        ),
        pytest.param(
            [application("Acme")],
            {
                "keep_searching:1": done("keep_searching:1", StepKind.KEEP_SEARCHING, END),
                "keep_searching:2": done(
                    "keep_searching:2",
                    StepKind.KEEP_SEARCHING,
                    NOW,
                    status=StepStatus.SKIPPED,
                    done_at=None,
                ),
            },
            "keep_searching:3",
            NOW + timedelta(days=7),
            id=f"a skipped nudge counts too [{S001} sec 5 'Stay calm']",
        ),
        pytest.param(
            [application("Acme", status=Status.REJECTED)],
            {},
            "keep_searching:1",
            END + timedelta(days=7),
            id=f"nothing active at all [{S003} 'This isn't the only job out there']",
        ),
    ],
)
def test_keep_searching(
    interviews: list[Interview], history: dict[str, StepState], want_key: str, want_due: datetime
) -> None:
    (step,) = plan_keep_searching(interviews, Settings(), history, NOW)
    assert step.key == want_key
    assert step.kind is StepKind.KEEP_SEARCHING
    assert step.due == want_due
    assert step.due.tzinfo is UTC
    assert step.interview_id is None
    # 001 §3 "keep looking for work until you have an offer": fewer than 3 active (the default).
    assert step.rule == "keep_searching"
    assert json.loads(step.rule_params)["active"] in (0, 1, 2)


@pytest.mark.parametrize(
    ("interviews", "config"),
    [
        pytest.param([], Settings(), id="no interviews yet"),
        pytest.param(
            [application("Acme"), application("Initech", id=8, status=Status.OFFER)],
            Settings(),
            id=f"an offer is in [{S001} sec 3 'until you have an offer']",
        ),
        pytest.param(
            [application("Acme"), application("Initech", id=8), application("Globex", id=9)],
            Settings(),
            id=f"three active applications [{S000} sec 5]",
        ),
        pytest.param(
            [application("Acme")], Settings(keep_searching_below=1), id="threshold of 1 (setting)"
        ),
    ],
)
def test_no_keep_searching(interviews: list[Interview], config: Settings) -> None:
    assert plan_keep_searching(interviews, config, {}, NOW) == []


def test_keep_searching_every_ten_days_setting() -> None:
    (step,) = plan_keep_searching([application("Acme")], Settings(keep_searching_days=10), {}, NOW)
    assert step.due == END + timedelta(days=10)


def test_the_weekly_nudge_keeps_its_time_of_day_in_the_users_own_zone() -> None:
    """Seed 001 §3, weekly; issue 12 §2: it belongs to no interview, so it keeps the wall
    clock of ``home_time_zone``. An interview ending Sat 31 Oct 2026 10:00 EDT (14:00 UTC):
    a week later, across New York's fall-back, is Sat 7 Nov 10:00 EST (15:00 UTC), while a
    user in Tokyo (no clock change) gets the same instant a week on (14:00 UTC)."""
    subject = application("Acme", start=datetime(2026, 10, 31, 9, tzinfo=NY))
    later = utc(2026, 11, 2, 12)
    new_york = Settings(home_time_zone="America/New_York")
    (step,) = plan_keep_searching([subject], new_york, {}, later)
    assert step.due == utc(2026, 11, 7, 15)
    (step,) = plan_keep_searching([subject], Settings(home_time_zone="Asia/Tokyo"), {}, later)
    assert step.due == utc(2026, 11, 7, 14)


def test_plan_all_is_every_interview_then_the_nudge() -> None:
    interviews = [application("Acme"), application("Initech", id=8, status=Status.WITHDRAWN)]
    steps = plan_all(interviews, Settings(), {}, NOW)
    assert steps[:-1] == plan_interview(interviews[0], Settings(), {})
    assert steps[-1].kind is StepKind.KEEP_SEARCHING


def test_naive_start_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        plan_interview(interview(start=datetime(2026, 5, 13, 10)), Settings(), {})


# --- properties -------------------------------------------------------------------------------

ZONES = [
    "America/New_York",
    "Europe/Berlin",
    "Asia/Tokyo",
    "Pacific/Chatham",
    "Australia/Lord_Howe",
    "America/St_Johns",
    "Asia/Kathmandu",
    "UTC",
]
COUNTRIES = ["US", "DE", "JP", "NZ", "AU", "CA", "NP", "GB", "", "XX"]
POST_INTERVIEW = frozenset(
    {
        StepKind.DEBRIEF,
        StepKind.CONTACT_CARDS,
        StepKind.THANK_YOU,
        StepKind.NOTIFY_REFERENCE,
        StepKind.CONTACT_REFERRAL,
        StepKind.FOLLOW_UP,
    }
)
#: The steps that reach out to someone: on a business day, in working hours (issue 12 §1).
BUSINESS_DAY_KINDS = frozenset(
    {
        StepKind.NOTIFY_REFERENCE,
        StepKind.CONTACT_REFERRAL,
        StepKind.FOLLOW_UP,
        StepKind.COURTESY_NOTE,
        StepKind.RECONNECT,
        StepKind.THANK_REFERENCES,
    }
)
#: A region of the country, sometimes (England's Easter Monday, Bavaria's Epiphany).
REGIONS = {"GB": "GB-ENG", "DE": "DE-BY", "US": "US-CA", "JP": "", "": "", "XX": ""}

contacts = st.builds(
    Contact,
    id=st.integers(1, 6),
    name=st.sampled_from(["Laura Chen", "Omar Haddad", " ", "Priya Nair"]),
    title=st.sampled_from(["", "Manager"]),
    emails=st.sampled_from([(), ways("x@example.org")]),
    phones=st.sampled_from([(), ways("+1 555 0100")]),
    preferred_channel=st.none() | st.sampled_from(Channel),
)
participations = st.builds(Participation, contact=contacts, role=st.sampled_from(Role))
references = st.builds(Reference, id=st.integers(1, 4), name=st.just("Ana Ruiz"))
referrals = st.builds(Referral, id=st.integers(1, 4), name=st.just("Sam Lee"))
dates = st.dates(min_value=date(2025, 1, 1), max_value=date(2029, 12, 31))
instants = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)


#: Interview keys and how each must appear at the start of its steps' keys (written out here,
#: not computed by the code under test): none yet, a plain key, and one with every separator.
KEY_PREFIXES = {"": None, "acme-1": "acme-1:", "a:b=c#d%e": "a%3Ab%3Dc%23d%25e:"}


def key_prefix(subject: Interview) -> str:
    return KEY_PREFIXES[subject.key] or f"#{subject.id}:"


@st.composite
def interviews(draw: st.DrawFn, interview_id: int | None = None) -> Interview:
    zone = draw(st.sampled_from(ZONES))
    start = draw(instants).astimezone(ZoneInfo(zone))
    duration = draw(st.integers(0, 600))
    end = start + timedelta(minutes=duration)
    changed = draw(st.none() | st.timedeltas(timedelta(0), timedelta(days=120)).map(end.__add__))
    return Interview(
        id=draw(st.integers(1, 50)) if interview_id is None else interview_id,
        company=draw(st.sampled_from(["Acme", "Initech", "Globex", "Umbrella"])),
        position=draw(st.sampled_from(["Analyst", "Engineer"])),
        start=start,
        time_zone=zone,
        duration_minutes=duration,
        country=(country := draw(st.sampled_from(COUNTRIES))),
        region=draw(st.sampled_from(["", REGIONS.get(country, "")])),
        status=draw(st.sampled_from(Status)),
        status_changed_at=changed,
        decision_expected=draw(st.none() | dates),
        agreed_follow_up=draw(st.none() | dates),
        people=tuple(draw(st.lists(participations, max_size=5))),
        references=tuple(draw(st.lists(references, max_size=3, unique_by=lambda r: r.id))),
        referrals=tuple(draw(st.lists(referrals, max_size=3, unique_by=lambda r: r.id))),
        key=draw(st.sampled_from(sorted(KEY_PREFIXES))),
    )


all_settings = st.builds(
    Settings,
    thank_you_deadline=st.sampled_from(ThankYouDeadline),
    follow_up_days=st.integers(1, 14),
    second_follow_up_days=st.integers(1, 14),
    max_follow_ups=st.integers(0, 5),
    home_country=st.sampled_from(COUNTRIES),
    work_days=st.none() | st.frozensets(st.integers(1, 7), min_size=1),
    workday_start=st.times(time(0, 0), time(11, 59)),
    workday_end=st.times(time(12, 0), time(23, 59)),
    debrief_hours=st.integers(0, 48),
    contact_cards_hours=st.integers(0, 48),
    reference_timing=st.sampled_from(ReferenceTiming),
    keep_searching_below=st.integers(0, 5),
    keep_searching_days=st.integers(1, 14),
    courtesy_note_days=st.integers(0, 14),
    reconnect_months=st.integers(0, 12),
    thank_references_days=st.integers(0, 14),
)


@st.composite
def first_follow_up_history(draw: st.DrawFn, subject: Interview) -> dict[str, StepState]:
    """Perhaps a stored first follow-up, done (or due) some time after the interview."""
    if not draw(st.booleans()):
        return {}
    key = f"{key_prefix(subject)}follow_up:1"
    when = subject.end + draw(st.timedeltas(timedelta(0), timedelta(days=60)))
    status = draw(st.sampled_from(StepStatus))
    state = StepState(
        id=1,
        key=key,
        kind=StepKind.FOLLOW_UP,
        status=status,
        planned_due=when.astimezone(UTC),
        done_at=when.astimezone(UTC) if status is StepStatus.DONE else None,
    )
    return {key: state}


PROPERTY = settings(
    max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY
@given(st.data(), interviews(), all_settings)
def test_plan_interview_properties(
    data: st.DataObject, subject: Interview, config: Settings
) -> None:
    history = data.draw(first_follow_up_history(subject))
    steps = plan_interview(subject, config, history)
    assert steps == plan_interview(subject, config, history), "planning is deterministic"
    keys = [step.key for step in steps]
    assert len(keys) == len(set(keys))
    assert sum(step.kind is StepKind.FOLLOW_UP for step in steps) <= min(2, config.max_follow_ups)
    if subject.status in (Status.WITHDRAWN, Status.CANCELLED):
        assert steps == []
    place = subject.region or subject.country or config.home_country
    for step in steps:
        assert step.due.tzinfo is UTC
        assert step.key.startswith(f"{key_prefix(subject)}{step.kind.value}")
        assert step.interview_id == subject.id
        if step.kind in POST_INTERVIEW:
            assert step.due >= subject.end, step
        local = step.due.astimezone(ZoneInfo(subject.time_zone))
        business = step.kind in BUSINESS_DAY_KINDS or (
            step.kind is StepKind.THANK_YOU
            and config.thank_you_deadline is ThankYouDeadline.BUSINESS_DAYS_2
        )
        if business:
            assert is_business_day(local.date(), place, config.work_days), step
        if step.kind in BUSINESS_DAY_KINDS:
            wall = local.replace(tzinfo=None).time()
            assert config.workday_start <= wall < config.workday_end, step


def _with_keys(subject: Interview) -> Interview:
    """The interview as stored: it and everyone on it have keys (with a separator in each)."""
    return replace(
        subject,
        key=subject.key or "i:1",
        people=tuple(
            replace(p, contact=replace(p.contact, key=f"c={p.contact.id}")) for p in subject.people
        ),
        references=tuple(replace(x, key=f"r#{x.id}") for x in subject.references),
        referrals=tuple(replace(x, key=f"l%{x.id}") for x in subject.referrals),
    )


@PROPERTY
@given(st.lists(interviews(), min_size=1, max_size=4, unique_by=lambda i: i.id), all_settings)
def test_every_planned_key_is_one_a_file_may_bring(
    subjects: list[Interview], config: Settings
) -> None:
    """What an import checks a step's key against (expected_key, and which kinds name their
    person) is what the playbook plans, for every kind, person and separator in a key."""
    stored = [_with_keys(subject) for subject in subjects]
    now = max(subject.end for subject in stored) + timedelta(days=40)
    for step in plan_all(stored, config, {}, now):
        subject = next((i for i in stored if i.id == step.interview_id), None)
        if subject is None:
            assert expected_key(step.key, None, step.kind, {}) is None, step.key
            continue
        contacts = {p.contact.id: p.contact.key for p in subject.people}
        references = {x.id: x.key for x in subject.references}
        leads = {x.id: x.key for x in subject.referrals}
        people = {
            "c": contacts.get(step.contact_id) if step.contact_id else None,
            "r": references.get(step.reference_id) if step.reference_id else None,
            "l": leads.get(step.referral_id) if step.referral_id else None,
        }
        assert expected_key(step.key, subject.key, step.kind, people) is None, step.key


def test_a_key_that_does_not_name_its_step_is_told_apart() -> None:
    """The keys written out by hand, right and wrong."""
    laura = {"c": "laura", "r": None, "l": None}
    assert expected_key("acme-1:thank_you:c=laura", "acme-1", StepKind.THANK_YOU, laura) is None
    assert expected_key("acme-1:thank_you:c=bob", "acme-1", StepKind.THANK_YOU, laura) == (
        "acme-1:thank_you:c=laura"
    )
    assert expected_key("acme-1:thank_you", "acme-1", StepKind.THANK_YOU, {}) == (
        "acme-1:thank_you:c=KEY"
    )
    assert expected_key("acme-1:courtesy_note", "acme-1", StepKind.COURTESY_NOTE, laura) is None
    assert expected_key("acme-1:follow_up:2", "acme-1", StepKind.FOLLOW_UP, {}) is None
    assert expected_key("acme-1:follow_up:x", "acme-1", StepKind.FOLLOW_UP, {}) == (
        "acme-1:follow_up:N"
    )
    assert expected_key("other:debrief", "acme-1", StepKind.DEBRIEF, {}) == "acme-1:debrief"
    assert expected_key("keep_searching:3", None, StepKind.KEEP_SEARCHING, {}) is None
    assert expected_key("keep_searching:", None, StepKind.KEEP_SEARCHING, {}) is not None
    assert expected_key("a%3Ab:debrief", "a:b", StepKind.DEBRIEF, {}) is None


@PROPERTY
@given(
    st.lists(interviews(), max_size=6, unique_by=(lambda i: i.id, lambda i: i.key or i.id)),
    all_settings,
    instants,
)
def test_plan_all_properties(subjects: list[Interview], config: Settings, now: datetime) -> None:
    steps = plan_all(subjects, config, {}, now)
    assert steps == plan_all(subjects, config, {}, now)
    keys = [step.key for step in steps]
    assert len(keys) == len(set(keys))
    nudges = [step for step in steps if step.kind is StepKind.KEEP_SEARCHING]
    assert len(nudges) <= 1
    if any(i.status is Status.OFFER for i in subjects):
        assert nudges == []
    for step in steps:
        assert step.due.tzinfo is UTC


def test_workday_start_in_a_dst_gap_moves_to_the_first_minute_after_it() -> None:
    """An agreed date on the spring-forward day with a 02:30 workday start (004 'Ask When'),
    every day a work day: 02:30 does not exist that night, so 03:00 EDT (issue 12 §2)."""
    subject = interview(
        start=datetime(2026, 3, 2, 10, tzinfo=NY), agreed_follow_up=date(2026, 3, 8)
    )
    config = Settings(workday_start=time(2, 30), work_days=frozenset(range(1, 8)))
    steps = {step.key: step for step in plan_interview(subject, config, {})}
    assert steps["#7:follow_up:1"].due == utc(2026, 3, 8, 7, 0)


def test_planned_steps_are_plain_values() -> None:
    step = plan_interview(interview(), Settings(), {})[0]
    assert isinstance(step, PlannedStep)
    assert hash(step) == hash(replace(step))


def test_step_keys_name_stored_records_by_their_keys() -> None:
    """A step's key survives export and import (issue 11, item 4) because a stored record is
    named in it by its key, never its database id; the characters a key uses as separators
    are percent-encoded so two records' tokens cannot collide."""
    subject = interview(
        key="acme:1",
        people=(Participation(replace(LAURA, key="laura=c"), Role.INTERVIEWER),),
        references=(replace(ANA, key="ana"),),
        referrals=(replace(SAM, key="lead#1"),),
    )
    keys = {step.key for step in plan_interview(subject, Settings(), {})}
    assert {
        "acme%3A1:debrief",
        "acme%3A1:thank_you:c=laura%3Dc",
        "acme%3A1:notify_reference:r=ana",
        "acme%3A1:contact_referral:l=lead%231",
    } <= keys, sorted(keys)
    assert not [key for key in keys if "#" in key], sorted(keys)


def test_a_call_planned_before_working_hours_says_it_waits_for_them() -> None:
    """Seed 001 §4: an interview ending 05:30 EDT (an early video call) is followed up a week
    later at 09:00 the same day, and the reason says why, without "next business day"."""
    subject = interview(start=datetime(2026, 5, 13, 4, 30, tzinfo=NY))
    steps = {step.key: step for step in plan_interview(subject, Settings(), {})}
    first = steps["#7:follow_up:1"]
    assert first.due == utc(2026, 5, 20, 13)  # Wed 09:00 EDT
    assert "Moved to 09:00, when working hours start" in first.reason
    assert "next business day" not in first.reason


def test_a_first_follow_up_snoozed_to_before_the_interview_does_not_drag_the_second() -> None:
    """An old file may carry a snooze of the first follow-up that lies before the interview
    ended; the second (seed 001 §5, a week after the first) never falls before the end."""
    subject = interview()
    key = "#7:follow_up:1"
    stored = StepState(
        id=1,
        key=key,
        kind=StepKind.FOLLOW_UP,
        status=StepStatus.SNOOZED,
        planned_due=utc(2026, 5, 20, 15),
        snoozed_until=utc(2026, 1, 1, 15),
    )
    steps = {step.key: step for step in plan_interview(subject, Settings(), {key: stored})}
    # The end (Wed 13 May 11:00 EDT) + 7 days: Wed 20 May 11:00 EDT.
    assert steps["#7:follow_up:2"].due == utc(2026, 5, 20, 15)


def test_every_holiday_passed_over_is_named_in_the_reason() -> None:
    """England, 2026: Boxing Day falls on Saturday 26 December and is observed on Monday 28,
    so a follow-up a week after Saturday 19 December 10:00 lands on Tuesday 29 at 10:00."""
    london = ZoneInfo("Europe/London")
    subject = interview(
        start=datetime(2026, 12, 19, 9, tzinfo=london),
        time_zone="Europe/London",
        country="GB",
        region="GB-ENG",
    )
    first = {s.key: s for s in plan_interview(subject, Settings(), {})}["#7:follow_up:1"]
    assert first.due == utc(2026, 12, 29, 10)
    assert (
        "(Saturday 26 December is Boxing Day and Monday 28 December is Boxing Day (observed))"
        in first.reason
    )
