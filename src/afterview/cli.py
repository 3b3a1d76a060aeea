"""The ``afterview`` command: the window by default, and verbs for scripting.

Errors go to stderr as one clear sentence, with exit status 2. Heavy imports
(SQLAlchemy, Qt) happen inside the verbs, so ``--version`` and ``--help`` stay instant.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from afterview import __version__, ipc, paths

if TYPE_CHECKING:
    from afterview.store.database import Database

EXIT_ERROR = 2
STEP_STATUSES = ("pending", "done", "snoozed", "skipped")
IMPORT_KINDS = ("json", "vcf")
EXPORT_KINDS = ("json", "ics", "vcf", "csv")


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


def _open(args: argparse.Namespace) -> Database:
    from afterview.store.database import open_database

    return open_database(paths.resolve(args.data_dir))


def _emit(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _print_steps(rows: Sequence[Any], as_json: bool) -> None:
    from afterview.store.steps import step_json

    items = [step_json(row) for row in rows]
    if as_json:
        _emit(items)
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
    from afterview.store import steps

    with _open(args) as db, db.read() as session:
        status = StepStatus(args.status) if args.status else None
        _print_steps(steps.list_steps(session, status), args.json)
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    from afterview.store import steps

    at = parse_instant(args.at, "--at") if args.at else datetime.now(UTC)
    with _open(args) as db, db.read() as session:
        _print_steps(steps.due_steps(session, at), args.json)
    return 0


def cmd_step(args: argparse.Namespace) -> int:
    from afterview.store import steps

    now = datetime.now(UTC)
    ids: list[int] = args.id if isinstance(args.id, list) else [args.id]
    if args.action == "snooze" and len(ids) > 1:
        return _snooze_several(args, ids, now)
    with _open(args) as db:
        with db.write() as session:
            if args.action == "done":
                row = steps.mark_done(session, ids[0], now)
            elif args.action == "skip":
                row = steps.skip(session, ids[0], now)
            elif args.action == "reopen":
                row = steps.reopen(session, ids[0], now)
            else:
                until = parse_instant(args.until, "--until")
                row = steps.snooze(session, ids[0], until, now)
            result = steps.step_json(row)
        db.backup_if_due()
    ipc.notify_changed(db.paths)
    _emit(result) if args.json else print(f"Step {result['id']}: {result['status']}.")
    return 0


def _snooze_several(args: argparse.Namespace, ids: list[int], now: datetime) -> int:
    """Snooze the open steps among ``ids`` together (each interview re-planned once); the
    tray's "Snooze all" and a summary notification's Snooze run this."""
    from afterview.store.snoozing import snooze_steps

    until = parse_instant(args.until, "--until")
    with _open(args) as db:
        with db.write() as session:
            count = snooze_steps(session, ids, until, now)
        db.backup_if_due()
    ipc.notify_changed(db.paths)
    _emit({"snoozed": count}) if args.json else print(f"{count} steps snoozed.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    if args.kind != "json":
        from afterview.interop.cli import run_import

        return run_import(args)
    from afterview.store import interchange

    document = interchange.load_file(Path(args.file))  # parsed whole before anything is written
    with _open(args) as db:
        with db.write() as session:
            summary = interchange.import_document(session, document, datetime.now(UTC))
        db.backup_if_due()
    ipc.notify_changed(db.paths)
    print(
        f"Imported {summary.interviews} interviews, {summary.contacts} contacts and "
        f"{summary.references} references."
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.kind != "json":
        from afterview.interop.cli import run_export

        return run_export(args)
    from afterview.store import interchange

    with _open(args) as db, db.read() as session:
        document = interchange.export_document(session)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if args.file == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.file)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
    print(f"Exported to {target}.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from afterview.store import backup as backups
    from afterview.store.restore import find_backup, restore_backup

    where = paths.resolve(args.data_dir)
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
    kept = restore_backup(where, chosen, datetime.now(UTC))
    with _open(args):
        pass  # opening migrates an older backup and proves the restored file sound
    print(f"Restored {chosen.name}.")
    if kept is not None:
        print(f"The database as it was is kept as {kept.name}.")
    return 0


def cmd_window(args: argparse.Namespace) -> int:
    from afterview.ui.app import run_window

    return run_window(paths.resolve(args.data_dir), step=getattr(args, "step", None))


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"keep data, settings and backups in DIR (default: ${paths.ENV_DATA_DIR} "
        "or the user data directory)",
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
        sub.add_argument("--json", action="store_true", help="print the step as JSON")

    for name, func, text, kinds in (
        ("import", cmd_import, "import records (all or nothing)", IMPORT_KINDS),
        ("export", cmd_export, "export records", EXPORT_KINDS),
    ):
        sub = verb(name, func, text)
        sub.add_argument("kind", choices=kinds, help="json: the afterview/1 format")
        sub.add_argument("file", help="the file ('-' for standard output when exporting)")
        if name == "import":
            sub.add_argument(
                "--skip-bad", action="store_true", help="import the good cards, skip the bad ones"
            )
        else:
            sub.add_argument(
                "--interviews", action="store_true", help="ics: the interviews too, as events"
            )
            sub.add_argument("--tasks", action="store_true", help="ics: steps as to-dos (VTODO)")
            sub.add_argument("--steps", action="store_true", help="csv: a row per step as well")

    restore = verb("restore", cmd_restore, "list the backups, or restore one")
    restore.add_argument("backup", nargs="?", help="a number from the list, a file name or a path")

    window = verb("window", cmd_window, "open the main window (the default)")
    window.add_argument("--step", type=int, metavar="ID", help="open the window on this step")
    # Each of these modules only declares its arguments; its work is imported when it runs.
    from afterview.letters.cli import register as register_letter
    from afterview.tray.cli import register as register_tray

    register_tray(verbs, common)
    register_letter(verbs, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    if args.self_test:
        from afterview.selftest import run_self_test

        return run_self_test()
    try:
        return int(args.func(args))
    except BrokenPipeError:
        # `afterview steps | head`: the reader left; that is not an error of ours.
        sys.stderr.close()
        return 0
    except UsageError as error:
        print(f"afterview: {error}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as error:
        from afterview.store.errors import StoreError

        if isinstance(error, StoreError | OSError):
            print(f"afterview: {error}", file=sys.stderr)
            return EXIT_ERROR
        raise


if __name__ == "__main__":
    sys.exit(main())
