"""The ``afterview copy``, ``share`` and ``password`` verbs (issue 16, items 1, 6 and 7):
arguments here; the store's work is imported when a verb runs."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(verbs: Any, common: argparse.ArgumentParser) -> None:
    text = (
        "copy the whole database to TARGET (sqlite:PATH, a postgresql:// address or a service "
        "name), which must be empty; all or nothing, verified, and the source is only read"
    )
    copy = verbs.add_parser("copy", parents=[common], help=text, description=text)
    copy.add_argument("--to", required=True, metavar="TARGET", help="where to copy to")
    copy.add_argument("--quiet", action="store_true", help="do not print the progress")
    copy.set_defaults(func=run_copy)
    text = (
        "let a coach's PostgreSQL role read this search (read-only, enforced by the server), "
        "or stop letting it; without options, list the roles that may read it"
    )
    share = verbs.add_parser("share", parents=[common], help=text, description=text)
    which = share.add_mutually_exclusive_group()
    which.add_argument("--with", dest="grant", metavar="ROLE", help="the role to share with")
    which.add_argument("--stop", metavar="ROLE", help="the role to stop sharing with")
    share.set_defaults(func=run_share)
    text = (
        "keep the server's password in the desktop's keyring (the Secret Service on Linux), "
        "read from the terminal without echo, or from standard input when that is not a "
        "terminal; with --forget, take it out"
    )
    password = verbs.add_parser("password", parents=[common], help=text, description=text)
    password.add_argument("--forget", action="store_true", help="forget the kept password")
    password.set_defaults(func=run_password)


def run_copy(args: argparse.Namespace) -> int:
    from afterview import paths
    from afterview.store.copy import copy_database

    def progress(percent: int, words: str) -> None:
        if not args.quiet:
            print(f"{percent:>3}%  {words}", file=sys.stderr)

    report = copy_database(paths.resolve(args.data_dir, args.database), args.to, progress=progress)
    counts = report.counts
    print(
        f"Copied {report.source} to {report.target}: {counts.interviews} interviews, "
        f"{counts.contacts} contacts, {counts.references} references, {counts.letters} "
        "letters; the copy was checked against the source."
    )
    return 0


def run_share(args: argparse.Namespace) -> int:
    from afterview import paths
    from afterview.store import coach
    from afterview.store.errors import StoreError
    from afterview.store.server_choice import server_for

    server = server_for(paths.resolve(args.data_dir, args.database))
    if server is None:
        raise StoreError(
            "Sharing needs a PostgreSQL server: this search is in an SQLite file. Copy it to "
            "a server first (afterview copy --to postgresql://…)."
        )
    if args.grant:
        schema = coach.share(server, args.grant)
        print(f"{args.grant} may now read the search in schema {schema} (read-only).")
    elif args.stop:
        schema = coach.stop_sharing(server, args.stop)
        print(f"{args.stop} may no longer read the search in schema {schema}.")
    else:
        roles = coach.shared_with(server)
        print("Shared with: " + ", ".join(roles) if roles else "Not shared with anyone.")
    return 0


def run_password(args: argparse.Namespace) -> int:
    from afterview import paths
    from afterview.store.errors import StoreError
    from afterview.store.target import (
        PostgresTarget,
        forget_password,
        resolve_target,
        store_password,
    )

    found = paths.resolve(args.data_dir, args.database)
    target = resolve_target(found.database, found.config_dir, found.database_target)
    if not isinstance(target, PostgresTarget):
        raise StoreError(
            "A password is only for a PostgreSQL server: this search is in an SQLite file. "
            "Choose the server with --database or in Settings > Storage."
        )
    name = target.keyring_key()
    if args.forget:
        forget_password(target)
        print(f"The keyring no longer keeps a password for {name}.")
        return 0
    if sys.stdin.isatty():
        import getpass

        typed = getpass.getpass(f"Password for {name}: ")
    else:
        typed = sys.stdin.readline().rstrip("\r\n")
    if not typed:
        raise StoreError("No password was given; the keyring was left as it was.")
    store_password(target, typed)
    print(f"The keyring now keeps the password for {name}.")
    return 0
