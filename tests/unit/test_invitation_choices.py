"""What an invitation's import proposes (afterview.domain.invitation_choices): the position
from the SUMMARY, each person's role, the country from the zone. Expected values by hand."""

from __future__ import annotations

import pytest

from afterview.domain.invitation_choices import (
    default_position,
    default_role,
    position_and_round,
    same_address,
    zone_country,
)
from afterview.domain.invitations import Attendee
from afterview.domain.records import Role


@pytest.mark.parametrize(
    ("summary", "company", "expected"),
    [
        ("Interview: Data engineer – Acme", "Acme", "Data engineer"),
        ("Updated invitation: Interview: Backend developer - ACME", "Acme", "Backend developer"),
        ("Invitation: Product designer interview", "Globex", "Product designer"),
        ("Data analyst at Initech", "Initech", "Data analyst"),
        ("Data analyst at Initech", "Globex", "Data analyst at Initech"),
        ("Interview", "Acme", "Interview"),
        ("   ", "Acme", "Interview"),
        ("Chat with Sam", "", "Chat with Sam"),
        ("Quillstone | Product Designer | Interview", "Quillstone", "Product Designer"),
        ("Webex meeting: Senior QA Engineer – round 2", "Saffron", "Senior QA Engineer – round 2"),
        ("Second interview – Data Engineer", "Brightwave", "Second interview – Data Engineer"),
    ],
)
def test_the_position_is_the_summary_cleaned_a_little(
    summary: str, company: str, expected: str
) -> None:
    assert default_position(summary, company) == expected


def test_the_organiser_is_the_recruiter_and_the_others_interviewers() -> None:
    assert default_role(Attendee("Rita", "rita@x.example", organiser=True)) is Role.RECRUITER
    assert default_role(Attendee("Alex", "alex@x.example")) is Role.INTERVIEWER


def test_addresses_compare_ignoring_case_and_an_empty_one_matches_nothing() -> None:
    assert same_address("Jordan@Mail.example", "jordan@mail.example ")
    assert not same_address("", "")
    assert not same_address("jordan@mail.example", "jordan@mail.example.org")


@pytest.mark.parametrize(
    ("zone", "country"),
    [("Europe/Berlin", "DE"), ("America/New_York", "US"), ("Asia/Tokyo", "JP"), ("UTC", "")],
)
def test_the_country_comes_from_the_zone(zone: str, country: str) -> None:
    assert zone_country(zone) == country


@pytest.mark.parametrize(
    ("summary", "company", "expected"),
    [
        # The second tester's: each of these made an application of its own.
        ("Second interview – Data Engineer", "Brightwave", ("Data Engineer", "Second interview")),
        ("Invitation: First interview - Analyst @ Acme", "Acme", ("Analyst", "First interview")),
        ("2nd interview: Data Engineer", "Acme", ("Data Engineer", "2nd interview")),
        ("Final round: Backend developer", "Acme", ("Backend developer", "Final round")),
        ("Data Engineer – final round", "Acme", ("Data Engineer", "final round")),
        ("Data Engineer (Phone screen)", "Acme", ("Data Engineer", "Phone screen")),
        ("Round 2 - Platform engineer", "Acme", ("Platform engineer", "Round 2")),
        ("Technical interview | SRE", "Acme", ("SRE", "Technical interview")),
        # No round named, or nothing left of the title without it: as before.
        ("Interview: Data engineer – Acme", "Acme", ("Data engineer", "")),
        ("Phone screen with Acme", "Acme", ("Phone screen", "")),
        (
            "Senior Engineer, Second-line Support",
            "Acme",
            ("Senior Engineer, Second-line Support", ""),
        ),
        ("Head of Final Round Testing", "Acme", ("Head of Final Round Testing", "")),
    ],
)
def test_a_round_named_in_the_title_is_the_round_not_the_post(
    summary: str, company: str, expected: tuple[str, str]
) -> None:
    assert position_and_round(summary, company) == expected
