"""The ``afterview letter`` verb: arguments only; rendering is imported when it runs."""

from __future__ import annotations

import argparse
from typing import Any


def register(verbs: Any, common: argparse.ArgumentParser) -> None:
    sub = verbs.add_parser(
        "letter",
        parents=[common],
        help="render a letter to one person (PDF, text or a mailto: URL)",
    )
    sub.add_argument("--interview", required=True, metavar="KEY_OR_ID")
    sub.add_argument(
        "--person", metavar="NAME_OR_ID", help="required except for --template pocket_card"
    )
    sub.add_argument("--template", required=True, metavar="NAME")
    sub.add_argument("--date", metavar="YYYY-MM-DD", help="the letter's date (default today)")
    sub.add_argument(
        "--page-size",
        choices=("auto", "letter", "a4"),
        help="paper for --pdf (default: the setting, else Letter in the US and Canada, else A4)",
    )
    out = sub.add_mutually_exclusive_group(required=True)
    out.add_argument("--pdf", metavar="OUT.pdf")
    out.add_argument("--text", action="store_true")
    out.add_argument("--mailto", action="store_true")
    sub.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from afterview.letters.command import run_letter

    return run_letter(args)
