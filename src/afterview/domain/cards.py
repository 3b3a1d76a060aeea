"""Checks for what a person types on a contact card or a reference: pure, offline, Qt-free.

Email addresses are checked for syntax only (email-validator without the DNS lookup:
nothing leaves the machine). Phone numbers are parsed with phonenumbers, read in the
region of the country the person is met in, and stored in international format so a
number stays callable from anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import phonenumbers
from email_validator import EmailNotValidError, validate_email

# The salutations live beside the contact record (importing this module costs phonenumbers'
# tables, which the records' readers, the tray among them, do without); named here too.
from afterview.domain.records import SALUTATIONS, greeting, is_one_line, salutation_of
from afterview.domain.rules import ARTICLES

#: Seed 000 §3: "especially if it has been awhile since you got their permission to use them
#: as a reference". Six months is our reading of "awhile".
PERMISSION_STALE_MONTHS = 6


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one field: the value to store, or why it cannot be stored."""

    value: str
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def check_email(text: str) -> Checked:
    """An empty address is fine (not every card has one); anything else must be well formed."""
    stripped = text.strip()
    if not stripped:
        return Checked("")
    try:
        result = validate_email(stripped, check_deliverability=False)
    except EmailNotValidError as error:
        return Checked(stripped, str(error))
    return Checked(result.normalized)


def email_key(text: str) -> str:
    """What two addresses must share to be "the same email" (case and spacing ignored)."""
    return text.strip().casefold()


def phone_key(text: str, region: str | None) -> str:
    """What two numbers must share to be "the same phone": the number in E.164 when
    phonenumbers can read it (``+1 555-0100`` and ``+15550100`` are one), else its digits."""
    try:
        number = phonenumbers.parse(text.strip(), region)
    except phonenumbers.NumberParseException:
        return "".join(char for char in text if char.isdigit() or char == "+")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def region_for(country: str | None) -> str | None:
    """The phonenumbers region for an ISO 3166 country code, or None when it has none."""
    code = (country or "").strip().upper()
    if code and code in phonenumbers.SUPPORTED_REGIONS:
        return code
    return None


def country_name(region: str | None) -> str:
    """A readable name for the message, without pulling in a country database."""
    names = {
        "US": "the United States",
        "GB": "the United Kingdom",
        "JP": "Japan",
        "SE": "Sweden",
        "DE": "Germany",
        "FR": "France",
        "CA": "Canada",
        "CN": "China",
        "IN": "India",
        "AU": "Australia",
    }
    if region is None:
        return "an unknown country"
    return names.get(region, region)


def _number_place(number: phonenumbers.PhoneNumber) -> str:
    """Where a number is from, as its own country code says (+1 555 0199 is North American,
    whatever the interview's country): "a number in Japan", else "a +7 number"."""
    code = number.country_code or 0
    where = phonenumbers.region_code_for_number(number) or (
        phonenumbers.region_code_for_country_code(code)
    )
    name = country_name(where)
    if name != where:
        return f"a number in {name}"
    return f"a +{code} number"


def check_phone(text: str, region: str | None) -> Checked:
    """Parse ``text`` as a phone number dialled from ``region``; format it internationally.

    Numbers the metadata calls valid pass; so do numbers of a possible full length that
    the metadata does not know yet (new ranges), because refusing a real number is worse
    than keeping an unusual one. Local-only numbers (no area code) are refused: nobody can
    call them from another town.
    """
    stripped = text.strip()
    if not stripped:
        return Checked("")
    try:
        number = phonenumbers.parse(stripped, region)
    except phonenumbers.NumberParseException as error:
        if error.error_type == phonenumbers.NumberParseException.INVALID_COUNTRY_CODE:
            return Checked(
                stripped,
                "no country: start with + and the country code (e.g. +44 20 7946 0000)",
            )
        return Checked(stripped, "not a phone number")
    if not phonenumbers.is_valid_number(number):
        reason = phonenumbers.is_possible_number_with_reason(number)
        problems = {
            phonenumbers.ValidationResult.TOO_SHORT: "too short",
            phonenumbers.ValidationResult.TOO_LONG: "too long",
            phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "missing the area code",
            phonenumbers.ValidationResult.INVALID_LENGTH: "wrong number of digits",
            phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: "unknown country code",
        }
        if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
            problem = problems.get(reason, "not a valid number")
            return Checked(stripped, f"{problem} for {_number_place(number)}")
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return Checked(formatted)


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (negative when later is earlier)."""
    months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    if later.day < earlier.day:
        months -= 1
    return months


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end (31 Aug + 6 = 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")  # pragma: no cover


def permission_is_stale(permission: date | None, today: date) -> bool:
    """True when the permission is older than six months, or was never recorded."""
    if permission is None:
        return True
    return today > add_months(permission, PERMISSION_STALE_MONTHS)


#: Seed 000 §3, named as the user can look it up: by its title (issue 14).
_ADVICE = f"“{ARTICLES['000'].title}”"


def permission_warning(permission: date | None, today: date) -> str | None:
    """What to tell the user about a reference's permission, citing seed 000 §3 by its
    article's title; None if fresh."""
    if permission is None:
        return (
            "No permission date recorded. Ask them before you list them as a reference, as "
            f"{_ADVICE} advises."
        )
    if permission > today:
        return "The permission date is in the future; check it."
    if not permission_is_stale(permission, today):
        return None
    months = months_between(permission, today)
    return (
        f"Permission given {months} months ago: check they are still happy to vouch "
        f"for you before an employer calls, as {_ADVICE} advises."
    )


__all__ = [
    "PERMISSION_STALE_MONTHS",
    "SALUTATIONS",
    "Checked",
    "add_months",
    "check_email",
    "check_phone",
    "country_name",
    "email_key",
    "greeting",
    "is_one_line",
    "months_between",
    "permission_is_stale",
    "permission_warning",
    "region_for",
    "salutation_of",
]
