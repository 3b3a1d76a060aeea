"""A keyring backend that keeps passwords in the freedesktop Secret Service over jeepney.

keyring's own Secret Service backend goes through SecretStorage, which encrypts each secret in
transit with AES from ``cryptography``: 12 MiB of the installed bundle, with an OpenSSL of its
own, to keep one password. The Secret Service API lets a client choose the ``plain``
algorithm instead (Secret Service API, 7 "Transfer of Secrets"). The spec itself says that
for applications that cannot keep their memory from being paged to disk, "eg: Java, C# or
Python apps", encrypting secrets in transit is "an exercise of questionable value": the secret
still passes only over the user's own session bus, which Afterview already uses for
notifications through jeepney. So this backend talks to the service with jeepney alone.

Items are stored as keyring's Secret Service backend stores them (the attributes
``service``, ``username`` and ``application``, in the ``default`` collection), so a password
kept with ``python -m keyring set`` or with ``secret-tool`` is found, and the other way round.

Only for Linux and the BSDs, where the Secret Service is the keyring (GNOME Keyring, KeePassXC,
KWallet 5.97 and later); keyring picks it by its priority, above keyring's own backend.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, cast

from jeepney import DBusAddress, MatchRule, Message, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.wrappers import DBusErrorResponse, unwrap_msg
from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import InitError, KeyringLocked, PasswordDeleteError, PasswordSetError

BUS_NAME = "org.freedesktop.secrets"
PREFIX = "org.freedesktop.Secret."
SERVICE = DBusAddress("/org/freedesktop/secrets", bus_name=BUS_NAME, interface=PREFIX + "Service")
#: The label keyring's own backend gives its items; "application" is its app id.
APPLICATION = "Python keyring library"
#: Seconds a plain call may take; the service answers at once unless it is hung.
CALL_TIMEOUT_S = 10.0
#: Seconds the user has to answer the keyring's unlock prompt.
PROMPT_TIMEOUT_S = 300.0
NO_PROMPT = "/"


def _call(
    conn: DBusConnection, address: DBusAddress, method: str, signature: str | None, *body: Any
) -> tuple[Any, ...]:
    reply = conn.send_and_get_reply(
        new_method_call(address, method, signature, body), timeout=CALL_TIMEOUT_S
    )
    return cast(tuple[Any, ...], unwrap_msg(reply))


def _at(path: str, interface: str) -> DBusAddress:
    return DBusAddress(path, bus_name=BUS_NAME, interface=PREFIX + interface)


def _prompt(conn: DBusConnection, path: str) -> bool:
    """Show the service's prompt at ``path`` (8 "Locking and Unlocking", 9 "Prompts") and
    wait for its Completed signal; True when the user went through with it."""
    if path == NO_PROMPT:
        return True
    rule = MatchRule(type="signal", interface=PREFIX + "Prompt", member="Completed", path=path)
    _call(conn, message_bus, "AddMatch", "s", rule.serialise())
    queue: deque[Message] = deque()
    with conn.filter(rule, queue=queue):
        _call(conn, _at(path, "Prompt"), "Prompt", "s", "")
        try:
            signal = conn.recv_until_filtered(queue, timeout=PROMPT_TIMEOUT_S)
        except TimeoutError:
            return False
    dismissed = bool(signal.body[0])
    return not dismissed


def _unlocked(conn: DBusConnection, paths: list[str]) -> list[str]:
    """``paths`` unlocked, asking the user when the service prompts; KeyringLocked when they
    dismiss the prompt or do not answer it."""
    if not paths:
        return []
    done, prompt = _call(conn, SERVICE, "Unlock", "ao", paths)
    if prompt != NO_PROMPT and not _prompt(conn, prompt):
        raise KeyringLocked("the keyring stayed locked: its unlock prompt was dismissed")
    if prompt != NO_PROMPT:  # the prompt's result may not list them all: ask again
        done, _ = _call(conn, SERVICE, "Unlock", "ao", paths)
    if set(done) != set(paths):
        raise KeyringLocked("the keyring stayed locked")
    return list(paths)


class SecretServiceKeyring(KeyringBackend):
    """keyring's interface over the Secret Service, with jeepney and the ``plain`` session."""

    @properties.classproperty
    def priority(cls) -> float:
        """Viable when a Secret Service owns, or can be started for, its bus name; then above
        keyring's own Secret Service backend (5). RuntimeError otherwise, which keyring reads
        as "not viable"."""
        try:
            with _session_bus() as conn:
                names = _call(conn, message_bus, "ListNames", None)[0]
                startable = _call(conn, message_bus, "ListActivatableNames", None)[0]
        except (OSError, KeyError, TimeoutError, DBusErrorResponse, ValueError) as error:
            raise RuntimeError(f"no D-Bus session: {error}") from error
        if BUS_NAME not in names and BUS_NAME not in startable:
            raise RuntimeError("no Secret Service is running or can be started")
        return 5.5

    def get_password(self, service: str, username: str) -> str | None:
        """The password kept for ``username`` at ``service``, or None. KeyringLocked when the
        item is locked and the user does not unlock it."""
        with _connected() as (conn, session):
            paths = self._search(conn, service, username)
            if not paths:
                return None
            first = _unlocked(conn, paths[:1])[0]
            secret = _call(conn, _at(first, "Item"), "GetSecret", "o", session)[0]
            return bytes(secret[2]).decode("utf-8")

    def set_password(self, service: str, username: str, password: str) -> None:
        """Keep ``password``, replacing one kept before. KeyringLocked when the collection
        stays locked; PasswordSetError when there is no collection to keep it in."""
        attributes = {"service": service, "username": username, "application": APPLICATION}
        properties_ = {
            PREFIX + "Item.Label": ("s", f"Password for '{username}' on '{service}'"),
            PREFIX + "Item.Attributes": ("a{ss}", attributes),
        }
        with _connected() as (conn, session):
            collection = _call(conn, SERVICE, "ReadAlias", "s", "default")[0]
            if collection == NO_PROMPT:
                raise PasswordSetError("the keyring has no default collection to keep it in")
            _unlocked(conn, [collection])
            secret = (session, b"", password.encode("utf-8"), "text/plain; charset=utf8")
            _item, prompt = _call(
                conn,
                _at(collection, "Collection"),
                "CreateItem",
                "a{sv}(oayays)b",
                properties_,
                secret,
                True,
            )
            if not _prompt(conn, prompt):
                raise PasswordSetError("the keyring's prompt was dismissed")

    def delete_password(self, service: str, username: str) -> None:
        """Forget the password; PasswordDeleteError when none is kept."""
        with _connected() as (conn, _session):
            paths = self._search(conn, service, username)
            if not paths:
                raise PasswordDeleteError("no such password")
            first = _unlocked(conn, paths[:1])[0]
            prompt = _call(conn, _at(first, "Item"), "Delete", None)[0]
            if not _prompt(conn, prompt):
                raise PasswordDeleteError("the keyring's prompt was dismissed")

    @staticmethod
    def _search(conn: DBusConnection, service: str, username: str) -> list[str]:
        unlocked, locked = _call(
            conn, SERVICE, "SearchItems", "a{ss}", {"service": service, "username": username}
        )
        return [*unlocked, *locked]


@contextmanager
def _session_bus() -> Iterator[DBusConnection]:
    conn = open_dbus_connection("SESSION")
    try:
        yield conn
    finally:
        conn.close()


@contextmanager
def _connected() -> Iterator[tuple[DBusConnection, str]]:
    """A session-bus connection and a ``plain`` Secret Service session on it. InitError when
    there is no session bus or no Secret Service answers."""
    try:
        conn = open_dbus_connection("SESSION")
    except (OSError, KeyError, ValueError) as error:
        raise InitError(f"no D-Bus session bus: {error}") from error
    try:
        try:
            _output, session = _call(conn, SERVICE, "OpenSession", "sv", "plain", ("s", ""))
        except (DBusErrorResponse, TimeoutError) as error:
            raise InitError(f"no Secret Service answers on the session bus: {error}") from error
        try:
            yield conn, session
        finally:
            # Closing the connection ends the session too (6 "Sessions"), so a failure is moot.
            with suppress(DBusErrorResponse, TimeoutError, OSError):
                _call(conn, _at(session, "Session"), "Close", None)
    finally:
        conn.close()
