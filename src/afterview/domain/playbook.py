"""The follow-up playbook: which steps an interview calls for, and when each falls due.

Each rule is one small function that reads the records and the settings and
returns planned steps. Every number comes from :class:`Settings`. Every step carries the
id of the rule that planned it (:data:`afterview.domain.rules.RULES`, which names the seed
article, ``/seeds/NNN_*.txt``, and section it comes from) and the rule's parameters; its
title and reason are that rule's plain English words (:mod:`afterview.domain.rules`). All due
instants are aware UTC. Rules that count hours use elapsed time; rules that
count days keep the wall-clock time of the interview's zone (see
:mod:`afterview.domain.calendar`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from afterview.domain.applications import Application
from afterview.domain.calendar import (
    add_local_days,
    add_months,
    at_local_time,
    business_days_after,
)
from afterview.domain.reach import Moved, Reach
from afterview.domain.records import (
    ACTIVE,
    PARTICIPANT_ROLES,
    UNDECIDED,
    Contact,
    Interview,
    Reference,
    Referral,
    Role,
    Status,
    StepKind,
    StepStatus,
    token,
)
from afterview.domain.rules import RULES, english_reason, english_title, params_json
from afterview.domain.settings import ReferenceTiming, Settings, ThankYouDeadline
from afterview.domain.steps import PlannedStep, StepState, effective_due

#: Who to follow up with, most useful first (seed 000 §1: the person who makes the decision).
FOLLOW_UP_ROLES: tuple[Role, ...] = (
    Role.DECISION_MAKER,
    Role.HIRING_MANAGER,
    Role.RECRUITER,
    Role.INTERVIEWER,
)
#: Seed 001 §5: a second follow-up at most, then stop.
MAX_FOLLOW_UPS = 2
#: Statuses after which referring a reference makes sense under ReferenceTiming.WHEN_ASKED.
ASKED_FOR_REFERENCES = frozenset({Status.NEXT_ROUND, Status.OFFER})
KEEP_SEARCHING_PREFIX = "keep_searching:"
#: Raised whenever a rule changes when steps fall due, so a database planned by an earlier
#: release is planned again when it is opened (what the user did is kept, as on any re-plan).
#: 2: outreach on business days in working hours, elapsed durations (issue 12).
#: 3: every step stores its rule id and parameters; reasons in plain words (issue 14).
RULES_VERSION = 3

#: Names for the reasons shown to the user; other countries appear as their ISO code.
COUNTRY_NAMES = {"JP": "Japan"}


def step_key(interview: Interview, kind: StepKind, suffix: str = "") -> str:
    """The stable key of a step: the same rule for the same interview and person gives the
    same key, across re-plans, export and import (``acme-1:thank_you:c=laura``). ``suffix``
    names the person (:func:`person_suffix`) or the follow-up's number."""
    base = f"{token(interview.key, interview.id)}:{kind.value}"
    return f"{base}:{suffix}" if suffix else base


#: The kinds whose key names the person (:func:`person_suffix`), one step per person, and
#: which records that person can be (a referral is a lead, or a contact met as a referral).
PERSON_TAGS = {
    StepKind.THANK_YOU: "c",
    StepKind.NOTIFY_REFERENCE: "r",
    StepKind.CONTACT_REFERRAL: "lc",
    StepKind.THANK_REFERENCES: "r",
}


def expected_key(
    key: str, interview_key: str | None, kind: StepKind, people: Mapping[str, str | None]
) -> str | None:
    """None when ``key`` is the key this module gives a step of ``kind`` of the interview
    keyed ``interview_key`` (None: a step of no interview, keep searching) for its person
    (``people`` maps ``c``, ``r`` and ``l`` to the step's contact, reference and referral
    keys); else the key it would give (``N`` for a number, ``KEY`` for a missing person).
    Checks a key read from a file before it is trusted."""
    if interview_key is None:
        number = key.removeprefix(KEEP_SEARCHING_PREFIX)
        if kind is StepKind.KEEP_SEARCHING and key != number and number.isdigit():
            return None
        return f"{KEEP_SEARCHING_PREFIX}N"
    base = f"{token(interview_key, 0)}:{kind.value}"
    tags = PERSON_TAGS.get(kind)
    if tags is not None:
        tag, person = next(((t, people[t]) for t in tags if people.get(t)), (tags[0], None))
        wanted = f"{base}:{tag}={token(person, 0) if person else 'KEY'}"
        return None if person and key == wanted else wanted
    number = key.removeprefix(f"{base}:")
    if key == base or (key != number and number.isdigit()):
        return None
    return f"{base}:N" if kind is StepKind.FOLLOW_UP else base


