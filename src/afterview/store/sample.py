"""Sample records to explore Afterview with, marked in the ``sample`` column and removable at once.

The interviews are placed around "now" so the Today view has something in
each group the moment they are added.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from afterview.store import applications, interchange, interchange_format, steps
from afterview.store.models import ContactRow, InterviewRow, ReferenceRow
from afterview.store.values import SampleCounts

PREFIX = "sample-"


def _wall(now: datetime, zone: str, days: int, hour: int) -> str:
    local = now.astimezone(ZoneInfo(zone)) + timedelta(days=days)
    return local.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def sample_document(now: datetime) -> dict[str, Any]:
    ny, sthlm, tokyo = "America/New_York", "Europe/Stockholm", "Asia/Tokyo"
    return {
        "format": interchange_format.FORMAT_1,
        "contacts": [
            {"key": "sample-laura", "name": "Laura Chen", "title": "Engineering Manager",
             "company": "Acme", "email": "laura.chen@acme.example",
             "preferred_channel": "email"},
            {"key": "sample-omar", "name": "Omar O'Hara", "title": "Staff Engineer",
             "company": "Acme", "phone": "+1 555 0100", "preferred_channel": "phone"},
            {"key": "sample-zoe", "name": "Zoë Ångström", "title": "Head of Data",
             "company": "Nordlys Data", "address": "Storgatan 1\n111 22 Stockholm",
             "preferred_channel": "letter"},
            {"key": "sample-wei", "name": "张伟", "title": "技术总监", "company": "Sakura KK",
             "email": "zhang.wei@sakura.example"},
        ],
        "references": [
            {"key": "sample-ana", "name": "Ana Ruiz", "relationship": "former manager",
             "email": "ana@example.org"},
        ],
        "interviews": [
            {"key": "sample-acme", "company": "Acme", "position": "Backend Engineer",
             "round": "Onsite", "start": _wall(now, ny, -2, 14), "time_zone": ny,
             "format": "video", "location": "Video call", "country": "US",
             "status": "awaiting_decision",
             "people": [{"contact": "sample-laura", "role": "hiring_manager"},
                        {"contact": "sample-omar", "role": "interviewer"}],
             "references": ["sample-ana"], "decided_by": "Laura Chen",
             "employer_will_contact": True,
             "referrals": [{"name": "Sam Lee", "note": "runs the data team"}],
             "debrief": {"learned": "They are moving to Postgres",
                         "thank_you_topic": "the Postgres migration"}},
            {"key": "sample-nordlys", "company": "Nordlys Data", "position": "Data Engineer",
             "start": _wall(now, sthlm, -1, 10), "time_zone": sthlm, "duration_minutes": 45,
             "format": "in_person", "location": "Stockholm office", "country": "SE",
             "status": "done", "people": [{"contact": "sample-zoe", "role": "decision_maker"}]},
            {"key": "sample-sakura", "company": "Sakura KK", "position": "SRE",
             "start": _wall(now, tokyo, 3, 16), "time_zone": tokyo, "format": "lunch",
             "country": "JP", "status": "scheduled",
             "people": [{"contact": "sample-wei", "role": "interviewer"}]},
        ],
    }  # fmt: skip


def add_sample(session: Session, now: datetime) -> SampleCounts:
    """Import the sample records (again, if they were there) and mark them as sample."""
    document = interchange.parse_document(sample_document(now))
    interchange.import_document(session, document, now, group=False)
    for model in (InterviewRow, ContactRow, ReferenceRow):
        session.execute(update(model).where(model.key.startswith(PREFIX)).values(sample=True))
    session.flush()
    # Marked first, so the sample's rounds never join the user's own applications.
    applications.group_loose(session, now)
    steps.replan(session, now, [])
    return count_sample(session)


def count_sample(session: Session) -> SampleCounts:
    def count(model: Any) -> int:
        return int(session.scalar(select(func.count(model.id)).where(model.sample.is_(True))) or 0)

    return SampleCounts(count(InterviewRow), count(ContactRow), count(ReferenceRow))


def remove_sample(session: Session, now: datetime) -> SampleCounts:
    """Delete every record marked as sample; the user's own records are untouched."""
    counts = count_sample(session)
    for model in (InterviewRow, ContactRow, ReferenceRow):
        for row in session.scalars(select(model).where(model.sample.is_(True))):
            session.delete(row)
    session.flush()
    applications.remove_sample(session, now)
    steps.replan(session, now, [])
    return counts
