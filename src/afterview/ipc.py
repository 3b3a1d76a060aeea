"""Messages between Afterview's processes over local sockets, Qt-free on the sending side.

The tray and the main window each listen with a ``QLocalServer`` on the
address :func:`address` gives; the CLI (which must not pay for importing Qt)
and the other process send one JSON line with :func:`send`. Sending never
blocks for long and never fails: with nobody listening it simply returns False.

The address is named after the numeric user id and the database's identity (its
``meta.database_id``, which travels with a copy), never after ``$USER`` or the spelling
of a path: a symlinked or relative data directory reaches the same processes, two
profiles (or two test runs) never talk to each other, and the name stays the same across
versions (tests/unit/test_ipc.py pins it). On Linux and macOS it is a Unix socket in the
user's runtime directory; on Windows a named pipe (untested there).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Any, Literal

Role = Literal["tray", "window"]
ROLES: tuple[Role, ...] = ("tray", "window")
SEND_TIMEOUT_S = 0.25


def _runtime_dir() -> Path:
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        return Path(runtime)
    return Path(tempfile.gettempdir())


def _user() -> int:
    getuid = getattr(os, "getuid", None)
    if getuid is not None:
        return int(getuid())
    name = os.environ.get("USERNAME", "")  # pragma: no cover - Windows has no numeric uid
    return zlib.crc32(name.encode())  # pragma: no cover


def address(identity: str, role: Role) -> str:
    """Where ``role``'s server listens for the database with this identity (a hex string, see
    :func:`afterview.store.sqlite_file.database_identity`), e.g.
    ``$XDG_RUNTIME_DIR/afterview-1000-9fe009e96b9a488f88a8fe90db18a5a5-tray.sock``."""
    if not identity or not all(c in "0123456789abcdef" for c in identity):
        raise ValueError(f"not a database identity: {identity!r}")
    name = f"afterview-{_user()}-{identity[:32]}-{role}"
    if sys.platform == "win32":
        return rf"\\.\pipe\{name}"
    return str(_runtime_dir() / f"{name}.sock")


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


def deliver(identity: str, role: Role, message: dict[str, Any]) -> bool:
    """Deliver ``message`` to ``role``'s process; False when none is running. OSError when
    one is there but the message could not reach it (it hangs, the socket is not ours)."""
    target = address(identity, role)
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


def send(identity: str, role: Role, message: dict[str, Any]) -> bool:
    """As :func:`deliver`, but never raises: True only when the message was delivered."""
    try:
        return deliver(identity, role, message)
    except OSError:
        return False


def notify_changed(
    identity: str, message: dict[str, Any], *, skip: Role | None = None
) -> list[str]:
    """Tell the running tray and window (but ``skip``, the sender itself) that the data
    changed. Nobody listening is not a problem; returns what went wrong otherwise."""
    problems = []
    for role in ROLES:
        if role == skip:
            continue
        try:
            deliver(identity, role, message)
        except OSError as error:
            problems.append(f"the {role} could not be told ({error.strerror or error})")
    return problems