def person_suffix(record: Contact | Reference | Referral) -> str:
    """A step's person in its key: ``c=``, ``r=`` or ``l=`` and the record's token."""
    tag = "c" if isinstance(record, Contact) else "r" if isinstance(record, Reference) else "l"
    return f"{tag}={token(record.key, record.id)}"


class _Context(Reach):
    """What every rule needs about one interview, computed once."""

    def __init__(self, interview: Interview, settings: Settings) -> None:
        if interview.start.tzinfo is None:
            raise ValueError(f"interview {interview.id} has a naive start time")
        # An interview without a country is assumed to be in the user's home country;
        # whose public holidays count: the region's (ISO 3166-2) when it has one.
        country = (interview.country or settings.home_country).strip().upper()
        super().__init__(settings, interview.time_zone, interview.region.strip().upper() or country)
        self.interview = interview
        self.country = country
        self.end_local = interview.end.astimezone(self.zone)
        self.end_utc = interview.end.astimezone(UTC)

    def next_business_day(self, after_local: datetime) -> datetime:
        """The next business day after ``after_local``'s date, at its time of day when that
        lies in working hours, else at their start."""
        day = business_days_after(after_local, 1, self.place, self.settings.work_days)
        start, end = self.hours
        if start <= day.replace(tzinfo=None).time() < end:
            return day
        return self.at_workday_start(day.date())

    @property
    def status_anchor_local(self) -> datetime:
        """When the status last changed, local; the interview end if that is unknown."""
        changed = self.interview.status_changed_at
        return self.local(changed) if changed is not None else self.end_local

    def step(
        self,
        kind: StepKind,
        suffix: str,
        due: datetime,
        rule: str,
        params: Mapping[str, Any] | None = None,
        *,
        moved: Moved | None = None,
        contact: Contact | None = None,
        reference: Reference | None = None,
        referral: Referral | None = None,
        optional: bool = False,
        satisfied: bool = False,
    ) -> PlannedStep:
        """A step of this interview planned by ``rule`` (a key of RULES); the person is
        whichever record it concerns, and is a parameter of the rule with ``company``."""
        concerns = contact or reference or referral
        return planned(
            step_key(self.interview, kind, suffix),
            rule,
            {
                **(params or {}),
                **({"person": concerns.name} if concerns else {}),
                **({"moved": moved} if moved else {}),
                "company": self.interview.company,
            },
            due=due.astimezone(UTC),
            interview_id=self.interview.id,
            contact_id=contact.id if contact else None,
            reference_id=reference.id if reference else None,
            referral_id=referral.id if referral else None,
            person=concerns.name if concerns else None,
            channel=concerns.channel if concerns else None,
            optional=optional,
            satisfied=satisfied,
        )


def planned(key: str, rule: str, params: Mapping[str, Any], **fields: Any) -> PlannedStep:
    """A planned step of ``rule`` with its parameters, titled and reasoned in English."""
    return PlannedStep(
        key=key,
        kind=RULES[rule].kind,
        title=english_title(rule, params),
        reason=english_reason(rule, params),
        rule=rule,
        rule_params=params_json(params),
        **fields,
    )


def _unique_contacts(interview: Interview, roles: frozenset[Role]) -> list[Contact]:
    """Contacts holding any of ``roles``, once each, in the order they were entered."""
    seen: dict[int, Contact] = {}
    for part in interview.people:
        if part.role in roles and part.contact.id not in seen:
            seen[part.contact.id] = part.contact
    return list(seen.values())


def _follow_up_contact(interview: Interview) -> Contact | None:
    for role in FOLLOW_UP_ROLES:
        for part in interview.people:
            if part.role is role:
                return part.contact
    return None


# --- Right after the interview ---------------------------------------------------------------


