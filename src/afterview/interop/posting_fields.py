"""The fields of a schema.org ``JobPosting`` (https://schema.org/JobPosting), read from the
JSON-LD shape both syntaxes are brought to (``interop/job_posting.py``), as plain text.

Each property may be a value, a list of values, an object, or a reference to another node
of the page by ``@id`` (a Yoast-like ``@graph`` names the hiring organisation that way).
Text is unescaped (pages often HTML-escape JSON-LD strings), control characters are
dropped, and runs of whitespace made one space; the description is HTML turned into text
(:func:`afterview.interop.posting_text.html_to_text`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from afterview.domain.postings import CUT, Posting, employment_words
from afterview.interop.posting_text import html_to_text

JSON = dict[str, Any]
#: A schema.org type named in full ("https://schema.org/JobPosting", http too) or by prefix.
_SCHEMA = re.compile(r"^(?:https?://schema\.org/|schema:)", re.I)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
#: The longest web address kept (the store's link field takes 2,000 characters).
MAX_ADDRESS = 2_000
#: The most characters of a description's HTML turned into text: ten times the 100,000 an
#: application keeps, so what is kept is whole for any real posting, while a page with
#: megabytes of description (html.parser is pure Python: 8 MB took 4 s) does not hold the
#: window up. A longer one is cut before a tag and ends with domain.postings.CUT.
MAX_MARKUP = 1_000_000
#: ``jobLocationType`` value for a job done from home (schema.org; Google's documentation).
TELECOMMUTE = "TELECOMMUTE"
REMOTE = "Remote"


def type_names(item: JSON) -> list[str]:
    """The item's ``@type`` names without the schema.org prefix (a list or one name)."""
    found = item.get("@type")
    names = found if isinstance(found, list) else [found]
    return [_SCHEMA.sub("", name).strip() for name in names if isinstance(name, str)]


def is_job_posting(item: JSON) -> bool:
    return "JobPosting" in type_names(item)


def clean(text: str) -> str:
    """One line of plain text: entities unescaped, control characters dropped, whitespace
    runs made one space, trimmed."""
    return " ".join(_CONTROL.sub(" ", html.unescape(text)).split())


def _values(value: Any) -> Iterator[Any]:
    if isinstance(value, list):
        for item in value:
            if item is not None:
                yield item
    elif value is not None:
        yield value


class _Page:
    """The page's objects by ``@id``, to follow a reference such as ``{"@id": "#org"}``."""

    def __init__(self, objects: Sequence[JSON]) -> None:
        self.by_id: dict[str, JSON] = {}
        for item in objects:
            key = item.get("@id")
            if isinstance(key, str) and len(item) > 1:
                self.by_id.setdefault(key, item)

    def resolve(self, value: Any) -> Any:
        if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
            key = value.get("@id")
            if isinstance(key, str):
                return self.by_id.get(key, value)
        return value

    def text(self, value: Any, *, keys: Sequence[str] = ("name", "@value")) -> str:
        """The first non-empty text of ``value``: a string or number, or an object's
        ``name`` (``@value`` for a JSON-LD value object)."""
        for item in _values(self.resolve(value)):
            found = ""
            if isinstance(item, str):
                found = clean(item)
            elif isinstance(item, (int, float)) and not isinstance(item, bool):
                found = str(item)
            elif isinstance(item, dict):
                for key in keys:
                    found = self.text(item.get(key), keys=())
                    if found:
                        break
            if found:
                return found
        return ""

    def texts(self, value: Any) -> list[str]:
        return [t for t in (self.text(item) for item in _values(value)) if t]


def _unique(items: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item.casefold() not in (s.casefold() for s in seen):
            seen.append(item)
    return seen


def _place(page: _Page, place: Any) -> str:
    """One ``jobLocation``: its PostalAddress's locality, region and country (each possibly a
    list; the country possibly a Country object), else the address or place as text."""
    place = page.resolve(place)
    if not isinstance(place, dict):
        return page.text(place)
    address = page.resolve(place.get("address"))
    if isinstance(address, dict):
        parts: list[str] = []
        for name in ("addressLocality", "addressRegion", "addressCountry"):
            parts += page.texts(address.get(name))
        if parts:
            return ", ".join(_unique(parts))
        street = page.text(address.get("streetAddress"))
        if street:
            return street
    elif address is not None:
        found = page.text(address)
        if found:
            return found
    return page.text(place.get("name"))


def location(page: _Page, item: JSON) -> str:
    """Every ``jobLocation`` (see :func:`_place`), then "Remote" when ``jobLocationType``
    says TELECOMMUTE, joined with "; "."""
    places = [_place(page, place) for place in _values(item.get("jobLocation"))]
    kinds = [t.upper() for t in page.texts(item.get("jobLocationType"))]
    if TELECOMMUTE in kinds:
        places.append(REMOTE)
    return "; ".join(_unique(places))


def employment(page: _Page, item: JSON) -> str:
    """``employmentType`` (one, a list, or several in one text split by commas) in words:
    FULL_TIME → "Full-time" (afterview.domain.postings.EMPLOYMENT_TYPES)."""
    words = [
        employment_words(part)
        for value in page.texts(item.get("employmentType"))
        for part in value.split(",")
        if part.strip()
    ]
    return ", ".join(_unique(words))


def day(text: str) -> date | None:
    """The calendar day an ISO 8601 date or date-time starts with ("2026-11-20",
    "2026-11-20T08:00:00+01:00" → 20 November 2026, the page's own day: no zone applied);
    None when it is not a date."""
    found = _DATE.match(text)
    if found is None:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def web_address(text: str) -> str:
    """``text`` when it is an http(s) address with a host (at most 2,000 characters, no
    spaces); "" otherwise: Afterview opens nothing else from an imported page."""
    text = text.strip()
    if not text or len(text) > MAX_ADDRESS or _CONTROL.search(text) or " " in text:
        return ""
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return text


def _description(markup: str) -> str:
    """The description as text; past :data:`MAX_MARKUP` characters, cut before the last tag
    that starts within them, and marked as cut."""
    if len(markup) <= MAX_MARKUP:
        return html_to_text(markup)
    cut = markup.rfind("<", 0, MAX_MARKUP)
    return html_to_text(markup[: cut if cut > 0 else MAX_MARKUP]) + CUT


def posting_of(item: JSON, objects: Sequence[JSON], page_address: str) -> Posting:
    """The :class:`Posting` of the JobPosting ``item``; ``objects``: every object of the page
    (for ``@id`` references); ``page_address``: the page's canonical or og:url address, used
    when the JobPosting gives no ``url``. A missing field is "" (None for the date): the
    preview asks for what the store needs."""
    page = _Page(objects)
    description = item.get("description")
    if isinstance(description, list):
        description = next((d for d in description if isinstance(d, str)), "")
    return Posting(
        title=page.text(item.get("title")) or page.text(item.get("name")),
        company=page.text(item.get("hiringOrganization")),
        location=location(page, item),
        employment_type=employment(page, item),
        date_posted=day(page.text(item.get("datePosted"))),
        description=_description(description) if isinstance(description, str) else "",
        url=next(
            (a for a in (web_address(u) for u in page.texts(item.get("url"))) if a), page_address
        ),
    )


__all__ = [
    "JSON",
    "REMOTE",
    "clean",
    "day",
    "employment",
    "is_job_posting",
    "location",
    "posting_of",
    "type_names",
    "web_address",
]
