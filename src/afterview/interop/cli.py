"""``afterview import vcf FILE [--skip-bad]`` and ``afterview export ics|vcf|csv FILE|-``
(``--vcard-version 3.0|4.0`` for vcf).

The shared ``afterview.cli`` dispatches here; a StoreError raised here is printed
to stderr by it with exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from afterview.store.errors import StoreError


def run_import(args: argparse.Namespace) -> int:
    from afterview.cli import open_cli_store, report_warnings
    from afterview.interop.vcard import BadCardsError, import_contacts, load_vcards

    if args.kind == "invitation":
        from afterview.interop.invitation_import import run

        return run(args)
    if args.kind == "email":
        from afterview.interop.email_cli import run_email_import

        return run_email_import(args)
    if args.kind == "posting":
        from afterview.interop.posting_cli import run_import_posting

        return run_import_posting(args)
    if args.kind != "vcf":
        raise StoreError(f"cannot import {args.kind!r} here")
    parsed = load_vcards(Path(args.file))  # the whole file, before the database is touched
    skip_bad = bool(getattr(args, "skip_bad", False))
    if not parsed.cards:
        raise StoreError(
            f"no card in {args.file} can be imported, so nothing was:\n{parsed.problem_text()}"
        )
    if parsed.bad_count and not skip_bad:  # said before the database is even opened
        raise BadCardsError(parsed, Path(args.file))
    with open_cli_store(args) as store:
        outcome = import_contacts(store, parsed, skip_bad=skip_bad, source=Path(args.file))
    if parsed.bad_count:
        print(f"Left out these bad cards:\n{parsed.problem_text(limit=50)}", file=sys.stderr)
    for card in parsed.cards:
        for warning in card.warnings:
            print(f"card {card.number} ({card.name}): {warning}", file=sys.stderr)
    print(outcome.value)
    report_warnings(outcome.warnings)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from afterview.cli import open_cli_store
    from afterview.interop.csv_export import store_applications_csv, store_csv
    from afterview.interop.files import write_atomically, write_stdout
    from afterview.interop.ics import store_calendar
    from afterview.interop.vcard_export import DEFAULT_VERSION, Version, vcards_text

    with open_cli_store(args) as store:
        if args.kind == "ics":
            data, count = store_calendar(
                store,
                bool(getattr(args, "interviews", False)),
                tasks=bool(getattr(args, "tasks", False)),
            )
            what = f"{count} follow-up steps"
        elif args.kind == "vcf":
            contacts = store.contacts.all()
            chosen = getattr(args, "vcard_version", None)
            version: Version = "4.0" if chosen == "4.0" else DEFAULT_VERSION
            data = vcards_text(contacts, version).encode("utf-8")
            what = f"{len(contacts)} contacts (vCard {version})"
        elif args.kind == "csv" and getattr(args, "applications", False):
            data, count = store_applications_csv(store)
            what = f"{count} applications"
        elif args.kind == "csv":
            with_steps = bool(getattr(args, "steps", False))
            data, count = store_csv(store, with_steps)
            # With --steps a row is an interview's step, not an interview.
            what = f"{count} {'rows' if with_steps else 'interviews'}"
        else:
            raise StoreError(f"cannot export {args.kind!r} here")
    if args.file == "-":
        write_stdout(data)
        return 0
    target = Path(args.file)
    write_atomically(target, data)
    print(f"Exported {what} to {target}.")
    return 0
