"""The people of an invitation (``ORGANIZER``, ``ATTENDEE``: RFC 5545 §3.8.4.1, §3.8.4.3)
and the company guessed from their addresses (issue 18 §1)."""

from __future__ import annotations

from collections.abc import Iterable

from icalendar.prop import vCalAddress

from afterview.domain.cards import check_email
from afterview.domain.invitations import Attendee
from afterview.interop.invitation_text import plain

#: CUTYPE values that are not one person (RFC 5545 §3.2.3): a meeting room, a projector, a
#: group's list address ("interview-panel@…"), whose members are not known by it.
_NOT_PEOPLE = {"ROOM", "RESOURCE", "GROUP"}
#: Registrable domains of mail providers, scheduling tools and applicant-tracking systems:
#: their addresses say nothing of the employer.
_PROVIDERS = {
    "gmail.com",
    "googlemail.com",
    "google.com",
    "outlook.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "web.de",
    "proton.me",
    "protonmail.com",
    "zoho.com",
    "qq.com",
    "163.com",
    "mail.ru",
    "greenhouse.io",
    "lever.co",
    "workday.com",
    "myworkday.com",
    "smartrecruiters.com",
    "ashbyhq.com",
    "calendly.com",
    "icims.com",
    "jobvite.com",
    "workable.com",
    "teamtailor.com",
    "recruitee.com",
    "bamboohr.com",
    "taleo.net",
    "successfactors.com",
    "goodtime.io",
    "zoom.us",
}
#: Providers under many country domains (hotmail.de, yahoo.co.uk…): the name before them.
_PROVIDER_NAMES = {"hotmail", "live", "yahoo", "gmx", "yandex", "outlook", "ymail"}
#: Second-level labels under a country code (acme.co.uk, acme.com.au).
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "gv"}
#: Google Calendar's own addresses for calendars, groups and rooms: not people.
_CALENDAR_DOMAINS = ("calendar.google.com",)


def address_of(value: object) -> str:
    """The lower-cased email of a ``mailto:`` calendar address (or of its ``EMAIL`` parameter,
    RFC 7986 §6.2), "" when it holds none that is well formed."""
    text = str(value).strip()
    if text[:7].casefold() == "mailto:":
        text = text[7:]
    elif isinstance(value, vCalAddress) and "EMAIL" in value.params:
        text = str(value.params["EMAIL"])
    else:
        return ""
    text = text.strip()
    checked = check_email(text)
    if not text or not checked.ok or "@" not in text:
        return ""
    email = text.casefold()
    if email.rsplit("@", 1)[1].endswith(_CALENDAR_DOMAINS):
        return ""
    return email


def person(value: object, *, organiser: bool = False) -> Attendee | None:
    """The person a calendar address names, or None for a room, a resource, or an address
    that is not an email (the organiser keeps a name without an address)."""
    params = getattr(value, "params", {})
    if str(params.get("CUTYPE", "")).upper() in _NOT_PEOPLE:
        return None
    name = " ".join(plain(params.get("CN", "")).split())
    email = address_of(value)
    if not email and not (organiser and name):
        return None
    return Attendee(name=name, email=email, organiser=organiser)


def attendees(
    values: Iterable[object], organiser: Attendee | None, limit: int | None = None
) -> tuple[Attendee, ...]:
    """The attendees in file order: people only, each address once, the organiser left out;
    reading stops once more than ``limit`` are found (``limit + 1`` are returned then)."""
    seen = {organiser.email} if organiser is not None and organiser.email else set()
    found: list[Attendee] = []
    for value in values:
        if limit is not None and len(found) > limit:
            break
        one = person(value)
        if one is None or one.email in seen:
            continue
        seen.add(one.email)
        found.append(one)
    return tuple(found)


def _registrable(domain: str) -> tuple[str, str]:
    """``("acme-robotics", "acme-robotics.com")`` for ``careers.acme-robotics.com``: the
    name before the public suffix (a country's ``co.uk`` counted as one), and the domain."""
    labels = [label for label in domain.casefold().strip(".").split(".") if label]
    if len(labels) < 2:
        return "", ""
    cut = 2
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        cut = 3
    return labels[-cut], ".".join(labels[-cut:])


def company_from_email(email: str) -> str:
    """ "Acme Robotics" for ``recruiting@careers.acme-robotics.com``: the domain's name with
    hyphens as spaces, each word capitalised; "" for a mail provider's or a hiring tool's."""
    if "@" not in email:
        return ""
    name, domain = _registrable(email.rsplit("@", 1)[1])
    if not name or domain in _PROVIDERS or name in _PROVIDER_NAMES:
        return ""
    words = name.replace("_", "-").split("-")
    return " ".join(word[:1].upper() + word[1:] for word in words if word)


def company_guess(
    organiser: Attendee | None, others: Iterable[Attendee], own: Iterable[str] = ()
) -> str:
    """The company from the organiser's address; when that is a provider's, from the first
    attendee whose address is not. The user's ``own`` addresses (compared ignoring case) never
    name it: the user's employer or mail domain is not the one they are interviewing with."""
    mine = {address.strip().casefold() for address in own} - {""}
    people = [organiser] if organiser is not None else []
    for one in [*people, *others]:
        if one.email.casefold() in mine:
            continue
        guess = company_from_email(one.email)
        if guess:
            return guess
    return ""
