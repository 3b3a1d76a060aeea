"""An application from a saved job posting (issue 18 §3), in one transaction.

The posting names a company and a position. When the user already has an application with
the same ones (records.application_group: case and surrounding spaces aside; the sample's
apart), no second one is made: its posting text, link and source are filled in where they
are empty, when its posting text is empty; an application that has a posting text is left
as it is (what the user kept is never replaced).
Otherwise a new application is made at stage Applied with no "applied on" day: saving a
posting is not applying, and an application without that day gets no follow-up
(domain/application_plan.py) until the user enters it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain.postings import Posting, snapshot, source_of
from afterview.domain.records import application_group
from afterview.store import applications as apps
from afterview.store import claims
from afterview.store.application_models import ApplicationRow
from afterview.store.posting_values import PostingAction, PostingImport


def posting_values(posting: Posting) -> dict[str, Any]:
    """The application's fields from ``posting``: its title is the position, the snapshot
    (domain.postings.snapshot, cut to the 100,000 characters the field holds) the posting
    text, the page's host the source ("Saved job posting" without an address)."""
    return {
        "company": posting.company.strip(),
        "position": posting.title.strip(),
        "source": source_of(posting.url),
        "link": posting.url,
        "posting": snapshot(posting, apps.MAX_TEXT),
        "applied_on": None,
    }


def matching(session: Session, company: str, position: str) -> ApplicationRow | None:
    """The newest of the user's applications (the sample's left out) with this company and
    position as records.application_group compares them; None when there is none."""
    wanted = application_group(company, position)
    query = (
        select(ApplicationRow)
        .where(ApplicationRow.sample.is_(False))
        .order_by(ApplicationRow.id.desc())
    )
    for row in session.scalars(query):
        if application_group(row.company, row.position) == wanted:
            return row
    return None


def import_posting(session: Session, posting: Posting, now: datetime) -> PostingImport:
    """Write the application for ``posting`` (see the module's doc). RecordError naming the
    field, and nothing written, when a value cannot be stored (no company or position,
    a name over 500 characters). ``now``: aware UTC, for the history and the re-plan."""
    values = posting_values(posting)
    checked = apps.check_fields("new application from a job posting", values)
    found = matching(session, checked["company"], checked["position"])
    if found is None:
        row = apps.create_application(session, checked, now)
        return PostingImport(row.id, PostingAction.CREATED, row.company, row.position)
    fill: dict[str, Any] = {}
    if checked["posting"] and not found.posting.strip():
        fill = {
            name: checked[name]
            for name in ("posting", "link", "source")
            if checked[name] and not getattr(found, name).strip()
        }
    if not fill:
        return PostingImport(found.id, PostingAction.UNCHANGED, found.company, found.position)
    claims.claim_application(session, found.id, fill, None)
    apps.update_application(session, found.id, fill, now)
    return PostingImport(found.id, PostingAction.FILLED, found.company, found.position)


__all__ = ["PostingAction", "PostingImport", "import_posting", "matching", "posting_values"]
