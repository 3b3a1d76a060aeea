"""Paper size for printing and PDFs: Letter in the US and Canada, A4 elsewhere (Qt-free)."""

from __future__ import annotations

import os
import re

LETTER_TERRITORIES = frozenset({"US", "CA"})


def page_size(setting: str | None, territory: str | None) -> str:
    """ "letter" or "a4": the setting when it names one, else by the territory."""
    if setting in ("letter", "a4"):
        return setting
    return "letter" if (territory or "").upper() in LETTER_TERRITORIES else "a4"


def territory_from_environment() -> str | None:
    """The country of the POSIX locale for paper (LC_ALL, LC_PAPER, LANG), e.g. "US"."""
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        value = os.environ.get(name, "")
        if value:
            match = re.match(r"[a-zA-Z]{2,3}_([A-Za-z]{2})\b", value)
            return match.group(1).upper() if match else None
    return None
