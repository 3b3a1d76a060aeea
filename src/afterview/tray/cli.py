"""The ``afterview tray`` verb: arguments only; the tray itself is imported when it runs."""

from __future__ import annotations

import argparse
from typing import Any


def register(verbs: Any, common: argparse.ArgumentParser) -> None:
    sub = verbs.add_parser(
        "tray",
        parents=[common],
        help="run the tray process that reminds you when a step falls due",
        description=(
            "Run the tray process (one per data directory) that reminds you when a step falls due."
        ),
    )
    sub.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Measured: SQLAlchemy imported *after* PySide6 costs ~20 MiB more resident memory (its
    # import hook), and the tray stays resident all day; so the store is imported first.
    import afterview.store.reminders  # noqa: F401
    from afterview import paths
    from afterview.tray.app import run_tray

    return run_tray(paths.resolve(args.data_dir, args.database))
