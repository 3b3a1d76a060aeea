"""Where a PostgreSQL password comes from: libpq's password file, or the OS keyring.

Afterview never keeps a password in its own files or logs. libpq reads the password file
itself; Afterview only checks whether it has a line for the connection (34.16 The Password
File), and otherwise asks the keyring (``keyring``: the Secret Service on Linux, through
Afterview's own jeepney backend in store/secret_service.py; the Keychain on macOS, the
Credential Locker on Windows). ``keyring`` is imported only here, inside functions, and only
for a PostgreSQL target: the SQLite path never loads it.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

from afterview.store.errors import StoreError

log = logging.getLogger(__name__)

#: The keyring's "service" under which Afterview keeps PostgreSQL passwords.
KEYRING_SERVICE = "Afterview PostgreSQL"
#: libpq's DEFAULT_PGSOCKET_DIR on Debian; pgpass looks up "localhost" for it (34.16).
DEFAULT_SOCKET_DIRS = frozenset({"/var/run/postgresql", "/run/postgresql", "/tmp"})


#: Where the keyring is the freedesktop Secret Service.
SECRET_SERVICE_PLATFORMS = ("linux", "freebsd", "openbsd", "netbsd")


class KeyringError(StoreError):
    """The keyring could not keep or forget a password; the message says why, in words."""


def password_file(params: Mapping[str, str]) -> Path:
    """The password file libpq reads for these keywords (34.16): ``passfile``, else
    ``PGPASSFILE``, else ``~/.pgpass`` (``%APPDATA%\\postgresql\\pgpass.conf`` on Windows)."""
    given = params.get("passfile") or os.environ.get("PGPASSFILE")
    if given:
        return Path(given)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", "")) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _fields(line: str) -> list[str] | None:
    """The five fields of a password-file line (34.16), ``\\:`` and ``\\\\`` read as the
    characters they escape; a field that is a bare ``*`` (the wildcard) comes back as
    ``"\\0*"``, so an escaped ``\\*`` stays a plain star. None for a line of fewer fields."""
    fields: list[str] = []
    current: list[str] = []
    plain_star = True
    escaped = False
    for char in line:
        if len(fields) == 4:  # the password: the rest of the line, escapes still undone
            current.append(char)
            continue
        if escaped:
            current.append(char)
            plain_star = False
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ":":
            text = "".join(current)
            fields.append("\0*" if text == "*" and plain_star else text)
            current, plain_star = [], True
        else:
            current.append(char)
    if len(fields) < 4:
        return None
    fields.append("".join(current))
    return fields


def _matches(field: str, wanted: str) -> bool:
    return field in ("\0*", wanted)


def pgpass_has(host: str, port: str, dbname: str, user: str, path: Path) -> bool:
    """True when the password file ``path`` has a line for this connection (34.16): fields
    ``host:port:database:user:password``, each of the first four literal or ``*``; the
    first matching line wins. A file readable by group or others is ignored on Unix, as libpq
    ignores it; so is a missing or unreadable one."""
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            return False
        if sys.platform != "win32" and mode & (stat.S_IRWXG | stat.S_IRWXO):
            log.info("the password file %s is readable by others; libpq ignores it", path)
            return False
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    wanted = (host, port, dbname, user)
    for line in text.splitlines():
        line = line.rstrip("\r")
        if not line or line.startswith("#"):
            continue
        fields = _fields(line)
        if fields is None:
            continue
        if all(_matches(field, value) for field, value in zip(fields[:4], wanted, strict=True)):
            return True
    return False


def pgpass_host(host: str, hostaddr: str) -> str:
    """The host name libpq looks up in the password file (34.16): ``host`` if given, else
    ``hostaddr``, else ``localhost``; ``localhost`` also for libpq's default socket folder."""
    if host.rstrip("/") in DEFAULT_SOCKET_DIRS:
        return "localhost"
    return host or hostaddr or "localhost"


def keyring_key(user: str, host: str, port: str, dbname: str) -> str:
    """The keyring "username" for one connection: ``user@host:port/dbname``."""
    return f"{user}@{host}:{port}/{dbname}"


def _keyring() -> ModuleType:
    """keyring, with Afterview's Secret Service backend known to it where the keyring is the
    Secret Service. Importing the backend registers it (keyring keeps every subclass of its
    KeyringBackend); its entry point does the same for ``python -m keyring``, but an installed
    bundle may not carry entry points."""
    if sys.platform.startswith(SECRET_SERVICE_PLATFORMS):
        from afterview.store import secret_service  # noqa: F401

    import keyring

    return keyring


def password_for(key: str) -> str | None:
    """The password the keyring keeps for ``key``, or None: none is kept, or there is no
    keyring, or it is locked or does not answer. Never raises: a missing keyring means libpq
    goes on without a password, and says in its own words if the server wants one."""
    try:
        keyring = _keyring()  # here, not at the top: the SQLite path never loads it
        password: str | None = keyring.get_password(KEYRING_SERVICE, key)
        return password
    except Exception as error:  # the backends raise their own (D-Bus, locked, none at all)
        log.info("no password from the keyring for %s: %s", key, type(error).__name__)
        return None


def store_password(key: str, password: str) -> None:
    """Keep ``password`` for ``key`` in the keyring. KeyringError in words when there is no
    keyring or it refuses (locked, no D-Bus session)."""
    try:
        _keyring().set_password(KEYRING_SERVICE, key, password)
    except Exception as error:
        if type(error).__name__ == "NoKeyringError":  # its own text is about Python packages
            why = "no system keyring is running (on Linux, a Secret Service such as GNOME Keyring)"
        else:
            why = f"{type(error).__name__}: {error}"
        raise KeyringError(
            f"The password for {key} could not be kept in the system keyring ({why}). "
            "Put it in your pgpass file instead."
        ) from error


def forget_password(key: str) -> None:
    """Take the password for ``key`` out of the keyring; nothing to do when none is kept.
    KeyringError in words when the keyring cannot be reached."""
    try:
        keyring = _keyring()
        from keyring.errors import PasswordDeleteError
    except Exception as error:
        raise KeyringError(f"The system keyring cannot be used: {error}") from error
    try:
        keyring.delete_password(KEYRING_SERVICE, key)
    except PasswordDeleteError:
        return
    except Exception as error:
        raise KeyringError(
            f"The password for {key} could not be removed from the system keyring "
            f"({type(error).__name__}: {error})."
        ) from error
