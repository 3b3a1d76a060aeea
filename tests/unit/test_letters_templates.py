"""Templates: whatever the records hold reaches the page as text, never as markup."""

from __future__ import annotations

from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextDocument

from afterview.domain import records as r
from afterview.domain.contact_ways import ways
from afterview.letters.context import LetterContext, Recipient, format_date
from afterview.letters.templates import Templates, html_to_text, paragraphs, template_for_step
from afterview.store.values import Profile

# Text a person might type into a card: any printable characters, markup-looking ones included.
field = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30
).filter(lambda s: s.strip() == s and s.strip())
TEMPLATES = Templates(None)


def _context(name: str, title: str, company: str, position: str) -> LetterContext:
    contact = r.Contact(id=1, name=name, title=title, company=company, emails=ways("x@example.org"))
    interview = r.Interview(
        id=1,
        company=company,
        position=position,
        start=datetime(2026, 11, 20, 14, tzinfo=UTC),
        time_zone="UTC",
        people=(r.Participation(contact, r.Role.INTERVIEWER),),
        debrief=r.Debrief(thank_you_topic="<b>the migration</b> & more"),
    )
    return LetterContext(
        interview=interview,
        recipient=Recipient(kind="contact", id=1, name=name, title=title, company=company),
        profile=Profile(name="Sam <i>Rivera</i>", selling_points="data & <pipelines>"),
        today=date(2026, 11, 21),
    )


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


LAYOUT_TAGS = {"html", "head", "meta", "title", "style", "body", "p", "br", "b", "table", "tr",
               "td", "hr", "span"}  # fmt: skip


@pytest.mark.parametrize("template", TEMPLATES.names())
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=field, title=field, company=field, position=field)
def test_fields_reach_the_page_as_text(
    template: str, name: str, title: str, company: str, position: str
) -> None:
    variables = _context(name, title, company, position).variables()
    draft = TEMPLATES.draft(template, variables)
    assert name in draft.body or name in draft.subject
    html = TEMPLATES.to_html(draft, variables)
    parser = _Text()
    parser.feed(html)
    parser.close()
    # Only the layout's own tags: nothing a user typed became an element.
    assert set(parser.tags) <= LAYOUT_TAGS
    text = "".join(parser.text)
    assert name in text and company in text and position in text


def test_the_page_qt_renders_shows_the_text_as_typed(qapp: object) -> None:
    name, title, company = "Zoë <Ångström>", "Head & <Data>", "A&B <Labs>"
    variables = _context(name, title, company, "Data <Engineer>").variables()
    draft = TEMPLATES.draft("thank_you_letter", variables)
    doc = QTextDocument()
    doc.setHtml(TEMPLATES.to_html(draft, variables))
    shown = doc.toPlainText()
    for expected in (name, title, company, "Data <Engineer>", format_date(date(2026, 11, 21))):
        assert expected in shown


def test_plain_text_helpers() -> None:
    assert html_to_text("<p>A &amp; B</p><p>C<br>D</p>") == "A & B\nC\nD"
    assert paragraphs("one\ntwo\n\n\nthree\n") == [["one", "two"], ["three"]]
    assert template_for_step("thank_you", "letter") == "thank_you_letter"
    assert template_for_step("follow_up", "phone") == "follow_up_phone"
    assert template_for_step("notify_reference", "email") == "reference_brief"
    assert template_for_step("courtesy_note", None) == "after_rejection"
    assert template_for_step("thank_references", "email") == "reference_thanks"
    assert template_for_step("reconnect", "letter") == "reconnect"
    # Seed 003 (003_891bc8bc7e47ea3a.txt, "Just before the end of the interview, get into
    # networking mode … follow up on these as soon as possible"): a letter of its own.
    assert template_for_step("contact_referral", "email") == "referral_intro"
    assert template_for_step("contact_referral", None) == "referral_intro"
    assert format_date(date(2026, 3, 4), "US") == "March 4, 2026"
    assert format_date(date(2026, 3, 4), "DE") == "4 March 2026"


def test_the_catalogue() -> None:
    names = TEMPLATES.names()
    assert names == [
        "after_rejection",
        "follow_up_email",
        "follow_up_phone",
        "reconnect",
        "reference_brief",
        "reference_thanks",
        "referral_intro",
        "thank_you_card",
        "thank_you_email",
        "thank_you_letter",
    ]
    channels = {info.name: info.channel for info in TEMPLATES.catalogue()}
    assert channels["thank_you_letter"] == "letter"
    assert channels["thank_you_card"] == "card"
    assert channels["follow_up_phone"] == "phone"
