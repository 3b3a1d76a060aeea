"""The ``afterview applications`` and ``afterview application`` verbs (issue 17 §1-3): list,
add, edit, move, close and read the history of applications from a terminal, through the same
store operations as the board. Arguments here; the domain and the store are imported when a
verb runs, so that every other command (the tray's start among them) pays nothing for them."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from afterview.domain.applications import Application, Event, Outcome, Stage

#: What moved an application's stage (domain.applications.Cause), as its history says it.
CAUSE_WORDS = {
    "created": "added",
    "round": "by its rounds",
    "moved": "moved by you",
    "closed": "closed by you",
    "grouped": "made from its interviews at the upgrade",
}
#: The fields ``add`` and ``edit`` take, with the store's names.
FIELD_OPTIONS = (
    ("--company", "company", "the employer"),
    ("--position", "position", "the job's title"),
    ("--source", "source", "where you found it (a job board, a referral, the company's site)"),
    ("--link", "link", "the posting's address"),
)


def register(verbs: Any, common: argparse.ArgumentParser) -> None:
    text = "list your applications (oldest first), with their stage"
    listing = verbs.add_parser("applications", parents=[common], help=text, description=text)
    listing.add_argument("--stage", help="only those at STAGE (applied, interviewing, ...)")
    listing.add_argument(
        "--unanswered",
        action="store_true",
        help="only those whose last follow-up has gone unanswered for the days set "
        "(no_response_days): Today offers to close them as no response, never by itself",
    )
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=run_list)

    text = "add, edit, move or close one application, or read its history"
    one = verbs.add_parser("application", parents=[common], help=text, description=text)
    actions = one.add_subparsers(dest="action", required=True, metavar="ACTION")

    text = "an application you sent, with no interview yet (a follow-up is planned for it)"
    add = actions.add_parser("add", parents=[common], help=text, description=text)
    _fields(add, required=True)
    add.set_defaults(func=run_add)

    text = "change what you wrote of an application (not its stage: move, close)"
    edit = actions.add_parser("edit", parents=[common], help=text, description=text)
    edit.add_argument("id", type=int)
    _fields(edit, required=False)
    edit.set_defaults(func=run_edit)

    text = "move an application to another open stage, as a drag on the board does"
    move = actions.add_parser("move", parents=[common], help=text, description=text)
    move.add_argument("id", type=int)
    move.add_argument("stage", help="applied, interviewing, awaiting_decision or offer")
    move.add_argument(
        "--anyway",
        action="store_true",
        help="move it even when its latest round says otherwise (the board asks first)",
    )
    move.set_defaults(func=run_move)

    text = "close an application with its outcome"
    close = actions.add_parser("close", parents=[common], help=text, description=text)
    close.add_argument("id", type=int)
    close.add_argument(
        "outcome",
        help="rejected, withdrew, offer_accepted, offer_declined, position_closed, cancelled "
        "or no_response",
    )
    close.add_argument(
        "--detail", default="", help="after which round (rejected), or why (withdrew)"
    )
    close.set_defaults(func=run_close)

    text = "every change of an application's stage, with its date"
    history = actions.add_parser("history", parents=[common], help=text, description=text)
    history.add_argument("id", type=int)
    history.add_argument("--json", action="store_true", help="print JSON")
    history.set_defaults(func=run_history)


def _stage(text: str, *, closed: bool = True) -> Stage:
    """UsageError naming the stages when ``text`` is none of them (or Closed, when not
    ``closed``: closing asks for an outcome)."""
    from afterview.cli import UsageError
    from afterview.domain.applications import Stage

    names = [stage.value for stage in Stage if closed or stage is not Stage.CLOSED]
    if text not in names:
        raise UsageError(f"{text!r} is not a stage; say one of {', '.join(names)}.")
    return Stage(text)


def _outcome(text: str) -> Outcome:
    from afterview.cli import UsageError
    from afterview.domain.applications import Outcome

    names = [outcome.value for outcome in Outcome]
    if text not in names:
        raise UsageError(f"{text!r} is not an outcome; say one of {', '.join(names)}.")
    return Outcome(text)


def _fields(parser: argparse.ArgumentParser, *, required: bool) -> None:
    for option, _name, words in FIELD_OPTIONS:
        needed = required and option in ("--company", "--position")
        parser.add_argument(option, required=needed, help=words)
    parser.add_argument("--applied", metavar="YYYY-MM-DD", help="the day you applied")
    parser.add_argument(
        "--posting", metavar="FILE", help="the posting's text, from a file ('-': standard input)"
    )


def _values(args: argparse.Namespace) -> dict[str, Any]:
    """The fields given, as the store takes them."""
    from afterview.cli import UsageError

    values: dict[str, Any] = {name: getattr(args, name) for _option, name, _words in FIELD_OPTIONS}
    values = {name: value for name, value in values.items() if value is not None}
    if args.applied is not None:
        try:
            values["applied_on"] = date.fromisoformat(args.applied)
        except ValueError:
            raise UsageError(
                f"--applied: {args.applied!r} is not a date like 2026-11-01."
            ) from None
    if args.posting is not None:
        values["posting"] = _posting(args.posting)
    return values


def _posting(where: str) -> str:
    from afterview.cli import UsageError

    if where == "-":
        return sys.stdin.read()
    try:
        return Path(where).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"--posting: {where} is not UTF-8 text.") from None
    except OSError as error:
        raise UsageError(f"--posting: {where} could not be read ({error.strerror}).") from None


def stage_words(application: Application) -> str:
    """Its stage in the job-search log's words ("Interviewing"), or its outcome with the
    detail for a closed one ("Rejected (Onsite)")."""
    from afterview.domain.job_log import RESULT_WORDS

    if application.outcome is None:
        return RESULT_WORDS[application.stage.value]
    words = RESULT_WORDS[application.outcome.value]
    return f"{words} ({application.outcome_detail})" if application.outcome_detail else words


def as_json(application: Application) -> dict[str, Any]:
    return {
        "id": application.id,
        "company": application.company,
        "position": application.position,
        "source": application.source,
        "applied_on": application.applied_on.isoformat() if application.applied_on else None,
        "link": application.link,
        "stage": application.stage.value,
        "outcome": application.outcome.value if application.outcome else None,
        "outcome_detail": application.outcome_detail,
        "sample": application.sample,
    }


def run_list(args: argparse.Namespace) -> int:
    from afterview.cli import emit, open_cli_store

    if args.unanswered:
        return _list_unanswered(args)
    stage = _stage(args.stage) if args.stage else None
    with open_cli_store(args) as store:
        found = store.applications.items(stage=stage)
    if args.json:
        emit([as_json(application) for application in found])
        return 0
    if not found:
        print("Nothing here.")
    for application in found:
        applied = f", applied {application.applied_on}" if application.applied_on else ""
        print(
            f"{application.id}\t{application.company}, {application.position}: "
            f"{stage_words(application)}{applied}"
        )
    return 0


def _list_unanswered(args: argparse.Namespace) -> int:
    """Today's "no response" offers (issue 17 §3), with the command that takes one."""
    from afterview.cli import UsageError, emit, open_cli_store

    if args.stage:
        raise UsageError("--unanswered lists open applications: leave out --stage.")
    with open_cli_store(args) as store:
        offers = store.applications.no_response_offers()
    if args.json:
        emit(
            [
                {
                    "id": offer.application_id,
                    "company": offer.company,
                    "position": offer.position,
                    "last_follow_up": offer.since.isoformat(),
                    "days": offer.days,
                }
                for offer in offers
            ]
        )
        return 0
    if not offers:
        print("Nothing here.")
    for offer in offers:
        print(
            f"{offer.application_id}\t{offer.company}, {offer.position}: no answer to the last "
            f"follow-up since {offer.since.date()}; 'afterview application close "
            f"{offer.application_id} no_response' closes it."
        )
    return 0


