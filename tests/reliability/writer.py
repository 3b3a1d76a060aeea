"""A writer process for the reliability tests, run as its own OS process.

    python writer.py --data-dir DIR --mode concurrent --name A --seconds 20
    python writer.py --data-dir DIR --mode crash --name round-3

Both modes open the database through ``open_database`` and then print ``ready``.

``concurrent``: waits for a ``go`` line on stdin (the start barrier), then for
``--seconds`` runs write transactions that read before they write (count the
contacts, read the counter row, check the two agree, insert a contact, bump the
counter) plus a read transaction every few writes. It counts commits, errors
whose text says "locked" or "busy", and any other error, and prints one JSON
summary line at the end.

``crash``: commits a contact plus a counter bump per transaction, forever, and
prints each contact's key (flushed) only after its commit returned. The test
kills it with SIGKILL.

``--deferred`` swaps the IMMEDIATE write sessions for plain deferred ones: a
negative control, to see the concurrent test fail the way the issue describes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from afterview import paths
from afterview.store.database import Database, open_database
from afterview.store.models import ContactRow, SettingRow

COUNTER = "reliability.counter"
READ_EVERY = 5
MAX_ERROR_SAMPLES = 5
#: A crash-mode writer that is never killed stops by itself after this long.
CRASH_MODE_LIMIT_S = 120.0


def contact_count(session: Session, prefix: str | None = None) -> int:
    query = select(func.count()).select_from(ContactRow)
    if prefix is not None:
        query = query.where(ContactRow.name.startswith(prefix))
    return int(session.scalar(query) or 0)


def read_then_write(session: Session, name: str, number: int) -> tuple[bool, ContactRow]:
    """Read, then write, in one transaction: returns whether the counter matched the
    number of contacts (every transaction bumps both), and the new contact."""
    contacts = contact_count(session)
    counter = session.get(SettingRow, COUNTER)
    seen = 0 if counter is None else int(json.loads(counter.value))
    if counter is None:
        session.add(SettingRow(name=COUNTER, value=json.dumps(1)))
    else:
        counter.value = json.dumps(seen + 1)
    row = ContactRow(name=f"{name}-{number}", notes=json.dumps({"saw": contacts}))
    session.add(row)
    session.flush()  # assigns the key
    return seen == contacts, row


def is_lock_error(error: BaseException) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def run_concurrent(db: Database, name: str, seconds: float) -> dict[str, Any]:
    commits = reads = lock_errors = other_errors = inconsistent = 0
    samples: list[str] = []
    slowest_write = 0.0
    started = time.time()
    deadline = time.monotonic() + seconds
    number = 0
    while time.monotonic() < deadline:
        number += 1
        began = time.monotonic()
        try:
            with db.write() as session:
                consistent, _row = read_then_write(session, name, number)
            commits += 1
            inconsistent += not consistent
            slowest_write = max(slowest_write, time.monotonic() - began)
            if number % READ_EVERY == 0:
                with db.read() as session:
                    contact_count(session, f"{name}-")
                reads += 1
        except Exception as error:
            if is_lock_error(error):
                lock_errors += 1
            else:
                other_errors += 1
            if len(samples) < MAX_ERROR_SAMPLES:
                samples.append(f"{type(error).__name__}: {str(error).splitlines()[0][:200]}")
    return {
        "name": name,
        "commits": commits,
        "reads": reads,
        "lock_errors": lock_errors,
        "other_errors": other_errors,
        "inconsistent": inconsistent,
        "error_samples": samples,
        "slowest_write_s": round(slowest_write, 4),
        "started": started,
        "ended": time.time(),
    }


def run_crash(db: Database, name: str) -> None:
    deadline = time.monotonic() + CRASH_MODE_LIMIT_S
    number = 0
    while time.monotonic() < deadline:
        number += 1
        with db.write() as session:
            _consistent, row = read_then_write(session, name, number)
            key = row.key
        # The commit returned: only now is it confirmed.
        print(key, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--mode", choices=("concurrent", "crash"), required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--deferred", action="store_true", help="negative control")
    args = parser.parse_args(argv)

    db = open_database(paths.resolve(args.data_dir))
    if args.deferred:
        db._writer = sessionmaker(bind=db.engine, expire_on_commit=False)
    print("ready", flush=True)
    try:
        if args.mode == "crash":
            run_crash(db, args.name)
            return 0
        if sys.stdin.readline().strip() != "go":
            print("no go signal", file=sys.stderr)
            return 2
        print(json.dumps(run_concurrent(db, args.name, args.seconds)), flush=True)
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
