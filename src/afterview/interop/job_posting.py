"""Reading a saved job posting (issue 18 §3): the page's schema.org ``JobPosting``, from
JSON-LD or microdata, with extruct's two extractors, as a
:class:`~afterview.domain.postings.Posting` of plain text.

    posting = load_posting(Path("job.html"))   # PostingError (a StoreError) when it has none

The whole file is read first (at most :data:`LIMIT` bytes), decoded (a byte-order mark, else
the page's ``<meta charset>`` or ``http-equiv`` Content-Type, else UTF-8, else Windows-1252),
parsed, and checked; nothing is fetched: the reader never follows a link, and it uses no
extruct option that fetches (no RDFa, no base URL resolution over the network).

The fields and the rules of each are in :mod:`afterview.interop.posting_fields`.
"""

from __future__ import annotations

import codecs
import importlib.util
import re
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from afterview.domain.postings import Posting
from afterview.interop.posting_fields import JSON, is_job_posting, posting_of, web_address
from afterview.store.errors import StoreError
from afterview.store.file_input import MB, read_regular

#: The largest page read: a saved posting with its inline scripts and styles is well under
#: 2 MB; 10 MB leaves room for a page saved with its images inlined.
LIMIT = 10 * MB
#: How deep the reader looks into JSON-LD for a JobPosting (a page's @graph is 2-3 deep).
MAX_DEPTH = 12
_SNIFF = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class PostingError(StoreError):
    """The page cannot give an application: no JobPosting, or not a web page at all."""


def _no_posting(source: str) -> PostingError:
    return PostingError(f"no job posting (schema.org JobPosting) in {source}; nothing was imported")


