"""A step's words in the user's language, from the id of the playbook rule that planned it
and its parameters (:mod:`afterview.domain.rules`): title, reason, the article it comes from
and the articles' figures as a tip.

Used by the window (Steps tab, Today) and the tray (menu, notifications). Every string goes
through Qt's translation (context "RuleWords"), plurals through ``%n``; numbers, dates and
times through QLocale. A step without a rule id (planned before rule ids existed, or one no
rule plans any more) or with one this release does not know is shown with the English words
stored with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from afterview.domain.rules import ARTICLES, RULES, TIPS, Rule, parse_params

CONTEXT = "RuleWords"


def _tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(CONTEXT, text, disambiguation, n)


@dataclass(frozen=True)
class StepWords:
    """What a view shows of one step. ``source``: the main article's title ("" when the
    rule is unknown); ``tip``: the articles' figures that apply, with their sources ("" for
    none); ``short_tip``: the first of them in one line, for a view short of room."""

    title: str
    reason: str
    source: str = ""
    tip: str = ""
    short_tip: str = ""

    def tooltip(self) -> str:
        """Reason, source and tip as plain text, one paragraph each."""
        parts = [self.reason]
        if self.source:
            parts.append(_tr("Why: from the article “%1”.").replace("%1", self.source))
        if self.tip:
            parts.append(self.tip)
        return "\n\n".join(part for part in parts if part)


def article_title(number: str) -> str:
    """A seed article's title, as translators may render it (the articles are in English)."""
    titles = {
        "000": _tr("5 Things You Should Do after Every Job Interview"),
        "001": _tr("What Professionals Do After Every Interview"),
        "002": _tr("What to Do After A Job Interview"),
        "003": _tr("Follow-Up: After the Job Interview"),
        "004": _tr("Congratulations: You've Completed Your Job Interview"),
    }
    return titles.get(number, ARTICLES[number].title if number in ARTICLES else number)


def article_contribution(number: str) -> str:
    """What an article contributed to the playbook, for Help ▸ Sources."""
    return {
        "000": _tr(
            "Get everyone's contact details, write down what you learned right away, tell your "
            "references, follow up the way the country expects (thank-you notes are not "
            "customary in Japan), and keep looking."
        ),
        "001": _tr(
            "A prompt thank-you note to each participant, telling references what to expect, "
            "following up after more than a week by the way each interviewer prefers, "
            "staying calm rather than following up too often, and two of the figures."
        ),
        "002": _tr(
            "Knowing the process before you leave, thanking within two business days, keeping "
            "the search going, and a courteous note after a rejection."
        ),
        "003": _tr(
            "Correct names and titles, thank-you notes within two working days even if you "
            "do not want the job, following up referrals at once, a follow-up call after a "
            "week to ten days, and keeping the relationship pleasant."
        ),
        "004": _tr(
            "Asking when to follow up, analysing the interview right after, a thank-you "
            "within 24 hours, keeping up the search, and the thank-you figures."
        ),
    }.get(number, "")


def percent(value: int) -> str:
    """``value`` per cent as the locale writes numbers ("22 %" where a translator says so)."""
    return _tr("%1%", "a percentage").replace("%1", QLocale().toString(value))


def _short_tip(rule: Rule) -> str:
    figures = {f.percent for f in TIPS.get(rule.tip, ())}
    if rule.tip == "thank_you" and 22 in figures:
        return _tr(
            "Tip: %1 of employers are less likely to hire someone who sends no thank-you note "
            "(CareerBuilder)."
        ).replace("%1", percent(22))
    if rule.tip == "follow_up" and 56 in figures:
        return _tr(
            "Tip: %1 of career advisers say seeming uninterested hurts a candidate (Workopolis)."
        ).replace("%1", percent(56))
    return ""


