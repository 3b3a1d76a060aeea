"""Fuzzing the job posting reader (issue 18 §3, "Hypothesis fuzzes the three readers"), in the
style of test_fuzz_importers.py:

- arbitrary bytes, and mutations of the saved pages in tests/data/postings (its mutations:
  bytes flipped, cut short, NULs, bad UTF-8, huge values put in), are read into a posting or
  refused with a PostingError, never another exception, and no markup survives in a
  description; a mutated page that reads is imported whole or refused with a StoreError
  that leaves the data exactly as it was (no partial import);
- JobPosting pages the test writes itself from random values (titles and names with markup
  and non-ASCII, paragraphs and list items) give those values back exactly, so a reader that
  refuses everything, or loses a field, fails here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview import paths
from afterview.domain.postings import EMPLOYMENT_TYPES, Posting
from afterview.interop.job_posting import PostingError, read_posting
from afterview.store.api import open_store
from afterview.store.errors import StoreError
from afterview.store.operations import Store
from tests.unit.test_fuzz_importers import MUTATIONS, fuzz, mutate, snapshot

PAGES = sorted((Path(__file__).resolve().parents[1] / "data" / "postings").glob("*.*htm*"))
#: Markup as a reader of the description would take it: a tag, a closing tag or a comment.
MARKUP = re.compile(r"<\s*[/!?]?\s*[a-zA-Z][^<>]*>")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store for the module's examples: each compares the data before and after itself."""
    with open_store(paths.resolve(tmp_path_factory.mktemp("fuzz-posting") / "data")) as opened:
        yield opened


def read_or_refuse(data: bytes) -> Posting | None:
    """The posting, or None when the reader refused the page with a PostingError (any other
    exception fails the test)."""
    refused = ""
    try:
        posting = read_posting(data, source="fuzzed.html")
    except PostingError as error:
        refused = str(error)
    if refused:
        assert refused == (
            "no job posting (schema.org JobPosting) in fuzzed.html; nothing was imported"
        )
        return None
    assert not MARKUP.search(posting.description), posting.description[:500]
    for text in (posting.title, posting.company, posting.location, posting.employment_type):
        assert "\n" not in text and "\x00" not in text
    assert posting.url == "" or posting.url.startswith(("http://", "https://"))
    return posting


@fuzz(300)
@given(data=st.binary(max_size=4096))
def test_arbitrary_bytes_are_read_or_refused(data: bytes) -> None:
    read_or_refuse(data)


@fuzz(200)
@given(
    data=st.one_of(
        st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.sampled_from(["<", "<script type='application/ld+json'>", "{", '"@type"', "]"])
        .flatmap(lambda s: st.lists(st.just(s), max_size=200))
        .map(lambda parts: "".join(parts).encode()),
    )
)
def test_arbitrary_text_is_read_or_refused(data: bytes) -> None:
    read_or_refuse(data)


@fuzz(150)
@given(page=st.sampled_from(PAGES), mutations=MUTATIONS)
def test_mutated_pages_import_whole_or_not_at_all(
    store: Store, page: Path, mutations: list[tuple[str, int, int]]
) -> None:
    posting = read_or_refuse(mutate(page.read_bytes(), mutations))
    if posting is None:
        return
    before = snapshot(store)
    try:
        outcome = store.applications.from_posting(posting)
    except StoreError:
        assert snapshot(store) == before  # refused: nothing at all was written
        return
    kept = store.applications.get(outcome.value.application_id)
    assert "\x00" not in kept.posting and not MARKUP.search(kept.posting)


# --- pages written from random values -------------------------------------------------------

#: Letters and digits of any script, and the punctuation job titles use; no whitespace but
#: the space, so the words the page gives are the words expected.
_CHAR = st.one_of(
    st.characters(categories=("L", "Nd")),
    st.sampled_from(list(".,;:!?-()'/+#·«»")),
)
WORDS = st.lists(st.text(_CHAR, min_size=1, max_size=12), min_size=1, max_size=6).map(" ".join)
#: A title or a name: words, sometimes with markup around one (text, kept as given).
NAMES = st.one_of(
    WORDS,
    st.tuples(WORDS, st.sampled_from(["b", "i", "em", "span"]), WORDS).map(
        lambda t: f"{t[0]} <{t[1]}>{t[2]}</{t[1]}>"
    ),
)


@st.composite
def postings(draw: st.DrawFn) -> tuple[bytes, Posting]:
    title, company, city, country = draw(NAMES), draw(NAMES), draw(WORDS), draw(WORDS)
    paragraphs = draw(st.lists(WORDS, min_size=1, max_size=4))
    items = draw(st.lists(WORDS, max_size=4))
    kinds = draw(st.lists(st.sampled_from(sorted(EMPLOYMENT_TYPES)), max_size=3, unique=True))
    posted = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    remote = draw(st.booleans())
    evil = draw(st.sampled_from(["", "<script>steal()</script>", "<style>p{}</style>"]))
    description = (
        "".join(f"<p>{p}</p>" for p in paragraphs)
        + evil
        + ("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else "")
    )
    item = {
        "@context": draw(st.sampled_from(["https://schema.org", "http://schema.org/"])),
        "@type": draw(st.sampled_from(["JobPosting", ["JobPosting"], "schema:JobPosting"])),
        "title": title,
        "hiringOrganization": {"@type": "Organization", "name": company},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": city,
                "addressCountry": country,
            },
        },
        "datePosted": posted.isoformat(),
        "employmentType": kinds,
        "description": description,
        "url": "https://jobs.example.org/p/1",
    }
    if remote:
        item["jobLocationType"] = "TELECOMMUTE"
    wrapped = draw(st.sampled_from(["plain", "graph", "list"]))
    document = {"plain": item, "graph": {"@graph": [{"@type": "WebPage"}, item]}, "list": [item]}
    # As WordPress and most sites write JSON into a page: "</" escaped, so no text ends the
    # script element early.
    text = json.dumps(document[wrapped], ensure_ascii=draw(st.booleans())).replace("</", "<\\/")
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title>'
        f'<script type="application/ld+json">{text}</script></head><body></body></html>'
    )
    # The values written by hand from what was drawn: the reader's rules are not used here.
    places = [f"{city}, {country}" if city.casefold() != country.casefold() else city]
    expected = Posting(
        title=title,
        company=company,
        location="; ".join(places + (["Remote"] if remote else [])),
        employment_type=", ".join(EMPLOYMENT_TYPES[k] for k in kinds),
        date_posted=posted,
        description="\n\n".join(
            paragraphs + (["\n".join(f"• {i}" for i in items)] if items else [])
        ),
        url="https://jobs.example.org/p/1",
    )
    return page.encode("utf-8"), expected


@fuzz(200)
@given(generated=postings())
def test_generated_postings_give_their_values_back(generated: tuple[bytes, Posting]) -> None:
    page, expected = generated
    assert read_posting(page, source="generated.html") == expected
