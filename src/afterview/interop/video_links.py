"""Video-meeting links in an invitation's text (issue 18 §1: "video when the invitation
carries a Teams, Zoom, Meet or Webex link, kept as the location").

A link counts only when it is ``https`` and its host is one of the services' own (a
subdomain such as ``acme.zoom.us`` included), so ``https://zoom.us.example.com`` or a link
behind a redirector (Outlook's safelinks) does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

#: Host (or parent domain) → the service, as the services document their join links.
_HOSTS = (
    ("teams.microsoft.com", "Teams"),
    ("teams.live.com", "Teams"),
    ("zoom.us", "Zoom"),
    ("meet.google.com", "Meet"),
    ("webex.com", "Webex"),
)
#: An https link in running text: ends at white space, quotes or angle brackets (Outlook's
#: plain-text bodies write ``<https://…>``).
_LINK = re.compile(r"https://[^\s<>\"'\\]+", re.IGNORECASE)
_TRAILING = ".,;:)]}!?"


def service(url: str) -> str | None:
    """ "Teams", "Zoom", "Meet" or "Webex" for a join link of theirs, else None."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").casefold().rstrip(".")
    except ValueError:
        return None
    if parts.scheme.casefold() != "https" or not host:
        return None
    for domain, name in _HOSTS:
        if host == domain or host.endswith("." + domain):
            return name
    return None


def links(text: str) -> list[str]:
    """The https links in ``text``, in order, without the punctuation that ends a sentence."""
    return [match.group(0).rstrip(_TRAILING) for match in _LINK.finditer(text)]


def first_video_link(texts: Iterable[str]) -> str | None:
    """The first Teams, Zoom, Meet or Webex link in ``texts`` (each a whole value, such as a
    ``CONFERENCE`` URI, or running text such as a ``DESCRIPTION``), in their order."""
    for text in texts:
        stripped = text.strip()
        if service(stripped) is not None and not any(c.isspace() for c in stripped):
            return stripped
        for link in links(text):
            if service(link) is not None:
                return link
    return None
