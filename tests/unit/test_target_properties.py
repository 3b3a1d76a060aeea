"""Properties of store.target over any text: it refuses only with TargetError, never shows a
password, and a schema name of any characters survives the trip into libpq's ``options``
(34.1.2: backslash-escaped spaces) and back."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from psycopg import conninfo as libpq

from afterview.store import libpq_text
from afterview.store.target import PostgresTarget, TargetError, parse_target
from tests.hypothesis_settings import NO_EXPLAIN, examples
from tests.unit.target_env import isolated, write_private


@pytest.fixture(scope="module", autouse=True)
def libpq_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One isolated libpq environment for the module (Hypothesis runs each property many
    times): a service file with one service, a password file matching everything, so the
    keyring is never asked."""
    root = tmp_path_factory.mktemp("libpq")
    with pytest.MonkeyPatch.context() as monkeypatch, isolated(root, monkeypatch) as home:
        write_private(home / ".pg_service.conf", "[office]\nhost=db.example.org\n")
        write_private(home / ".pgpass", "*:*:*:*:from-pgpass\n")
        yield home


PREFIXES = st.sampled_from(
    ["", "sqlite:", "postgresql://", "postgres://", "mysql://", "host=", "service=", "office"]
)
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)


@settings(max_examples=examples(400), phases=NO_EXPLAIN)
@given(prefix=PREFIXES, rest=ANY_TEXT)
def test_any_text_is_either_a_target_or_a_target_error(prefix: str, rest: str) -> None:
    try:
        target = parse_target(prefix + rest)
    except TargetError as error:
        refused: TargetError | None = error
    else:
        refused = None
        assert target.display()
        if isinstance(target, PostgresTarget):
            with contextlib.suppress(TargetError):
                target.connect_params(allow_insecure=True)
    assert refused is None or str(refused)


PLAIN = st.text("abcdefghijklmnopqrstuvwxyz0123456789_-.", min_size=1, max_size=12)
PASSWORD_TAIL = st.text(
    st.characters(exclude_characters="\0", exclude_categories=("Cs",)), max_size=20
)


@settings(max_examples=examples(300), phases=NO_EXPLAIN)
@given(
    user=PLAIN,
    tail=PASSWORD_TAIL,
    host=st.sampled_from(["db.example.org", "localhost", "%2Fvar%2Frun%2Fpostgresql", "[::1]"]),
    dbname=PLAIN,
    query=st.sampled_from(["", "?sslmode=require", "?search=anna", "?colour=red", "?search="]),
)
def test_display_and_errors_never_show_a_uri_password(
    user: str, tail: str, host: str, dbname: str, query: str
) -> None:
    password = "§PW§" + tail  # "§" is in no other part, so a match is the password
    encoded = quote(password, safe="")
    text = f"postgresql://{user}:{encoded}@{host}/{dbname}{query}"
    try:
        target = parse_target(text)
    except TargetError as error:
        message = str(error)
        assert "§PW§" not in message, message
        assert encoded not in message
        return
    assert isinstance(target, PostgresTarget)
    assert target.params["password"] == password
    for shown in (target.display(), repr(target), str(target)):
        assert "§PW§" not in shown and "%C2%A7PW%C2%A7" not in shown


@settings(max_examples=examples(200), phases=NO_EXPLAIN)
@given(tail=PASSWORD_TAIL.filter(lambda text: "'" not in text and "\\" not in text))
def test_display_never_shows_a_key_value_password(tail: str) -> None:
    password = "§PW§" + tail
    target = parse_target(f"host=db.example.org user=anna password='{password}'")
    assert isinstance(target, PostgresTarget)
    assert target.params["password"] == password
    assert "§PW§" not in target.display() and "§PW§" not in repr(target)


SCHEMA_NAMES = st.text(
    st.characters(exclude_characters="\0", exclude_categories=("Cs",)), min_size=1, max_size=63
).filter(lambda name: len(name.encode("utf-8")) <= libpq_text.MAX_IDENTIFIER_BYTES)
ODD_NAMES = st.one_of(
    SCHEMA_NAMES,
    st.lists(st.sampled_from(['"', " ", "\\", ",", "'", "=", "$", "A", "é", "\t", "職"]))
    .map("".join)
    .filter(bool),
).filter(lambda name: name != "$user")  # the role's own schema, refused as a name


@settings(max_examples=examples(300), phases=NO_EXPLAIN)
@given(name=ODD_NAMES)
def test_a_schema_name_survives_the_uri_libpq_and_options(name: str) -> None:
    """search=NAME in the URI -> the target's schema -> libpq's own key=value text and parser
    (psycopg.conninfo, which calls PQconninfoParse) -> the server's reading of options."""
    target = parse_target(f"postgresql:///jobs?search={quote(name, safe='')}")
    assert isinstance(target, PostgresTarget)
    assert target.schema == name
    params = target.connect_params()
    through_libpq = libpq.conninfo_to_dict(libpq.make_conninfo(**params))
    options = str(through_libpq["options"])
    assert libpq_text.schema_from_options(options) == name
    assert options.endswith("-ctimezone=UTC")
    # The schema is one server argument: the escaped spaces keep it whole.
    arguments = libpq_text.split_options(options)
    assert len(arguments) == 2
    assert arguments[1] == "-ctimezone=UTC"
