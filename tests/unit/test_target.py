"""Which database Afterview opens, and how it connects (issue 16, items 1 and 8).

Expected values come from libpq's documentation (PostgreSQL 15, chapter 34): 34.1.1
Connection Strings, 34.16 The Password File, 34.17 The Connection Service File, 34.19.3 (the
sslmode table: disable, allow and prefer may send everything in plain TCP), and from the
issue's own rules (verify-full by default for a host that is not local)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from afterview.store import target as target_module
from afterview.store.errors import StoreError
from afterview.store.target import (
    InsecureTargetError,
    PostgresTarget,
    SqliteTarget,
    TargetError,
    parse_target,
)
from tests.unit.target_env import MemoryKeyring, isolated, write_private


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    with isolated(tmp_path, monkeypatch) as home:
        yield home


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    import keyring

    before = keyring.get_keyring()
    yield MemoryKeyring().install()
    keyring.set_keyring(before)


def postgres(text: str) -> PostgresTarget:
    target = parse_target(text)
    assert isinstance(target, PostgresTarget)
    return target


# --- what the text names --------------------------------------------------------------------


def test_the_sqlite_path_loads_neither_psycopg_nor_keyring() -> None:
    """The tray's footprint rests on it; the second half proves the check can see them."""
    code = (
        "import sys\n"
        "from afterview.store.target import parse_target\n"
        "parse_target('sqlite:/x')\n"
        "roots = ('psycopg', 'keyring', 'sqlalchemy', '_hashlib')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in roots))\n"
        "parse_target('postgresql://db.example.org/afterview')\n"
        "print('psycopg' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == ["[]", "True"]


def test_sqlite_paths_expand_the_home_folder_and_become_absolute(
    home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert parse_target("sqlite:~/jobs/afterview.db") == SqliteTarget(home / "jobs/afterview.db")
    assert parse_target("  sqlite:here.db ") == SqliteTarget(tmp_path / "here.db")
    assert parse_target("SQLite:/srv/a.db").display() == "sqlite:/srv/a.db"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("sqlite:", "needs the path of the database file"),
        ("sqlite:   ", "needs the path of the database file"),
        ("", "No database was given"),
        ("mysql://me@db/jobs", "mysql:// is not a database Afterview can open"),
        ("/home/me/afterview.db", "write sqlite: before its path"),
        ("two words", '"two words" is not a database Afterview can open'),
        ("postgresql://db.example.org/jobs?colour=red", '"colour", which is not a libpq keyword'),
        ("no_such_service", 'no service named "no_such_service"'),
        ("host=db.example.org port", 'missing "=" after "port"'),
        ("postgresql://db/jobs?search=", "the schema name is empty"),
        ("postgresql://db/jobs?search=" + "s" * 64, "at most 63 bytes"),
        ("postgresql://db/jobs?search=%FF", "not valid UTF-8"),
        ("postgresql://db/jobs?search=$user", "leave search= out"),
    ],
)
def test_texts_it_cannot_open_are_refused_in_words(home: Path, text: str, words: str) -> None:
    with pytest.raises(TargetError) as raised:
        parse_target(text)
    assert words in str(raised.value)
    assert isinstance(raised.value, StoreError)


def test_uris_key_value_strings_and_service_names_are_postgresql(home: Path) -> None:
    write_private(home / ".pg_service.conf", "[office]\nhost=db.example.org\ndbname=jobs\n")
    assert postgres("postgres://anna@db.example.org/jobs").params["user"] == "anna"
    assert postgres("postgresql://anna@db.example.org/jobs").params["host"] == "db.example.org"
    assert postgres("host=db.example.org dbname=jobs").params["dbname"] == "jobs"
    office = postgres("office")
    assert dict(office.params) == {
        "service": "office",
        "host": "db.example.org",
        "dbname": "jobs",
    }
    assert office.given == "office"
    # A target can key a dict (the lead's engine cache): equal texts, equal targets.
    assert {office: 1}[postgres("office")] == 1
    assert office.display() == "service office: postgresql://db.example.org/jobs"


