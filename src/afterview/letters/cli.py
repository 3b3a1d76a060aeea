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
    sub.add_argument("--person", required=True, metavar="NAME_OR_ID")
    sub.add_argument("--template", required=True, metavar="NAME")
    out = sub.add_mutually_exclusive_group(required=True)
    out.add_argument("--pdf", metavar="OUT.pdf")
    out.add_argument("--text", action="store_true")
    out.add_argument("--mailto", action="store_true")
    sub.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from afterview.letters.command import run_letter

    return run_letter(args)
