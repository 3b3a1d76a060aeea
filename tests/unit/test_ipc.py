"""Local-socket messages: delivered when someone listens, harmless when nobody does."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from afterview import ipc, paths


def test_sending_with_nobody_listening_returns_false_at_once(data_dir: Path) -> None:
    started = time.monotonic()
    assert ipc.notify_changed(paths.resolve(data_dir)) is False
    assert time.monotonic() - started < ipc.SEND_TIMEOUT_S + 0.5


def test_addresses_differ_per_data_dir_and_role(tmp_path: Path) -> None:
    one, two = paths.resolve(tmp_path / "a"), paths.resolve(tmp_path / "b")
    assert ipc.address(one, "tray") != ipc.address(two, "tray")
    assert ipc.address(one, "tray") != ipc.address(one, "window")
    assert len(ipc.address(one, "tray")) < 100


def test_decode_refuses_what_is_not_a_message() -> None:
    assert ipc.decode(b'{"type":"changed"}\n') == {"type": "changed"}
    assert ipc.decode(b"\xff\xfe") is None
    assert ipc.decode(b"[1]") is None
    assert ipc.decode(b'{"kind":"x"}') is None


def test_a_cli_write_tells_the_tray(
    data_dir: Path,
    cli: Callable[..., tuple[int, str, str]],
    sample_document: dict[str, Any],
    tmp_path: Path,
) -> None:
    where = paths.resolve(data_dir)
    received: list[dict[str, Any] | None] = []
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(ipc.address(where, "tray"))
    server.listen(4)

    def accept() -> None:
        for _ in range(2):
            connection, _addr = server.accept()
            with connection:
                received.append(ipc.decode(connection.makefile("rb").readline()))

    listener = threading.Thread(target=accept)
    listener.start()
    try:
        source = tmp_path / "sample.json"
        source.write_text(json.dumps(sample_document), encoding="utf-8")
        assert cli("import", "json", str(source))[0] == 0
        _status, out, _err = cli("steps", "--json", "--status", "pending")
        first = json.loads(out)[0]["id"]
        assert cli("step", "done", str(first))[0] == 0
        listener.join(timeout=10)
    finally:
        server.close()
        Path(ipc.address(where, "tray")).unlink(missing_ok=True)
    assert received == [{"type": "changed"}, {"type": "changed"}]