@pytest.mark.parametrize(
    ("text", "schema", "option"),
    [
        ("postgresql://db/jobs?search=anna", "anna", "-csearch_path=anna"),
        # A name is kept as written: quoted, since unquoted names are folded to lower case.
        ("postgresql://db/jobs?search=Anna%20Berg", "Anna Berg", '-csearch_path="Anna\\ Berg"'),
        ("postgresql://db/jobs?search=o%22neil", 'o"neil', '-csearch_path="o""neil"'),
        # libpq's own options: unquoted names are folded, as the server reads them (5.9.3).
        ("postgresql://db/jobs?options=-csearch_path%3DAnna", "anna", "-csearch_path=Anna"),
        ("host=db options='-c search_path=\"Coach\\\\ X\",public'", "Coach X", None),
        ("host=db options=--search_path=bo", "bo", "--search_path=bo"),
        ("host=db options='-c search_path=\"$user\",public'", None, None),
        ("host=db", None, None),
    ],
)
def test_the_schema_comes_from_search_or_search_path(
    home: Path, text: str, schema: str | None, option: str | None
) -> None:
    target = postgres(text)
    assert target.schema == schema
    if option is not None:
        assert target.params["options"] == option
    assert "search" not in target.params


# --- where the host is ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("dbname=jobs", True),
        ("host=/var/run/postgresql", True),
        ("host=@abstract-socket", True),
        ("host=localhost", True),
        ("host=LocalHost", True),
        ("host=127.0.0.1", True),
        ("host=127.200.3.4", True),
        ("host=::1", True),
        ("postgresql://[::1]:5433/jobs", True),
        ("host=db.example.org", False),
        ("host=10.0.0.7", False),
        ("host=localhost.example.org", False),
        ("host=localhost,db.example.org", False),
        # The host text decides, not hostaddr: libpq checks the certificate against it.
        ("host=db.test hostaddr=127.0.0.1", False),
    ],
)
def test_a_host_is_local_by_its_text(home: Path, text: str, local: bool) -> None:
    assert postgres(text).host_is_local() is local