def decode(data: bytes) -> str:
    """The page's text: by its byte-order mark, else the charset its ``<meta>`` declares in
    the first 4 KiB (HTML Living Standard §13.2.3.2 "prescan"), else UTF-8, else
    Windows-1252 (what browsers assume for an undeclared legacy page). Never raises: a byte
    the charset cannot decode becomes U+FFFD."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    found = _META_CHARSET.search(data[:_SNIFF])
    if found is not None:
        name = found.group(1).decode("ascii", errors="replace")
        try:
            codec = codecs.lookup(name)
        except LookupError:
            codec = None
        # A page saved from a browser is never UTF-16 once it has an ASCII <meta> in it.
        if codec is not None and not codec.name.startswith("utf-16"):
            return data.decode(codec.name, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


#: A page saved as one MHTML file (RFC 2557; Chrome's "Webpage, Single File", Edge, Opera):
#: a MIME message whose first text/html part is the page, often quoted-printable.
_MHTML = re.compile(rb"^content-type:\s*multipart/related", re.I | re.M)


def _unpack_mhtml(data: bytes) -> tuple[str, str] | None:
    """The page's text and its address (Chrome's ``Snapshot-Content-Location``, else the
    part's ``Content-Location``; "" when neither) when ``data`` is an MHTML archive; None
    when it is not one, or holds no HTML part. Parsed with the standard ``email`` package."""
    if not _MHTML.search(data[:_SNIFF]):
        return None
    from email import policy
    from email.parser import BytesParser

    try:
        message = BytesParser(policy=policy.compat32).parsebytes(data)
        part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
        if part is None:
            return None
        body = part.get_payload(decode=True)
        if not isinstance(body, bytes):
            return None
        charset = part.get_content_charset()
        try:
            text = body.decode(charset, errors="replace") if charset else decode(body)
        except LookupError:
            text = decode(body)
        where = str(message.get("Snapshot-Content-Location") or part.get("Content-Location") or "")
    except (ValueError, TypeError, LookupError, IndexError, AttributeError):
        return None
    return text, web_address(where)


def _extractors() -> tuple[Any, Any]:
    """extruct's JSON-LD and microdata extractors, without its package ``__init__``: that
    imports every syntax extruct knows (RDFa through rdflib and pyRdfa, microformats through
    mf2py, BeautifulSoup, html5lib and requests): 0.47 s against 0.11 s for the two modules
    alone, measured on the development machine, and the bundle need not carry them."""
    if "extruct" not in sys.modules:
        spec = importlib.util.find_spec("extruct")
        if spec is None:  # pragma: no cover - a broken install
            raise PostingError("cannot read job postings: the extruct package is missing")
        sys.modules["extruct"] = importlib.util.module_from_spec(spec)
    from extruct.jsonld import JsonLdExtractor
    from extruct.w3cmicrodata import MicrodataExtractor

    return JsonLdExtractor(), MicrodataExtractor(add_html_node=True)


def _tree(text: str) -> Any:
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=False)
    body = text.encode("utf-8", errors="replace")
    if not body.strip():
        return None
    try:
        return lxml.html.fromstring(body, parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        return None


def _jsonld_items(extractor: Any, tree: Any) -> Iterator[JSON]:
    """Each JSON-LD block's items; a broken block (bad JSON, too deep) is passed over so a
    good one, or the page's microdata, can still be read. extruct's ``extract_items`` gives
    up on the whole page at the first broken block, so each is read on its own."""
    for node in extractor._xp_jsonld(tree):
        try:
            yield from list(extractor._extract_items(node))
        except (ValueError, TypeError, RecursionError):
            continue


def _microdata_items(extractor: Any, tree: Any) -> list[JSON]:
    """The page's microdata items in JSON-LD's shape ({"@type": [...], "prop": value}), so
    one walk reads both."""
    try:
        items = extractor.extract_items(tree, base_url=None)
    except (ValueError, TypeError, RecursionError):
        return []
    return [_as_jsonld(item, 0) for item in items]


def _as_jsonld(value: Any, depth: int) -> Any:
    if depth > MAX_DEPTH:
        return None
    if isinstance(value, list):
        return [_as_jsonld(v, depth + 1) for v in value]
    if isinstance(value, dict) and "properties" in value:
        types = value.get("type", [])
        out: JSON = {"@type": types if isinstance(types, list) else [types]}
        properties = value.get("properties")
        if isinstance(properties, dict):
            for name, item in properties.items():
                out[name] = _as_jsonld(item, depth + 1)
        markup = _description_markup(value.get("htmlNode"))
        if markup is not None:
            out["description"] = markup
        return out
    return value


def _description_markup(node: Any) -> str | None:
    """The HTML of the item's own ``itemprop="description"`` element (not a nested item's),
    so its paragraphs and list items become lines as JSON-LD's do; extruct gives only its
    text. None when the item has none, or it is a ``<meta content>``."""
    import lxml.html

    if node is None:
        return None
    for found in node.iter():
        if found is node or not isinstance(found.tag, str):
            continue
        names = (found.get("itemprop") or "").split()
        if "description" not in names or found.get("content") is not None:
            continue
        owner = next((a for a in found.iterancestors() if a.get("itemscope") is not None), None)
        if owner is node:
            return str(lxml.html.tostring(found, encoding="unicode", with_tail=False))
    return None


def _candidates(value: Any, depth: int = 0) -> Iterator[JSON]:
    """Every JSON object in ``value``, outer first (inside ``@graph``, lists, and any
    property such as ``mainEntity``), down to :data:`MAX_DEPTH`."""
    if depth > MAX_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            yield from _candidates(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        for item in value.values():
            if isinstance(item, (list, dict)):
                yield from _candidates(item, depth + 1)


def _page_address(tree: Any) -> str:
    """The page's own address: ``<link rel=canonical>``, else ``og:url``; "" when neither
    is an http(s) address."""
    for query in (
        '//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href',
        '//meta[@property="og:url"]/@content',
    ):
        for found in tree.xpath(query):
            address = web_address(str(found))
            if address:
                return address
    return ""


#: How many of a listing page's postings are read to name the ones left out.
MOST_POSTINGS = 20


def _others(first: Posting, rest: list[JSON], objects: list[JSON], address: str) -> tuple[str, ...]:
    """The other postings of the page, each "title at company" once, leaving out the ones
    that are the first again (a page that marks one posting up as JSON-LD and microdata)."""
    seen = {(first.title.casefold(), first.company.casefold())}
    names: list[str] = []
    for item in rest:
        other = posting_of(item, objects, address)
        key = (other.title.casefold(), other.company.casefold())
        if key in seen:
            continue
        seen.add(key)
        names.append(f"{other.title or '?'} at {other.company or '?'}")
    return tuple(names)


def read_posting(data: bytes, *, source: str) -> Posting:
    """The first schema.org JobPosting of the page ``data`` (JSON-LD first, then microdata),
    its fields as :func:`afterview.interop.posting_fields.posting_of` reads them, with the
    page's other postings named in ``others``. ``data`` is
    an HTML page, or an MHTML archive of one (its address then also from the archive).

    ``source`` names the file in messages. PostingError ("no job posting (schema.org
    JobPosting) in FILE; nothing was imported") when the page has none, or is not a page.
    Never fetches anything.
    """
    unpacked = _unpack_mhtml(data)
    text, saved_from = unpacked if unpacked is not None else (decode(data), "")
    tree = _tree(text)
    if tree is None:
        raise _no_posting(source)
    jsonld, microdata = _extractors()
    try:
        found = list(_jsonld_items(jsonld, tree))
        found += _microdata_items(microdata, tree)
        objects = [item for item in _candidates(found)]
        postings = [item for item in objects if is_job_posting(item)]
        if not postings:
            raise _no_posting(source)
        address = _page_address(tree) or saved_from
        first = posting_of(postings[0], objects, address)
        return replace(first, others=_others(first, postings[1:MOST_POSTINGS], objects, address))
    except RecursionError as error:  # a page nested beyond what lxml or the walk allow
        raise _no_posting(source) from error


def load_posting(path: Path) -> Posting:
    """:func:`read_posting` of the file at ``path`` (at most :data:`LIMIT` bytes; a folder,
    pipe or device is refused): StoreError naming the file otherwise."""
    data = read_regular(path, LIMIT, "saved web page")
    return read_posting(data, source=str(path))


__all__ = ["LIMIT", "PostingError", "decode", "load_posting", "read_posting"]
