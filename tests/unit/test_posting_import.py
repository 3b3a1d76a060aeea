"""An application from a saved job posting (issue 18 §3), on SQLite and PostgreSQL: made in
one transaction with the posting's snapshot, never a second one for the same company and
position, nothing written when a value cannot be stored; and ``afterview import posting``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from afterview import paths
from afterview.domain.applications import Cause, Stage
from afterview.domain.postings import Posting
from afterview.interop.job_posting import load_posting
from afterview.store.api import open_store
from afterview.store.errors import RecordError
from afterview.store.operations import Store
from afterview.store.posting_values import PostingAction

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
PAGES = Path(__file__).resolve().parents[1] / "data" / "postings"
PLAIN = PAGES / "jsonld_plain.html"
#: What the application keeps of jsonld_plain.html, written by hand from the page.
PLAIN_SNAPSHOT = (
    "Location: Leeds, West Yorkshire, GB\n"
    "Employment type: Full-time\n"
    "Date posted: 2026-11-20\n"
    "\n"
    "Northwind Traders builds the software that moves our goods.\n\n"
    "You will:\n\n"
    "• design services in Python 3.11\n"
    "• look after our PostgreSQL databases\n\n"
    "Apply by 15 December."
)


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as opened:
        yield opened


def test_a_posting_becomes_an_application_not_yet_applied(store: Store) -> None:
    result = store.applications.from_posting(load_posting(PLAIN)).value
    assert result.action is PostingAction.CREATED
    (made,) = store.applications.items()
    assert made.id == result.application_id
    assert (made.company, made.position) == ("Northwind Traders", "Senior Python Developer")
    assert made.source == "jobs.northwind.example"
    assert made.link == "https://jobs.northwind.example/postings/4711"
    assert made.posting == PLAIN_SNAPSHOT
    # Saving a posting is not applying: no day, so no follow-up is planned for it.
    assert made.applied_on is None
    assert made.stage is Stage.APPLIED
    assert [e.cause for e in store.applications.history(made.id)] == [Cause.CREATED]


def test_the_same_company_and_position_again_makes_no_second_application(store: Store) -> None:
    first = store.applications.from_posting(load_posting(PLAIN)).value
    again = replace(load_posting(PLAIN), company="  northwind TRADERS ")
    second = store.applications.from_posting(again).value
    assert second.action is PostingAction.UNCHANGED
    assert second.application_id == first.application_id
    assert len(store.applications.items()) == 1
    assert store.applications.matching("NORTHWIND traders", " senior python developer") == (
        store.applications.get(first.application_id)
    )
    assert store.applications.matching("Northwind Traders", "Junior Python Developer") is None


def test_an_application_without_a_posting_text_is_filled_in(store: Store) -> None:
    made = store.applications.create(
        {
            "company": "Northwind traders",
            "position": "Senior Python developer",
            "applied_on": date(2026, 11, 25),
            "source": "A friend",
        }
    ).value
    result = store.applications.from_posting(load_posting(PLAIN)).value
    assert (result.action, result.application_id) == (PostingAction.FILLED, made)
    (kept,) = store.applications.items()
    # The user's own spelling, day and source stay; the empty link and posting are filled.
    assert (kept.company, kept.position) == ("Northwind traders", "Senior Python developer")
    assert kept.applied_on == date(2026, 11, 25)
    assert kept.source == "A friend"
    assert kept.link == "https://jobs.northwind.example/postings/4711"
    assert kept.posting == PLAIN_SNAPSHOT


def test_a_posting_text_the_user_has_is_never_replaced(store: Store) -> None:
    made = store.applications.create(
        {"company": "Northwind Traders", "position": "Senior Python Developer", "posting": "Mine"}
    ).value
    version = store.applications.get(made).version
    result = store.applications.from_posting(load_posting(PLAIN)).value
    assert result.action is PostingAction.UNCHANGED
    kept = store.applications.get(made)
    assert (kept.posting, kept.link, kept.version) == ("Mine", "", version)


@pytest.mark.parametrize("field", ["company", "title"])
def test_a_posting_without_company_or_title_writes_nothing(store: Store, field: str) -> None:
    posting = replace(load_posting(PLAIN), **{field: "  "})
    with pytest.raises(RecordError) as raised:
        store.applications.from_posting(posting)
    wanted = "company" if field == "company" else "position"
    assert str(raised.value) == f"new application from a job posting: field '{wanted}': required"
    assert store.applications.items() == []


def test_a_huge_posting_is_kept_cut_to_what_the_field_holds(store: Store) -> None:
    store.applications.from_posting(load_posting(PAGES / "huge_description.html"))
    (made,) = store.applications.items()
    assert len(made.posting) <= 100_000
    assert made.posting.startswith("Date posted: 2026-11-30\n\nParagraph 1: we describe")
    assert made.posting.endswith("\n\n[Cut here: the posting is longer than Afterview keeps.]")
    assert made.source == "Saved job posting"


def test_markup_is_stored_as_the_text_it_is(store: Store) -> None:
    posting = Posting(title="Dev <b>x</b>", company="A&B <Labs>", description="plain")
    store.applications.from_posting(posting)
    (made,) = store.applications.items()
    assert (made.company, made.position, made.posting) == ("A&B <Labs>", "Dev <b>x</b>", "plain")


# --- the command line ---------------------------------------------------------------------


def test_the_command_line_prints_what_it_read_and_creates_it(
    cli: Callable[..., tuple[int, str, str]], data_dir: Path
) -> None:
    status, out, err = cli("import", "posting", str(PLAIN))
    assert (status, err) == (0, "")
    assert out == (
        "Company: Northwind Traders\n"
        "Position: Senior Python Developer\n"
        "Location: Leeds, West Yorkshire, GB\n"
        "Employment type: Full-time\n"
        "Date posted: 2026-11-20\n"
        "Link: https://jobs.northwind.example/postings/4711\n"
        "Description: 27 words\n"
        "Created the application at Northwind Traders (Senior Python Developer), with the "
        "posting's text.\n"
    )
    status, out, _err = cli("import", "posting", str(PLAIN))
    assert status == 0
    assert out.endswith(
        "The application at Northwind Traders (Senior Python Developer) already exists with a "
        "posting text: nothing was imported.\n"
    )
    with open_store(paths.resolve(data_dir)) as opened:
        assert len(opened.applications.items()) == 1


def test_the_command_line_says_which_postings_a_listing_page_leaves_out(
    cli: Callable[..., tuple[int, str, str]], data_dir: Path
) -> None:
    status, out, _err = cli("import", "posting", str(PLAIN.parent / "two_postings.html"))
    assert status == 0
    assert (
        "The page has 2 job postings; this is the first. Left out: Office Manager at Fabrikam "
        "GmbH. Save the page of the one you want to import it.\n"
    ) in out
    assert "Created the application at Contoso Ltd (Backend Engineer)" in out


def test_the_command_line_refuses_a_page_without_a_posting(
    cli: Callable[..., tuple[int, str, str]], data_dir: Path
) -> None:
    page = PAGES / "organization_only.html"
    status, out, err = cli("import", "posting", str(page))
    assert (status, out) == (2, "")
    assert err == (
        f"afterview: no job posting (schema.org JobPosting) in {page}; nothing was imported\n"
    )


def test_the_command_line_refuses_a_posting_without_a_company(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    page = tmp_path / "no-company.html"
    page.write_text(
        '<script type="application/ld+json">{"@type": "JobPosting", "title": "Cook"}</script>',
        encoding="utf-8",
    )
    status, out, err = cli("import", "posting", str(page))
    assert (status, out) == (2, "")
    assert err == (
        f"afterview: the job posting in {page} has no hiring organisation, so the application "
        "would have no company; nothing was imported (import it in the window to type one)\n"
    )