def _debrief(ctx: _Context) -> Iterator[PlannedStep]:
    due = ctx.end_utc + timedelta(hours=ctx.settings.debrief_hours)
    yield ctx.step(StepKind.DEBRIEF, "", due, "debrief")


def _contact_cards(ctx: _Context) -> Iterator[PlannedStep]:
    people = ctx.interview.people
    met_someone = any(part.role in PARTICIPANT_ROLES for part in people)
    complete = met_someone and all(part.contact.is_complete for part in people)
    due = ctx.end_utc + timedelta(hours=ctx.settings.contact_cards_hours)
    yield ctx.step(StepKind.CONTACT_CARDS, "", due, "contact_cards", satisfied=complete)


#: The business days a thank-you may take under ThankYouDeadline.BUSINESS_DAYS_2 (002, 003).
THANK_YOU_BUSINESS_DAYS = 2


def _thank_you_due(ctx: _Context) -> datetime:
    if ctx.settings.thank_you_deadline is ThankYouDeadline.HOURS_24:
        return ctx.end_utc + timedelta(hours=24)
    return business_days_after(
        ctx.end_local, THANK_YOU_BUSINESS_DAYS, ctx.place, ctx.settings.work_days
    )


def _thank_you(ctx: _Context) -> Iterator[PlannedStep]:
    due = _thank_you_due(ctx)
    params: dict[str, Any] = {}
    if ctx.settings.thank_you_deadline is ThankYouDeadline.HOURS_24:
        rule = "thank_you.fast"
    else:
        rule, params = "thank_you.business_days", {"days": THANK_YOU_BUSINESS_DAYS}
    optional = ctx.country in ctx.settings.no_thank_you_countries
    if optional:
        name = COUNTRY_NAMES.get(ctx.country, ctx.country)
        rule, params = "thank_you.not_customary", {"country": ctx.country, "country_name": name}
    for contact in _unique_contacts(ctx.interview, PARTICIPANT_ROLES):
        yield ctx.step(
            StepKind.THANK_YOU,
            person_suffix(contact),
            due,
            rule,
            params,
            optional=optional,
            contact=contact,
        )


def _notify_references(ctx: _Context) -> Iterator[PlannedStep]:
    if ctx.settings.reference_timing is ReferenceTiming.NEXT_BUSINESS_DAY:
        due, rule = ctx.next_business_day(ctx.end_local), "references.tell"
    elif ctx.interview.status in ASKED_FOR_REFERENCES:
        due, rule = ctx.next_business_day(ctx.status_anchor_local), "references.when_asked"
    else:
        return
    for ref in ctx.interview.references:
        yield ctx.step(StepKind.NOTIFY_REFERENCE, person_suffix(ref), due, rule, reference=ref)


def _contact_referrals(ctx: _Context) -> Iterator[PlannedStep]:
    due = ctx.next_business_day(ctx.end_local)
    kind, rule = StepKind.CONTACT_REFERRAL, "referral.contact"
    for lead in ctx.interview.referrals:
        yield ctx.step(kind, person_suffix(lead), due, rule, referral=lead)
    for contact in _unique_contacts(ctx.interview, frozenset({Role.REFERRAL})):
        yield ctx.step(kind, person_suffix(contact), due, rule, contact=contact)


# --- Following up while the employer decides -------------------------------------------------


def _first_follow_up_due(ctx: _Context) -> tuple[datetime, dict[str, Any]]:
    """When to follow up first, and the rule's parameters saying why then: ``anchor`` is
    "agreed" (004 'Ask When to Follow Up'; 003: if asked, do it), "decision" (the day after
    the decision was expected: 002 'Know the Process', 003) or "days" (001 §4: over a week;
    003: 7-10 days); ``date`` (ISO) or ``days`` with it."""
    interview = ctx.interview
    params: dict[str, Any]
    if interview.agreed_follow_up is not None:
        due = ctx.at_workday_start(interview.agreed_follow_up)
        params = {"anchor": "agreed", "date": interview.agreed_follow_up.isoformat()}
    elif interview.decision_expected is not None:
        due = ctx.at_workday_start(interview.decision_expected + timedelta(days=1))
        params = {"anchor": "decision", "date": interview.decision_expected.isoformat()}
    else:
        due = add_local_days(ctx.end_local, ctx.settings.follow_up_days)
        params = {"anchor": "days", "days": ctx.settings.follow_up_days}
    # A follow-up before the interview is over makes no sense, whatever was typed in.
    return max(due, ctx.end_utc), params


