"""What an invitation's import proposes before the user corrects it (issue 18 §1): the
position read from the ``SUMMARY``, each person's role, the interview's country from its
time zone. Pure functions; the store's import (afterview.store.invitation_import) and the
previews (CLI, window) share them so they propose the same thing.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from afterview.domain.invitations import Attendee
from afterview.domain.records import Role

#: Words a calendar puts before the meeting's own title: Outlook's "Updated invitation:",
#: Google's "Invitation:" / "Updated invitation with note:", "Canceled event:", a video
#: service's "Webex meeting:", and the "Interview:" recruiters write. Matched ignoring case,
#: repeatedly.
_PREFIX = re.compile(
    r"^\s*(?:(?:updated\s+)?invitation(?:\s+with\s+note)?|cancel+ed(?:\s+event)?|"
    r"interview|fwd?|re|invite|(?:webex|zoom|teams|microsoft\s+teams|google\s+meet)\s+meeting)"
    r"\s*[:\-–—]\s*",
    re.IGNORECASE,
)
#: A trailing "interview" / "Interview with…" word that is not part of the job's title.
_TRAILING_INTERVIEW = re.compile(r"\s*\binterview\b\s*$", re.IGNORECASE)
_SEPARATORS = (" – ", " — ", " - ", " | ", " @ ", " at ", " with ")
#: A round named before or after the job's title ("Second interview – Data Engineer",
#: "Data Engineer: final round", "Phone screen | Analyst"): which meeting of the search this
#: is, not the post, which would otherwise make an application of its own.
_ROUND_WORDS = (
    r"(?:(?:first|second|third|fourth|fifth|final|last|next|\d+(?:st|nd|rd|th)?|technical|"
    r"panel|onsite|on-site|phone|video|hr|culture(?:\s+fit)?|hiring\s+manager|case|"
    r"follow-up|follow\s+up)\s+(?:interview|round|screen(?:ing)?|call)|phone\s+screen(?:ing)?|"
    r"screening(?:\s+call)?|round\s+\d+|final\s+round)"
)
_ROUND_FIRST = re.compile(rf"^(?P<round>{_ROUND_WORDS})\s*[-–—:|]\s*(?P<rest>.+)$", re.I)
_ROUND_LAST = re.compile(rf"^(?P<rest>.+?)\s*[-–—:|(]\s*(?P<round>{_ROUND_WORDS})\)?$", re.I)


def default_position(summary: str, company: str) -> str:
    """The position proposed from the invitation's ``SUMMARY``: calendar prefixes
    ("Invitation:", "Updated invitation:", "Interview:") dropped, then a trailing
    " – <company>" / " at <company>" / " with <company>" (the company compared ignoring case),
    or a leading "<company> | ", then a trailing word "interview". "Interview: Data engineer –
    Acme" and "Acme | Data engineer | Interview" with company "Acme" give "Data engineer".
    When nothing is left, the summary as it was (stripped); when it is empty, "Interview"."""
    text = " ".join(summary.split())
    if not text:
        return "Interview"
    cleaned = text
    while True:
        shorter = _PREFIX.sub("", cleaned, count=1)
        if shorter == cleaned:
            break
        cleaned = shorter
    wanted = company.strip().casefold()
    if wanted:
        for separator in _SEPARATORS:
            head, found, tail = cleaned.rpartition(separator)
            if found and head.strip() and tail.strip().casefold() == wanted:
                cleaned = head
                break
        for separator in (" | ", " – ", " — ", " - ", ": "):
            head, found, tail = cleaned.partition(separator)
            if found and tail.strip() and head.strip().casefold() == wanted:
                cleaned = tail
                break
    cleaned = _TRAILING_INTERVIEW.sub("", cleaned).strip(" -–—:|")
    return cleaned or text


def position_and_round(summary: str, company: str) -> tuple[str, str]:
    """The position and the round proposed from the ``SUMMARY``: :func:`default_position`,
    then a round named before or after the title split off ("Second interview – Data
    Engineer" gives ("Data Engineer", "Second interview")); ("…", "") when none is named, or
    when nothing would be left of the title."""
    position = default_position(summary, company)
    for pattern in (_ROUND_FIRST, _ROUND_LAST):
        found = pattern.match(position)
        if found and found.group("rest").strip(" -–—:|"):
            return found.group("rest").strip(" -–—:|"), found.group("round")
    return position, ""


def default_role(person: Attendee) -> Role:
    """Issue 18 §1: the organiser is the recruiter; everyone else an interviewer."""
    return Role.RECRUITER if person.organiser else Role.INTERVIEWER


def same_address(one: str, other: str) -> bool:
    """Whether two email addresses are the same mailbox, ignoring case (RFC 5321 §2.4 lets
    the local part be case-sensitive; no mail service uses that, and cards compare so)."""
    return bool(one.strip()) and one.strip().casefold() == other.strip().casefold()


@cache
def _zone_countries() -> dict[str, str]:
    """IANA zone → ISO 3166 country, from tzdata's ``zone.tab`` (its first column: the
    country; the third: the zone). A zone several countries share (zone1970.tab) is not
    used: zone.tab names one country per zone."""
    found: dict[str, str] = {}
    try:
        text = (resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return found
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            found[parts[2].strip()] = parts[0].strip().upper()
    return found


def zone_country(zone: str) -> str:
    """The country an IANA zone belongs to ("Europe/Berlin" → "DE"), or "" when it is no
    country's (UTC, "Etc/GMT+5") or unknown. Source: tzdata's zone.tab."""
    return _zone_countries().get(zone, "")


__all__ = [
    "default_position",
    "default_role",
    "position_and_round",
    "same_address",
    "zone_country",
]
