"""The ``afterview`` command: the window by default, and verbs for scripting.

Errors go to stderr as one clear sentence, with exit status 2. Heavy imports
(SQLAlchemy, Qt) happen inside the verbs, so ``--version`` and ``--help`` stay instant.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from afterview import __version__, paths

if TYPE_CHECKING:
    from afterview.store.operations import Store
    from afterview.store.values import StepView

EXIT_ERROR = 2
STEP_STATUSES = ("pending", "done", "snoozed", "skipped")
IMPORT_KINDS = ("json", "vcf", "invitation", "email", "posting")
EXPORT_KINDS = ("json", "ics", "vcf", "csv")
KIND_HELP = {
    "import": "json: everything, in the interchange format (afterview/3, or an older release's "
    "afterview/2 or afterview/1); "
    "vcf: contact cards; "
    "invitation: an interview from a calendar invitation (.ics, or an .eml carrying one); "
    "email: the sender (with their signature) and the people in To and Cc of a saved .eml; "
    "posting: an application from a saved job posting (.html)",
    "export": "json: everything, in the interchange format afterview/3; ics: the steps as a "
    "calendar; vcf: contact cards; csv: a spreadsheet",
}
#: The options that mean something for one kind only: given for another, they are refused.
KIND_OPTIONS = {
    "skip_bad": "vcf",
    "interviews": "ics",
    "tasks": "ics",
    "steps": "csv",
    "applications": "csv",
    "vcard_version": "vcf",
    "company": "invitation",
    "position": "invitation",
    "yes": "invitation",
    "me": "invitation",
    "region": "email",
}


def _refuse_other_kinds_options(args: argparse.Namespace, verb: str) -> None:
    from afterview.store.errors import StoreError

    for option, kind in KIND_OPTIONS.items():
        if getattr(args, option, False) and args.kind != kind:
            flag = "--" + option.replace("_", "-")
            raise StoreError(f"{flag} is for {verb} {kind} only, not {args.kind}")


class UsageError(Exception):
    """Bad input on the command line."""


def parse_instant(text: str, what: str) -> datetime:
    """An ISO 8601 instant; without an offset it is read in the computer's local time zone."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{what}: {text!r} is not an ISO 8601 date-time") from None
    if value.tzinfo is None:
        value = value.astimezone()  # the system's local zone, as a person typing it means
    return value.astimezone(UTC)


def open_cli_store(args: argparse.Namespace) -> Store:
    """The store of ``--data-dir`` (or the default), for one command."""
    from afterview.store.api import open_store

    return open_store(
        paths.resolve(args.data_dir, args.database), confirm_upgrade=confirm_upgrade_in_terminal
    )


def confirm_upgrade_in_terminal(found: int, wanted: int) -> bool:
    """Asks before a shared database on a server is upgraded (schema ``found`` to ``wanted``):
    the computers still on the older Afterview must then be updated. Without a terminal to
    ask in, the answer is no (NotUpgradedError says what to do)."""
    if not sys.stdin.isatty():
        return False
    print(
        f"This database is shared on a server and is at schema {found}; this Afterview needs "
        f"{wanted}. After the upgrade, computers with the older Afterview must be updated "
        "before they can open it. A copy of everything is saved first.",
        file=sys.stderr,
    )
    return input("Upgrade it now? [y/N] ").strip().lower() in ("y", "yes")


def report_warnings(warnings: Sequence[str]) -> None:
    """A write that was committed but whose follow-up failed: said on stderr; exit status 0."""
    for warning in warnings:
        print(f"afterview: warning: {warning}", file=sys.stderr)


