"""Which import a file given to Afterview is for: one dropped on the window, chosen with
File ▸ Open, or opened with Afterview from a file manager (issue 18: invitations, emails,
saved job postings; and the contact cards and data files Afterview already read).

The kind is decided by what the file holds, not only by its name: a mail client saves an
invitation as ``invite.ics``, ``meeting.eml`` or a nameless attachment, and a browser saves a
posting as ``.html``, ``.htm`` or ``.xhtml``. Only the first part of the file is read here
(and, for a message, enough of it to find a calendar part); each import reads the whole file
again with its own limit and checks.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

from afterview.store.errors import StoreError
from afterview.store.file_input import MB, read_start

#: How much is read to tell the kinds apart: a message's calendar part comes after its text
#: and HTML parts, which an HTML-heavy recruiter's email makes large.
SNIFF_LIMIT = 8 * MB


class Kind(StrEnum):
    """What a file is, by the import that takes it."""

    #: A calendar invitation: ``.ics``, or a message with a ``text/calendar`` part (RFC 6047).
    INVITATION = "invitation"
    #: An email, whose people become contacts (RFC 5322).
    EMAIL = "email"
    #: A saved web page with a job posting (schema.org JobPosting).
    POSTING = "posting"
    #: Contact cards (RFC 6350).
    VCARD = "vcf"
    #: Afterview's own data file (the interchange format).
    DATA = "json"


_SUFFIXES = {
    ".ics": Kind.INVITATION,
    ".ical": Kind.INVITATION,
    ".ifb": Kind.INVITATION,
    ".eml": Kind.EMAIL,
    ".html": Kind.POSTING,
    ".htm": Kind.POSTING,
    ".xhtml": Kind.POSTING,
    ".mhtml": Kind.POSTING,
    ".mht": Kind.POSTING,
    ".vcf": Kind.VCARD,
    ".vcard": Kind.VCARD,
    ".json": Kind.DATA,
}

#: A message header line such as ``From: …`` or ``Received: …`` at the start of a line.
_HEADER = re.compile(rb"^(?:from|to|subject|date|received|message-id|mime-version|return-path):",
                     re.IGNORECASE | re.MULTILINE)  # fmt: skip
_CALENDAR_PART = re.compile(rb"(?:text/calendar|application/ics)", re.IGNORECASE)
#: A browser's "Webpage, Single File" (MHTML, RFC 2557): message headers around a page.
_SAVED_PAGE = re.compile(
    rb"^(?:snapshot-content-location:|from: <saved by )", re.IGNORECASE | re.MULTILINE
)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|script)\b", re.IGNORECASE)


class UnknownKindError(StoreError):
    """The file is none of the kinds Afterview imports."""


def kind_of_bytes(head: bytes, suffix: str = "") -> Kind | None:
    """The kind of a file that starts with ``head`` and is named with ``suffix`` (".ics",
    any case; "" when unnamed), or None when it is none of them.

    What the bytes show wins over the name; the name decides only when the bytes say nothing
    (an empty or undecodable file goes, by its name, to the import that explains what is
    wrong with it). A message is an invitation when it carries a calendar part."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    upper = text[:64].upper()
    if upper.startswith(b"BEGIN:VCALENDAR"):
        return Kind.INVITATION
    if upper.startswith(b"BEGIN:VCARD"):
        return Kind.VCARD
    if text.startswith((b"{", b"[")):
        return Kind.DATA
    if _SAVED_PAGE.search(text[:4096]):
        return Kind.POSTING
    if _HEADER.search(text[:4096]) and not _HTML.match(text):
        return Kind.INVITATION if _CALENDAR_PART.search(text) else Kind.EMAIL
    if _HTML.search(text[:4096]):
        return Kind.POSTING
    return _SUFFIXES.get(suffix.lower())


def kind_of(path: Path) -> Kind:
    """The kind of the file at ``path``: by its content, else by its name.

    StoreError when it cannot be read (missing, a folder, a pipe, a device); UnknownKindError,
    naming the file and the kinds Afterview takes, when it is none of them."""
    kind = kind_of_bytes(read_start(path, SNIFF_LIMIT), path.suffix)
    if kind is None:
        raise UnknownKindError(
            f"Afterview cannot import {path.name}: it takes calendar invitations (.ics), "
            "emails (.eml), saved job postings (.html, .htm, .mhtml), contact cards (.vcf) "
            "and its own data files (.json). Nothing was imported."
        )
    return kind
