"""Reading the sender's title, company, phone and postal address from an email's signature
block, with conservative rules (issue 18 §2): a field is filled only when the signature
clearly gives it, never guessed.

The rules, in order:

1. The body is cut at the first quote header ("On … wrote:", "Am … schrieb", "Le … a écrit",
   "-----Original Message-----", an Outlook "From:"/"Sent:" pair), and quoted lines (``>``)
   are dropped: what is below is someone else's message and signature.
2. The signature starts at the line that holds the sender's name (the From display name),
   the last such line; failing that, at a short line without digits right after a closing
   ("Best regards,", "Mit freundlichen Grüßen", "Cordialement", "よろしくお願いいたします") or
   the "-- " delimiter (RFC 3676 §4.3).
3. The block is that line's parts after the name and the lines that follow up to the first
   blank line (a disclaimer below a blank line is not read); each line is split into parts at
   ``|``, ``·`` and ``•``.
4. In the block: a part with a postal code (the patterns of :data:`_POSTAL`) is the address,
   with the street part above it when the code starts the part and the country part below
   it; a part with a phone number ``phonenumbers`` reads as valid in the caller's region is a
   phone (office over mobile, never a fax); a part with a legal form (Inc., GmbH, S.A., 株式会社
   …) or the sender's mail domain is the company; a part with a job word (:data:`_TITLE_WORDS`)
   is the title.

Pure functions on text, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import phonenumbers

#: A quote header: what follows it is an earlier message (Gmail, Apple Mail, Thunderbird and
#: Outlook in the corpus languages).
_QUOTE_HEADER = re.compile(
    r"^(?:on|am|le|el|op|il|em|w dniu|den|på|dne)\b.{0,300}?\b(?:wrote|schrieb|a écrit|"
    r"escribió|schreef|ha scritto|escreveu|napisał\(a\)|napisał|skrev|napsal)\s*:?\s*$"
    r"|^-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|"
    r"mensaje original|oorspronkelijk bericht|messaggio originale|mensagem original|"
    r"forwarded message|weitergeleitete nachricht)\s*-{2,}$",
    re.IGNORECASE,
)
_OUTLOOK_FROM = re.compile(r"^(?:from|von|de|van|da|od|från|fra):\s", re.IGNORECASE)
_OUTLOOK_SENT = re.compile(
    r"^(?:sent|gesendet|envoyé|enviado|verzonden|inviato|wysłano|skickat|sendt|date|datum):\s",
    re.IGNORECASE,
)
#: A closing: the line before the signature ("Best regards," …), the whole line.
_CLOSING = re.compile(
    r"^(?:(?:best|kind|warm|warmest|many|with best)?\s*(?:regards|wishes)|best|thanks|thank you|"
    r"many thanks|cheers|sincerely|yours sincerely|yours|all the best|"
    r"mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|freundliche grüsse|"
    r"beste grüße|viele grüße|liebe grüße|herzliche grüße|gruß|grüße|lg|vg|mfg|"
    r"cordialement|bien cordialement|bien à vous|salutations distinguées|"
    r"saludos|un saludo|saludos cordiales|atentamente|"
    r"met vriendelijke groet|vriendelijke groet|groeten|groetjes|"
    r"cordiali saluti|distinti saluti|un saluto|saluti|"
    r"com os melhores cumprimentos|cumprimentos|atenciosamente|abraços|"
    r"pozdrawiam(?: serdecznie)?|z poważaniem|"
    r"med vänliga hälsningar|vänliga hälsningar|med vennlig hilsen|venlig hilsen|"
    r"(?:以上、)?よろしくお願い(?:いた|致)します。?)[,.!]?$",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*[|·•]\s*")
_URLISH = re.compile(r"@|https?:|www\.|linkedin|twitter|x\.com/|^[^\s]*[./][^\s]*$", re.IGNORECASE)
_LABEL = re.compile(r"^[^\W\d_]{1,10}\.?\s*:\s*")

#: Postal codes with their city, by the countries whose order they follow.
_POSTAL = tuple(
    re.compile(pattern)
    for pattern in (
        r"^〒?\d{3}-\d{4}\b",  # Japan: 〒100-0005 東京都…
        r"(?:^|,\s*)\d{4,5}\s+[^\W\d_]",  # DE FR ES IT AT CH BE NO DK: 10117 Berlin
        r"(?:^|,\s*)\d{3}\s\d{2}\s+[^\W\d_]",  # SE: 111 51 Stockholm
        r"(?:^|,\s*)\d{4}\s?[A-Z]{2}\s+[^\W\d_]",  # NL: 1015 AA Amsterdam
        r"(?:^|,\s*)\d{2}-\d{3}\s+[^\W\d_]",  # PL: 00-514 Warszawa
        r"(?:^|,\s*)\d{4}-\d{3}\s+[^\W\d_]",  # PT: 1250-146 Lisboa
        r"^[^\W\d_][^,\d]*,\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?$",  # US: Seattle, WA 98101
        r"^[^\W\d_][^,\d]*,\s*[A-Z]{2}\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d$",  # CA: Toronto, ON M5H 1K4
        r"(?:^|,\s*)[^\W\d_][^,\d]*\s[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}$",  # UK: London E1 6PJ
    )
)
#: Country names that may end an address (English and their own names).
COUNTRIES = {
    name.casefold(): code
    for code, names in {
        "DE": ("Germany", "Deutschland"),
        "GB": ("United Kingdom", "UK", "England", "Scotland"),
        "FR": ("France",),
        "ES": ("Spain", "España"),
        "NL": ("Netherlands", "The Netherlands", "Nederland"),
        "IT": ("Italy", "Italia"),
        "PT": ("Portugal",),
        "PL": ("Poland", "Polska"),
        "JP": ("Japan", "日本"),
        "US": ("USA", "United States", "U.S.A."),
        "CA": ("Canada",),
        "CH": ("Switzerland", "Schweiz", "Suisse"),
        "AT": ("Austria", "Österreich"),
        "SE": ("Sweden", "Sverige"),
        "NO": ("Norway", "Norge"),
        "DK": ("Denmark", "Danmark"),
        "BE": ("Belgium", "Belgique", "België"),
        "IE": ("Ireland",),
        "AU": ("Australia",),
        "BR": ("Brazil", "Brasil"),
    }.items()
    for name in names
}
#: Legal forms that make a part a company name (the last word or words of the part).
_LEGAL = re.compile(
    r"(?:\b(?:Inc|Corp|Co|Ltd|Ltda|Lda|LLC|LLP|PLC|plc|Limited|Corporation|GmbH|AG|SE|KG|"
    r"UG|SAS|SARL|SRL|SA|BV|NV|AB|AS|ApS|Oy|Pty Ltd|S\.A|S\.L|S\.p\.A|S\.r\.l|B\.V|N\.V|"
    r"Sp\. z o\.o)\.?$)|^株式会社|株式会社$|有限会社"
)
#: Stems of job titles, casefolded, in the corpus languages.
_TITLE_WORDS = (
    "recruit", "rekrut", "rekryt", "recrut", "reclut", "talent", "sourcer", "manager",
    "engineer", "ingenier", "ingénieur", "director", "directeur", "direktor", "head of",
    "leiter", "lead", "responsab", "referent", "partner", "specialist", "spezialist",
    "specjalist", "consultant", "berater", "coordinator", "koordinator", "generalist",
    "analyst", "analista", "gestor", "officer", "founder", "selecci", "selezion",
    "sélection", "chargé", "técnic", "people", "personal", "ansvarig", "rådgiv", "hr ",
    "hr-", "vp ", "ceo", "cto", "cfo", "coo", "president", "人事", "採用", "担当",
    "マネージャー", "部長", "課長", "エンジニア",
)  # fmt: skip
#: A department, not a person's title: a line that says only this is not read as the title.
_DEPARTMENTS = frozenset(
    {"recruiting", "recruitment", "talent acquisition", "talent", "human resources", "hr",
     "people", "people team", "personal", "personalabteilung", "rh", "recursos humanos",
     "ressources humaines", "risorse umane", "recrutement", "reclutamiento"}
)  # fmt: skip
#: Between a title and the company on one line ("Senior Recruiter at OrchardPay").
_TITLE_AT = re.compile(r"\s+(?:at|@|bei|chez|en|presso|na|w|-|–|—)\s+|,\s+")
#: Mail providers whose domain says nothing about the sender's company.
_MAIL_PROVIDERS = frozenset(
    {"gmail", "googlemail", "yahoo", "outlook", "hotmail", "live", "icloud", "aol", "gmx",
     "proton", "protonmail", "mailbox", "posteo", "fastmail", "yandex", "zoho", "mail", "email"}
)  # fmt: skip
_MOBILE_LABELS = frozenset(
    {"m", "mob", "mobile", "mobil", "mobiel", "móvil", "movil", "cell", "cel", "port",
     "portable", "handy", "gsm", "tlf mobil", "celular", "telemóvel"}
)  # fmt: skip


@dataclass(frozen=True)
class SignatureFields:
    """What the sender's signature gives; "" for a field it does not clearly give."""

    title: str = ""
    company: str = ""
    #: E.164 (``+493012345678``).
    phone: str = ""
    #: The address parts (street, postal code and city, country) joined by ", ".
    address: str = ""


