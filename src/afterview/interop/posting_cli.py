"""``afterview import posting FILE.html``: an application from a saved job posting (issue 18
§3). The page is read and checked whole before the database is opened; what was read is
printed, then the application is written in one transaction (or the existing one with the
same company and position is filled in: afterview.store.posting_import)."""

from __future__ import annotations

import argparse
from pathlib import Path

from afterview.domain.postings import Posting
from afterview.interop.job_posting import PostingError, load_posting
from afterview.store.posting_values import PostingAction, PostingImport


def describe(posting: Posting) -> str:
    """What was read, a field a line ("-" for one the page does not give), then the first
    lines of the description."""
    rows = (
        ("Company", posting.company),
        ("Position", posting.title),
        ("Location", posting.location),
        ("Employment type", posting.employment_type),
        ("Date posted", posting.date_posted.isoformat() if posting.date_posted else ""),
        ("Link", posting.url),
    )
    lines = [f"{name}: {value or '-'}" for name, value in rows]
    words = len(posting.description.split())
    lines.append(f"Description: {words} words" if words else "Description: -")
    if posting.others:
        lines.append(
            f"The page has {len(posting.others) + 1} job postings; this is the first. Left out: "
            + "; ".join(posting.others)
            + ". Save the page of the one you want to import it."
        )
    return "\n".join(lines)


def outcome_text(result: PostingImport) -> str:
    where = f"{result.company} ({result.position})"
    if result.action is PostingAction.CREATED:
        return f"Created the application at {where}, with the posting's text."
    if result.action is PostingAction.FILLED:
        return f"The application at {where} already existed: the posting's text was added to it."
    return f"The application at {where} already exists with a posting text: nothing was imported."


def run_import_posting(args: argparse.Namespace) -> int:
    from afterview.cli import open_cli_store, report_warnings

    path = Path(args.file)
    posting = load_posting(path)  # the whole page, read and checked before the store opens
    for field, value in (("company", posting.company), ("position", posting.title)):
        if not value:
            what = "hiring organisation" if field == "company" else "title"
            raise PostingError(
                f"the job posting in {path} has no {what}, so the application would have no "
                f"{field}; nothing was imported (import it in the window to type one)"
            )
    print(describe(posting))
    with open_cli_store(args) as store:
        outcome = store.applications.from_posting(posting)
    print(outcome_text(outcome.value))
    report_warnings(outcome.warnings)
    return 0


__all__ = ["describe", "outcome_text", "run_import_posting"]
