"""Reading saved job postings (issue 18 §3): the pages in tests/data/postings, written in the
shapes job sites save (JSON-LD plain, in a Yoast-like @graph, HTML-escaped; microdata), each
with the values expected of it written by hand from the page."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from afterview.domain.postings import CUT, Posting, snapshot, source_of
from afterview.interop.job_posting import LIMIT, PostingError, decode, load_posting, read_posting
from afterview.store.errors import StoreError

PAGES = Path(__file__).resolve().parents[1] / "data" / "postings"
#: Markup as a reader of the description would see it: any tag or comment.
TAG = re.compile(r"<\s*[/!?]?\s*[a-zA-Z]")

EXPECTED = {
    "jsonld_plain.html": Posting(
        title="Senior Python Developer",
        company="Northwind Traders",
        location="Leeds, West Yorkshire, GB",
        employment_type="Full-time",
        date_posted=date(2026, 11, 20),
        description=(
            "Northwind Traders builds the software that moves our goods.\n\n"
            "You will:\n\n"
            "• design services in Python 3.11\n"
            "• look after our PostgreSQL databases\n\n"
            "Apply by 15 December."
        ),
        url="https://jobs.northwind.example/postings/4711",
    ),
    # The organisation is a reference to another node of the @graph; no url on the posting,
    # so the canonical link (not og:url, which has a tracking parameter).
    "jsonld_graph.html": Posting(
        title="Data Analyst",
        company="Contoso Ltd",
        location="Dublin, Ireland",
        employment_type="Full-time, Part-time",
        date_posted=date(2026, 10, 28),
        description=(
            "About the role\n\nTurn our sales data into decisions.\n\n"
            "What you bring\n\n• SQL\n• A curious mind"
        ),
        url="https://www.contoso.example/careers/data-analyst/",
    ),
    # The "@type" a full http IRI, inside a top-level list after a BreadcrumbList; the
    # description's HTML escaped once more (and its "&amp;amp;" twice).
    "jsonld_escaped.html": Posting(
        title="R&D Engineer",
        company="Adatum Corporation",
        location="Rotterdam, NL",
        employment_type="Full-time",
        date_posted=date(2026, 10, 2),
        description="We are hiring & growing.\n\n• React\n• TypeScript",
        url="https://careers.adatum.example/jobs/rd-engineer?ref=a&lang=en",
    ),
    "microdata.html": Posting(
        title="Technical Writer",
        company="Fabrikam, Inc.",
        location="Austin, TX, US",
        employment_type="Contract",
        date_posted=date(2026, 9, 15),
        description=(
            "Write the manuals our customers read.\n\n"
            "• Three years of writing software documentation\n"
            "• Plain English"
        ),
        url="https://fabrikam.example/careers/technical-writer",
    ),
    "several_locations.html": Posting(
        title="Site Reliability Engineer",
        company="Tailspin Toys",
        location="Berlin, DE; München, Bayern, DE; Wien, AT",
        employment_type="Full-time",
        date_posted=date(2026, 11, 2),
        description="Keep our shop online.\n\nOn call one week in six.",
        url="https://tailspin.example/jobs/sre",
    ),
    # TELECOMMUTE, the organisation as a bare name, the address from og:url.
    "remote.html": Posting(
        title="Support Engineer",
        company="Wingtip Software",
        location="Remote",
        employment_type="Part-time",
        date_posted=date(2026, 11, 28),
        description="Help our customers by email and chat.\nHours: 20 a week.",
        url="https://boards.example.com/wingtip/jobs/8812",
    ),
    # ISO-8859-1, declared by http-equiv; an employment type outside schema.org's list kept.
    "german.html": Posting(
        title="Softwareentwickler (m/w/d) Backend",
        company="Müller & Söhne GmbH",
        location="München, Bayern, DE",
        employment_type="Vollzeit",
        date_posted=date(2026, 11, 5),
        description=(
            "Ihre Aufgaben:\n\n"
            "• Entwicklung unserer Größen- und Maßdatenbank\n"
            "• Schnittstellen für Lieferanten\n\n"
            "Wir freuen uns über Ihre Bewerbung!"
        ),
        url="https://karriere.mueller-soehne.example/stellen/backend",
    ),
    # UTF-8 with a byte-order mark and no charset; &nbsp; becomes a plain space.
    "french.html": Posting(
        title="Développeur·se Full-Stack",
        company="Société Générale des Logiciels",
        location="Lyon, Auvergne-Rhône-Alpes, FR",
        employment_type="CDI",
        date_posted=date(2026, 10, 15),
        description=(
            "Rejoignez une équipe « à taille humaine ».\n\n"
            "Télétravail possible deux jours par semaine."
        ),
        url="https://emplois.sgl.example/offres/developpeur-full-stack",
    ),
    # The JSON-LD block is broken; the microdata beside it is read.
    "broken_jsonld_microdata.html": Posting(
        title="QA Analyst",
        company="Proseware",
        location="Remote within the EU",
        date_posted=date(2026, 8, 31),
        description="Test our apps before our customers do.",
    ),
    # Chrome's "Webpage, Single File": an MHTML archive whose page is quoted-printable; the
    # page has no address of its own, so the archive's Snapshot-Content-Location.
    "chrome_single_file.mhtml": Posting(
        title="Medewerker Klantenservice",
        company="Coho Winery B.V.",
        location="Utrecht, NL",
        employment_type="Part-time",
        date_posted=date(2026, 11, 12),
        description=(
            "Je helpt onze klanten per telefoon en e-mail.\n\n"
            "• 32 uur per week\n"
            "• Nederlands en Engels"
        ),
        url="https://werkenbij.coho.example/vacatures/klantenservice",
    ),
    # Markup in a title or a name is text (shown as text); in the description it is HTML:
    # the script and the style go with their content, the tags go, the words stay. A
    # javascript: address is not kept, and "not a date" is no date.
    "markup_description.html": Posting(
        title="Frontend Developer <b>(urgent)</b>",
        company="Woodgrove <Labs>",
        description="Build fast pages & accessible ones.\n\nShip weekly.\n\nApply here",
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_saved_page_gives_its_posting(name: str) -> None:
    assert load_posting(PAGES / name) == EXPECTED[name]


@pytest.mark.parametrize("name", ["two_postings.html", "two_postings_list.html"])
def test_a_listing_page_gives_its_first_posting_and_names_the_others(name: str) -> None:
    # Two JobPostings, in two script blocks or in one list: the first is taken, and the
    # second is named so that the preview and the command line can say it was left out.
    posting = load_posting(PAGES / name)
    assert (posting.title, posting.company) == ("Backend Engineer", "Contoso Ltd")
    assert posting.others == ("Office Manager at Fabrikam GmbH",)


def test_one_posting_marked_up_twice_is_not_another_posting() -> None:
    block = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "JobPosting", "title": "Data Engineer", '
        '"hiringOrganization": {"name": "Contoso Ltd"}}</script>'
    )
    page = f"<html><head>{block}{block.replace('Data', 'data')}</head></html>".encode()
    assert read_posting(page, source="twice.html").others == ()


def test_a_page_with_only_an_organization_has_no_posting() -> None:
    path = PAGES / "organization_only.html"
    with pytest.raises(PostingError) as raised:
        load_posting(path)
    assert str(raised.value) == (
        f"no job posting (schema.org JobPosting) in {path}; nothing was imported"
    )
    assert isinstance(raised.value, StoreError)


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n", b"\x00\x01\x02 binary", b"%PDF-1.7\n", b"<html><body>Hello</body></html>"],
)
def test_what_is_no_page_or_has_no_posting_is_refused(data: bytes) -> None:
    with pytest.raises(PostingError, match=r"^no job posting \(schema.org JobPosting\) in x.bin"):
        read_posting(data, source="x.bin")


def test_a_huge_description_is_read_whole_and_the_snapshot_is_cut() -> None:
    posting = load_posting(PAGES / "huge_description.html")
    paragraphs = posting.description.split("\n\n")
    assert len(paragraphs) == 1200
    assert paragraphs[0].startswith("Paragraph 1: we describe the role")
    assert paragraphs[-1].startswith("Paragraph 1200: ")
    kept = snapshot(posting, 100_000)
    assert len(kept) <= 100_000
    assert kept.startswith("Date posted: 2026-11-30\n\nParagraph 1: ")
    assert kept.endswith("\n\n[Cut here: the posting is longer than Afterview keeps.]")
    assert kept.endswith(CUT)


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    assert LIMIT == 10 * 1024 * 1024
    big = tmp_path / "big.html"
    with big.open("wb") as handle:
        handle.truncate(LIMIT + 1)
    with pytest.raises(StoreError) as raised:
        load_posting(big)
    assert str(raised.value) == (
        f"{big} is larger than 10 MB; a saved web page file of at most 10 MB can be imported"
    )
    with pytest.raises(StoreError, match="is a folder, not a file"):
        load_posting(tmp_path)


def test_decoding_follows_the_bom_then_the_meta_then_utf8_then_windows_1252() -> None:
    assert decode(b"\xef\xbb\xbfcaf\xc3\xa9") == "café"
    assert decode("\ufeffcafé".encode("utf-16-le")) == "café"
    assert (
        decode(b'<meta charset="windows-1251">\xcf\xf0\xe8') == '<meta charset="windows-1251">При'
    )
    assert decode(b"caf\xc3\xa9") == "café"
    assert decode(b"caf\xe9 \x80") == "café €"
    assert decode(b'<meta charset="no-such-codec">caf\xc3\xa9') == (
        '<meta charset="no-such-codec">café'
    )


def test_the_snapshot_has_a_header_of_what_the_page_gives() -> None:
    assert snapshot(EXPECTED["remote.html"]) == (
        "Location: Remote\nEmployment type: Part-time\nDate posted: 2026-11-28\n\n"
        "Help our customers by email and chat.\nHours: 20 a week."
    )
    assert snapshot(Posting(title="T", company="C")) == ""
    assert snapshot(Posting(title="T", company="C", description="Only this")) == "Only this"


def test_the_source_is_the_site_or_a_saved_posting() -> None:
    assert source_of("https://www.contoso.example/careers/x") == "contoso.example"
    assert source_of("https://jobs.northwind.example/postings/4711") == "jobs.northwind.example"
    assert source_of("") == "Saved job posting"
    assert source_of("http://[bad") == "Saved job posting"


def test_reading_a_posting_never_loads_extruct_s_other_syntaxes() -> None:
    """Only the two extractors (and lxml) are loaded: not RDFa's rdflib and pyRdfa, nor
    microformats, BeautifulSoup, html5lib or requests (nothing that could fetch)."""
    probe = (
        "import sys; from pathlib import Path\n"
        "from afterview.interop.job_posting import load_posting\n"
        f"load_posting(Path({str(PAGES / 'jsonld_plain.html')!r}))\n"
        "print(sorted(m for m in ('rdflib', 'pyRdfa', 'mf2py', 'bs4', 'html5lib', 'requests',"
        " 'extruct.rdfa', 'extruct._extruct') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_description_keeps_markup(name: str) -> None:
    assert not TAG.search(load_posting(PAGES / name).description)


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        # Escaped twice, as a page that escapes its JSON-LD's already escaped HTML saves it.
        ("&amp;lt;ul&amp;gt;&amp;lt;li&amp;gt;one&amp;lt;/li&amp;gt;&amp;lt;/ul&amp;gt;", "• one"),
        # Real tags around escaped ones: read again once the first reading unescaped them.
        ("<div>&lt;ul&gt;&lt;li&gt;one&lt;/li&gt;&lt;/ul&gt;</div>", "• one"),
        ("<p>a<br/>b</p><!-- hidden --><hr><p>c</p>", "a\nb\n\nc"),
        (
            "<table><tr><td>Pay</td><td>60k</td></tr><tr><td>Days</td><td>4</td></tr></table>",
            "Pay 60k\nDays 4",
        ),
        ("<svg><text>drawn</text></svg><noscript>enable JS</noscript>Words", "Words"),
        ("a\x00b\x07c", "abc"),
        ("<<b>i>x</b>", "x"),
        # Escaped three times over: what is still a tag after the third reading is removed.
        ("<p>&lt;p&gt;&amp;lt;p&amp;gt;&amp;amp;lt;b&amp;amp;gt;x</p>", "x"),
    ],
)
def test_html_becomes_lines_of_text(markup: str, text: str) -> None:
    from afterview.interop.posting_text import html_to_text

    assert html_to_text(markup) == text


def test_names_are_one_line_of_text() -> None:
    page = (
        b'<script type="application/ld+json">{"@type": "JobPosting", "title": "  Senior\\n'
        b'  Developer\\t", "hiringOrganization": {"name": "A &amp;\\u0007 B"}}</script>'
    )
    posting = read_posting(page, source="p.html")
    assert (posting.title, posting.company) == ("Senior Developer", "A & B")


def test_a_description_of_megabytes_is_read_up_to_a_million_characters() -> None:
    paragraph = "<p>Words &amp; more words.</p>"  # 30 characters
    description = paragraph * 50_000  # 1,500,000 characters
    page = (
        '<script type="application/ld+json">{"@type": "JobPosting", "title": "T", '
        f'"hiringOrganization": "C", "description": "{description}"}}</script>'
    ).encode()
    text = read_posting(page, source="p.html").description
    # 1,000,000 // 30 = 33,333 whole paragraphs; the next starts at 999,990, where it is cut.
    assert text.count("Words & more words.") == 33_333
    assert text.endswith(
        "Words & more words.\n\n[Cut here: the posting is longer than Afterview keeps.]"
    )


def test_an_mhtml_archive_without_a_page_has_no_posting() -> None:
    archive = (
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/css\r\n\r\nbody {}\r\n--b--\r\n"
    )
    with pytest.raises(PostingError, match=r"^no job posting \(schema.org JobPosting\) in a.mht"):
        read_posting(archive, source="a.mht")
