"""The rules' table (afterview.domain.rules): each rule id names the seed article and section
PRODUCT.md's playbook table gives for it, and the article's title as its first line reads.
Expected values are written out here from the seed files in /work/shared/seeds/."""

from __future__ import annotations

import pytest

from afterview.domain.rules import ARTICLES, RULES, english_reason, parse_params, sources

#: rule id: the seed file and section its advice comes from first (the "Why?" a user sees).
FIRST_SOURCE = {
    "debrief": ("004_a7c1af388e049313.txt", "Put on Your Analyst's Cap"),
    "contact_cards": ("000_bcbcb8ab78c99f5d.txt", "§1 Get contact information"),
    "thank_you.fast": ("004_a7c1af388e049313.txt", "Send a Thank You Email/Card"),
    "thank_you.business_days": ("003_891bc8bc7e47ea3a.txt", "Within two working days"),
    "thank_you.not_customary": ("000_bcbcb8ab78c99f5d.txt", "§4 Follow up"),
    "references.tell": ("000_bcbcb8ab78c99f5d.txt", "§3 Notify your references"),
    "references.when_asked": ("001_78c410949a4570b0.txt", "§2 Notify references"),
    "referral.contact": ("003_891bc8bc7e47ea3a.txt", "follow up on these as soon as possible"),
    "follow_up.first": ("001_78c410949a4570b0.txt", "§4 Follow up"),
    "follow_up.second": ("001_78c410949a4570b0.txt", "§5 Stay calm"),
    "courtesy_note": ("002_796c5bf8678ca2c3.txt", "Don't Stop Looking"),
    "reconnect": ("002_796c5bf8678ca2c3.txt", "They may be able to offer you future jobs"),
    "references.thank": ("001_78c410949a4570b0.txt", "§2 Notify references"),
    "keep_searching": ("001_78c410949a4570b0.txt", "§3 Keep looking for work"),
    # Issue 17: the nearest advice; no article speaks of the time after applying.
    "application.follow_up": ("003_891bc8bc7e47ea3a.txt", "With a week to ten days"),
}


def test_every_rule_names_its_first_source() -> None:
    found = {
        rule.id: (ARTICLES[rule.sources[0].article].seed, rule.sources[0].section)
        for rule in RULES.values()
    }
    assert found == FIRST_SOURCE


def test_the_articles_by_their_titles() -> None:
    assert {number: (a.seed, a.title) for number, a in ARTICLES.items()} == {
        "000": ("000_bcbcb8ab78c99f5d.txt", "5 Things You Should Do after Every Job Interview"),
        "001": ("001_78c410949a4570b0.txt", "What Professionals Do After Every Interview"),
        "002": ("002_796c5bf8678ca2c3.txt", "What to Do After A Job Interview"),
        "003": ("003_891bc8bc7e47ea3a.txt", "Follow-Up: After the Job Interview"),
        # 004 has no title: named by its opening words, "Congratulations: you've completed…"
        "004": (
            "004_a7c1af388e049313.txt",
            "Congratulations: You've Completed Your Job Interview",
        ),
    }


def test_a_rules_sources_are_each_article_once_main_first() -> None:
    titles = [a.title for a in sources("keep_searching")]
    assert titles[0] == "What Professionals Do After Every Interview"
    assert len(titles) == len(set(titles)) == 5


def test_a_step_moved_to_working_hours_says_so() -> None:
    moved = {"to": "working_hours", "start": "09:00", "wanted": "07:30"}
    assert english_reason("courtesy_note", {"moved": moved}).endswith(
        "Moved to 09:00, when working hours start: nobody answers a call at 07:30."
    )
    late = {"to": "business_day", "closed": [], "wanted": "18:30"}
    assert english_reason("references.thank", {"moved": late}).endswith(
        "Moved to the next business day in working hours (18:30 is outside working hours): "
        "nobody answers on a holiday or after hours."
    )


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", None])
def test_damaged_parameters_read_as_none(text: str | None) -> None:
    assert parse_params(text) == {}
