"""The playbook's rules by id: which seed article and section each comes from, and its words
in English.

The playbook (:mod:`afterview.domain.playbook`) stamps every planned step with a rule id
from :data:`RULES` and the rule's parameters (a JSON object: the person's name, a number of
days, why the step moved to a business day, ...). The window and the tray word the step in
the user's language from these (``afterview.ui.rule_words``); the English words here are the
ones stored with the step for the command line and the interchange file, and what a window
shows for a step planned before rule ids existed.

The seed articles are the files in ``/work/shared/seeds/`` (PRODUCT.md, "The follow-up
playbook"); a user never sees a file name, only an article's title.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from afterview.domain.records import StepKind


@dataclass(frozen=True)
class Article:
    """One seed article: its file, and its title as the user reads it."""

    seed: str
    title: str


#: The five seed articles by number. Seed 004 has no title of its own; it is named by its
#: opening words. Seed 003's heading is "Follow – Up" over "After the Job Interview".
ARTICLES: Mapping[str, Article] = {
    "000": Article("000_bcbcb8ab78c99f5d.txt", "5 Things You Should Do after Every Job Interview"),
    "001": Article("001_78c410949a4570b0.txt", "What Professionals Do After Every Interview"),
    "002": Article("002_796c5bf8678ca2c3.txt", "What to Do After A Job Interview"),
    "003": Article("003_891bc8bc7e47ea3a.txt", "Follow-Up: After the Job Interview"),
    "004": Article(
        "004_a7c1af388e049313.txt", "Congratulations: You've Completed Your Job Interview"
    ),
}


def cited(seed: str) -> str:
    """How a check or tip names the article it comes from, for a user who cannot look up
    "seed 003": 'From “Follow-Up: After the Job Interview”: ' (issue 14). ``seed`` is a key of
    :data:`ARTICLES`; KeyError for any other."""
    return f"From “{ARTICLES[seed].title}”: "


@dataclass(frozen=True)
class Citation:
    """A place in a seed article: its number (a key of :data:`ARTICLES`) and section."""

    article: str
    section: str


@dataclass(frozen=True)
class Rule:
    """One rule of the playbook: the step kind it plans and where its advice comes from (the
    first citation is the one a step's "Why?" names). ``tip``: the figures shown with it
    (:data:`TIPS`), if any."""

    id: str
    kind: StepKind
    sources: tuple[Citation, ...]
    tip: str = ""


def _rule(rule_id: str, kind: StepKind, *cites: tuple[str, str], tip: str = "") -> Rule:
    return Rule(rule_id, kind, tuple(Citation(a, s) for a, s in cites), tip)


#: Every rule the playbook can emit, by id. Ids are stable: they are stored with each step.
RULES: Mapping[str, Rule] = {
    rule.id: rule
    for rule in (
        _rule("debrief", StepKind.DEBRIEF,
              ("004", "Put on Your Analyst's Cap"), ("000", "§2 Reflect and write down notes")),
        _rule("contact_cards", StepKind.CONTACT_CARDS,
              ("000", "§1 Get contact information"), ("002", "Following Up the Interview"),
              ("003", "get the correct names and titles")),
        _rule("thank_you.fast", StepKind.THANK_YOU,
              ("004", "Send a Thank You Email/Card"), ("001", "§1 Send a thank-you note"),
              ("003", "even if you don't think you'll get the job"), tip="thank_you"),
        _rule("thank_you.business_days", StepKind.THANK_YOU,
              ("003", "Within two working days"), ("002", "Following Up the Interview"),
              ("001", "§1 Send a thank-you note"), tip="thank_you"),
        _rule("thank_you.not_customary", StepKind.THANK_YOU, ("000", "§4 Follow up")),
        _rule("references.tell", StepKind.NOTIFY_REFERENCE,
              ("000", "§3 Notify your references"), ("001", "§2 Notify references")),
        _rule("references.when_asked", StepKind.NOTIFY_REFERENCE,
              ("001", "§2 Notify references"), ("002", "Following Up the Interview")),
        _rule("referral.contact", StepKind.CONTACT_REFERRAL,
              ("003", "follow up on these as soon as possible")),
        _rule("follow_up.first", StepKind.FOLLOW_UP,
              ("001", "§4 Follow up"), ("004", "Ask When to Follow Up"),
              ("002", "Know the Process Before you Leave"), ("003", "With a week to ten days"),
              tip="follow_up"),
        _rule("follow_up.second", StepKind.FOLLOW_UP,
              ("001", "§5 Stay calm"), ("003", "be patient")),
        _rule("courtesy_note", StepKind.COURTESY_NOTE,
              ("002", "Don't Stop Looking"), ("003", "Keep the relationship pleasant")),
        _rule("reconnect", StepKind.RECONNECT,
              ("002", "They may be able to offer you future jobs"),
              ("003", "another position may come up")),
        _rule("references.thank", StepKind.THANK_REFERENCES, ("001", "§2 Notify references")),
        # No article speaks of the time after applying, before any interview: the nearest
        # advice is following up a week to ten days after an interview (003, 001 §4).
        _rule("application.follow_up", StepKind.FOLLOW_UP,
              ("003", "With a week to ten days"), ("001", "§4 Follow up")),
        _rule("keep_searching", StepKind.KEEP_SEARCHING,
              ("001", "§3 Keep looking for work"), ("000", "§5 Relax and keep looking"),
              ("002", "Don't Stop Looking"), ("004", "Keep Up Your Search"),
              ("003", "Don't put all your eggs in one basket")),
    )
}  # fmt: skip


@dataclass(frozen=True)
class Figure:
    """A number from a seed article: ``percent`` of ``who`` ... (its source named)."""

    percent: int
    article: str
    survey: str


#: The articles' figures, shown as tips with the rules that name them (PRODUCT.md).
TIPS: Mapping[str, tuple[Figure, ...]] = {
    "thank_you": (
        Figure(22, "001", "CareerBuilder"),  # employers less likely to hire without a note
        Figure(80, "004", "a survey of hiring managers"),  # find a note influential
        Figure(57, "004", "CareerBuilder"),  # of interviewees send one
    ),
    "follow_up": (Figure(56, "001", "Workopolis"),),  # advisers: disinterest hurts
}


def params_json(params: Mapping[str, Any]) -> str:
    """A rule's parameters as the JSON text stored with a step (keys sorted: the same plan
    writes the same text)."""
    return json.dumps(dict(params), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def parse_params(text: str | None) -> dict[str, Any]:
    """The parameters stored with a step; {} for blank or damaged text (the stored English
    reason is then shown instead)."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# --- English words ---------------------------------------------------------------------------

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def named_day(day: date) -> str:
    """A day as a stored reason names it, in English whatever the locale: "Friday 25 December"."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


_TITLES = {
    "debrief": "Write the debrief",
    "contact_cards": "Complete the contact cards",
    "thank_you.fast": "Thank-you note to {person}",
    "thank_you.business_days": "Thank-you note to {person}",
    "thank_you.not_customary": "Thank-you note to {person}",
    "references.tell": "Tell {person} (reference) what to expect",
    "references.when_asked": "Tell {person} (reference) what to expect",
    "referral.contact": "Contact referral {person}",
    "follow_up.first": "Follow up on your application",
    "follow_up.second": "Second follow-up, then let it rest",
    "courtesy_note": "Send a courteous note after the rejection",
    "reconnect": "Reconnect with {company}",
    "references.thank": "Thank your references and tell them the outcome",
    "keep_searching": "Keep searching",
    "application.follow_up": "Ask {company} about your application",
}

_REASONS = {
    "debrief": "Write down what you learned, the questions still open and what to do better "
    "next time, right after the interview while it is fresh in your mind.",
    "contact_cards": "Note the correct name, job title and a way to reach everyone you met, "
    "so you can thank them and follow up.",
    "thank_you.fast": "Thank each interviewer within 24 hours, while the interview is fresh "
    "in their mind, even if you don't want the job.",
    "thank_you.not_customary": "Optional: thank-you notes are not customary in {country}. "
    "Thank the interviewers in person at the end of the interview.",
    "references.tell": "Let your references know that someone may call them, and what to "
    "expect, so they are not caught off guard.",
    "references.when_asked": "At the next stage you will be asked for references: tell them "
    "now that someone may call, and what to expect.",
    "referral.contact": "Get in touch with the people you were told about at the interview "
    "as soon as possible.",
    "courtesy_note": "Thank them and stay courteous: keep the contacts, they may think of you "
    "when another position comes up.",
    "references.thank": "Your references were part of the process: thank them and tell them "
    "how it ended.",
}


def english_title(rule_id: str, params: Mapping[str, Any]) -> str:
    """The step's title in English ("Thank-you note to Laura Chen"). KeyError for an unknown
    rule id."""
    return _TITLES[rule_id].format(
        person=params.get("person", ""), company=params.get("company", "")
    )


def _follow_up(params: Mapping[str, Any]) -> str:
    anchor = params.get("anchor")
    if anchor == "agreed":
        when = f"on {named_day(date.fromisoformat(params['date']))}, the date you agreed"
    elif anchor == "decision":
        decided = named_day(date.fromisoformat(params["date"]))
        when = f"the day after the decision was expected ({decided})"
    else:
        when = f"{_count(int(params['days']), 'day', 'days')} after the interview"
    return (
        f"Ask where things stand {when}, the way the contact prefers (email, phone or "
        "letter). It shows you are still interested."
    )


def _moved(moved: Mapping[str, Any]) -> str:
    if moved.get("to") == "working_hours":
        return (
            f"Moved to {moved['start']}, when working hours start: nobody answers a call at "
            f"{moved['wanted']}."
        )
    reasons = [
        f"{named_day(date.fromisoformat(day))} is {name}"
        if name
        else f"{named_day(date.fromisoformat(day))} is not a work day"
        for day, name in moved.get("closed", ())
    ]
    why = " and ".join(reasons) or f"{moved.get('wanted', '')} is outside working hours"
    return (
        f"Moved to the next business day in working hours ({why}): nobody answers on a "
        "holiday or after hours."
    )


def english_reason(rule_id: str, params: Mapping[str, Any]) -> str:
    """Why the step is planned, in plain English, with why it moved to a business day when
    it did. KeyError for an unknown rule id or a missing parameter."""
    if rule_id in _REASONS:
        text = _REASONS[rule_id].format(country=params.get("country_name", ""))
    elif rule_id == "thank_you.business_days":
        days = _count(int(params["days"]), "business day", "business days")
        text = f"Thank each interviewer within {days}, even if you don't want the job."
    elif rule_id == "follow_up.first":
        text = _follow_up(params)
    elif rule_id == "follow_up.second":
        days = _count(int(params["days"]), "day", "days")
        text = (
            f"One more follow-up {days} after the first, then stop: more would look "
            "anxious. Hiring often takes longer than anyone expects."
        )
    elif rule_id == "reconnect":
        months = _count(int(params["months"]), "month", "months")
        text = f"Get back in touch {months} after the rejection: another position may suit you."
    elif rule_id == "application.follow_up":
        days = _count(int(params["days"]), "day", "days")
        text = (
            f"{days} after you applied, with no invitation yet: ask once where your "
            "application stands, the way the posting names. Only once: after that, the "
            "interview is theirs to offer."
        )
    elif rule_id == "keep_searching":
        if int(params["active"]) == 0:
            text = "No application is active: keep applying until you have an offer."
        else:
            active = _count(int(params["active"]), "active application", "active applications")
            text = f"Only {active}: keep applying until you have an offer."
    else:
        raise KeyError(rule_id)
    moved = params.get("moved")
    return f"{text} {_moved(moved)}" if isinstance(moved, Mapping) else text


def sources(rule_id: str) -> Sequence[Article]:
    """The articles a rule comes from, the main one first, each once."""
    seen: dict[str, Article] = {}
    for cite in RULES[rule_id].sources:
        seen.setdefault(cite.article, ARTICLES[cite.article])
    return list(seen.values())
