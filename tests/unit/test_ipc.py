"""Local-socket messages: delivered when someone listens, harmless when nobody does, at an
address that names the user's numeric id, the database's identity and the data directory as
the file system knows it, nothing else."""

from __future__ import annotations

import json
import os
import socket
import stat
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from afterview import ipc, paths
from afterview.store import interchange
from afterview.store.api import open_store

IDENTITY = "9fe009e96b9a488f88a8fe90db18a5a5"
INSTANCE = f"{IDENTITY}-3c1d22e0"


@pytest.fixture
def runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A runtime directory as short as a real one (/run/user/1000): socket paths are short."""
    with tempfile.TemporaryDirectory(prefix="av", dir="/tmp") as short:
        monkeypatch.setenv("XDG_RUNTIME_DIR", short)
        yield Path(short)


def test_sending_with_nobody_listening_is_no_problem_and_quick(runtime_dir: Path) -> None:
    started = time.monotonic()
    assert ipc.notify_changed(INSTANCE, {"type": "changed"}) == []
    assert ipc.send(INSTANCE, "tray", {"type": "changed"}) is False
    assert time.monotonic() - started < ipc.SEND_TIMEOUT_S + 0.5


def test_the_address_is_pinned(runtime_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same across versions: a tray left running from an older release must still hear a
    newer window. Changing this string is changing a protocol."""
    uid = os.getuid()
    assert ipc.address(INSTANCE, "tray") == str(
        runtime_dir / f"afterview-{uid}-9fe009e96b9a488f88a8fe90db18a5a5-3c1d22e0-tray.sock"
    )
    assert ipc.address(INSTANCE, "window").endswith(f"-{uid}-{INSTANCE}-window.sock")
    monkeypatch.setenv("USER", "somebody-else")  # $USER as the environment spells it: ignored
    assert ipc.address(INSTANCE, "tray").endswith(f"afterview-{uid}-{INSTANCE}-tray.sock")
    for wrong in ("../../etc", IDENTITY, f"{IDENTITY}-3c1d22e", f"{IDENTITY}-3C1D22E0"):
        with pytest.raises(ValueError, match="not the name"):
            ipc.address(wrong, "tray")


def test_the_name_is_the_identity_and_a_crc_of_the_directory_device_and_inode(
    tmp_path: Path,
) -> None:
    """Pinned like the address: CRC-32 of "DEVICE:INODE" in decimal, as 8 hex digits."""
    found = tmp_path.stat()
    crc = zlib.crc32(f"{found.st_dev}:{found.st_ino}".encode())
    assert ipc.name(IDENTITY, tmp_path) == f"{IDENTITY}-{crc:08x}"


def test_the_database_and_its_directory_not_the_spelling_of_the_path_name_the_address(
    tmp_path: Path,
) -> None:
    real = tmp_path / "data"
    with open_store(paths.resolve(real)) as store:
        instance = store.instance
        document = store.data.export_document()
    linked = tmp_path / "link"
    linked.symlink_to(real)
    assert ipc.instance_of(linked, linked / "afterview.sqlite3") == instance
    assert ipc.instance_of(tmp_path / "nothing", tmp_path / "nothing" / "afterview.sqlite3") is None
    with open_store(paths.resolve(tmp_path / "other")) as other:
        assert other.instance != instance
    # A copy keeps the identity (its calendar entries), but is another directory: two copies
    # open at once never take each other's messages.
    with open_store(paths.resolve(tmp_path / "copy")) as copy:
        copy.data.import_document(interchange.parse_document(document))
        assert copy.identity == store.identity and copy.instance != instance
    assert len(ipc.address(instance, "window")) < 104  # Unix socket paths are short


def test_decode_refuses_what_is_not_a_message() -> None:
    assert ipc.decode(b'{"type":"changed"}\n') == {"type": "changed"}
    assert ipc.decode(b"\xff\xfe") is None
    assert ipc.decode(b"[1]") is None
    assert ipc.decode(b'{"kind":"x"}') is None


class Listener:
    """A stand-in tray or window: records the messages it receives."""

    def __init__(self, address: str, expected: int) -> None:
        self.address = address
        self.received: list[dict[str, Any] | None] = []
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(address)
        self.server.listen(4)
        self.thread = threading.Thread(target=self._accept, args=(expected,))
        self.thread.start()

    def _accept(self, expected: int) -> None:
        for _ in range(expected):
            connection, _addr = self.server.accept()
            with connection:
                self.received.append(ipc.decode(connection.makefile("rb").readline()))

    def close(self) -> None:
        self.thread.join(timeout=10)
        self.server.close()
        Path(self.address).unlink(missing_ok=True)


