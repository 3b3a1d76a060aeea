"""Messages between Afterview's processes over local sockets, Qt-free on the sending side.

The tray and the main window each listen with a ``QLocalServer`` on the
address :func:`address` gives; the CLI (which must not pay for importing Qt)
and the other process send one JSON line with :func:`send`. Sending never
blocks for long and never fails: with nobody listening it simply returns False.

The address is named after the numeric user id, the database's identity (its
``meta.database_id``, which travels with a copy and an export) and the data directory as the
file system knows it (device and inode), never after ``$USER`` or the spelling of a path: a
symlinked or relative data directory reaches the same processes; two profiles, two test runs
or two copies of one database in two directories never talk to each other; and the name
stays the same across versions (tests/unit/test_ipc.py pins it). On Linux and macOS it is a
Unix socket in the user's runtime directory, else in a folder of the user's own in the
temporary folder (checked before each use); on Windows a named pipe (untested there).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import stat
import sys
import tempfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from afterview.paths import Paths

Role = Literal["tray", "window"]
ROLES: tuple[Role, ...] = ("tray", "window")
SEND_TIMEOUT_S = 0.25


class UnsafeFolderError(PermissionError):
    """The folder the sockets would go in could let another user listen in or pose as a
    tray or a window: it is a link, not the user's own, or open to others."""


def _runtime_dir() -> Path:
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        return Path(runtime)
    return private_folder(Path(tempfile.gettempdir()))


def private_folder(parent: Path) -> Path:
    """``parent/afterview-UID``, the user's own folder for the sockets where there is no
    ``XDG_RUNTIME_DIR``: the shared temporary folder lets anyone create, replace or listen
    at a name there. Created 0700; one already there is used only when it is a real
    directory (not a link), the user's own, with no access for anybody else.
    UnsafeFolderError when it is not; OSError when it cannot be created."""
    folder = parent / f"afterview-{_user()}"
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    else:
        os.chmod(folder, 0o700)  # whatever the umask took away
    check_private_folder(folder)
    return folder


def check_private_folder(folder: Path) -> None:
    """UnsafeFolderError, in words for the user, when ``folder`` (not followed if a link) is
    not a directory owned by this user with no group or other permissions."""
    found = os.lstat(folder)
    advice = "Remove it, or set XDG_RUNTIME_DIR to a folder of your own."
    where = f"Afterview will not use {folder} for messages between its window and its tray"
    if stat.S_ISLNK(found.st_mode) or not stat.S_ISDIR(found.st_mode):
        raise UnsafeFolderError(f"{where}: it is a link or a file, not a folder. {advice}")
    if found.st_uid != _user():
        raise UnsafeFolderError(
            f"{where}: it belongs to another user (user id {found.st_uid}). {advice}"
        )
    mode = stat.S_IMODE(found.st_mode)
    if mode & 0o077:
        raise UnsafeFolderError(
            f"{where}: other users can reach it (its mode is {mode:04o}, not 0700). {advice}"
        )


def _user() -> int:
    getuid = getattr(os, "getuid", None)
    if getuid is not None:
        return int(getuid())
    name = os.environ.get("USERNAME", "")  # pragma: no cover - Windows has no numeric uid
    return zlib.crc32(name.encode())  # pragma: no cover


def name(identity: str, directory: Path) -> str:
    """What the processes of one database in one data directory are known by: the database's
    identity (a hex string, see :func:`afterview.store.sqlite_file.database_identity`) and a
    CRC-32 of the directory's device and inode, as in
    ``9fe009e96b9a488f88a8fe90db18a5a5-3c1d22e0``. OSError when the directory is gone."""
    found = directory.stat()  # of the directory a symlink points to
    place = zlib.crc32(f"{found.st_dev}:{found.st_ino}".encode())
    return f"{identity[:32]}-{place:08x}"


def instance_of(data_dir: Path, database: Path) -> str | None:
    """The :func:`name` of the database file in ``data_dir``; None while it has no identity
    yet (not created, or made by a release before identities)."""
    from afterview.store.sqlite_file import database_identity

    identity = database_identity(database)
    return name(identity, data_dir) if identity is not None else None


def instance_for(paths: Paths) -> str | None:
    """The :func:`name` of the database ``paths`` chooses (its SQLite file, or a server's
    database) in its data directory; None while it has no identity yet, or cannot be read."""
    from afterview.store.plain_reads import identity_of

    identity = identity_of(paths)
    return name(identity, paths.data_dir) if identity is not None else None


def address(instance: str, role: Role) -> str:
    """Where ``role``'s server listens for the database and directory :func:`name` names, as
    in ``$XDG_RUNTIME_DIR/afterview-1000-9fe009e96b9a488f88a8fe90db18a5a5-3c1d22e0-tray.sock``
    (without ``XDG_RUNTIME_DIR``, in :func:`private_folder` of the temporary folder).
    ValueError for anything else (a path, say); UnsafeFolderError when that private folder
    is not safe to use."""
    identity, _, place = instance.partition("-")
    digits = set(identity + place)
    if not (0 < len(identity) <= 32 and len(place) == 8 and digits <= set("0123456789abcdef")):
        raise ValueError(f"not the name of an Afterview database: {instance!r}")
    socket_name = f"afterview-{_user()}-{instance}-{role}"
    if sys.platform == "win32":
        return rf"\\.\pipe\{socket_name}"
    return str(_runtime_dir() / f"{socket_name}.sock")


def encode(message: dict[str, Any]) -> bytes:
    return json.dumps(message, ensure_ascii=True, separators=(",", ":")).encode() + b"\n"


def decode(line: bytes) -> dict[str, Any] | None:
    """A message from one line, or None when it is not one of ours."""
    try:
        value = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return value if isinstance(value, dict) and isinstance(value.get("type"), str) else None


#: What connecting says when nobody listens (no socket file, or one a dead process left).
_NOBODY = (FileNotFoundError, ConnectionRefusedError)


def deliver(instance: str, role: Role, message: dict[str, Any]) -> bool:
    """Deliver ``message`` to ``role``'s process; False when none is running. OSError when
    one is there but the message could not reach it (it hangs, the socket is not ours)."""
    target = address(instance, role)
    data = encode(message)
    try:
        if sys.platform == "win32":  # pragma: no cover - untested on Windows
            with open(target, "wb", buffering=0) as pipe:
                pipe.write(data)
            return True
        with contextlib.closing(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)) as sock:
            sock.settimeout(SEND_TIMEOUT_S)
            sock.connect(target)
            sock.sendall(data)
        return True
    except _NOBODY:
        return False


def send(instance: str, role: Role, message: dict[str, Any]) -> bool:
    """As :func:`deliver`, but never raises: True only when the message was delivered."""
    try:
        return deliver(instance, role, message)
    except OSError:
        return False


def notify_changed(
    instance: str, message: dict[str, Any], *, skip: Role | None = None
) -> list[str]:
    """Tell the running tray and window (but ``skip``, the sender itself) that the data
    changed. Nobody listening is not a problem; returns what went wrong otherwise."""
    problems = []
    for role in ROLES:
        if role == skip:
            continue
        try:
            deliver(instance, role, message)
        except OSError as error:
            problems.append(f"the {role} could not be told ({error.strerror or error})")
    return problems