def emit(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _print_steps(steps: Sequence[StepView], as_json: bool) -> None:
    items = [step.as_json() for step in steps]
    if as_json:
        emit(items)
        return
    if not items:
        print("Nothing here.")
        return
    for item in items:
        due = datetime.fromisoformat(item["due"]).astimezone().strftime("%a %d %b %H:%M")
        where = f" — {item['interview']['company']}" if item["interview"] else ""
        optional = " (optional)" if item["optional"] else ""
        print(f"{item['id']:>5}  {due}  {item['status']:<8} {item['title']}{where}{optional}")


def cmd_steps(args: argparse.Namespace) -> int:
    from afterview.domain.records import StepStatus

    with open_cli_store(args) as store:
        status = StepStatus(args.status) if args.status else None
        _print_steps(store.steps.all(status), args.json)
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    at = parse_instant(args.at, "--at") if args.at else datetime.now(UTC)
    with open_cli_store(args) as store:
        _print_steps(store.steps.due(at), args.json)
    return 0


def cmd_step(args: argparse.Namespace) -> int:
    ids: list[int] = args.id if isinstance(args.id, list) else [args.id]
    until = parse_instant(args.until, "--until") if args.action == "snooze" else None
    with open_cli_store(args) as store:
        if until is not None:
            # One id or several: all snoozed together, or none (a done one is refused by name).
            snoozed = store.steps.snooze(ids, until)
            result: Any = [step.as_json() for step in snoozed.value]
            if len(result) == 1:
                result = result[0]
            warnings = snoozed.warnings
            # The same id twice is one step: said as for one.
            text = f"{len(snoozed.value)} steps snoozed." if len(snoozed.value) > 1 else None
        else:
            answered = getattr(args, "answered", None)
            act = {"done": store.steps.done, "skip": store.steps.skip}.get(
                args.action, store.steps.reopen
            )
            if answered is not None:
                outcome = store.steps.done(ids[0], answered == "yes")
            else:
                outcome = act(ids[0])
            result, warnings, text = outcome.value.as_json(), outcome.warnings, None
    if args.json:
        emit(result)
    elif text is not None:
        print(text)
    else:
        for item in result if isinstance(result, list) else [result]:
            print(f"Step {item['id']}: {item['status']}.")
    report_warnings(warnings)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    _refuse_other_kinds_options(args, "import")
    if args.kind != "json":
        from afterview.interop.cli import run_import

        return run_import(args)
    from afterview.interop.data_file import read_file, summary_text

    document = read_file(Path(args.file))  # read and checked whole before the store opens
    with open_cli_store(args) as store:
        outcome = store.data.import_document(document)
    print(summary_text(outcome.value))
    report_warnings(outcome.warnings)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    _refuse_other_kinds_options(args, "export")
    if args.kind != "json":
        from afterview.interop.cli import run_export

        return run_export(args)
    from afterview.interop.data_file import export_file, export_text

    with open_cli_store(args) as store:
        if args.file == "-":
            from afterview.interop.files import write_stdout

            write_stdout(export_text(store)[0].encode("utf-8"))
            return 0
        target = Path(args.file)
        export_file(store, target)
    print(f"Exported to {target}.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """A backup now, as Settings ▸ Backups ▸ Back up now; refused, with nothing written, when
    it would nearly fill the disk."""
    with open_cli_store(args) as store:
        made = store.backups.take()
    print(f"Backed up to {made.path}.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from afterview.store import backup as backups
    from afterview.store.restore import find_backup

    where = paths.resolve(args.data_dir, args.database)
    if args.backup is None:
        available = backups.list_backups(where.backup_dir)
        if not available:
            print(f"No backups yet in {where.backup_dir}.")
            return 0
        print(f"Backups in {where.backup_dir} (newest first):")
        for number, item in enumerate(available, 1):
            taken = item.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            print(f"{number:>3}  {taken}  {item.kind.value:<13} {item.size:>10,} B  {item.name}")
        print("Restore one with: afterview restore NUMBER")
        return 0
    chosen = find_backup(where, args.backup)
    # The store opens the database as it is (a damaged one is moved aside, and refused);
    # the restore then ends through the write path like any other write.
    kept, warnings = _restore(where, chosen)
    print(f"Restored {chosen.name}.")
    if kept is not None:
        print(f"The database as it was is kept as {kept.name}.")
    report_warnings(warnings)
    return 0


def _restore(where: paths.Paths, chosen: Any) -> tuple[Any, tuple[str, ...]]:
    from afterview.store.api import open_store
    from afterview.store.errors import DamagedDatabaseError, NewerSchemaError
    from afterview.store.operations.backups import restore_unopened

    try:
        store = open_store(where)
    except (DamagedDatabaseError, NewerSchemaError):
        # A damaged file was moved aside, a newer one is kept as a backup first.
        outcome = restore_unopened(where, chosen)
    else:
        with store:
            outcome = store.backups.restore(chosen)
    return outcome.value, outcome.warnings


def cmd_window(args: argparse.Namespace) -> int:
    from afterview.ui.app import run_window

    files = [Path(name).absolute() for name in getattr(args, "files", None) or ()]
    missing = [str(path) for path in files if not path.exists()]
    if missing:  # "Open with" on a file moved away since, or a typo
        raise UsageError(f"cannot open {', '.join(missing)}: no such file (nothing was imported)")
    return run_window(
        paths.resolve(args.data_dir, args.database), step=getattr(args, "step", None), files=files
    )


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"keep data, settings and backups in DIR (default: ${paths.ENV_DATA_DIR} "
        "or the user data directory)",
    )
    common.add_argument(
        "--database",
        metavar="TARGET",
        default=argparse.SUPPRESS,
        help="open TARGET instead of the SQLite file in the data directory: sqlite:PATH, a "
        "PostgreSQL URI (postgresql://user@host/dbname?sslmode=verify-full), or a service "
        f"name from pg_service.conf (default: ${paths.ENV_DATABASE}, or Settings > Storage)",
    )
    parser = argparse.ArgumentParser(
        prog="afterview",
        description="Afterview: everything that should happen after a job interview.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"afterview {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation in a throwaway data directory and exit",
    )
    parser.set_defaults(func=cmd_window)
    verbs = parser.add_subparsers(title="commands", metavar="COMMAND")

    def verb(name: str, func: Callable[[argparse.Namespace], int], text: str) -> Any:
        sub = verbs.add_parser(name, parents=[common], help=text, description=text)
        sub.set_defaults(func=func)
        return sub

    steps = verb("steps", cmd_steps, "list the follow-up steps")
    steps.add_argument("--json", action="store_true", help="print JSON")
    steps.add_argument("--status", choices=STEP_STATUSES)

    due = verb("due", cmd_due, "list the steps due or overdue at an instant (default: now)")
    due.add_argument("--json", action="store_true", help="print JSON")
    due.add_argument("--at", metavar="ISO-8601", help="the instant (local time without an offset)")

    step = verb("step", cmd_step, "mark a step done, snooze or skip it")
    actions = step.add_subparsers(dest="action", required=True, metavar="ACTION")
    for action, text in (
        ("done", "mark the step done"),
        ("skip", "skip the step"),
        ("reopen", "make the step pending again"),
        ("snooze", "snooze the step until a time"),
    ):
        sub = actions.add_parser(action, parents=[common], help=text)
        if action == "snooze":
            sub.add_argument("id", type=int, nargs="+", help="the step's id (or several)")
            sub.add_argument("--until", required=True, metavar="ISO-8601")
        else:
            sub.add_argument("id", type=int, help="the step's id")
        if action == "done":
            sub.add_argument(
                "--answered",
                choices=("yes", "no"),
                help="a follow-up's answer: they answered (yes), or no answer yet (no)",
            )
        sub.add_argument("--json", action="store_true", help="print the step as JSON")

    for name, func, text, kinds in (
        ("import", cmd_import, "import records (all or nothing)", IMPORT_KINDS),
        ("export", cmd_export, "export records", EXPORT_KINDS),
    ):
        sub = verb(name, func, text)
        sub.add_argument("kind", choices=kinds, help=KIND_HELP[name])
        where = "the file to read" if name == "import" else "the file ('-': standard output)"
        sub.add_argument("file", help=where)
        if name == "import":
            sub.add_argument(
                "--skip-bad", action="store_true", help="import the good cards, skip the bad ones"
            )
            sub.add_argument("--company", help="invitation: the company (else guessed)")
            sub.add_argument("--position", help="invitation: the position (else the title)")
            sub.add_argument(
                "--yes", action="store_true", help="invitation: carry out a cancel (it asks)"
            )
            sub.add_argument(
                "--me",
                metavar="EMAIL",
                help="invitation: your own address, left out of the people (saved as your "
                "profile's email when it has none)",
            )
            sub.add_argument(
                "--region",
                metavar="CC",
                help="email: the country (ISO code, e.g. DE) phone numbers without + are read "
                "in; the home country by default",
            )
        else:
            sub.add_argument(
                "--interviews", action="store_true", help="ics: the interviews too, as events"
            )
            sub.add_argument("--tasks", action="store_true", help="ics: steps as to-dos (VTODO)")
            sub.add_argument("--steps", action="store_true", help="csv: a row per step as well")
            sub.add_argument(
                "--applications",
                action="store_true",
                help="csv: the applications, with their stage and outcome, instead",
            )
            sub.add_argument(
                "--vcard-version",
                choices=("3.0", "4.0"),
                help="vcf: 3.0 (RFC 2426, the default, read by every address book) or 4.0 "
                "(RFC 6350)",
            )

    verb("backup", cmd_backup, "take a backup now (kept apart from the automatic ones)")
    restore = verb("restore", cmd_restore, "list the backups, or restore one")
    restore.add_argument("backup", nargs="?", help="a number from the list, a file name or a path")

    window = verb("window", cmd_window, "open the main window (the default)")
    window.add_argument("--step", type=int, metavar="ID", help="open the window on this step")
    window.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="import these files in the window, each after its preview: a calendar invitation "
        "(.ics, .eml), an email (.eml), a saved job posting (.html), contact cards (.vcf) or "
        "Afterview data (.json); a window already open takes them",
    )
    # Each of these modules only declares its arguments; its work is imported when it runs.
    from afterview.application_cli import register as register_applications
    from afterview.letters.cli import register as register_letter
    from afterview.report_cli import register as register_report
    from afterview.storage_cli import register as register_storage
    from afterview.tray.cli import register as register_tray

    register_tray(verbs, common)
    register_letter(verbs, common)
    register_storage(verbs, common)
    register_report(verbs, common)
    register_applications(verbs, common)
    return parser


def _files_open_window(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """``afterview FILE…`` as ``afterview window FILE…``: what a file manager's "Open with"
    runs, and what a user types, when the first word names a file rather than a command."""
    verbs = next(
        (a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)), {}
    )
    valued = {  # --data-dir DIR, --database TARGET: the next word is theirs
        option
        for a in parser._actions
        if isinstance(a, argparse._StoreAction)
        for option in a.option_strings
    }
    first, skip = None, False
    for index, word in enumerate(argv):
        if skip:
            skip = False
        elif word in valued:
            skip = True
        elif not word.startswith("-"):
            first = index
            break
    if first is None or argv[first] in verbs or not _names_a_file(argv[first]):
        return argv
    return [*argv[:first], "window", *argv[first:]]


def _names_a_file(word: str) -> bool:
    """A word that is a file, or reads as one (a path, or a name with an extension such as
    "invite.ics"): one that is missing is then said to be missing, not an unknown command."""
    return Path(word).exists() or "/" in word or os.sep in word or bool(Path(word).suffix)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(_files_open_window(words, parser))
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    if not hasattr(args, "database"):
        args.database = None
    if args.self_test:
        from afterview.selftest import run_self_test

        return run_self_test()
    try:
        status = int(args.func(args))
        # Here, not at exit: a full disk under `export json - > file` must be an error.
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        # `afterview steps | head`: the reader left; that is not an error of ours.
        sys.stderr.close()
        return 0
    except UsageError as error:
        print(f"afterview: {error}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as error:
        from afterview.store.errors import StoreError
        from afterview.store.faults import unavailable

        fault = unavailable(error, "could not do that")
        if isinstance(error, StoreError) or (fault is None and isinstance(error, OSError)):
            print(f"afterview: {error}", file=sys.stderr)
            return EXIT_ERROR
        if fault is not None:  # an OSError or sqlite3 error outside the store's own words
            print(f"afterview: {fault} ({fault.detail})", file=sys.stderr)
            return EXIT_ERROR
        original = getattr(error, "orig", error)
        if isinstance(original, sqlite3.Error):  # e.g. "malformed" from a disk failing now
            print(
                f"afterview: the database could not be read or written ({original}). Nothing "
                "was changed; if this repeats, run 'afterview restore' to list the backups.",
                file=sys.stderr,
            )
            return EXIT_ERROR
        raise


if __name__ == "__main__":
    sys.exit(main())