def run_add(args: argparse.Namespace) -> int:
    from afterview.cli import open_cli_store, report_warnings

    values = _values(args)
    with open_cli_store(args) as store:
        done = store.applications.create(values)
        application = store.applications.get(done.value)
    print(f"Application {application.id}: {application.company}, {application.position}.")
    report_warnings(done.warnings)
    return 0


def run_edit(args: argparse.Namespace) -> int:
    from afterview.cli import UsageError, open_cli_store, report_warnings

    values = _values(args)
    if not values:
        raise UsageError("say what to change: --company, --position, --source, --link, ...")
    with open_cli_store(args) as store:
        done = store.applications.update(args.id, values)
    print(f"Application {args.id}: saved.")
    report_warnings(done.warnings)
    return 0


def run_move(args: argparse.Namespace) -> int:
    from afterview.cli import UsageError, open_cli_store, report_warnings
    from afterview.domain.applications import contradicts
    from afterview.domain.job_log import RESULT_WORDS

    stage = _stage(args.stage, closed=False)
    with open_cli_store(args) as store:
        store.applications.get(args.id)  # RecordError, in words, for an unknown id
        card = next(card for card in store.board.cards() if card.id == args.id)
        latest = card.latest_round
        if not args.anyway and latest is not None and contradicts(latest.status, stage):
            name = latest.round.strip() or "latest"
            raise UsageError(
                f"the {name} round at {card.company} ({RESULT_WORDS[latest.status.value]}) "
                f"says otherwise; add --anyway to move it to {RESULT_WORDS[stage.value]} all "
                "the same."
            )
        done = store.applications.move(args.id, stage, expected_version=card.version)
        application = store.applications.get(args.id)
    print(f"Application {args.id}: {stage_words(application)}.")
    report_warnings(done.warnings)
    return 0


def run_close(args: argparse.Namespace) -> int:
    from afterview.cli import open_cli_store, report_warnings

    with open_cli_store(args) as store:
        done = store.applications.close(args.id, _outcome(args.outcome), args.detail)
        application = store.applications.get(args.id)
    print(f"Application {args.id}: {stage_words(application)}.")
    report_warnings(done.warnings)
    return 0


def _event_json(event: Event) -> dict[str, Any]:
    standing = event.standing
    return {
        "at": event.at.isoformat(),
        "stage": standing.stage.value,
        "outcome": standing.outcome.value if standing.outcome else None,
        "outcome_detail": standing.outcome_detail,
        "cause": event.cause.value,
    }


def run_history(args: argparse.Namespace) -> int:
    """Dates in UTC, ISO 8601, as ``afterview steps`` prints them."""
    from afterview.cli import emit, open_cli_store

    with open_cli_store(args) as store:
        store.applications.get(args.id)  # RecordError, in words, for an unknown id
        events = store.applications.history(args.id)
    if args.json:
        emit([_event_json(event) for event in events])
        return 0
    from afterview.domain.job_log import RESULT_WORDS

    for event in events:
        standing = event.standing
        words = RESULT_WORDS[(standing.outcome or standing.stage).value]
        if standing.outcome_detail:
            words = f"{words} ({standing.outcome_detail})"
        print(
            f"{event.at.isoformat(timespec='minutes')}\t{words}\t{CAUSE_WORDS[event.cause.value]}"
        )
    return 0
