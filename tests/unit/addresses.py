"""Hypothesis strategies for email addresses that are well formed by construction, and for
ways to break one, so a property spends its examples on addresses instead of filtering
random text (which is almost never an address)."""

from __future__ import annotations

import string

from hypothesis import strategies as st

_ATOM = string.ascii_letters + string.digits + "!#$%&'*+-/=?^_`{|}~"
_ALNUM = string.ascii_letters + string.digits
# TLDs reserved for special use are refused by email-validator, whatever the syntax.
_SPECIAL_USE = {"arpa", "invalid", "local", "localhost", "onion", "test"}


def _dotted(chunk: st.SearchStrategy[str], separator: str, most: int) -> st.SearchStrategy[str]:
    return st.lists(chunk, min_size=1, max_size=most).map(separator.join)


#: A dot-atom local part: atoms joined by single dots (no leading, trailing or double dot).
LOCAL_PARTS = _dotted(st.text(_ATOM, min_size=1, max_size=8), ".", 3)
#: A host label: letters and digits, with single hyphens inside, never at either end.
LABELS = _dotted(st.text(_ALNUM, min_size=1, max_size=8), "-", 3)
TLDS = st.text(string.ascii_letters, min_size=2, max_size=6).filter(
    lambda tld: tld.lower() not in _SPECIAL_USE
)
DOMAINS = st.builds(
    lambda labels, tld: ".".join([*labels, tld]), st.lists(LABELS, min_size=1, max_size=3), TLDS
)
SPACE = st.text(" \t", max_size=2)


@st.composite
def emails(draw: st.DrawFn) -> tuple[str, str]:
    """(what a person types, what is stored): outer whitespace goes, the domain is
    lower-cased, the local part is kept exactly."""
    local, domain = draw(LOCAL_PARTS), draw(DOMAINS)
    typed = f"{draw(SPACE)}{local}@{domain}{draw(SPACE)}"
    return typed, f"{local}@{domain.lower()}"


@st.composite
def broken_emails(draw: st.DrawFn) -> str:
    """A well-formed address with one thing wrong that makes it no address at all."""
    local, domain = draw(LOCAL_PARTS), draw(DOMAINS)
    breakage = draw(
        st.sampled_from(
            [
                f"{local}@@{domain}",  # two at signs
                f"@{domain}",  # no local part
                f"{local}@",  # no domain
                f"{local}{domain}",  # no at sign at all
                f".{local}@{domain}",  # a local part starting with a dot
                f"{local}..x@{domain}",  # two dots in a row
                f"{local}@-{domain}",  # a label starting with a hyphen
                f"{local}@{domain.split('.')[0]}",  # a domain without a dot
                f"{local} x@{domain}",  # a space inside
                f"{local}@{domain}.test",  # a special-use TLD
            ]
        )
    )
    return breakage