def _second_follow_up_anchor(first_due: datetime, stored: StepState | None) -> datetime:
    """When the first follow-up happened, or, until it has, when it is due."""
    if stored is None:
        return first_due
    if stored.status is StepStatus.DONE and stored.done_at is not None:
        return stored.done_at
    # Honour the user's edit or snooze of the first follow-up; its plan is the one made now
    # (what is stored may have been planned under other records or rules).
    return effective_due(stored.status, first_due, stored.due_override, stored.snoozed_until)


def _follow_ups(ctx: _Context, history: Mapping[str, StepState]) -> Iterator[PlannedStep]:
    count = min(ctx.settings.max_follow_ups, MAX_FOLLOW_UPS)
    if ctx.interview.status not in UNDECIDED or count < 1:
        return
    person = _follow_up_contact(ctx.interview)
    wanted, params = _first_follow_up_due(ctx)
    first_due, moved = ctx.reachable(wanted)
    kind = StepKind.FOLLOW_UP
    yield ctx.step(kind, "1", first_due, "follow_up.first", params, moved=moved, contact=person)
    if count < MAX_FOLLOW_UPS:
        return
    stored = history.get(step_key(ctx.interview, StepKind.FOLLOW_UP, "1"))
    # Counted from the first one's due as moved onto a business day, or from when it was done;
    # never from before the interview ended (a snooze imported from an old file may be).
    anchor = max(_second_follow_up_anchor(first_due, stored), ctx.end_utc)
    days = ctx.settings.second_follow_up_days
    second_due, moved = ctx.reachable(add_local_days(ctx.local(anchor), days))
    yield ctx.step(
        kind, "2", second_due, "follow_up.second", {"days": days}, moved=moved, contact=person
    )


# --- After the decision -----------------------------------------------------------------------


def _after_rejection(ctx: _Context) -> Iterator[PlannedStep]:
    if ctx.interview.status is not Status.REJECTED:
        return
    anchor = ctx.status_anchor_local
    person = _follow_up_contact(ctx.interview)
    due, moved = ctx.reachable(add_local_days(anchor, ctx.settings.courtesy_note_days))
    yield ctx.step(StepKind.COURTESY_NOTE, "", due, "courtesy_note", moved=moved, contact=person)
    months = ctx.settings.reconnect_months
    due, moved = ctx.reachable(add_months(anchor, months))
    yield ctx.step(
        StepKind.RECONNECT, "", due, "reconnect", {"months": months}, moved=moved, contact=person
    )


def _after_offer(ctx: _Context) -> Iterator[PlannedStep]:
    if ctx.interview.status is not Status.OFFER:
        return
    days = ctx.settings.thank_references_days
    due, moved = ctx.reachable(add_local_days(ctx.status_anchor_local, days))
    for ref in ctx.interview.references:
        yield ctx.step(
            StepKind.THANK_REFERENCES,
            person_suffix(ref),
            due,
            "references.thank",
            moved=moved,
            reference=ref,
        )


def plan_interview(
    interview: Interview, settings: Settings, history: Mapping[str, StepState]
) -> list[PlannedStep]:
    """Every step the playbook calls for after ``interview``, as things stand now.

    ``history`` maps step keys to what is stored; it anchors the second follow-up
    on when the first one was actually done.
    """
    if interview.status in (Status.WITHDRAWN, Status.CANCELLED):
        return []  # no thank-you or follow-up for a meeting left or called off
    ctx = _Context(interview, settings)
    return [
        *_debrief(ctx),
        *_contact_cards(ctx),
        *_thank_you(ctx),
        *_notify_references(ctx),
        *_contact_referrals(ctx),
        *_follow_ups(ctx, history),
        *_after_rejection(ctx),
        *_after_offer(ctx),
    ]


# --- Across interviews ------------------------------------------------------------------------


