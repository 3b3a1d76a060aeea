"""A job posting's description, which is HTML in most postings, as plain text (issue 18 §3):
paragraphs and headings apart by a blank line, each list item a line of its own ("• "), line
breaks kept, entities unescaped, and no markup left at all (a ``<script>`` or ``<style>``
is dropped with its content). Uses the standard library's tolerant ``html.parser``.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

#: Elements that start a paragraph of their own (a blank line before and after).
_BLOCK_NAMES = (
    "p div section article header footer h1 h2 h3 h4 h5 h6 ul ol dl table blockquote pre "
    "address figure form fieldset hr main nav aside"
)
_BLOCKS = frozenset(_BLOCK_NAMES.split())
#: Elements that start a line of their own.
_LINES = frozenset(("li", "dt", "dd", "tr"))
#: Elements whose content is never text for a reader.
_SKIPPED_NAMES = "script style template noscript head title iframe object svg math"
_SKIPPED = frozenset(_SKIPPED_NAMES.split())
#: What is left of a tag once the parser is done: only text that still looks like markup
#: (a description escaped twice) is parsed again; the third time any tag is removed.
_TAG = re.compile(r"<\s*[/!?]?\s*[a-zA-Z-][^<>]*>")
#: Control characters other than tab and newline: no field means them (and a NUL cannot
#: be stored, domain/text.unstorable).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
#: A paragraph mark: several in a row are one blank line.
_PARAGRAPH = "\x00P"
_LINE = "\x00L"


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)
        elif tag == "li":
            self.parts.append(_LINE + "• ")
        elif tag in _LINES or tag == "br":
            self.parts.append(_LINE)
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append(_LINE)
        elif tag == "hr" or tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)
        elif tag in _LINES:
            self.parts.append(_LINE)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\x00", ""))


def _lines(parts: list[str]) -> str:
    """Joins the parser's pieces: text runs made one line, line and paragraph marks made
    newlines, never more than one blank line in a row, no blank line at either end."""
    text = "".join(parts)
    out: list[str] = []
    pending = ""  # the strongest mark since the last text: "", "\n" or "\n\n"
    for piece in re.split(f"({_PARAGRAPH}|{_LINE})", text):
        if piece == _PARAGRAPH:
            pending = "\n\n"
        elif piece == _LINE:
            pending = pending or "\n"
        else:
            words = _SPACES.sub(" ", piece.replace("\n", " "))
            if not words.strip():
                continue
            if out:
                out.append(pending)
                words = words.lstrip()
            elif pending:
                words = words.lstrip()
            out.append(words)
            pending = ""
    return "\n".join(line.strip() for line in "".join(out).strip().split("\n"))


def _plain(text: str) -> str:
    """Text without markup: spaces in a line made one, at most one blank line in a row."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _CONTROL.sub("", re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip())


def _once(markup: str) -> str:
    parser = _TextParser()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):  # older html.parser raised on some malformed markup
        return _TAG.sub(" ", html.unescape(markup))
    return _lines(parser.parts)


def html_to_text(markup: str) -> str:
    """``markup`` (an HTML fragment, or plain text) as plain text: see the module's doc.
    A description whose HTML was escaped (``&lt;p&gt;``, as some sites save it) is read
    again once it is unescaped; whatever still looks like a tag after that is removed.
    Never raises."""
    markup = _CONTROL.sub("", markup)
    if not _TAG.search(markup):
        # No tag: plain text, or HTML escaped once or twice (unescaped until tags appear).
        unescaped = markup
        for _attempt in range(3):
            unescaped = html.unescape(unescaped)
            if _TAG.search(unescaped) or "&" not in unescaped:
                break
        if not _TAG.search(unescaped):  # plain text: its own lines and paragraphs kept
            return _plain(html.unescape(markup))
        markup = unescaped
    text = _once(markup)
    for _attempt in range(2):
        if not _TAG.search(text):
            break
        text = _once(text)
    if _TAG.search(text):
        while _TAG.search(text):  # each pass makes the text shorter: "<<b>i>" is "< i>" next
            text = _TAG.sub(" ", text)
        text = _lines([text.replace("\n", _LINE)])
    return _CONTROL.sub("", text)


__all__ = ["html_to_text"]
