"""``afterview letter``: one letter to one person, as text, a mailto: URL or a PDF (headless)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from afterview import paths
from afterview.letters import page
from afterview.letters.context import LetterContext
from afterview.letters.mailto import build_mailto
from afterview.letters.pocket_card import pocket_card_variables
from afterview.letters.templates import POCKET_CARD, plain_text, templates_for
from afterview.store.errors import RecordError


def _today(text: str | None) -> date:
    from afterview.cli import UsageError

    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--date: {text!r} is not a date like 2026-11-21") from None


def run_letter(args: argparse.Namespace) -> int:
    from afterview.cli import UsageError
    from afterview.store.api import open_store

    where = paths.resolve(args.data_dir, args.database)
    today = _today(getattr(args, "date", None))
    pocket = args.template == POCKET_CARD
    if not pocket and not args.person:
        raise UsageError("--person is required (a name or contact id on the interview)")
    if pocket and not args.pdf:
        raise UsageError("the pocket card is for printing: use --pdf OUT.pdf")
    with open_store(where) as store:
        sources = store.letters.sources_by_name(args.interview, None if pocket else args.person)
        deadline = store.settings.playbook().thank_you_deadline
    territory = page.territory_from_environment() or sources.home_country
    context = LetterContext.of(sources, today=today, territory=territory)
    size = page.page_size(getattr(args, "page_size", None) or sources.page_size, territory)
    templates = templates_for(where.config_dir)
    if pocket:
        variables = pocket_card_variables(context.interview, territory, deadline)
        html = templates.pocket_card_html(variables)
        return _pdf(html, args.pdf, size, f"Interview day: {context.interview.company}")
    variables = context.variables()
    draft = templates.draft(args.template, variables)
    if args.text:
        sys.stdout.write(plain_text(draft))
        return 0
    if args.mailto:
        person = context.recipient
        assert person is not None
        if not person.email.strip():
            raise RecordError(
                f"{person.kind} {person.name!r}", "email", "no email address to write to"
            )
        print(build_mailto(person.email, draft.subject, draft.body))
        return 0
    person = context.recipient
    if draft.channel in ("letter", "card") and person is not None and not variables["address"]:
        # Printed all the same (it may be handed over), but a letter to post needs the address.
        print(
            f"afterview: warning: {person.name} has no postal address on their card: the "
            "letter's address block is empty; add one to post it",
            file=sys.stderr,
        )
    return _pdf(templates.to_html(draft, variables), args.pdf, size, draft.subject)


def _pdf(html: str, out: str, size: str, title: str) -> int:
    from afterview.letters.render import write_pdf

    target = write_pdf(html, Path(out), size, title)
    print(target)
    return 0
