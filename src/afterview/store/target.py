"""Which database Afterview opens, and how it connects to a PostgreSQL server safely.

A target is written as text (``--database``, ``AFTERVIEW_DATABASE``, Settings ▸ Storage):

- ``sqlite:PATH``: a SQLite file (``~`` expanded, made absolute);
- a libpq URI (``postgresql://`` or ``postgres://``) or a key=value connection string
  (libpq docs 34.1.1 Connection Strings); Afterview adds one URI parameter of its own,
  ``search=NAME``, the job seeker's schema, turned into ``options=-csearch_path=NAME``;
- a bare word: a service name from ``pg_service.conf`` (34.17 The Connection Service File).

Security (issue 16, item 8): a host that is not local gets ``sslmode=verify-full`` unless the
user chose a mode; a mode that allows plain TCP to it (disable, allow, prefer: the sslmode
table in 34.19.3 Protection Provided in Different Modes) is refused unless the user allowed it
in Settings ▸ Storage. A password comes
from libpq's password file (34.16) or the OS keyring, never from Afterview's files, and
:meth:`PostgresTarget.display` and ``repr`` never show one.

psycopg and keyring are imported inside functions that only run for a PostgreSQL target.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from urllib.parse import quote

from afterview.paths import ENV_DATABASE
from afterview.store import credentials, libpq_text
from afterview.store.errors import StoreError
from afterview.store.target_settings import SETTINGS_FILE, read_setting, write_setting

__all__ = [
    "SETTINGS_FILE",
    "InsecureTargetError",
    "PostgresTarget",
    "SqliteTarget",
    "TargetError",
    "forget_password",
    "parse_target",
    "password_for",
    "resolve_target",
    "save_target",
    "saved_allow_insecure",
    "store_password",
]

ENVIRONMENT_VARIABLE = ENV_DATABASE
APPLICATION_NAME = "afterview"
#: sslmode values that may send everything in plain TCP (34.19.3, the sslmode table).
PLAIN_TCP_MODES = frozenset({"disable", "allow", "prefer"})
_SERVICE_NAME = re.compile(r"[A-Za-z0-9_.-]+")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")


class TargetError(StoreError):
    """The database text cannot be opened; the message names what is wrong in it."""


class InsecureTargetError(TargetError):
    """The connection could travel unencrypted to a host that is not this computer."""


@dataclass(frozen=True)
class SqliteTarget:
    """A SQLite database file (absolute path)."""

    path: Path

    def display(self) -> str:
        """``sqlite:PATH``, as the user can write it back."""
        return f"sqlite:{self.path}"


@dataclass(frozen=True)
class PostgresTarget:
    """A PostgreSQL database: the text the user gave and the libpq keywords read from it."""

    #: What the user wrote: a URI, a key=value string or a service name (it may hold a
    #: password the user typed; it is never shown: see :meth:`display`).
    given: str = field(repr=False)
    #: libpq keywords after parsing; a service's own keywords included (the text's win).
    params: Mapping[str, str] = field(repr=False, hash=False)
    #: The job seeker's schema (first in search_path), or None for the role's default.
    schema: str | None = None

    def __repr__(self) -> str:
        return f"PostgresTarget({self.display()!r})"

    def display(self) -> str:
        """The target for the UI and logs, without any password: a ``postgresql://`` URI of
        user, host, port, database and schema, after ``service NAME:`` for a service."""
        params = self.params
        user = quote(params.get("user", ""), safe="")
        host = params.get("host", "")
        host_text = ",".join(_display_host(part) for part in host.split(",")) if host else ""
        port = params.get("port", "")
        authority = (f"{user}@" if user else "") + host_text + (f":{port}" if port else "")
        text = f"postgresql://{authority}/{quote(params.get('dbname', ''), safe='')}"
        if self.schema is not None:
            text += "?search=" + quote(self.schema, safe="")
        service = params.get("service")
        return f"service {service}: {text}" if service else text

    def host_is_local(self) -> bool:
        """True when every host in the ``host`` keyword (or ``PGHOST``) is this computer:
        none given, a Unix-socket folder (``/…`` or ``@…``, 34.1.2), ``localhost``, a
        127.x address or ``::1``. Decided by the host text, not by resolving it."""
        host = libpq_text.effective(self.params).get("host", "")
        return all(_is_local(part.strip()) for part in host.split(","))

    def connect_params(
        self, *, allow_insecure: bool = False, keyring: bool = True
    ) -> dict[str, str]:
        """The libpq keywords to connect with: the text's, plus ``application_name``,
        ``options`` with ``-ctimezone=UTC`` (text instants then compare as UTC) and the
        schema's search_path, ``sslmode=verify-full`` for a host that is not local when the
        user chose none (34.19 SSL Support), and the keyring's password when neither the text nor
        libpq's password file (34.16) has one.

        InsecureTargetError when a host that is not local would accept plain TCP (sslmode
        disable, allow or prefer, and no required GSSAPI encryption), unless
        ``allow_insecure`` (the user's choice in Settings ▸ Storage). ``keyring=False``: the
        keyring is not asked here (the caller asks it when the server wants a password)."""
        effective = libpq_text.effective(self.params)
        result = {key: value for key, value in self.params.items() if key != "service"}
        result.setdefault("application_name", effective.get("application_name", APPLICATION_NAME))
        options = [effective["options"]] if effective.get("options") else []
        if self.schema is not None and self.schema != _schema_in(self.params.get("options", "")):
            options.append(libpq_text.search_path_option(self.schema))
        options.append("-ctimezone=UTC")  # last, so it wins over one in the user's options
        result["options"] = " ".join(options)
        sslmode: str | None = effective.get("sslmode")
        if not self.host_is_local():
            if sslmode is None:
                sslmode = "verify-full"
            if (
                sslmode in PLAIN_TCP_MODES
                and effective.get("gssencmode") != "require"
                and not allow_insecure
            ):
                raise InsecureTargetError(
                    f"Connecting to {self.display()} with sslmode={sslmode} would send your job "
                    "search unencrypted over the network; add sslmode=verify-full, or allow it "
                    "in Settings ▸ Storage."
                )
        if sslmode is not None:
            result["sslmode"] = sslmode
        if keyring and "password" not in result and not self._in_password_file(effective):
            password = credentials.password_for(self.keyring_key())
            if password is not None:
                result["password"] = password
        return result

    def keyring_key(self) -> str:
        """The keyring entry's name for this target: ``user@host:port/dbname`` with libpq's
        defaults filled in (user from ``PGUSER`` or the login name, port 5432)."""
        effective = libpq_text.effective(self.params)
        user = effective.get("user") or libpq_text.login_name()
        return credentials.keyring_key(
            user,
            effective.get("host", "") or "localhost",
            effective.get("port", "") or "5432",
            effective.get("dbname", "") or user,
        )

    def _in_password_file(self, effective: Mapping[str, str]) -> bool:
        """True when libpq's password file has a line for every host of the target."""
        user = effective.get("user") or libpq_text.login_name()
        dbname = effective.get("dbname") or user
        hosts = effective.get("host", "").split(",")
        addresses = effective.get("hostaddr", "").split(",")
        ports = (effective.get("port", "") or "").split(",")
        path = credentials.password_file(effective)
        for index, host in enumerate(hosts):
            address = addresses[index] if index < len(addresses) else ""
            port = ports[index] if index < len(ports) else ports[-1]
            lookup = credentials.pgpass_host(host.strip(), address.strip())
            if not credentials.pgpass_has(lookup, port.strip() or "5432", dbname, user, path):
                return False
        return True


def _schema_in(options: str) -> str | None:
    try:
        return libpq_text.schema_from_options(options)
    except libpq_text.LibpqTextError:
        return None


def _display_host(host: str) -> str:
    if host.startswith(("/", "@")):
        return quote(host, safe="@")
    return f"[{host}]" if ":" in host else host


def _is_local(host: str) -> bool:
    if not host or host.startswith(("/", "@")) or host.lower() == "localhost":
        return True
    try:
        import ipaddress  # only for a server's host: the SQLite path never needs it

        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return address.is_loopback


def _error(text: str, problem: str) -> TargetError:
    """TargetError for ``problem`` (which may quote ``text``) with any password in it hidden."""
    for secret in libpq_text.secrets_in(text):
        problem = problem.replace(secret, "•••")
    return TargetError(problem)


def _postgres(text: str, conninfo: str, schema: str | None) -> PostgresTarget:
    """A PostgresTarget from a libpq connection string (its ``search`` already taken out)."""
    # Imported here: the SQLite path never loads psycopg (the tray's footprint).
    from psycopg import Error
    from psycopg import conninfo as libpq

    try:
        params = libpq.conninfo_to_dict(conninfo)
    except (Error, ValueError, TypeError) as error:
        problem = str(error).strip()
        unknown = re.match(r'invalid URI query parameter: "(.*)"', problem)
        if unknown:
            problem = (
                f'it has the parameter "{unknown.group(1)}", which is not a libpq keyword '
                "(nor Afterview's search=)"
            )
        raise _error(text, f"The database text is not one libpq can read: {problem}.") from None
    str_params = {key: str(value) for key, value in params.items() if value is not None}
    service = str_params.get("service")
    if service is not None:
        try:
            for key, value in libpq_text.read_service(service).items():
                str_params.setdefault(key, value)
        except libpq_text.LibpqTextError as error:
            raise _error(text, f"The database service cannot be used: {error}.") from error
    try:
        if schema is not None:
            option = libpq_text.search_path_option(schema)
            existing = str_params.get("options")
            str_params["options"] = f"{existing} {option}" if existing else option
        found = libpq_text.schema_from_options(str_params.get("options", ""))
        if found is not None:
            libpq_text.check_schema_name(found)
    except libpq_text.LibpqTextError as error:
        problem = f"The database text names a schema PostgreSQL cannot use: {error}."
        raise _error(text, problem) from error
    return PostgresTarget(given=text, params=MappingProxyType(str_params), schema=found)


def parse_target(text: str) -> SqliteTarget | PostgresTarget:
    """The database ``text`` names: ``sqlite:PATH``, a ``postgresql://`` / ``postgres://``
    URI (34.1.1.2, plus Afterview's ``search=SCHEMA``), a key=value string (34.1.1.1) or a
    bare service name (34.17). TargetError, in words, for anything else; the message never
    shows a password from the text."""
    stripped = text.strip()
    if not stripped:
        raise TargetError(
            "No database was given: write sqlite:PATH, a postgresql:// address "
            "or a service name from pg_service.conf."
        )
    if "\0" in stripped:
        raise TargetError("The database text has a NUL character; no file or server has one.")
    if stripped[:7].lower() == "sqlite:":
        path = stripped[7:].strip()
        if not path:
            raise TargetError(
                "sqlite: needs the path of the database file after it, like sqlite:~/afterview.db."
            )
        return SqliteTarget(Path(os.path.abspath(os.path.expanduser(path))))
    scheme = _SCHEME.match(stripped)
    if scheme is not None:
        if scheme.group(1).lower() not in ("postgresql", "postgres"):
            raise TargetError(
                f"{scheme.group(1)}:// is not a database Afterview can open: write "
                "sqlite:PATH or a postgresql:// address."
            )
        try:
            conninfo, schema = libpq_text.split_search(stripped)
        except UnicodeDecodeError as error:
            raise _error(
                stripped,
                "The search= name in the database address is not valid "
                "UTF-8 once its %-escapes are decoded.",
            ) from error
        return _postgres(stripped, conninfo, schema)
    if "=" in stripped:
        return _postgres(stripped, stripped, None)
    if _SERVICE_NAME.fullmatch(stripped):
        return _postgres(stripped, f"service={stripped}", None)
    hint = " To open a SQLite file, write sqlite: before its path." if "/" in stripped else ""
    raise _error(
        stripped,
        f'"{stripped}" is not a database Afterview can open: write sqlite:PATH, a '
        f"postgresql:// address, key=value settings or a service name.{hint}",
    )


def _has_password(target: SqliteTarget | PostgresTarget) -> bool:
    """True when the text itself (not its service file) carries a password."""
    if not isinstance(target, PostgresTarget):
        return False
    return bool(libpq_text.secrets_in(target.given)) or "password" in _own_params(target)


def _own_params(target: PostgresTarget) -> Mapping[str, str]:
    if target.given.count("=") == 0:  # a bare service name: the text has no keywords
        return {}
    from psycopg import conninfo as libpq

    conninfo = libpq_text.split_search(target.given)[0] if "://" in target.given else target.given
    return {key: str(value) for key, value in libpq.conninfo_to_dict(conninfo).items()}


def resolve_target(
    data_dir_database: Path, config_dir: Path, explicit: str | None
) -> SqliteTarget | PostgresTarget:
    """The database to open: ``explicit`` (``--database``), else ``AFTERVIEW_DATABASE``,
    else the target saved in ``config_dir/storage.ini``, else the SQLite file
    ``data_dir_database``. TargetError when the chosen text cannot be opened (the message
    names where it came from), or when storage.ini holds a password."""
    if explicit is not None:
        return parse_target(explicit)
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if from_environment:
        try:
            return parse_target(from_environment)
        except TargetError as error:
            raise TargetError(f"{ENVIRONMENT_VARIABLE}: {error}") from error
    settings = config_dir / SETTINGS_FILE
    try:
        saved, _ = read_setting(config_dir)
        if saved is None:
            return SqliteTarget(data_dir_database)
        target = parse_target(saved)
    except (TargetError, ValueError) as error:
        raise TargetError(f"The database saved in {settings}: {error}") from error
    if _has_password(target):
        raise TargetError(
            f"The database saved in {settings} holds a password; Afterview keeps none in its "
            "own files. Move the password to your pgpass file or the keyring (Settings ▸ "
            "Storage), and take it out of that file."
        )
    return target


def saved_allow_insecure(config_dir: Path) -> bool:
    """Whether the user allowed plain TCP to a remote host in Settings ▸ Storage (False when
    nothing is saved). TargetError when storage.ini cannot be read."""
    try:
        return read_setting(config_dir)[1]
    except ValueError as error:
        raise TargetError(str(error)) from error


def save_target(config_dir: Path, text: str | None, *, allow_insecure: bool = False) -> None:
    """Save ``text`` as the database to open (None: back to the SQLite default) in
    ``config_dir/storage.ini``, privately (0600) and atomically. TargetError when the text
    cannot be opened, is on several lines, or holds a password (it belongs in pgpass or the
    keyring); OSError when the file cannot be written."""
    if text is not None:
        text = text.strip()
        if "\n" in text or "\r" in text:
            raise TargetError("The database text must be on one line.")
        if _has_password(parse_target(text)):
            raise TargetError(
                "The database text holds a password; Afterview keeps none in its own files. "
                "Leave it out, and put it in your pgpass file or the keyring instead."
            )
    try:
        write_setting(config_dir, text, allow_insecure)
    except ValueError as error:
        raise TargetError(str(error)) from error


def store_password(target: PostgresTarget, password: str) -> None:
    """Keep ``password`` for ``target`` in the OS keyring. credentials.KeyringError (a
    StoreError) in words when there is no keyring or it refuses."""
    credentials.store_password(target.keyring_key(), password)


def forget_password(target: PostgresTarget) -> None:
    """Remove ``target``'s password from the OS keyring (nothing when none is kept)."""
    credentials.forget_password(target.keyring_key())


def password_for(target: PostgresTarget) -> str | None:
    """The keyring's password for ``target``, or None (none kept, no keyring, locked)."""
    return credentials.password_for(target.keyring_key())
