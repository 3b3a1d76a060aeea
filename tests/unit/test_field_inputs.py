"""The field inputs of issue 12 (tests/data/field/, copied from the shared field folder), run
the way a user would: `afterview import json`, then `afterview steps --json` and `afterview
export ics`, read back by vobject. Each right value is the one the field README gives, worked
out by hand from the calendar (US federal holidays, New York's clock change on 2026-11-01).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import vobject

FIELD = Path(__file__).parents[1] / "data" / "field"

Cli = Callable[..., tuple[int, str, str]]


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def _steps(cli: Cli, name: str) -> dict[str, datetime]:
    status, _out, err = cli("import", "json", str(FIELD / name))
    assert status == 0, err
    status, out, err = cli("steps", "--json")
    assert status == 0, err
    return {step["key"]: datetime.fromisoformat(step["due"]) for step in json.loads(out)}


def _calendar(cli: Cli, path: Path) -> list[Any]:
    status, _out, err = cli("export", "ics", str(path), "--interviews")
    assert status == 0, err
    return list(vobject.readOne(path.read_text("utf-8")).components())


def test_17_follow_ups_land_on_the_next_business_day_in_working_hours(
    cli: Cli, tmp_path: Path
) -> None:
    """Seed 001_78c410949a4570b0.txt §4 (follow up by the interviewer's channel; some only
    take phone calls) and §5 (one more, then stop): nobody answers a call on Christmas Day,
    New Year's Day or a Saturday."""
    due = _steps(cli, "17-followup-on-holiday-weekend.json")
    # Ends Fri 18 Dec 15:00 EST; + 7 days is Christmas Day: Mon 28 Dec 15:00 EST.
    assert due["xmas:follow_up:1"] == utc(2026, 12, 28, 20)
    # Seven days from the moved first one: Mon 4 Jan 15:00 EST (New Year's Day never reached).
    assert due["xmas:follow_up:2"] == utc(2027, 1, 4, 20)
    # Decision expected Fri 4 Dec: the day after is Saturday, so Mon 7 Dec at 09:00 EST.
    assert due["fri-decision:follow_up:1"] == utc(2026, 12, 7, 14)
    assert due["fri-decision:follow_up:2"] == utc(2026, 12, 14, 14)
    # The user's own tasks keep their deadlines (issue 12 §1 "Unchanged"): the thank-you is
    # due 24 hours after the end, on Saturday 19 December (seed 004 "within 24 hours").
    assert due["xmas:thank_you:c=ray"] == utc(2026, 12, 19, 20)
    assert due["xmas:debrief"] == utc(2026, 12, 18, 22)


def test_17_the_step_says_why_it_moved(cli: Cli) -> None:
    status, _out, err = cli("import", "json", str(FIELD / "17-followup-on-holiday-weekend.json"))
    assert status == 0, err
    status, out, err = cli("steps", "--json")
    assert status == 0, err
    steps = {step["key"]: step for step in json.loads(out)}
    reasons = {key: step["reason"] for key, step in steps.items()}
    assert "Friday 25 December is Christmas Day" in reasons["xmas:follow_up:1"]
    # 001 §4: a follow-up by the contact's way; the window words the move from these facts.
    assert steps["xmas:follow_up:1"]["rule"] == "follow_up.first"
    moved = steps["xmas:follow_up:1"]["rule_params"]["moved"]
    assert ["2026-12-25", "Christmas Day"] in moved["closed"]
    assert "Saturday 5 December is not a work day" in reasons["fri-decision:follow_up:1"]


def test_18_an_interview_over_the_clock_change_lasts_its_elapsed_minutes(
    cli: Cli, tmp_path: Path
) -> None:
    """01:15 EDT on 2026-11-01 (05:15 UTC) plus 60 elapsed minutes is 06:15 UTC, which New
    York's clock shows as 01:15 again (EST); every rule counts from there."""
    due = _steps(cli, "18-dst-fallback-duration.json")
    assert due["lcr-1:debrief"] == utc(2026, 11, 1, 8, 15)  # 2 elapsed hours (seed 004)
    assert due["lcr-1:thank_you:c=wei"] == utc(2026, 11, 2, 6, 15)  # 24 elapsed hours
    # End + 7 days keeps the wall clock: Sunday 8 Nov 01:15, not a business day and outside
    # working hours, so Monday 9 Nov at 09:00 EST; the second follows 7 days later.
    assert due["lcr-1:follow_up:1"] == utc(2026, 11, 9, 14)
    assert due["lcr-1:follow_up:2"] == utc(2026, 11, 16, 14)

    events = _calendar(cli, tmp_path / "afterview.ics")
    (interview,) = [e for e in events if str(e.summary.value).startswith("Interview:")]
    assert interview.dtstart.value == utc(2026, 11, 1, 5, 15)
    assert interview.dtend.value == utc(2026, 11, 1, 6, 15)
    assert interview.dtend.value - interview.dtstart.value == timedelta(minutes=60)
    # The calendar and the plan agree on every open step.
    status, out, err = cli("steps", "--json")
    assert status == 0, err
    open_steps = [s for s in json.loads(out) if s["status"] in ("pending", "snoozed")]
    starts = sorted(e.dtstart.value for e in events if e is not interview)
    assert starts == sorted(datetime.fromisoformat(s["due"]) for s in open_steps)
    # The debrief, the thank-you, two follow-ups and the weekly keep-searching nudge (the
    # contact cards are complete).
    assert len(starts) == 5


def test_a_step_done_by_letter_is_placed_at_the_chosen_postal_address(
    cli: Cli, tmp_path: Path
) -> None:
    """Issue 12 §3: the calendar's LOCATION (RFC 5545 §3.8.1.7) of a thank-you card to mail is
    the address in use (the card ranks the work one first), in the country's order."""
    document = {
        "format": "afterview/2",
        "contacts": [
            {
                "key": "priya",
                "name": "Priya Raman",
                "title": "VP Engineering",
                "preferred_channel": "letter",
                "addresses": [
                    {
                        "value": {"street": "12 Elm St", "locality": "Springfield",
                                  "region": "IL", "postal_code": "62701", "country": "US"},
                        "labels": ["home"], "pref": 2,
                    },
                    {
                        "value": {"street": "400 Lake Shore Dr", "locality": "Chicago",
                                  "region": "IL", "postal_code": "60611", "country": "US"},
                        "labels": ["work"], "pref": 1,
                    },
                ],
            }
        ],
        "interviews": [
            {"key": "corvid-1", "company": "Corvid Health", "position": "Staff Engineer",
             "start": "2026-12-01T10:00", "time_zone": "America/Chicago", "country": "US",
             "status": "awaiting_decision",
             "people": [{"contact": "priya", "role": "hiring_manager"}]}
        ],
    }  # fmt: skip
    source = tmp_path / "corvid.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    status, _out, err = cli("import", "json", str(source))
    assert status == 0, err
    events = _calendar(cli, tmp_path / "afterview.ics")
    located = {
        str(e.summary.value): str(e.location.value) for e in events if "location" in e.contents
    }
    address = "400 Lake Shore Dr, Chicago, IL 60611, UNITED STATES"
    assert located["Thank-you note to Priya Raman — Corvid Health"] == address
    assert located["Follow up on your application — Corvid Health"] == address
