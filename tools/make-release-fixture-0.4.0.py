#!/usr/bin/env python3
"""Builds tests/data/releases/0.4.0.sqlite3: a database as release 0.4.0 writes it.

The user story of the 0.3.0 fixture (tools/make-release-fixture-0.3.0.py), told through
0.4.0's store operations: the sample and the user's own records; done, skipped, snoozed,
edited, notified and auto-done steps; a sent letter and a draft; the references' log; the
profile with its postal address, the autostart choice, the calendar folder and the paper size;
a card with two emails, a salutation and a family name. What 0.4.0 added: records saved more
than once (their versions), and a step announced by one computer's tray (step_notices).

And what issue 17's migration groups into applications (company and position, ignoring case
and spaces; the sample apart): a final round at " ACME" for "backend engineer" after acme-1,
a phone screen at Globex for "Platform engineer " before the offer of globex-2, and an Initech
interview the user withdrew from. Run once, from the 0.4.0 code (243cbff, with its ``src``
first on PYTHONPATH), and committed; tests/unit/test_release_0_4_0.py opens it.

Beside it, OUT.export.json: the file exported by 0.4.0 from it (as the computer whose tray
announced the step), the "before" of the test that migrates it and compares the export after.

Usage: python tools/make-release-fixture-0.4.0.py OUT.sqlite3
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from afterview import paths
from afterview.domain.contact_ways import PostalAddress, Way
from afterview.store import interchange, reminders
from afterview.store.api import open_store
from afterview.store.plain_database import PlainDatabase
from afterview.store.values import ContactFields, Profile
from afterview.store.write_path import NO_AUTOSTART_ENV

NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)
#: The computer whose tray announced a step.
LAPTOP = "0123456789abcdef0123456789abcdef"
SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "sample.json"


def build(target: Path) -> None:
    os.environ[NO_AUTOSTART_ENV] = "1"  # never the real login entry of whoever runs this
    with tempfile.TemporaryDirectory() as scratch:
        where = paths.resolve(scratch)
        with open_store(where, clock=lambda: NOW) as store:
            document = interchange.parse_document(json.loads(SAMPLE.read_text("utf-8")))
            store.data.import_document(document)
            store.data.add_sample()
            store.settings.save_profile(
                Profile(
                    name="Jordan Doe",
                    address=PostalAddress(
                        street="1 Main St",
                        locality="Springfield",
                        region="IL",
                        postal_code="62701",
                        country="US",
                    ),
                    phone="+1 555 0123",
                    email="jordan@example.net",
                    signature="Jordan Doe\n+1 555 0123",
                    selling_points="eight years of data pipelines",
                )
            )
            keller = store.contacts.create(
                ContactFields(
                    name="Maria Keller",
                    title="Head of Platform",
                    company="Acme",
                    salutation="Dr",
                    family_name="Keller",
                    emails=(
                        Way("maria.keller@acme.example", ("work",), 1),
                        Way("maria@keller.example", ("home",)),
                    ),
                )
            ).value
            store.contacts.update(
                keller,
                ContactFields(
                    name="Maria Keller",
                    title="VP Platform",
                    company="Acme",
                    salutation="Dr",
                    family_name="Keller",
                    emails=(
                        Way("maria.keller@acme.example", ("work",), 1),
                        Way("maria@keller.example", ("home",)),
                    ),
                ),
            )
            final = store.interviews.create(
                {
                    "company": " ACME",
                    "position": "backend engineer",
                    "round": "Final",
                    "start": datetime(2026, 11, 27, 10, 0),
                    "time_zone": "America/New_York",
                    "country": "US",
                }
            ).value
            store.interviews.update(final, {"location": "Acme HQ, 5th floor"})
            store.interviews.create(
                {
                    "company": "Globex",
                    "position": "Platform engineer ",
                    "round": "Phone screen",
                    "start": datetime(2026, 11, 3, 9, 0),
                    "time_zone": "Europe/Berlin",
                    "country": "DE",
                    "status": "next_round",
                }
            )
            initech = store.interviews.create(
                {
                    "company": "Initech",
                    "position": "SRE",
                    "start": datetime(2026, 11, 12, 15, 0),
                    "time_zone": "America/Chicago",
                    "country": "US",
                    "status": "done",
                }
            ).value
            store.interviews.update(initech, {"status": "withdrawn"})
            store.settings.set_autostart_choice(True)
            store.letters.set_page_size("a4")
            by_key = {step.key: step for step in store.steps.all()}
            store.steps.done(by_key["acme-1:debrief"].id)
            lead = next(k for k in by_key if k.startswith("acme-1:contact_referral:l="))
            store.steps.skip(by_key[lead].id)
            store.steps.snooze([by_key["acme-1:follow_up:1"].id], NOW + timedelta(days=14))
            store.steps.set_due(
                by_key["sakura-1:debrief"].id, datetime(2026, 11, 24, 12, 30, tzinfo=UTC)
            )
            thank = by_key["acme-1:thank_you:c=laura"]
            letter = store.letters.save(
                template="thank_you_email",
                subject="Thank you, Laura",
                body="Dear Laura,\n\nThank you for the conversation about the Postgres "
                "migration.\n\nJordan",
                step_id=thank.id,
                interview_id=thank.interview_id,
                contact_id=thank.contact_id,
                channel="email",
            ).value
            store.letters.mark_sent(letter, sent_at=NOW + timedelta(minutes=5), channel="email")
            acme = store.interviews.find("acme-1")
            ana = next(r for r in store.references.items() if r.name == "Ana Ruiz")
            ben = next(r for r in store.references.items() if r.name == "Ben Okafor")
            store.letters.save(
                template="reference_brief",
                subject="A call from Acme",
                body="Hi Ana,\n\nAcme may call you this week.\n\nJordan",
                interview_id=acme.id,
                reference_id=ana.id,
                channel="email",
            )
            store.references.add_notice(
                ben.id,
                at=NOW - timedelta(days=1),
                channel="phone",
                note="Told Ben about the Acme onsite",
                interview_id=acme.id,
            )
            # A folder that does not exist here (the file came from another computer).
            store.settings.set_calendar_folder(Path(scratch))
            courtesy = by_key["ablabs-1:courtesy_note"].id
        with PlainDatabase(where) as plain, plain.write() as connection:
            # What one computer's tray writes when it announces a step (0.4.0 keeps it per
            # computer); and the calendar folder as it reads on another computer
            # (set_calendar_folder refuses a missing one).
            connection.execute(
                "INSERT INTO step_notices (step_id, computer, notified_at) "
                "VALUES (?, ?, '2026-11-22 14:00:00.000000')",
                (courtesy, LAPTOP),
            )
            connection.execute(
                "UPDATE settings SET value = '\"/nonexistent/afterview-calendar\"' "
                "WHERE name = 'interop.ics_folder'"
            )
            assert reminders.next_due(connection) is not None
        shutil.copyfile(where.database, target)


def export(source: Path, out: Path) -> None:
    """What 0.4.0 exports from ``source`` (opened as a copy, so the fixture stays as built)."""
    from afterview.store.database import open_database

    with tempfile.TemporaryDirectory() as scratch:
        shutil.copyfile(source, Path(scratch) / "afterview.sqlite3")
        with open_database(paths.resolve(scratch)) as db, db.read() as session:
            document = interchange.export_document(session, LAPTOP)
    out.write_text(json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.parent.mkdir(parents=True, exist_ok=True)
    build(out)
    export(out, out.with_suffix(".export.json"))
    print(f"wrote {out} and {out.with_suffix('.export.json')}")
