#!/usr/bin/env python3
"""Builds tests/data/releases/0.1.0.sqlite3: a database as release 0.1.0 writes it.

Run once, from the 0.1.0 code (commit 9c2a484), and committed; every later migration is tested
against the file it made. It holds every kind of record and every step state a user can reach:
sample and own records, done / skipped / snoozed / edited / notified / auto-done steps, letters
(a draft and a sent one), the references' log, the profile, playbook settings, the tray's
autostart choice, the calendar folder and the paper size.

Usage: python tools/make-release-fixture-0.1.0.py OUT.sqlite3
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from afterview import paths
from afterview.store import interchange, letters, references, sample, steps
from afterview.store.database import open_database
from afterview.store.models import StepRow
from afterview.store.profile import Profile, save_profile
from afterview.store.settings import set_autostart_choice, write_row

NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)
SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "sample.json"


def step(session, key: str) -> StepRow:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    return session.scalars(select(StepRow).where(StepRow.key == key)).one()


def build(target: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        where = paths.resolve(scratch)
        with open_database(where, now=NOW) as db:
            document = interchange.parse_document(json.loads(SAMPLE.read_text("utf-8")))
            with db.write() as session:
                interchange.import_document(session, document, NOW)
                sample.add_sample(session, NOW)
                save_profile(
                    session,
                    Profile(
                        name="Jordan Doe",
                        address="1 Main St\nSpringfield",
                        phone="+1 555 0123",
                        email="jordan@example.net",
                        signature="Jordan Doe\n+1 555 0123",
                        selling_points="eight years of data pipelines",
                    ),
                )
                set_autostart_choice(session, True)
                # A folder that does not exist here (the file came from another computer).
                write_row(session, "interop.ics_folder", "/nonexistent/afterview-calendar")
                letters.save_page_size(session, "a4")
            with db.write() as session:
                acme = "i1"  # the keys 0.1.0 gives: "i<interview id>:<kind>[:<who>]"
                steps.mark_done(session, step(session, f"{acme}:debrief").id, NOW)
                steps.skip(session, step(session, f"{acme}:contact_referral:l1").id, NOW)
                steps.snooze(
                    session,
                    step(session, f"{acme}:follow_up:1").id,
                    NOW + timedelta(days=3),
                    NOW,
                )
                steps.set_due(
                    session,
                    step(session, "i3:debrief").id,
                    datetime(2026, 11, 24, 12, 30, tzinfo=UTC),
                    NOW,
                )
                step(session, "i2:courtesy_note").notified_at = NOW - timedelta(hours=1)
                thank = step(session, f"{acme}:thank_you:c1")
                draft = letters.save_letter(
                    session,
                    template="thank_you_email",
                    subject="Thank you, Laura",
                    body="Dear Laura,\n\nThank you for the conversation about the Postgres "
                    "migration.\n\nJordan",
                    now=NOW,
                    step_id=thank.id,
                    interview_id=1,
                    contact_id=1,
                    channel="email",
                )
                letters.mark_sent(
                    session, draft.id, sent_at=NOW + timedelta(minutes=5), channel="email", now=NOW
                )
                letters.save_letter(
                    session,
                    template="reference_brief",
                    subject="A call from Acme",
                    body="Hi Ana,\n\nAcme may call you this week.\n\nJordan",
                    now=NOW,
                    interview_id=1,
                    reference_id=1,
                    channel="email",
                )
                references.add_notice(
                    session,
                    2,
                    at=NOW - timedelta(days=1),
                    channel="phone",
                    note="Told Ben about the Acme onsite",
                    interview_id=1,
                    now=NOW,
                )
        shutil.copyfile(where.database, target)


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.parent.mkdir(parents=True, exist_ok=True)
    build(out)
    print(f"wrote {out}")
