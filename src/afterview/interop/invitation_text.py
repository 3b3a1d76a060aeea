"""The text of a calendar invitation (issue 18 §1): an iCalendar file (RFC 5545) as it is, or
the calendar part of a mail message (RFC 5322/2045, read with Python's ``email`` package and
``email.policy.default``): the first ``text/calendar`` part, else an ``application/ics`` part or
an attachment named ``*.ics``, its transfer encoding (base64, quoted-printable) and charset
undone. A calendar, the file or the part, is at most :data:`LIMIT` (2 MB); the mail around it
may be larger. Which of the two a file is, is told by its content, not its name.

Also the reader's error, :class:`InvitationError`, and :func:`plain`, the rule for text.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage

from afterview.store.errors import StoreError
from afterview.store.file_input import MB, megabytes

#: The largest calendar read, an ``.ics`` file or a mail's calendar part (an invitation is a
#: few kB). A mail holding one may be larger (its attachments): see ``invitation_read``.
LIMIT = 2 * MB

#: Control characters (line breaks and tabs kept), and the bidi embedding, override and isolate
#: controls (U+202A-U+202E, U+2066-U+2069), which make a name read backwards ("live name").
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_HEADER = re.compile(rb"^[!-9;-~]+:", re.MULTILINE)
_MAIL_HEADERS = (b"content-type:", b"mime-version:", b"from:", b"received:")
#: The signature of a Compound File (MS-CFB §2.2), the container of Outlook's .msg files.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CALENDAR_TYPES = {"text/calendar", "application/ics", "text/x-vcalendar"}
_BEGIN_END = re.compile(r"^(BEGIN|END):([A-Za-z0-9-]+)[ \t]*$", re.MULTILINE | re.IGNORECASE)


class InvitationError(StoreError):
    """An invitation Afterview cannot take; the message names the file and what is wrong."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}. Nothing was imported.")


def short(error: BaseException) -> str:
    """A library's error message on one line, at most 160 characters, for a message."""
    text = " ".join(str(error).split())
    return text[:160] + "…" if len(text) > 160 else text or type(error).__name__


def plain(value: object) -> str:
    """A property's text as plain text: line breaks kept, other control characters and the
    bidi controls dropped."""
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def calendar_text(data: bytes, source: str) -> str:
    """The iCalendar text of ``data``: the file itself, or the calendar part of a mail."""
    if data.startswith(_OLE):
        raise InvitationError(
            source,
            "is an Outlook message file (.msg), which Afterview cannot read: in Outlook, save "
            "the meeting as an iCalendar file (.ics), or save the email as .eml",
        )
    if b"\x00" in data:
        raise InvitationError(source, "is not a text file (it holds binary data)")
    body = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if body[:15].upper() == b"BEGIN:VCALENDAR":
        _check_size(len(data), source, "is")
        return _text(body, source)
    head = body[:4096].lower()
    if _HEADER.match(body) and any(header in head for header in _MAIL_HEADERS):
        return _from_mail(body, source)
    _text(body, source)  # binary data says so before "not a calendar"
    raise InvitationError(
        source, "is not a calendar invitation (an .ics file or an email with one)"
    )


def _check_size(size: int, source: str, said: str) -> None:
    if size > LIMIT:
        shown = megabytes(size)
        if shown == megabytes(LIMIT):
            shown = f"over {shown}"
        raise InvitationError(
            source,
            f"{said} {shown}; a calendar invitation of at most {megabytes(LIMIT)} can be imported",
        )


#: What a file cut short may be, and what to do.
CUT_SHORT = "the file may have been saved or downloaded only in part; save the invitation again"


def unclosed(text: str) -> str:
    """The innermost component (``VEVENT``, ``VCALENDAR``…) that ``text`` begins and never
    ends (RFC 5545 §3.4, §3.6: each ``BEGIN:`` has its ``END:``), or "" when each is closed: a
    file saved or downloaded only in part."""
    opened: list[str] = []
    for found in _BEGIN_END.finditer(text):
        name = found.group(2).upper()
        if found.group(1).upper() == "BEGIN":
            opened.append(name)
        elif name in opened:
            del opened[len(opened) - 1 - opened[::-1].index(name) :]
    return opened[-1] if opened else ""


def line_breaks(text: str) -> str:
    """``text`` with each line ending CRLF or LF: a lone CR (an old Mac editor's) becomes LF,
    which the reader takes as RFC 5545 §3.1's CRLF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _text(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":  # the last character's bytes cut off
            raise InvitationError(source, f"is cut short: {CUT_SHORT}") from None
        raise InvitationError(
            source, f"is not a text file (byte {error.start} is not UTF-8 text)"
        ) from None


def _from_mail(data: bytes, source: str) -> str:
    """The first ``text/calendar`` part of the message (then an ``application/ics`` part or an
    attachment named ``*.ics``), its transfer encoding and charset undone."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        parts = list(message.walk()) if isinstance(message, EmailMessage) else []
        found = [p for p in parts if p.get_content_type() == "text/calendar"]
        found += [
            p
            for p in parts
            if p.get_content_type() in _CALENDAR_TYPES
            or (p.get_filename() or "").casefold().endswith(".ics")
        ]
        for part in found:
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                continue
            _check_size(len(payload), source, "holds a calendar part of")
            charset = part.get_content_charset() or "utf-8"
            try:
                return payload.decode(charset)
            except (LookupError, UnicodeDecodeError):
                pass
            try:
                return payload.decode("utf-8")
            except UnicodeDecodeError:
                problem = f"holds a calendar part that is not {charset} or UTF-8 text"
                raise InvitationError(source, problem) from None
    except InvitationError:
        raise
    except Exception as error:  # the email package raises many kinds
        problem = f"is a mail Afterview cannot read ({short(error)})"
        raise InvitationError(source, problem) from None
    raise InvitationError(source, "is an email without an invitation (no text/calendar part)")