def unquoted_lines(body: str) -> list[str]:
    """The body's lines above the first quote header, without quoted (``>``) lines, each
    stripped of trailing space."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    for index, raw in enumerate(lines):
        line = raw.replace("\xa0", " ").strip()
        if _QUOTE_HEADER.match(line):
            break
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if _OUTLOOK_FROM.match(line) and _OUTLOOK_SENT.match(following):
            break
        if line.startswith(">"):
            continue
        kept.append(line)
    return kept


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _name_line(lines: Sequence[str], name: str) -> tuple[int, str] | None:
    """The index of the line that starts the signature, and the text after the name on it."""
    wanted = _fold(name)
    if len(wanted) >= 3:
        for index in range(len(lines) - 1, -1, -1):
            folded = _fold(lines[index])
            at = folded.find(wanted)
            if at >= 0 and len(folded) <= len(wanted) + 120:
                return index, lines[index]
    for index in range(len(lines) - 1, -1, -1):
        if _CLOSING.match(_fold(lines[index])) or lines[index] in ("--", "-- "):
            following = index + 1
            while following < len(lines) and not lines[following]:
                following += 1
            if following < len(lines) and _looks_like_name(lines[following]):
                return following, lines[following]
            return None
    return None


def _looks_like_name(line: str) -> bool:
    return (
        0 < len(line) <= 40
        and len(line.split()) <= 4
        and not any(char.isdigit() for char in line)
        and not _URLISH.search(line)
        and not _CLOSING.match(_fold(line))
        and not line.casefold().startswith(("sent from", "gesendet von", "envoyé de"))
    )


def _parts(line: str) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(line) if part.strip()]


def signature_block(body: str, name: str) -> list[str]:
    """The parts of the sender's signature block (rules 1-3 of the module), in order; empty
    when no line starts a signature."""
    lines = unquoted_lines(body)
    found = _name_line(lines, name)
    if found is None:
        return []
    index, line = found
    parts = _parts(line)
    wanted = _fold(name)
    at = next((i for i, part in enumerate(parts) if wanted and wanted in _fold(part)), 0)
    block = parts[at + 1 :]
    for following in lines[index + 1 : index + 12]:
        if not following:
            break
        block += _parts(following)
    return block


def _postal(part: str) -> re.Match[str] | None:
    if "+" in part or "@" in part or _LABEL.match(part):
        return None
    for pattern in _POSTAL:
        match = pattern.search(part)
        if match is not None:
            return match
    return None


def _phones(part: str, region: str | None) -> list[tuple[str, str]]:
    """(kind, E.164) for each valid number in the part; kind is office, mobile or fax."""
    found: list[tuple[str, str]] = []
    start = 0
    for match in phonenumbers.PhoneNumberMatcher(part, region, phonenumbers.Leniency.VALID):
        label = re.sub(r"[^\w ]", " ", part[start : match.start].casefold()).strip()
        start = match.end
        if label.startswith(("fax", "telefax")) or label in ("f", "fx"):
            kind = "fax"
        elif label in _MOBILE_LABELS or label.startswith(("mob", "cell", "handy", "móv")):
            kind = "mobile"
        else:
            kind = "office"
        number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        found.append((kind, number))
    return found


def _domain_words(email: str) -> list[str]:
    domain = email.rpartition("@")[2].casefold()
    labels = domain.split(".")[:-1]
    words = [w for label in labels for w in (label.replace("-", ""), *label.split("-"))]
    return [w for w in words if len(w) >= 4 and w not in _MAIL_PROVIDERS and w != "example"]


def _is_company(part: str, domain_words: Sequence[str]) -> bool:
    if _LEGAL.search(part):
        return True
    folded = re.sub(r"\W", "", part.casefold())
    return any(word in folded for word in domain_words)


def _is_title(part: str) -> bool:
    folded = f"{part.casefold()} "
    return (
        len(part) <= 70
        and _fold(part) not in _DEPARTMENTS
        and not any(char.isdigit() for char in part)
        and any(word in folded for word in _TITLE_WORDS)
    )


def _title_and_company(part: str, domain_words: Sequence[str]) -> tuple[str, str] | None:
    """("Senior Recruiter", "OrchardPay") from "Senior Recruiter at OrchardPay" when the
    words after "at" (", ", " - ", "bei", "chez" …) are the company: a legal form or the
    sender's mail domain."""
    for match in _TITLE_AT.finditer(part):
        title, company = part[: match.start()].strip(), part[match.end() :].strip()
        if title and company and _is_company(company, domain_words) and _is_title(title):
            return title, company
    return None