def _keep_searching_history(history: Mapping[str, StepState]) -> list[StepState]:
    return [
        state
        for key, state in history.items()
        if key.startswith(KEEP_SEARCHING_PREFIX)
        and state.status in (StepStatus.DONE, StepStatus.SKIPPED)
    ]


@dataclass(frozen=True)
class SearchFacts:
    """What the keep-searching rule needs to know about the whole search.

    Small on purpose: the store computes it with a few indexed queries, so an edit
    does not read every interview when there are many thousands.
    """

    interviews: int
    #: An offer in hand or accepted (a declined one does not count: Application.holds_offer).
    has_offer: bool
    #: Distinct active applications, counted up to the threshold that matters.
    active_applications: int
    #: The latest interview end at or before now, else the earliest end of all.
    anchor_end: datetime | None
    #: Application records, with or without interviews (issue 17).
    applications: int = 0
    #: The latest day the user applied on, on or before now's date (UTC), else the earliest:
    #: the anchor while no interview gives one. None when no application says.
    applied_on: date | None = None


def search_facts(
    interviews: Sequence[Interview], now: datetime, applications: Sequence[Application] = ()
) -> SearchFacts:
    """The keep-searching facts of these records. An interview that is a round of one of
    ``applications`` (Interview.application_id) counts through it: the application's stage,
    not the round's status, says whether it is alive or holds an offer. Any other interview
    counts as the playbook always grouped them (records.application_group), alive while its
    status is ACTIVE."""
    ends = [interview.end.astimezone(UTC) for interview in interviews]
    past = [end for end in ends if end <= now]
    known = {application.id for application in applications}
    loose = [i for i in interviews if i.application_id not in known]
    alive: set[object] = {a.id for a in applications if a.alive}
    alive |= {i.application for i in loose if i.status in ACTIVE}
    days = [a.applied_on for a in applications if a.applied_on is not None]
    applied_past = [day for day in days if day <= now.astimezone(UTC).date()]
    return SearchFacts(
        interviews=len(interviews),
        has_offer=any(a.holds_offer for a in applications)
        or any(i.status is Status.OFFER for i in loose),
        active_applications=len(alive),
        anchor_end=max(past) if past else (min(ends) if ends else None),
        applications=len(applications),
        applied_on=max(applied_past) if applied_past else min(days, default=None),
    )


def plan_keep_searching(
    interviews: Sequence[Interview],
    settings: Settings,
    history: Mapping[str, StepState],
    now: datetime,
    applications: Sequence[Application] = (),
) -> list[PlannedStep]:
    """One weekly nudge to keep applying while few applications are alive and no offer is in
    hand (:func:`search_facts`)."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return plan_keep_searching_from(search_facts(interviews, now, applications), settings, history)


def plan_keep_searching_from(
    facts: SearchFacts, settings: Settings, history: Mapping[str, StepState]
) -> list[PlannedStep]:
    if (facts.interviews == 0 and facts.applications == 0) or facts.has_offer:
        return []
    if facts.active_applications >= settings.keep_searching_below:
        return []
    start = facts.anchor_end
    if start is None and facts.applied_on is not None:
        # Only applications so far: the day the user applied, at the start of their workday.
        start = at_local_time(facts.applied_on, settings.workday_start, settings.home_time_zone)
    if start is None:
        return []
    closed = _keep_searching_history(history)
    # The last nudge dealt with; else the latest interview already over; else the first.
    anchor = max(s.done_at or s.due for s in closed) if closed else start
    # Days keep the wall-clock time of the user's own zone (issue 12 §2).
    home = anchor.astimezone(ZoneInfo(settings.home_time_zone))
    due = add_local_days(home, settings.keep_searching_days).astimezone(UTC)
    key = f"{KEEP_SEARCHING_PREFIX}{len(closed) + 1}"
    return [planned(key, "keep_searching", {"active": facts.active_applications}, due=due)]


def plan_all(
    interviews: Sequence[Interview],
    settings: Settings,
    history: Mapping[str, StepState],
    now: datetime,
    applications: Sequence[Application] = (),
) -> list[PlannedStep]:
    """The whole plan: every interview's steps, then the keep-searching nudge."""
    planned = [step for i in interviews for step in plan_interview(i, settings, history)]
    return planned + plan_keep_searching(interviews, settings, history, now, applications)
