"""Settings ▸ Storage ▸ Test connection: what is wrong with a database target, in words
(issue 16, item 1): the server cannot be reached, authentication failed, the database does
not exist, the schema is newer than this Afterview, or it is fine (and at which schema).

Nothing is written: the file is only probed, the server only asked. psycopg is imported
only for a PostgreSQL target.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from afterview.store.errors import DamagedDatabaseError, StoreError
from afterview.store.sqlite_file import SCHEMA_VERSION, probe_schema_version
from afterview.store.target import (
    InsecureTargetError,
    PostgresTarget,
    TargetError,
    parse_target,
)

#: Seconds to wait for a server before saying it cannot be reached.
CONNECT_TIMEOUT_S = 5


class Verdict(StrEnum):
    OK = "ok"
    INVALID = "invalid"  # the text is not a target
    INSECURE = "insecure"  # plain TCP to another computer, not allowed
    UNREACHABLE = "unreachable"
    AUTHENTICATION = "authentication"
    NO_DATABASE = "no-database"
    NEWER = "newer"
    OTHER = "other"


@dataclass(frozen=True)
class TargetCheck:
    verdict: Verdict
    #: For the user: one or two sentences, plain text, never a password.
    words: str
    #: The schema version found (0: no Afterview tables yet); None when not reached.
    version: int | None = None
    #: False when the role may only read the search there (a coach's).
    writable: bool = True


def check_target(
    text: str, *, data_dir_database: Path, allow_insecure: bool, password: str | None = None
) -> TargetCheck:
    """Check ``text`` (``sqlite:PATH``, a URI, key=value settings or a service name; empty:
    the SQLite file in the data folder, ``data_dir_database``). ``password``: one typed but
    not saved yet (it wins over pgpass and the keyring). Never raises for a bad target: the
    verdict and the words say what is wrong."""
    try:
        target = parse_target(text) if text.strip() else parse_target(f"sqlite:{data_dir_database}")
    except TargetError as error:
        return TargetCheck(Verdict.INVALID, str(error))
    if isinstance(target, PostgresTarget):
        return _check_server(target, allow_insecure, password)
    return _check_file(target.path)


def _check_file(path: Path) -> TargetCheck:
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        where = "its folder does not exist yet" if not path.parent.is_dir() else "it is empty"
        if not path.exists():
            where = (
                "Afterview will create it"
                if path.parent.is_dir()
                else f"its folder {path.parent} does not exist yet"
            )
        return TargetCheck(Verdict.OK, f"OK: there is no database at {path} yet; {where}.", 0)
    try:
        version = probe_schema_version(path)
    except (DamagedDatabaseError, OSError) as error:
        return TargetCheck(Verdict.OTHER, f"{path} cannot be read as a database: {error}")
    if version > SCHEMA_VERSION:
        return TargetCheck(Verdict.NEWER, _newer_words(str(path), version), version)
    return TargetCheck(Verdict.OK, _ok_words(str(path), version), version)


def _newer_words(where: str, version: int) -> str:
    return (
        f"{where} was written by a newer Afterview (schema {version}; this one understands "
        f"up to {SCHEMA_VERSION}). Update Afterview on this computer to use it."
    )


def _ok_words(where: str, version: int) -> str:
    if version == 0:
        return f"OK: {where} has no Afterview data yet (schema 0); Afterview will create it."
    later = " (Afterview will upgrade it)" if version < SCHEMA_VERSION else ""
    return f"OK: {where} holds an Afterview database, schema {version}{later}."


def _check_server(
    target: PostgresTarget, allow_insecure: bool, password: str | None
) -> TargetCheck:
    import psycopg
    from psycopg.conninfo import make_conninfo

    from afterview.store.coach import can_write
    from afterview.store.faults import UnavailableError
    from afterview.store.postgres import probe_schema_version as probe_server
    from afterview.store.postgres import refused

    display = target.display()
    try:
        params = target.connect_params(allow_insecure=allow_insecure)
    except InsecureTargetError as error:
        return TargetCheck(Verdict.INSECURE, str(error))
    except StoreError as error:  # a keyring that refuses: still try pgpass and the server
        return TargetCheck(Verdict.OTHER, str(error))
    if password:
        params["password"] = password
    params.setdefault("connect_timeout", str(CONNECT_TIMEOUT_S))
    try:
        with psycopg.connect(make_conninfo("", **params), autocommit=True) as connection:
            version = probe_server(connection)
            writable = can_write(connection)
    except psycopg.Error as error:
        state = getattr(error, "sqlstate", None) or ""
        detail = str(error)
        if (
            state in ("28000", "28P01")
            or "authentication failed" in detail
            or ("password" in detail and "no password supplied" in detail)
        ):
            return TargetCheck(
                Verdict.AUTHENTICATION,
                f"Authentication failed: the server refused the user name or password for "
                f"{display}. Check them; the password comes from the field above, the keyring "
                "or your pgpass file.",
            )
        if state == "3D000" or ("database" in detail and "does not exist" in detail):
            return TargetCheck(
                Verdict.NO_DATABASE,
                f"The database in {display} does not exist on that server. Check its name, "
                "or ask whoever runs the server to create it.",
            )
        why = refused(error, display, "could not connect")
        if isinstance(why, UnavailableError):
            return TargetCheck(
                Verdict.UNREACHABLE,
                f"The server for {display} cannot be reached: is it running, and is the "
                f"address right? Afterview waited {CONNECT_TIMEOUT_S} seconds.",
            )
        return TargetCheck(Verdict.OTHER, str(why))
    if version > SCHEMA_VERSION:
        return TargetCheck(Verdict.NEWER, _newer_words(display, version), version, writable)
    words = _ok_words(display, version)
    if not writable:
        words += " You may only read it (it was shared with you)."
    return TargetCheck(Verdict.OK, words, version, writable)
