"""A saved job posting as Afterview reads it (issue 18 §3): the values the posting reader
(``interop/job_posting.py``) gives and the store's import of a posting
(``store/posting_import.py``) takes, and the snapshot of it an application keeps.

Every field is plain text: the reader has already turned the posting's HTML into text and
unescaped its entities, and nothing here is ever shown as rich text. The vocabulary is
schema.org's ``JobPosting`` (https://schema.org/JobPosting); the employment types are the
values Google's job-posting structured data documents for ``employmentType``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

#: ``employmentType`` values (schema.org JobPosting; Google's job-posting documentation lists
#: these eight) in the words the preview and the snapshot use. Other values are kept as given.
EMPLOYMENT_TYPES: Mapping[str, str] = {
    "FULL_TIME": "Full-time",
    "PART_TIME": "Part-time",
    "CONTRACTOR": "Contract",
    "TEMPORARY": "Temporary",
    "INTERN": "Internship",
    "VOLUNTEER": "Volunteer",
    "PER_DIEM": "Per diem",
    "OTHER": "Other",
}

#: What an application's source says when the posting gives no web address.
SAVED_POSTING = "Saved job posting"


@dataclass(frozen=True)
class Posting:
    """One ``JobPosting`` read from a saved page.

    ``location``: the places joined with "; ", each "locality, region, country" as the page
    gives them, and "Remote" for ``jobLocationType`` TELECOMMUTE; "" when none is given.
    ``date_posted``: the day part of ``datePosted`` (the page's own calendar day, no zone
    applied); None when absent or not a date. ``url``: an http(s) address or "".
    """

    title: str
    company: str
    location: str = ""
    employment_type: str = ""
    date_posted: date | None = None
    description: str = ""
    url: str = ""
    #: The page's other job postings, each "title at company" (a listing page): Afterview
    #: takes the first and says which others it left, so none is dropped unseen.
    others: tuple[str, ...] = ()


def employment_words(value: str) -> str:
    """``FULL_TIME`` → ``Full-time`` (:data:`EMPLOYMENT_TYPES`, case and ``-``/space
    insensitive, so ``full-time`` too); any other value is returned stripped, as given."""
    key = value.strip().upper().replace("-", "_").replace(" ", "_")
    return EMPLOYMENT_TYPES.get(key, value.strip())


def source_of(url: str) -> str:
    """The application's source for a posting at ``url``: its host name without a leading
    ``www.`` ("jobs.example.com"), or :data:`SAVED_POSTING` when there is no address."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    host = host.removeprefix("www.")
    return host or SAVED_POSTING


#: Ends a snapshot cut to the length the store keeps.
CUT = "\n\n[Cut here: the posting is longer than Afterview keeps.]"


def snapshot(posting: Posting, limit: int | None = None) -> str:
    """The text an application keeps of the posting, since postings disappear once filled:
    a short header (location, employment type, date posted: the lines that have a value),
    a blank line, then the description. "" when the posting has none of these.

    ``limit``: the most characters kept (the store's posting field holds 100,000); a longer
    text is cut and ends with :data:`CUT`, so the user knows the rest is on the saved page."""
    header = [
        f"{name}: {value}"
        for name, value in (
            ("Location", posting.location),
            ("Employment type", posting.employment_type),
            ("Date posted", posting.date_posted.isoformat() if posting.date_posted else ""),
        )
        if value
    ]
    parts = ["\n".join(header)] if header else []
    if posting.description:
        parts.append(posting.description)
    text = "\n\n".join(parts)
    if limit is not None and len(text) > limit:
        text = text[: max(0, limit - len(CUT))].rstrip() + CUT
    return text


__all__ = [
    "CUT",
    "EMPLOYMENT_TYPES",
    "SAVED_POSTING",
    "Posting",
    "employment_words",
    "snapshot",
    "source_of",
]