@pytest.fixture
def listening(data_dir: Path, runtime_dir: Path) -> Iterator[Callable[[str, int], Listener]]:
    started: list[Listener] = []

    def listen(role: str, expected: int) -> Listener:
        with open_store(paths.resolve(data_dir)) as store:
            instance = store.instance
        listener = Listener(ipc.address(instance, role), expected)  # type: ignore[arg-type]
        started.append(listener)
        return listener

    yield listen
    for listener in started:
        listener.close()


def test_a_cli_write_tells_the_tray_and_the_window_what_changed(
    listening: Callable[[str, int], Listener],
    cli: Callable[..., tuple[int, str, str]],
    sample_document: dict[str, Any],
    tmp_path: Path,
) -> None:
    source = tmp_path / "sample.json"
    source.write_text(json.dumps(sample_document), encoding="utf-8")
    assert cli("import", "json", str(source))[0] == 0  # before anyone listens
    tray, window = listening("tray", 2), listening("window", 2)
    _status, out, _err = cli("steps", "--json", "--status", "pending")
    first = json.loads(out)[0]["id"]
    assert cli("step", "done", str(first))[0] == 0
    vcf = tmp_path / "one.vcf"
    vcf.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim Ito\r\nEND:VCARD\r\n", "utf-8")
    assert cli("import", "vcf", str(vcf))[0] == 0
    tray.close()
    window.close()
    steps = {"type": "changed", "kinds": ["interviews", "steps"]}
    cards = {"type": "changed", "kinds": ["contacts", "interviews", "steps"]}
    assert tray.received == [steps, cards]
    assert window.received == [steps, cards]


def test_a_listener_that_hangs_is_a_warning_not_a_failure(
    data_dir: Path, runtime_dir: Path, cli: Callable[..., tuple[int, str, str]], sample_json: Path
) -> None:
    assert cli("import", "json", str(sample_json))[0] == 0
    with open_store(paths.resolve(data_dir)) as store:
        address = ipc.address(store.instance, "tray")
    # Something that accepts but never reads: the send times out.
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(address)
    server.listen(1)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
    try:
        huge = {"type": "changed", "kinds": ["x" * 4_000_000]}
        problems = ipc.notify_changed(store.instance, huge, skip="window")
    finally:
        server.close()
        Path(address).unlink(missing_ok=True)
    assert len(problems) == 1 and "the tray could not be told" in problems[0]


@pytest.mark.sqlite_only
def test_a_restore_tells_the_tray_and_the_window_everything_changed(
    data_dir: Path,
    runtime_dir: Path,
    cli: Callable[..., tuple[int, str, str]],
    sample_json: Path,
) -> None:
    assert cli("import", "json", str(sample_json))[0] == 0
    with open_store(paths.resolve(data_dir)) as store:
        store.backups.take()
        instance = store.instance
    tray = Listener(ipc.address(instance, "tray"), 1)
    try:
        status, _out, err = cli("restore", "1")
        assert status == 0, err
    finally:
        tray.close()
    assert tray.received == [
        {
            "type": "changed",
            "kinds": [
                "applications",
                "contacts",
                "interviews",
                "letters",
                "references",
                "settings",
                "steps",
            ],
        }
    ]


