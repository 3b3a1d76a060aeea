"""How Afterview compares people's text: one folding for sorting and for filtering.

A list sorted one way and filtered another puts "Ångström" where a search for "angstrom"
does not find it. Both use :func:`fold`, computed in Python (SQLite's ``NOCASE`` and
``lower()`` fold ASCII only, and PostgreSQL's collations differ by server), and the store
keeps the folded text in columns of its own so the database sorts by plain binary order.
"""

from __future__ import annotations

import unicodedata


def unstorable(text: str) -> str | None:
    """Why ``text`` cannot be kept as given, in words a message puts after the field's name
    ("its notes contains …"); None when it can. A NUL character: PostgreSQL's ``text``
    cannot hold one, and no field of Afterview means one. Half of a character (a lone UTF-16
    surrogate, U+D800–U+DFFF, which a ``\\ud800`` escape or a careless codec can produce): no
    UTF-8 database or file can hold it (RFC 3629 §3). The one rule every way in checks."""
    if "\x00" in text:
        return "contains a NUL character"
    if not text.isascii() and any("\ud800" <= char <= "\udfff" for char in text):
        return "contains half of a character (a lone surrogate)"
    return None


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """``text`` as it compares: case-folded (Unicode full case folding, so "Straße" meets
    "STRASSE"), compatibility-decomposed with the accents dropped where Unicode decomposes a
    letter into a base and marks ("Ångström" → "angstrom", "İstanbul" → "istanbul"; "Ł"
    has no decomposition and stays "ł"), and runs of whitespace made one space, trimmed.

    Idempotent: ``fold(fold(t)) == fold(t)``.
    """
    # Folding can expose new marks ("İ" folds to "i" + U+0307) and decomposing can expose
    # new capitals ("Ⅻ" → "XII"), so each runs again after the other.
    once = _strip_marks(_strip_marks(text).casefold()).casefold()
    return " ".join(once.split())
