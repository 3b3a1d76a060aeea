"""The small parts of libpq's text formats Afterview has to read or write itself.

Sources, from the PostgreSQL 15 documentation (chapter 34, libpq):

- 34.1.1 Connection Strings: key=value strings and ``postgresql://`` URIs; a URI's query
  parameters must be libpq keywords, so Afterview's own ``search`` parameter is taken out
  before libpq sees the URI (:func:`split_search`).
- 34.1.2 Parameter Key Words, ``options``: spaces separate command-line arguments unless
  escaped with a backslash, ``\\\\`` is a literal backslash (:func:`escape_option`,
  :func:`split_options`); the server reads ``-c name=value`` / ``--name=value`` from them.
- 34.17 The Connection Service File: an INI file of ``[service]`` sections of keywords,
  looked up in ``PGSERVICEFILE`` or ``~/.pg_service.conf`` first, then in
  ``PGSYSCONFDIR`` or ``pg_config --sysconfdir`` (:func:`read_service`).
- 5.9.3 The Schema Search Path and 4.1.1 Identifiers: ``search_path`` is a list of
  identifiers, unquoted ones folded to lower case, at most 63 bytes each.

Nothing here imports psycopg: the SQLite path never needs it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote

#: PostgreSQL cuts longer identifiers to NAMEDATALEN - 1 bytes (4.1.1): a longer schema name
#: would silently name another schema.
MAX_IDENTIFIER_BYTES = 63

#: libpq reads these from the environment when the text leaves them out (34.15).
ENVIRONMENT = {
    "host": "PGHOST",
    "hostaddr": "PGHOSTADDR",
    "port": "PGPORT",
    "dbname": "PGDATABASE",
    "user": "PGUSER",
    "sslmode": "PGSSLMODE",
    "gssencmode": "PGGSSENCMODE",
    "options": "PGOPTIONS",
    "application_name": "PGAPPNAME",
}


_SIMPLE_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_$]*")
_OPTION_SPACE = frozenset(" \t\n\r\v\f")


class LibpqTextError(ValueError):
    """Text libpq or the server would not read; the message says what, in words."""


def check_schema_name(name: str) -> str:
    """``name`` itself when search_path can name it; LibpqTextError when it is empty, is
    ``$user`` (5.9.3: always the role's schema), has a NUL character, or is longer than 63
    bytes in UTF-8 (4.1.1)."""
    if not name:
        raise LibpqTextError("the schema name is empty")
    if name == "$user":  # the server reads it, quoted or not, as the role's own schema
        raise LibpqTextError(
            "$user stands for the role's own schema; leave search= out to use that one"
        )
    if "\0" in name:
        raise LibpqTextError("the schema name has a NUL character, which PostgreSQL cannot hold")
    try:
        size = len(name.encode("utf-8"))
    except UnicodeEncodeError as error:
        raise LibpqTextError("the schema name is not valid text (a lone surrogate)") from error
    if size > MAX_IDENTIFIER_BYTES:
        raise LibpqTextError(
            f"the schema name is {size} bytes long; PostgreSQL keeps at most "
            f"{MAX_IDENTIFIER_BYTES} bytes of a name"
        )
    return name


def quote_identifier(name: str) -> str:
    """``name`` as search_path reads it back unchanged: bare when it is lower-case letters,
    digits and underscores, in double quotes (inner quotes doubled) otherwise (4.1.1)."""
    if _SIMPLE_IDENTIFIER.fullmatch(name):
        return name
    return '"' + name.replace('"', '""') + '"'


def escape_option(argument: str) -> str:
    """One server argument for libpq's ``options``: backslash before each backslash and each
    white-space character, so the server keeps it one argument (34.1.2)."""
    return "".join(
        "\\" + char if char == "\\" or char in _OPTION_SPACE else char for char in argument
    )


def search_path_option(schema: str) -> str:
    """The ``options`` argument that makes ``schema`` the first and only schema searched."""
    return escape_option("-csearch_path=" + quote_identifier(check_schema_name(schema)))


def split_options(options: str) -> list[str]:
    """The server's arguments in a libpq ``options`` string (the server's pg_split_opts:
    unescaped white space separates, a backslash takes the next character as it is)."""
    arguments: list[str] = []
    current: list[str] = []
    started = False
    escaped = False
    for char in options:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = started = True
        elif char in _OPTION_SPACE:
            if started:
                arguments.append("".join(current))
                current, started = [], False
        else:
            current.append(char)
            started = True
    if started:
        arguments.append("".join(current))
    return arguments


def _settings(arguments: list[str]) -> list[tuple[str, str]]:
    """(name, value) of each ``-c name=value``, ``-cname=value`` and ``--name=value``; names
    in lower case with '-' as '_', the way the server reads them."""
    found: list[tuple[str, str]] = []
    pending_c = False
    for argument in arguments:
        if pending_c:
            setting, pending_c = argument, False
        elif argument == "-c":
            pending_c = True
            continue
        elif argument.startswith("--") or argument.startswith("-c"):
            setting = argument[2:]
        else:
            continue
        name, equals, value = setting.partition("=")
        if equals:
            found.append((name.lower().replace("-", "_"), value))
    return found


def split_identifiers(value: str) -> list[str]:
    """The names in a search_path value: comma-separated, double-quoted ones as written (with
    ``""`` for a quote), unquoted ones in lower case (the server's SplitIdentifierString).
    LibpqTextError on an unclosed quote or text between a name and its comma."""
    names: list[str] = []
    position = 0
    length = len(value)
    while True:
        while position < length and value[position].isspace():
            position += 1
        if position < length and value[position] == '"':
            name_parts: list[str] = []
            position += 1
            while True:
                end = value.find('"', position)
                if end < 0:
                    raise LibpqTextError("the search_path has a name with no closing quote")
                name_parts.append(value[position:end])
                position = end + 1
                if position < length and value[position] == '"':
                    name_parts.append('"')
                    position += 1
                    continue
                break
            names.append("".join(name_parts))
        else:
            start = position
            while position < length and value[position] != "," and not value[position].isspace():
                position += 1
            bare = value[start:position]
            if not bare:
                if not names and position >= length:
                    return names
                raise LibpqTextError("the search_path has an empty name")
            names.append("".join(c.lower() if c.isascii() else c for c in bare))
        while position < length and value[position].isspace():
            position += 1
        if position >= length:
            return names
        if value[position] != ",":
            raise LibpqTextError("the search_path has text after a name where a comma belongs")
        position += 1


def schema_from_options(options: str) -> str | None:
    """The first schema of the last ``search_path`` set in a libpq ``options`` string, None
    when there is none or it starts with ``$user`` (the role's own schema)."""
    values = [value for name, value in _settings(split_options(options)) if name == "search_path"]
    if not values:
        return None
    names = split_identifiers(values[-1])
    if not names or names[0] == "$user":
        return None
    return names[0]


def split_search(uri: str) -> tuple[str, str | None]:
    """``uri`` without its ``search`` query parameters, and the last one's value
    (percent-decoded), or None (34.1.1.2: libpq refuses query parameters it does not know)."""
    base, question, query = uri.partition("?")
    if not question:
        return uri, None
    kept: list[str] = []
    search: str | None = None
    for part in query.split("&"):
        key, _, value = part.partition("=")
        if unquote(key) == "search":
            search = unquote(value, errors="strict")
        else:
            kept.append(part)
    if search is None:
        return uri, None
    return (base + "?" + "&".join(kept)) if kept else base, search


def service_files() -> list[Path]:
    """The service files libpq reads, in its order (34.17): the user's (``PGSERVICEFILE`` or
    ``~/.pg_service.conf``), then the system's (``$PGSYSCONFDIR/pg_service.conf`` or
    ``pg_config --sysconfdir``); the system one only when a directory is known."""
    files = [Path(os.environ.get("PGSERVICEFILE") or Path.home() / ".pg_service.conf")]
    sysconfdir = os.environ.get("PGSYSCONFDIR") or _pg_config_sysconfdir()
    if sysconfdir:
        files.append(Path(sysconfdir) / "pg_service.conf")
    return files


def _pg_config_sysconfdir() -> str | None:
    """``pg_config --sysconfdir``, or None when pg_config is missing or fails."""
    import subprocess  # here: the tray on an SQLite file never asks (its memory is measured)

    try:
        done = subprocess.run(
            ["pg_config", "--sysconfdir"], capture_output=True, text=True, timeout=5, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def read_service(name: str, files: list[Path] | None = None) -> dict[str, str]:
    """The keywords of service ``name`` from the first service file that defines it (34.17).
    LibpqTextError when no file defines it, or a file that exists cannot be read as one."""
    import configparser

    searched = files if files is not None else service_files()
    for path in searched:
        parser = configparser.ConfigParser(
            delimiters=("=",), comment_prefixes=("#",), interpolation=None
        )
        try:
            with path.open(encoding="utf-8") as handle:
                parser.read_file(handle)
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError, configparser.Error) as error:
            raise LibpqTextError(f"the service file {path} cannot be read: {error}") from error
        if parser.has_section(name):
            return {key: value for key, value in parser.items(name)}
    where = " or ".join(str(path) for path in searched)
    raise LibpqTextError(f'no service named "{name}" is defined in {where}')


def login_name() -> str:
    """The login name libpq takes as the default user ("" when the system has none)."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def effective(params: Mapping[str, str]) -> dict[str, str]:
    """The keywords libpq will use: the text's (with its service's), then ``PGSERVICE``'s
    service, then the environment variables (34.15, 34.17)."""
    result = dict(params)
    environment_service = os.environ.get("PGSERVICE")
    if "service" not in result and environment_service:
        try:
            for key, value in read_service(environment_service).items():
                result.setdefault(key, value)
        except LibpqTextError:
            pass  # libpq itself will say the service is missing
    for key, variable in ENVIRONMENT.items():
        from_environment = os.environ.get(variable)
        if key not in result and from_environment:
            result[key] = from_environment
    return result


#: libpq reads a URI's user information up to the first "@" or "/" (34.1.1.2).
_URI_PASSWORD = re.compile(r"://[^/@:]*:([^/@]*)@")
_KEYWORD_PASSWORD = re.compile(r"password\s*=\s*('(?:[^'\\]|\\.)*'?|\S*)")


def secrets_in(text: str) -> list[str]:
    """The password-like parts of ``text`` (a URI's user:password, a ``password=`` value),
    longest first, so an error message can leave them out."""
    found = [match.group(1) for match in _URI_PASSWORD.finditer(text)]
    found += [unquote(secret) for secret in found]
    found += [match.group(1).strip("'") for match in _KEYWORD_PASSWORD.finditer(text)]
    return sorted((secret for secret in found if secret), key=len, reverse=True)
