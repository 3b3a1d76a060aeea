"""Where a PostgreSQL password comes from: libpq's password file (matched by the rules of
PostgreSQL 15's 34.16 The Password File) or the OS keyring, here a real Secret Service
(Debian's gnome-keyring, unlocked under dbus-run-session with a throwaway HOME)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from afterview.store import credentials
from tests.needs import need
from tests.unit.target_env import write_private

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.mark.parametrize(
    ("line", "connection", "found"),
    [
        ("db.example.org:5432:jobs:anna:pw", ("db.example.org", "5432", "jobs", "anna"), True),
        ("db.example.org:5432:jobs:anna:pw", ("db.example.org", "5433", "jobs", "anna"), False),
        ("db.example.org:5432:jobs:anna:pw", ("db.example.org", "5432", "jobs", "bo"), False),
        ("*:*:*:anna:pw", ("anywhere", "1", "any", "anna"), True),
        ("*:*:*:*:pw", ("anywhere", "1", "any", "bo"), True),
        # "\:" and "\\" stand for a colon and a backslash in a field.
        (r"fe80\:\:1:5432:jobs:anna:pw", ("fe80::1", "5432", "jobs", "anna"), True),
        (r"h:5432:a\\b:anna:pw", ("h", "5432", "a\\b", "anna"), True),
        # An escaped star is a star, not a wildcard.
        (r"h:5432:\*:anna:pw", ("h", "5432", "jobs", "anna"), False),
        (r"h:5432:\*:anna:pw", ("h", "5432", "*", "anna"), True),
        # A star is a wildcard only as the whole field.
        ("h*:5432:jobs:anna:pw", ("host", "5432", "jobs", "anna"), False),
        ("# h:5432:jobs:anna:pw", ("h", "5432", "jobs", "anna"), False),
        ("h:5432:jobs", ("h", "5432", "jobs", "anna"), False),
    ],
)
def test_password_file_lines_match_as_libpq_matches_them(
    tmp_path: Path, line: str, connection: tuple[str, str, str, str], found: bool
) -> None:
    path = write_private(tmp_path / "pgpass", "# mine\n\n" + line + "\n")
    assert credentials.pgpass_has(*connection, path) is found


def test_a_password_file_others_can_read_is_ignored_as_libpq_ignores_it(tmp_path: Path) -> None:
    path = write_private(tmp_path / "pgpass", "*:*:*:*:pw\n")
    assert credentials.pgpass_has("h", "5432", "d", "u", path)
    os.chmod(path, 0o640)
    assert not credentials.pgpass_has("h", "5432", "d", "u", path)
    assert not credentials.pgpass_has("h", "5432", "d", "u", tmp_path / "missing")


@pytest.mark.parametrize(
    ("host", "hostaddr", "looked_up"),
    [
        ("", "", "localhost"),
        ("/var/run/postgresql", "", "localhost"),  # libpq's default socket folder
        ("/srv/sockets", "", "/srv/sockets"),
        ("", "192.0.2.7", "192.0.2.7"),
        ("db.test", "127.0.0.1", "db.test"),
    ],
)
def test_the_host_looked_up_in_the_password_file(host: str, hostaddr: str, looked_up: str) -> None:
    assert credentials.pgpass_host(host, hostaddr) == looked_up


def test_the_password_file_is_where_libpq_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("PGPASSFILE", raising=False)
    assert credentials.password_file({}) == tmp_path / ".pgpass"
    monkeypatch.setenv("PGPASSFILE", "/srv/env-pgpass")
    assert credentials.password_file({}) == Path("/srv/env-pgpass")
    assert credentials.password_file({"passfile": "/srv/mine"}) == Path("/srv/mine")


SECRET_SERVICE_SCRIPT = textwrap.dedent(
    """
    import sys
    from afterview.store import credentials
    from afterview.store.target import parse_target, store_password, forget_password
    import keyring
    # keyring chains every viable backend, by priority: Afterview's must come first.
    print(type(keyring.get_keyring().backends[0]).__module__)
    target = parse_target("postgresql://anna@db.example.org:6543/jobs")
    print(credentials.password_for("anna@db.example.org:6543/jobs"))
    store_password(target, "s3cret pass: ü")
    print(keyring.get_password("Afterview PostgreSQL", "anna@db.example.org:6543/jobs"))
    print(target.connect_params()["password"])
    forget_password(target)
    print(credentials.password_for("anna@db.example.org:6543/jobs"))
    """
)


def run_under_secret_service(
    home: Path, unlock: bool, script: str, backend: str | None = None
) -> list[str]:
    """``script`` in a private D-Bus session whose gnome-keyring is started (and unlocked
    with a throwaway password when ``unlock``) in ``home``; its output lines. ``backend``:
    the keyring backend class keyring is told to use, as the bundle has only Afterview's."""
    runtime = home / "run"
    runtime.mkdir(mode=0o700, parents=True)
    start = (
        "echo throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null"
        if unlock
        else "gnome-keyring-daemon --start --components=secrets >/dev/null"
    )
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DBUS_", "PG"))
    }
    environment.update(
        HOME=str(home),
        XDG_RUNTIME_DIR=str(runtime),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        PYTHONPATH=str(SRC),
        DISPLAY="",
    )
    if backend is not None:
        environment["PYTHON_KEYRING_BACKEND"] = backend
    result = subprocess.run(
        [
            "dbus-run-session",
            "--",
            "sh",
            "-c",
            f'{start}; exec "$0" -c "$1"',
            sys.executable,
            script,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


OURS = "afterview.store.secret_service.SecretServiceKeyring"
THEIRS = "keyring.backends.SecretService.Keyring"

#: Kept by one backend, read by the other: Afterview's (plain session, jeepney) and keyring's
#: own (SecretStorage, an encrypted session) keep items alike.
BETWEEN_BACKENDS_SCRIPT = textwrap.dedent(
    """
    from afterview.store.secret_service import SecretServiceKeyring
    from keyring.backends.SecretService import Keyring
    ours, theirs = SecretServiceKeyring(), Keyring()
    theirs.set_password("Afterview PostgreSQL", "kept@by:5432/theirs", "from keyring's own")
    print(ours.get_password("Afterview PostgreSQL", "kept@by:5432/theirs"))
    ours.set_password("Afterview PostgreSQL", "kept@by:5432/ours", "from Afterview ü")
    print(theirs.get_password("Afterview PostgreSQL", "kept@by:5432/ours"))
    ours.set_password("Afterview PostgreSQL", "kept@by:5432/ours", "replaced")
    print(theirs.get_password("Afterview PostgreSQL", "kept@by:5432/ours"))
    print(ours.get_password("Afterview PostgreSQL", "nobody@by:5432/none"))
    ours.delete_password("Afterview PostgreSQL", "kept@by:5432/theirs")
    print(theirs.get_password("Afterview PostgreSQL", "kept@by:5432/theirs"))
    """
)


def test_afterviews_backend_and_keyrings_own_keep_passwords_alike(tmp_path: Path) -> None:
    need("gnome-keyring-daemon", package="gnome-keyring")
    need("dbus-run-session", package="dbus")
    lines = run_under_secret_service(tmp_path / "home", True, BETWEEN_BACKENDS_SCRIPT)
    assert lines == ["from keyring's own", "from Afterview ü", "replaced", "None", "None"]


LOCKED_SCRIPT = textwrap.dedent(
    """
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection
    from afterview.store import credentials
    from afterview.store.secret_service import SecretServiceKeyring
    ours = SecretServiceKeyring()
    ours.set_password("Afterview PostgreSQL", "anna@db:5432/jobs", "pw")
    service = DBusAddress("/org/freedesktop/secrets", bus_name="org.freedesktop.secrets",
                          interface="org.freedesktop.Secret.Service")
    with open_dbus_connection("SESSION") as conn:
        conn.send_and_get_reply(new_method_call(
            service, "Lock", "ao", (["/org/freedesktop/secrets/aliases/default"],)))
    try:
        print(ours.get_password("Afterview PostgreSQL", "anna@db:5432/jobs"))
    except Exception as error:
        print(type(error).__name__)
    print(credentials.password_for("anna@db:5432/jobs"))
    """
)


def test_a_locked_item_asks_to_unlock_and_a_dismissed_prompt_gives_no_password(
    tmp_path: Path,
) -> None:
    """No prompter runs in the test's session, so gnome-keyring dismisses its unlock prompt at
    once, as when the user presses Cancel (Secret Service API, 9 "Prompts and Prompting")."""
    need("gnome-keyring-daemon", package="gnome-keyring")
    need("dbus-run-session", package="dbus")
    lines = run_under_secret_service(tmp_path / "home", True, LOCKED_SCRIPT, backend=OURS)
    assert lines == ["KeyringLocked", "None"]


def test_a_password_round_trips_through_a_real_secret_service(tmp_path: Path) -> None:
    need("gnome-keyring-daemon", package="gnome-keyring")
    need("dbus-run-session", package="dbus")
    lines = run_under_secret_service(tmp_path / "home", True, SECRET_SERVICE_SCRIPT)
    assert lines == [
        "afterview.store.secret_service",
        "None",
        "s3cret pass: ü",
        "s3cret pass: ü",
        "None",
    ]
    # The keyring's file holds it, encrypted; Afterview's own folders hold nothing.
    stored = (tmp_path / "home" / "data" / "keyrings").iterdir()
    assert all(b"s3cret" not in path.read_bytes() for path in stored)


def test_a_locked_keyring_gives_no_password_and_storing_says_why(tmp_path: Path) -> None:
    need("gnome-keyring-daemon", package="gnome-keyring")
    need("dbus-run-session", package="dbus")
    script = textwrap.dedent(
        """
        from afterview.store import credentials
        print(credentials.password_for("anna@db:5432/jobs"))
        try:
            credentials.store_password("anna@db:5432/jobs", "pw")
        except credentials.KeyringError as error:
            print("refused:", error)
        """
    )
    lines = run_under_secret_service(tmp_path / "home", False, script, backend=OURS)
    assert lines[0] == "None"
    assert lines[1].startswith("refused: The password for anna@db:5432/jobs could not be kept")
    assert "pgpass" in lines[1]


PASSWORD_VERB_SCRIPT = textwrap.dedent(
    """
    import io, sys
    from keyring.backends.SecretService import Keyring
    from afterview.cli import main
    where = ["--database", "postgresql://anna@db.example.org:6543/jobs"]
    sys.stdin = io.StringIO("typed: ü\\n")
    print(main(["password", *where]))
    print(Keyring().get_password("Afterview PostgreSQL", "anna@db.example.org:6543/jobs"))
    print(main(["password", "--forget", *where]))
    print(Keyring().get_password("Afterview PostgreSQL", "anna@db.example.org:6543/jobs"))
    sys.stdin = io.StringIO("")
    print(main(["password", *where]))
    print(main(["password", "--database", "sqlite:/tmp/x.sqlite3"]))
    """
)


def test_the_password_command_keeps_and_forgets_the_servers_password(tmp_path: Path) -> None:
    """`afterview password` is how a user of the installed bundle, which has no `python -m
    keyring`, keeps the password (README, "Sharing one search between computers")."""
    need("gnome-keyring-daemon", package="gnome-keyring")
    need("dbus-run-session", package="dbus")
    lines = run_under_secret_service(tmp_path / "home", True, PASSWORD_VERB_SCRIPT)
    assert lines == [
        "The keyring now keeps the password for anna@db.example.org:6543/jobs.",
        "0",
        "typed: ü",
        "The keyring no longer keeps a password for anna@db.example.org:6543/jobs.",
        "0",
        "None",
        "2",
        "2",
    ]
