"""The ``afterview report log`` verb (issue 17 §5): the job-search log for a date range, as a
PDF or a CSV. Arguments here; the store and Qt are imported when it runs."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any


def register(verbs: Any, common: argparse.ArgumentParser) -> None:
    text = "reports on the search as a whole"
    report = verbs.add_parser("report", parents=[common], help=text, description=text)
    kinds = report.add_subparsers(dest="report", required=True, metavar="REPORT")
    text = (
        "the job-search log: every application sent, interview, follow-up and thank-you note "
        "from one date to another (both included, in your home time zone), as a PDF or a CSV"
    )
    log = kinds.add_parser("log", parents=[common], help=text, description=text)
    log.add_argument("--from", dest="first", required=True, metavar="YYYY-MM-DD")
    log.add_argument("--to", dest="last", required=True, metavar="YYYY-MM-DD")
    log.add_argument(
        "--page-size",
        choices=("auto", "letter", "a4"),
        help="paper for --pdf (default: the letters' setting, else Letter in the US and "
        "Canada, else A4)",
    )
    out = log.add_mutually_exclusive_group(required=True)
    out.add_argument("--pdf", metavar="OUT.pdf")
    out.add_argument("--csv", metavar="OUT.csv")
    log.set_defaults(func=run_log)


def _day(text: str, option: str) -> date:
    from afterview.cli import UsageError

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option}: {text!r} is not a date like 2026-11-01.") from None


def run_log(args: argparse.Namespace) -> int:
    from afterview import paths
    from afterview.cli import UsageError
    from afterview.store.api import open_store

    first, last = _day(args.first, "--from"), _day(args.last, "--to")
    if last < first:
        raise UsageError(f"the range ends ({last}) before it starts ({first}).")
    with open_store(paths.resolve(args.data_dir, args.database)) as store:
        activities = store.reports.activities(first, last)
        name = store.settings.profile().name
        setting = store.letters.page_size()
        home_country = store.settings.playbook().home_country
    if args.csv:
        from afterview.interop.job_log_csv import write_log_csv

        write_log_csv(activities, Path(args.csv))
        print(f"{args.csv}: {len(activities)} activities from {first} to {last}.")
        return 0
    from afterview.letters import page
    from afterview.letters.job_log_pdf import JobLog, write_log_pdf

    territory = page.territory_from_environment() or home_country
    size = page.page_size(args.page_size or setting, territory)
    pages = write_log_pdf(JobLog(name, first, last, activities), Path(args.pdf), size)
    sheets = "1 page" if pages == 1 else f"{pages} pages"
    print(f"{args.pdf}: {len(activities)} activities from {first} to {last}, {sheets}.")
    return 0
