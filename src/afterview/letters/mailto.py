"""``mailto:`` URLs per RFC 6068, and back (Qt-free).

Every octet outside the unreserved set is percent-encoded as UTF-8 (so a
space is ``%20``, never ``+``), and line breaks in the body become ``%0D%0A``
as §5 requires. Mail clients read the body as plain text: nothing here is markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

#: Characters RFC 6068 lets stand in an addr-spec without encoding.
_ADDRESS_SAFE = "@!$'*+-.=^_`{|}~"


def _newlines(text: str) -> str:
    return re.sub(r"\r\n|\r|\n", "\n", text)


def build_mailto(to: list[str] | str, subject: str = "", body: str = "") -> str:
    addresses = [to] if isinstance(to, str) else list(to)
    target = ",".join(quote(a.strip(), safe=_ADDRESS_SAFE) for a in addresses if a.strip())
    fields: list[str] = []
    if subject:
        # A header cannot hold a line break; a pasted one becomes a space.
        one_line = " ".join(_newlines(subject).split("\n"))
        fields.append("subject=" + quote(one_line, safe=""))
    if body:
        fields.append("body=" + quote(_newlines(body).replace("\n", "\r\n"), safe=""))
    return "mailto:" + target + ("?" + "&".join(fields) if fields else "")


@dataclass(frozen=True)
class Mailto:
    to: list[str]
    subject: str
    body: str


def parse_mailto(url: str) -> Mailto:
    """The addresses, subject and body of a ``mailto:`` URL (line breaks as ``\\n``)."""
    if not url.lower().startswith("mailto:"):
        raise ValueError(f"not a mailto: URL: {url[:40]!r}")
    rest = url[len("mailto:") :]
    target, _, query = rest.partition("?")
    addresses = [unquote(a, errors="strict") for a in target.split(",") if a]
    headers: dict[str, str] = {}
    for field in query.split("&") if query else []:
        name, _, value = field.partition("=")
        headers[unquote(name).lower()] = unquote(value, errors="strict")
    extra = headers.get("to")
    if extra:
        addresses.extend(a for a in extra.split(",") if a)
    return Mailto(
        to=addresses,
        subject=headers.get("subject", ""),
        body=_newlines(headers.get("body", "")),
    )
