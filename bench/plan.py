"""What moving outreach onto business days in working hours costs the planner (issue 12 §1).

Plans 2,000 interviews spread over 2026-2028 in six places (US, US-CA, DE, DE-BY, GB-ENG, JP),
a third each awaiting a decision, rejected and with an offer, so every outreach rule runs.
The baseline is the same plan with every day a work day, work all day and no country, so no
step moves and no holiday table is read. Medians over ``BENCH_RUNS`` (default 7) rounds, the
two alternating; the holiday tables are warmed first, as a running window has them.

Target: with business days / baseline <= 3. Run: ``.venv/bin/python bench/plan.py``.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time
from zoneinfo import ZoneInfo

from afterview.domain.contact_ways import ways
from afterview.domain.playbook import plan_interview
from afterview.domain.records import Contact, Interview, Participation, Reference, Role, Status
from afterview.domain.settings import Settings

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
COUNT = 2_000
PLACES = [
    ("US", "", "America/New_York"),
    ("US", "US-CA", "America/Los_Angeles"),
    ("DE", "", "Europe/Berlin"),
    ("DE", "DE-BY", "Europe/Berlin"),
    ("GB", "GB-ENG", "Europe/London"),
    ("JP", "", "Asia/Tokyo"),
]
STATUSES = [Status.AWAITING_DECISION, Status.REJECTED, Status.OFFER]
LAURA = Contact(id=1, name="Laura Chen", title="Manager", emails=ways("l@example.com"), key="laura")
ANA = Reference(id=1, name="Ana Ruiz", email="ana@example.org", key="ana")
ANY_TIME = Settings(
    work_days=frozenset(range(1, 8)),
    workday_start=wall_time(0, 0),
    workday_end=wall_time.max,
    home_country="",
)


def interviews() -> list[Interview]:
    made = []
    first = datetime(2026, 1, 5, 14, tzinfo=UTC)
    for n in range(COUNT):
        country, region, zone = PLACES[n % len(PLACES)]
        start = (first + timedelta(hours=13 * n)).astimezone(ZoneInfo(zone))
        made.append(
            Interview(
                id=n + 1,
                company=f"Company {n}",
                position="Analyst",
                start=start,
                time_zone=zone,
                country=country if region or n % 2 else "",
                region=region,
                status=STATUSES[n % 3],
                status_changed_at=start + timedelta(days=3),
                people=(Participation(LAURA, Role.HIRING_MANAGER),),
                references=(ANA,),
                key=f"i{n}",
            )
        )
    return made


def seconds(subjects: list[Interview], settings: Settings) -> float:
    started = time.perf_counter()
    for subject in subjects:
        plan_interview(subject, settings, {})
    return time.perf_counter() - started


def main() -> None:
    subjects = interviews()
    business = Settings(home_country="US")
    seconds(subjects, business)  # warm the holiday tables
    timings: dict[str, list[float]] = {"baseline": [], "business": []}
    for _ in range(RUNS):
        timings["baseline"].append(seconds(subjects, ANY_TIME))
        timings["business"].append(seconds(subjects, business))
    baseline, moved = (statistics.median(timings[name]) for name in ("baseline", "business"))
    print(
        json.dumps(
            {
                "plan_2000_interviews_baseline_ms": round(baseline * 1e3, 1),
                "plan_2000_interviews_business_days_ms": round(moved * 1e3, 1),
                "plan_business_days_ratio": round(moved / baseline, 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
