"""Every built-in template places the user's own text as whole sentences (issue 14, "Pasted
profile text breaks the sentence"). The selling points come from seed 003
(003_891bc8bc7e47ea3a.txt: the note "should remind the people you spoke to why you're the best
candidate for the job, but don't overdo it"); the referral letter from seed 003's "get into
networking mode … Get names and addresses/phone numbers and follow up on these as soon as
possible". Expected values are written out by hand."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview.domain import records as r
from afterview.domain.contact_ways import ways
from afterview.domain.letter_checks import Verdict
from afterview.domain.letter_punctuation import (
    check_capitals,
    check_punctuation,
    check_sentence_inside,
)
from afterview.letters.checking import check, speller_for
from afterview.letters.context import LetterContext, Recipient
from afterview.letters.templates import Templates
from afterview.store.values import Profile

TEMPLATES = Templates(None)
ISSUE = "Five years of SQL and Power BI; I built a churn dashboard that cut churn 8%."
#: (as typed in the profile, as the letter must show it)
SELLING = [
    (ISSUE, ISSUE),
    ("eight years of data pipelines", "Eight years of data pipelines."),  # 0.1.0's fixture
    ("I cut churn 8%..", "I cut churn 8%."),
    ("eight years of data pipelines;", "Eight years of data pipelines."),
]
MARIA = r.Contact(
    id=1, name="Maria Anders", title="Head of Data", company="Northwind",
    emails=ways("maria@northwind.example"),
)  # fmt: skip
OMAR = r.Contact(id=2, name="Omar O'Hara", title="Staff Engineer", company="Northwind")


def _context(selling: str, strong: str = "Migration story.", topic: str = "") -> LetterContext:
    interview = r.Interview(
        id=1,
        company="Northwind",
        position="Data Analyst",
        start=datetime(2026, 11, 20, 14, tzinfo=UTC),
        time_zone="UTC",
        people=(
            r.Participation(MARIA, r.Role.HIRING_MANAGER),
            r.Participation(OMAR, r.Role.INTERVIEWER),
        ),
        debrief=r.Debrief(strong_points=strong, thank_you_topic=topic),
    )
    recipient = Recipient(
        kind="contact", id=1, name=MARIA.name, title=MARIA.title, company="Northwind",
        email=MARIA.email, role=r.Role.HIRING_MANAGER,
    )  # fmt: skip
    return LetterContext(
        interview=interview,
        recipient=recipient,
        profile=Profile(name="Sam Rivera", selling_points=selling),
        today=date(2026, 11, 21),
        record_terms=frozenset(
            {"Maria Anders", "Head of Data", "Northwind", "Data Analyst", "Omar O'Hara",
             "Staff Engineer", "Sam Rivera"}
        ),
    )  # fmt: skip


@pytest.mark.parametrize("template", TEMPLATES.names())
@pytest.mark.parametrize(("typed", "shown"), SELLING)
def test_selling_points_are_whole_sentences_in_every_template(
    template: str, typed: str, shown: str
) -> None:
    context = _context(typed, topic="the churn dashboard.")
    draft = TEMPLATES.draft(template, context.variables())
    body = draft.body
    assert ".." not in body
    assert not re.search(r"\.[ \t]+[a-z]", body), body  # no sentence inside a sentence
    if shown[:-1].casefold() in body.casefold():
        # Where they appear, they stand as sentences: after a sentence or a colon, whole.
        assert re.search(r"(?:^|[.:!?] )" + re.escape(shown) + r"(?: |$)", body, re.M), body
    for found in (
        check_punctuation(body),
        check_sentence_inside(body),
        check_capitals(body, [typed, "Migration story."]),
    ):
        assert found is None, (template, found)


@pytest.mark.parametrize(
    "template",
    ["thank_you_email", "thank_you_letter", "thank_you_card", "follow_up_email",
     "follow_up_phone", "reference_brief", "reconnect", "after_rejection", "referral_intro"],
)  # fmt: skip
def test_the_templates_that_sell_show_the_selling_points(template: str) -> None:
    body = TEMPLATES.draft(template, _context(ISSUE).variables()).body
    assert ISSUE in body


def test_the_reference_brief_reads_right() -> None:
    body = TEMPLATES.draft("reference_brief", _context(ISSUE).variables()).body
    assert (
        "What would help most: it would be great if you could speak to the work we did "
        f"together. This is what I told them I would bring: {ISSUE} In the interview, this "
        "went over well: Migration story.\n"
    ) in body


def test_the_card_reads_right() -> None:
    body = TEMPLATES.draft("thank_you_card", _context(ISSUE).variables()).body
    assert f"I am excited about the chance to join Northwind. {ISSUE}\n" in body


def test_a_referral_lead_gets_a_letter_of_its_own() -> None:
    context = _context(ISSUE)
    lead = Recipient(kind="contact", id=9, name="Sam Lee", email="sam@example.com")
    context = LetterContext(
        context.interview, lead, context.profile, context.today, record_terms=context.record_terms
    )
    draft = TEMPLATES.draft("referral_intro", context.variables())
    assert TEMPLATES.info("referral_intro").title == "Contact a referral lead"
    assert draft.channel == "email"
    assert draft.subject == "Maria Anders suggested I get in touch"
    assert draft.body.startswith(
        "Dear Sam Lee,\n\nMaria Anders (Head of Data) at Northwind suggested I get in touch "
        "with you. I recently interviewed for the Data Analyst position there, and I asked "
        "whether there was anyone else in the field I could talk to.\n\n"
        f"A little about me: {ISSUE}\n\n"
    )
    results = check(
        context, "referral_intro", draft.channel, draft.body, speller_for(context, None)
    )
    assert all(r.verdict is Verdict.PASS for r in results), [r.summary for r in results]


sentence_like = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Zs", "Po")), max_size=60
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(selling=sentence_like, strong=sentence_like, topic=sentence_like)
def test_the_templates_never_make_doubled_punctuation_of_their_own(
    selling: str, strong: str, topic: str
) -> None:
    """Whatever the user typed, a doubled mark in a letter is one the user typed: the
    templates' own joins never make one ("8%..", "Postgres?.")."""
    variables = _context(selling, strong, topic).variables()
    for template in TEMPLATES.names():
        body = TEMPLATES.draft(template, variables).body
        assert ".." not in body.replace("...", "")
        found = check_punctuation(body)
        for start, end in found.spans if found is not None else ():
            assert body[start:end] in selling + strong + topic, (template, body[start:end])