def test_pghost_counts_when_the_text_names_no_host(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGHOST", "db.example.org")
    assert postgres("dbname=jobs").host_is_local() is False


# --- how it connects ------------------------------------------------------------------------


def test_connect_params_name_afterview_use_utc_and_the_schema(
    home: Path, memory_keyring: MemoryKeyring
) -> None:
    params = postgres("postgresql://anna@/jobs?search=Anna%20Berg").connect_params()
    assert params["application_name"] == "afterview"
    assert params["options"] == '-csearch_path="Anna\\ Berg" -ctimezone=UTC'
    assert params["user"] == "anna"
    assert "sslmode" not in params  # a Unix socket: libpq's own default is right
    assert "search" not in params


def test_a_remote_host_gets_verify_full_when_the_user_chose_no_mode(
    home: Path, memory_keyring: MemoryKeyring
) -> None:
    params = postgres("postgresql://anna@db.example.org/jobs").connect_params()
    assert params["sslmode"] == "verify-full"
    assert postgres("host=db.example.org sslmode=require").connect_params()["sslmode"] == (
        "require"
    )
    # The loopback test setup of the issue: certificate name db.test, address 127.0.0.1.
    loopback = postgres("host=db.test hostaddr=127.0.0.1 dbname=jobs").connect_params()
    assert loopback["sslmode"] == "verify-full"
    assert loopback["hostaddr"] == "127.0.0.1"


@pytest.mark.parametrize("mode", ["disable", "allow", "prefer"])
def test_plain_tcp_to_a_remote_host_is_refused_unless_allowed(
    home: Path, memory_keyring: MemoryKeyring, mode: str
) -> None:
    target = postgres(f"postgresql://anna@db.example.org/jobs?sslmode={mode}")
    with pytest.raises(InsecureTargetError) as raised:
        target.connect_params()
    message = str(raised.value)
    assert "would send your job search unencrypted over the network" in message
    assert "sslmode=verify-full" in message and "Settings ▸ Storage" in message
    assert "db.example.org" in message
    assert target.connect_params(allow_insecure=True)["sslmode"] == mode
    # On this computer no network is crossed.
    assert postgres(f"host=localhost sslmode={mode}").connect_params()["sslmode"] == mode


def test_pgsslmode_in_the_environment_is_checked_too(
    home: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGSSLMODE", "disable")
    with pytest.raises(InsecureTargetError):
        postgres("host=db.example.org").connect_params()


def test_a_service_file_host_without_sslmode_gets_verify_full(
    home: Path, memory_keyring: MemoryKeyring
) -> None:
    write_private(
        home / ".pg_service.conf",
        "# the office server\n[office]\nhost=db.example.org\ndbname=jobs\n\n"
        "[office-plain]\nhost=db.example.org\nsslmode=disable\n",
    )
    params = postgres("office").connect_params()
    assert params["sslmode"] == "verify-full"
    assert params["host"] == "db.example.org"
    # The service's keys are passed themselves: libpq's own service lookup may differ.
    assert "service" not in params
    with pytest.raises(InsecureTargetError):
        postgres("office-plain").connect_params()
    assert postgres("office-plain").connect_params(allow_insecure=True)["sslmode"] == "disable"
    # The text's own keywords win over the service's.
    assert postgres("service=office-plain sslmode=verify-ca").connect_params()["sslmode"] == (
        "verify-ca"
    )


def test_service_files_are_found_where_libpq_looks(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_private(tmp_path / "etc" / "pg_service.conf", "[shared]\nhost=system.example.org\n")
    assert postgres("shared").params["host"] == "system.example.org"
    write_private(home / ".pg_service.conf", "[shared]\nhost=user.example.org\n")
    assert postgres("shared").params["host"] == "user.example.org"  # the user's file first
    elsewhere = write_private(tmp_path / "services.conf", "[shared]\nhost=env.example.org\n")
    monkeypatch.setenv("PGSERVICEFILE", str(elsewhere))
    assert postgres("shared").params["host"] == "env.example.org"


def test_a_service_file_that_is_not_one_is_named(home: Path) -> None:
    write_private(home / ".pg_service.conf", "host=db.example.org\n")
    with pytest.raises(TargetError, match=r"\.pg_service\.conf cannot be read"):
        parse_target("office")


# --- passwords ------------------------------------------------------------------------------


def test_the_keyring_is_asked_when_no_password_file_line_matches(
    home: Path, memory_keyring: MemoryKeyring
) -> None:
    key = "anna@db.example.org:5432/jobs"
    memory_keyring.kept[("Afterview PostgreSQL", key)] = "from-the-keyring"
    target = postgres("postgresql://anna@db.example.org/jobs")
    assert target.connect_params()["password"] == "from-the-keyring"
    assert memory_keyring.asked == [("Afterview PostgreSQL", key)]
    write_private(home / ".pgpass", "db.example.org:5432:jobs:anna:from-pgpass\n")
    memory_keyring.asked.clear()
    assert "password" not in target.connect_params()  # libpq reads pgpass itself
    assert memory_keyring.asked == []


def test_a_password_in_the_text_is_used_but_never_shown(
    home: Path, memory_keyring: MemoryKeyring
) -> None:
    target = postgres("postgresql://anna:Sesame-9@db.example.org/jobs")
    assert target.connect_params()["password"] == "Sesame-9"
    assert memory_keyring.asked == []
    assert "Sesame-9" not in target.display()
    assert "Sesame-9" not in repr(target)
    assert "Sesame-9" not in str(target)


def test_no_keyring_means_no_password_not_an_error(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        target = postgres("host=db.example.org")
        assert "password" not in target.connect_params()
        with pytest.raises(StoreError, match=r"no system keyring is running.*pgpass file"):
            target_module.store_password(target, "pw")
    finally:
        keyring.set_keyring(before)


def test_store_and_forget_password_use_the_keyring(
    home: Path, memory_keyring: MemoryKeyring
) -> None:
    target = postgres("postgresql://anna@db.example.org:6543/jobs")
    target_module.store_password(target, "pw")
    assert memory_keyring.kept == {("Afterview PostgreSQL", "anna@db.example.org:6543/jobs"): "pw"}
    assert target_module.password_for(target) == "pw"
    target_module.forget_password(target)
    target_module.forget_password(target)  # nothing kept: nothing to do
    assert memory_keyring.kept == {}