def _tip(rule: Rule) -> str:
    figures = {f.percent: f for f in TIPS.get(rule.tip, ())}
    if rule.tip == "thank_you" and {22, 80, 57} <= figures.keys():
        return (
            _tr(
                "Tip: %1 of employers are less likely to hire someone who sends no thank-you "
                "note (CareerBuilder, in “%2”). %3 of hiring managers find a thank-you note "
                "influential, yet only %4 of candidates send one (“%5”)."
            )
            .replace("%1", percent(22))
            .replace("%2", article_title(figures[22].article))
            .replace("%3", percent(80))
            .replace("%4", percent(57))
            .replace("%5", article_title(figures[80].article))
        )
    if rule.tip == "follow_up" and 56 in figures:
        return (
            _tr(
                "Tip: %1 of career advisers say a candidate who seems uninterested is less "
                "likely to get an offer (Workopolis, in “%2”)."
            )
            .replace("%1", percent(56))
            .replace("%2", article_title(figures[56].article))
        )
    return ""


def _day(iso: str) -> str:
    """A day in the locale's long format (weekday, day, month, year); the C locale's has no
    words, so its own pattern names them in English."""
    day = date.fromisoformat(iso)
    locale, value = QLocale(), QDate(day.year, day.month, day.day)
    if locale.language() == QLocale.Language.C:
        return locale.toString(value, "dddd d MMMM yyyy")
    return locale.toString(value, QLocale.FormatType.LongFormat)


def _time(text: str) -> str:
    hour, minute = (int(part) for part in text.split(":"))
    return QLocale().toString(QTime(hour, minute), QLocale.FormatType.ShortFormat)


def _title(rule_id: str, params: Mapping[str, Any]) -> str:
    person, company = str(params.get("person", "")), str(params.get("company", ""))
    if rule_id.startswith("thank_you."):
        return _tr("Thank-you note to %1").replace("%1", person)
    if rule_id in ("references.tell", "references.when_asked"):
        return _tr("Tell %1 (reference) what to expect").replace("%1", person)
    if rule_id == "referral.contact":
        return _tr("Contact referral %1").replace("%1", person)
    if rule_id == "reconnect":
        return _tr("Reconnect with %1").replace("%1", company)
    return {
        "debrief": _tr("Write the debrief"),
        "contact_cards": _tr("Complete the contact cards"),
        "follow_up.first": _tr("Follow up on your application"),
        "follow_up.second": _tr("Second follow-up, then let it rest"),
        "courtesy_note": _tr("Send a courteous note after the rejection"),
        "references.thank": _tr("Thank your references and tell them the outcome"),
        "keep_searching": _tr("Keep searching"),
    }[rule_id]


def _follow_up(params: Mapping[str, Any]) -> str:
    anchor = params.get("anchor")
    if anchor == "agreed":
        return _tr(
            "Ask where things stand on %1, the date you agreed, the way the contact prefers "
            "(email, phone or letter). It shows you are still interested."
        ).replace("%1", _day(params["date"]))
    if anchor == "decision":
        return _tr(
            "Ask where things stand the day after the decision was expected (%1), the way the "
            "contact prefers (email, phone or letter). It shows you are still interested."
        ).replace("%1", _day(params["date"]))
    return _tr(
        "Ask where things stand %n day(s) after the interview, the way the contact prefers "
        "(email, phone or letter). It shows you are still interested.",
        "",
        int(params["days"]),
    )