def test_a_data_directory_that_cannot_be_named_is_a_warning_on_a_saved_write(
    runtime_dir: Path,
    cli: Callable[..., tuple[int, str, str]],
    sample_json: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert cli("import", "json", str(sample_json))[0] == 0
    _status, out, _err = cli("steps", "--json", "--status", "pending")
    first = json.loads(out)[0]["id"]

    def gone(identity: str, directory: Path) -> str:
        raise FileNotFoundError(2, "No such file or directory", str(directory))

    with monkeypatch.context() as patch:
        patch.setattr(ipc, "name", gone)
        status, _out, err = cli("step", "done", str(first))
    assert status == 0 and "afterview: warning: The change is saved" in err, err
    _status, out, _err = cli("steps", "--json", "--status", "done")
    assert first in {step["id"] for step in json.loads(out)}


# --- without XDG_RUNTIME_DIR: a folder of the user's own in the temporary folder -------------

NOBODY = 65534


@pytest.fixture
def shared_tmp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No XDG_RUNTIME_DIR, and a temporary folder like /tmp (sticky, open to all) of the
    test's own: the real /tmp's afterview-UID may be in use by another run."""
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    with tempfile.TemporaryDirectory(prefix="av", dir="/tmp") as short:
        os.chmod(short, 0o1777)
        monkeypatch.setattr(tempfile, "tempdir", short)
        yield Path(short)


def test_without_a_runtime_dir_the_sockets_go_in_a_folder_of_the_users_own(
    shared_tmp: Path,
) -> None:
    uid = os.getuid()
    before = os.umask(0o000)  # the loosest umask: the folder is 0700 all the same
    try:
        address = ipc.address(INSTANCE, "tray")
    finally:
        os.umask(before)
    folder = shared_tmp / f"afterview-{uid}"
    assert address == str(folder / f"afterview-{uid}-{INSTANCE}-tray.sock")
    found = os.lstat(folder)
    assert stat.S_ISDIR(found.st_mode) and found.st_uid == uid
    assert stat.S_IMODE(found.st_mode) == 0o700
    listener = Listener(address, 1)
    try:
        assert ipc.send(INSTANCE, "tray", {"type": "changed"}) is True
    finally:
        listener.close()
    assert listener.received == [{"type": "changed"}]


def test_with_a_runtime_dir_no_folder_is_made_in_the_temporary_folder(
    runtime_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with tempfile.TemporaryDirectory(prefix="av", dir="/tmp") as other:
        monkeypatch.setattr(tempfile, "tempdir", other)
        assert ipc.address(INSTANCE, "window").startswith(f"{runtime_dir}/afterview-")
        assert os.listdir(other) == []


def _as_root() -> None:
    if os.geteuid() != 0:
        pytest.fail("giving a folder to another user needs root (as CI runs)")


def test_a_folder_another_user_owns_is_refused_and_never_connected_to(
    shared_tmp: Path,
) -> None:
    """Another user made the folder first and listens there under the tray's name: the
    message must not reach them."""
    _as_root()
    folder = shared_tmp / f"afterview-{os.getuid()}"
    folder.mkdir(mode=0o700)
    trap = Listener(str(folder / f"afterview-{os.getuid()}-{INSTANCE}-tray.sock"), 1)
    os.chown(folder, NOBODY, NOBODY)
    try:
        with pytest.raises(ipc.UnsafeFolderError) as refused:
            ipc.address(INSTANCE, "tray")
        assert str(refused.value) == (
            f"Afterview will not use {folder} for messages between its window and its tray: it "
            f"belongs to another user (user id {NOBODY}). Remove it, or set XDG_RUNTIME_DIR "
            "to a folder of your own."
        )
        assert ipc.send(INSTANCE, "tray", {"type": "changed"}) is False
        problems = ipc.notify_changed(INSTANCE, {"type": "changed"}, skip="window")
        assert problems == [f"the tray could not be told ({refused.value})"]
    finally:
        with socket.socket(socket.AF_UNIX) as knock:  # lets the trap's thread end
            knock.connect(trap.address)
        trap.close()
    assert trap.received == [None]  # only the test's own empty connection above


def test_a_link_in_its_place_is_refused(shared_tmp: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir(mode=0o700)
    (shared_tmp / f"afterview-{os.getuid()}").symlink_to(mine)
    with pytest.raises(ipc.UnsafeFolderError, match="it is a link or a file, not a folder"):
        ipc.address(INSTANCE, "tray")


@pytest.mark.parametrize("bits", [0o755, 0o770, 0o701], ids=oct)
def test_a_folder_others_can_reach_is_refused(shared_tmp: Path, bits: int) -> None:
    folder = shared_tmp / f"afterview-{os.getuid()}"
    folder.mkdir()
    folder.chmod(bits)
    with pytest.raises(ipc.UnsafeFolderError, match=rf"its mode is 0{bits:o}, not 0700"):
        ipc.address(INSTANCE, "window")
    assert stat.S_IMODE(folder.stat().st_mode) == bits  # refused, not changed


def test_the_command_line_says_why_the_tray_was_not_told(
    shared_tmp: Path, cli: Callable[..., tuple[int, str, str]], sample_json: Path
) -> None:
    """The write is done (exit 0); the refusal is the warning, in words."""
    _as_root()
    folder = shared_tmp / f"afterview-{os.getuid()}"
    folder.mkdir(mode=0o700)
    os.chown(folder, NOBODY, NOBODY)
    status, out, err = cli("import", "json", str(sample_json))
    assert status == 0 and "Imported 4 applications, 4 interviews" in out
    assert "warning" in err and f"it belongs to another user (user id {NOBODY})" in err
    assert "Traceback" not in err
