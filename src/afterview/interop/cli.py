"""``afterview import vcf FILE [--skip-bad]`` and ``afterview export ics|vcf|csv FILE|-``.

The shared ``afterview.cli`` dispatches here; a StoreError raised here is printed
to stderr by it with exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from afterview import ipc, paths
from afterview.store.errors import StoreError


def run_import(args: argparse.Namespace) -> int:
    from afterview.interop.vcard import import_contacts, load_vcards
    from afterview.store.database import open_database

    if args.kind != "vcf":
        raise StoreError(f"cannot import {args.kind!r} here")
    parsed = load_vcards(Path(args.file))  # the whole file, before the database is touched
    skip_bad = bool(getattr(args, "skip_bad", False))
    if not parsed.cards:
        raise StoreError(
            f"no card in {args.file} can be imported, so nothing was:\n{parsed.problem_text()}"
        )
    with open_database(paths.resolve(args.data_dir)) as db:
        with db.write() as session:
            summary = import_contacts(session, parsed, skip_bad=skip_bad, now=datetime.now(UTC))
        db.backup_if_due()
    ipc.notify_changed(db.paths)
    if parsed.bad_count:
        print(f"Left out these bad cards:\n{parsed.problem_text(limit=50)}", file=sys.stderr)
    for card in parsed.cards:
        for warning in card.warnings:
            print(f"card {card.number} ({card.name}): {warning}", file=sys.stderr)
    print(summary)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from afterview.interop.csv_export import csv_rows, csv_text
    from afterview.interop.files import write_atomically
    from afterview.interop.ics import calendar_bytes
    from afterview.interop.vcard_export import all_contacts, vcards_text
    from afterview.store.database import open_database

    with open_database(paths.resolve(args.data_dir)) as db, db.read() as session:
        if args.kind == "ics":
            data, count = calendar_bytes(
                session,
                bool(getattr(args, "interviews", False)),
                tasks=bool(getattr(args, "tasks", False)),
            )
            what = f"{count} follow-up steps"
        elif args.kind == "vcf":
            rows = all_contacts(session)
            data, what = vcards_text(rows).encode("utf-8"), f"{len(rows)} contacts"
        elif args.kind == "csv":
            columns, table = csv_rows(session, bool(getattr(args, "steps", False)))
            data = ("\ufeff" + csv_text(columns, table)).encode("utf-8")
            what = f"{len(table)} interviews"
        else:
            raise StoreError(f"cannot export {args.kind!r} here")
    if args.file == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    target = Path(args.file)
    write_atomically(target, data)
    print(f"Exported {what} to {target}.")
    return 0