def _reason(rule_id: str, params: Mapping[str, Any]) -> str:
    if rule_id == "thank_you.business_days":
        return _tr(
            "Thank each interviewer within %n business day(s), even if you don't want the job.",
            "",
            int(params["days"]),
        )
    if rule_id == "thank_you.not_customary":
        # The country by the locale's name for it; its code when Qt knows no name.
        code = str(params.get("country", ""))
        territory = QLocale.codeToTerritory(code) if code else QLocale.Country.AnyTerritory
        name = QLocale.territoryToString(territory)
        if territory == QLocale.Country.AnyTerritory or not name:
            name = str(params.get("country_name") or code)
        return _tr(
            "Optional: thank-you notes are not customary in %1. Thank the interviewers in "
            "person at the end of the interview."
        ).replace("%1", name)
    if rule_id == "follow_up.first":
        return _follow_up(params)
    if rule_id == "follow_up.second":
        return _tr(
            "One more follow-up %n day(s) after the first, then stop: more would look "
            "anxious. Hiring often takes longer than anyone expects.",
            "",
            int(params["days"]),
        )
    if rule_id == "reconnect":
        return _tr(
            "Get back in touch %n month(s) after the rejection: another position may suit you.",
            "",
            int(params["months"]),
        )
    if rule_id == "keep_searching" and int(params["active"]) == 0:
        return _tr("No application is active: keep applying until you have an offer.")
    if rule_id == "keep_searching":
        return _tr(
            "Only %n active application(s): keep applying until you have an offer.",
            "",
            int(params["active"]),
        )
    return {
        "debrief": _tr(
            "Write down what you learned, the questions still open and what to do better "
            "next time, right after the interview while it is fresh in your mind."
        ),
        "contact_cards": _tr(
            "Note the correct name, job title and a way to reach everyone you met, so you "
            "can thank them and follow up."
        ),
        "thank_you.fast": _tr(
            "Thank each interviewer within 24 hours, while the interview is fresh in their "
            "mind, even if you don't want the job."
        ),
        "references.tell": _tr(
            "Let your references know that someone may call them, and what to expect, so "
            "they are not caught off guard."
        ),
        "references.when_asked": _tr(
            "At the next stage you will be asked for references: tell them now that someone "
            "may call, and what to expect."
        ),
        "referral.contact": _tr(
            "Get in touch with the people you were told about at the interview as soon as possible."
        ),
        "courtesy_note": _tr(
            "Thank them and stay courteous: keep the contacts, they may think of you when "
            "another position comes up."
        ),
        "references.thank": _tr(
            "Your references were part of the process: thank them and tell them how it ended."
        ),
    }[rule_id]


def _moved(moved: Mapping[str, Any]) -> str:
    if moved.get("to") == "working_hours":
        return (
            _tr("Moved to %1, when working hours start: nobody answers a call at %2.")
            .replace("%1", _time(moved["start"]))
            .replace("%2", _time(moved["wanted"]))
        )
    closed = []
    for day, holiday in moved.get("closed", ()):
        # Holiday names are the holidays library's, in English.
        text = _tr("%1 is %2") if holiday else _tr("%1 is not a work day")
        closed.append(text.replace("%1", _day(day)).replace("%2", str(holiday or "")))
    if closed:
        why = _tr(", ", "between the days a step was moved past").join(closed)
    else:
        why = _tr("%1 is outside working hours").replace("%1", _time(moved.get("wanted", "")))
    return _tr(
        "Moved to the next business day in working hours (%1): nobody answers on a holiday "
        "or after hours."
    ).replace("%1", why)


def words(rule_id: str, params_json: str, title: str, reason: str) -> StepWords:
    """A step's words: from ``rule_id`` and its parameters (JSON text, as stored) when the
    rule is known, else the stored English ``title`` and ``reason``. Never raises: damaged
    parameters fall back to the stored words too."""
    rule = RULES.get(rule_id)
    if rule is None:
        return StepWords(title, reason)
    params = parse_params(params_json)
    try:
        shown_title, shown_reason = _title(rule_id, params), _reason(rule_id, params)
        moved = params.get("moved")
        if isinstance(moved, Mapping):
            shown_reason = f"{shown_reason} {_moved(moved)}"
    except (KeyError, TypeError, ValueError):
        return StepWords(title, reason)
    source = article_title(rule.sources[0].article) if rule.sources else ""
    return StepWords(shown_title, shown_reason, source, _tip(rule), _short_tip(rule))


def step_title(rule_id: str, params_json: str, title: str) -> str:
    """Only a step's title, worded as :func:`words` words it (the interview list's column):
    the stored English ``title`` when the rule is unknown or its parameters damaged."""
    if rule_id not in RULES:
        return title
    try:
        return _title(rule_id, parse_params(params_json))
    except (KeyError, TypeError, ValueError):
        return title


__all__ = ["StepWords", "article_contribution", "article_title", "percent", "step_title", "words"]
