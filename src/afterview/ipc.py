"""Messages between Afterview's processes over local sockets, Qt-free on the sending side.

The tray and the main window each listen with a ``QLocalServer`` on the
address :func:`address` gives; the CLI (which must not pay for importing Qt)
and the other process send one JSON line with :func:`send`. Sending never
blocks for long and never fails: with nobody listening it simply returns False.

On Linux and macOS the address is a Unix socket path in the user's runtime
directory, named after the data directory, so two profiles (or two test runs)
never talk to each other. On Windows it is a named pipe (untested there).
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

from afterview.paths import Paths

Role = Literal["tray", "window"]
SEND_TIMEOUT_S = 0.25


def _runtime_dir() -> Path:
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        return Path(runtime)
    return Path(tempfile.gettempdir())


def address(paths: Paths, role: Role) -> str:
    """Where ``role``'s server listens for this data directory (short: Unix paths max ~104)."""
    # Two checksums, not hashlib: its OpenSSL library costs the all-day tray ~3.5 MiB, and
    # telling a user's few data directories apart needs no cryptography.
    key = str(paths.data_dir).encode()
    digest = f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}"[:12]
    user = os.environ.get("USER") or os.environ.get("USERNAME") or str(os.getuid())
    name = f"afterview-{user}-{digest}-{role}"
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


def send(paths: Paths, role: Role, message: dict[str, Any]) -> bool:
    """Deliver ``message`` to ``role``'s process if one runs; True when it was delivered."""
    target = address(paths, role)
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
    except OSError:
        return False


def notify_changed(paths: Paths) -> bool:
    """Tell a running tray that the data changed, so it re-plans its next wake-up now."""
    return send(paths, "tray", {"type": "changed"})