def read_signature(body: str, *, name: str, email: str, region: str | None) -> SignatureFields:
    """The sender's fields from a message body as plain text (rules in the module docstring).

    ``name``: the sender's name (the From display name); ``email``: the From address (its
    domain names the company); ``region``: ISO 3166-1 alpha-2, where a number written
    without ``+`` is read (phonenumbers' region; None reads only ``+`` numbers).
    """
    block = signature_block(body, name)
    words = _domain_words(email)
    title = company = ""
    office: list[str] = []
    mobile: list[str] = []
    kinds: list[str] = []
    for part in block:
        kind = "other"
        if _URLISH.search(_LABEL.sub("", part)):
            kind = "url"
        elif _postal(part) is not None:
            kind = "postal"
        elif phones := _phones(part, region):
            kind = "phone"
            office += [number for which, number in phones if which == "office"]
            mobile += [number for which, number in phones if which == "mobile"]
        elif _LEGAL.search(part) and not company:
            kind, company = "company", part
        elif _is_title(part) and not title:
            kind, title = "title", part
            split = _title_and_company(part, words)
            if split is not None and not company:
                title, company = split
        elif _is_company(part, words) and not company:
            kind, company = "company", part
        kinds.append(kind)
    phone = (office or mobile or [""])[0]
    return SignatureFields(title, company, phone, _address(block, kinds))


def _address(block: Sequence[str], kinds: Sequence[str]) -> str:
    if "postal" not in kinds:
        return ""
    at = kinds.index("postal")
    while at + 1 < len(kinds) and kinds[at + 1] == "postal":
        at += 1  # "1200 Pine Street" above "Seattle, WA 98101": the house number is no code
    part = block[at]
    match = _postal(part)
    assert match is not None
    parts = [part]
    before = part[: match.start()]
    if at > 0 and kinds[at - 1] in ("other", "postal") and not any(c.isdigit() for c in before):
        above = block[at - 1]
        if any(c.isdigit() for c in above) and any(c.isalpha() for c in above):
            parts.insert(0, above)
    if at + 1 < len(block) and block[at + 1].casefold() in COUNTRIES:
        parts.append(block[at + 1])
    return ", ".join(parts)
