"""The ``afterview report log`` verb (issue 17 §5): the job-search log for a date range, as a
PDF or a CSV. Arguments here; the store and Qt are imported when it runs."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from afterview.store.insight_values import Insight


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
    text = (
        "the Insight page's figures: the funnel, outcomes by how far each application had "
        "gone, days from interview to answer, thank-you notes on time, follow-ups answered "
        "(sample records left out)"
    )
    insight = kinds.add_parser("insight", parents=[common], help=text, description=text)
    insight.add_argument("--json", action="store_true", help="print JSON")
    insight.set_defaults(func=run_insight)


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


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({round(100 * part / whole)} %)" if whole else f"{part} of 0"


def insight_lines(found: Insight) -> list[str]:
    """The figures in plain English lines, as the page words them (afterview.store.insight
    says what each counts)."""
    from statistics import median

    from afterview.domain.job_log import RESULT_WORDS
    from afterview.store.insight_values import REACHED

    funnel = found.funnel
    lines = [
        f"Applications: {funnel.applied}",
        f"  with an interview: {_share(funnel.interviewed, funnel.applied)}",
        f"  with a next round: {_share(funnel.next_round, funnel.applied)}",
        f"  with an offer: {_share(funnel.offer, funnel.applied)}",
        "Closed applications, by how far they had gone:",
    ]
    reached = ("before an interview", "after an interview", "after an offer")
    for words, stage in zip(reached, REACHED, strict=True):
        ended = [
            f"{RESULT_WORDS[outcome.value]} {count}"
            for (at, outcome), count in sorted(found.outcomes.items())
            if at is stage and count
        ]
        lines.append(f"  {words}: {', '.join(ended) or 'none'}")
    days = found.answer_days
    answered = f"{len(days)} answers, median {median(days):g} days" if days else "no answers yet"
    lines.append(f"Days from interview to answer: {answered}")
    notes, follow_ups = found.thank_you, found.follow_ups
    lines.append(f"Thank-you notes sent on time: {_share(notes.on_time, notes.sent)}")
    lines.append(f"Follow-ups answered: {_share(follow_ups.answered, follow_ups.done)}")
    return lines


def insight_json(found: Insight) -> dict[str, Any]:
    funnel = found.funnel
    return {
        "funnel": {
            "applied": funnel.applied,
            "interviewed": funnel.interviewed,
            "next_round": funnel.next_round,
            "offer": funnel.offer,
        },
        "outcomes": [
            {"reached": stage.value, "outcome": outcome.value, "count": count}
            for (stage, outcome), count in sorted(found.outcomes.items())
        ],
        "answer_days": list(found.answer_days),
        "thank_you": {"on_time": found.thank_you.on_time, "late": found.thank_you.late},
        "follow_ups": {"done": found.follow_ups.done, "answered": found.follow_ups.answered},
    }


def run_insight(args: argparse.Namespace) -> int:
    from afterview.cli import emit, open_cli_store

    with open_cli_store(args) as store:
        found = store.insight.figures()
    if args.json:
        emit(insight_json(found))
    else:
        print("\n".join(insight_lines(found)))
    return 0
