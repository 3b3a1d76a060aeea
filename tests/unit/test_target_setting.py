"""Choosing the database (issue 16, item 1): ``--database`` > ``AFTERVIEW_DATABASE`` > the
setting kept in the config directory's storage.ini > the SQLite file in the data directory;
the setting is written privately (0600), whole, and never with a password."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from afterview.store.target import (
    PostgresTarget,
    SqliteTarget,
    TargetError,
    resolve_target,
    save_target,
    saved_allow_insecure,
)
from tests.unit.target_env import isolated, write_private


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    with isolated(tmp_path, monkeypatch) as home:
        yield home


def test_explicit_beats_the_environment_beats_the_setting_beats_sqlite(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = tmp_path / "data" / "afterview.db"
    config = tmp_path / "config"
    assert resolve_target(default, config, None) == SqliteTarget(default)
    save_target(config, "postgresql://anna@db.example.org/jobs")
    assert postgres_of(resolve_target(default, config, None)).given == (
        "postgresql://anna@db.example.org/jobs"
    )
    monkeypatch.setenv("AFTERVIEW_DATABASE", "sqlite:/srv/env.db")
    assert resolve_target(default, config, None) == SqliteTarget(Path("/srv/env.db"))
    assert resolve_target(default, config, "sqlite:/srv/cli.db") == SqliteTarget(
        Path("/srv/cli.db")
    )
    monkeypatch.setenv("AFTERVIEW_DATABASE", "")
    save_target(config, None)
    assert resolve_target(default, config, None) == SqliteTarget(default)


def postgres_of(target: SqliteTarget | PostgresTarget) -> PostgresTarget:
    assert isinstance(target, PostgresTarget)
    return target


def test_a_bad_text_says_where_it_came_from(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "storage.ini").write_text("[storage]\ndatabase = mysql://x\n", encoding="utf-8")
    with pytest.raises(TargetError, match=r"saved in .*storage\.ini.*mysql://"):
        resolve_target(tmp_path / "a.db", config, None)
    (config / "storage.ini").write_text(
        "[storage]\ndatabase = postgresql://anna:hunter2@db/jobs\n", encoding="utf-8"
    )
    with pytest.raises(TargetError, match="holds a password") as raised:
        resolve_target(tmp_path / "a.db", config, None)
    assert "hunter2" not in str(raised.value)
    monkeypatch.setenv("AFTERVIEW_DATABASE", "sqlite:")
    with pytest.raises(TargetError, match=r"^AFTERVIEW_DATABASE: sqlite: needs"):
        resolve_target(tmp_path / "a.db", config, None)


def test_the_setting_is_saved_privately_and_whole(home: Path, tmp_path: Path) -> None:
    config = tmp_path / "config"
    save_target(config, "  host=db.example.org sslmode=disable ", allow_insecure=True)
    path = config / "storage.ini"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(config.stat().st_mode) == 0o700
    assert path.read_text(encoding="utf-8") == (
        "[storage]\ndatabase = host=db.example.org sslmode=disable\nallow_insecure = yes\n\n"
    )
    assert saved_allow_insecure(config) is True
    assert os.listdir(config) == ["storage.ini"]  # no temporary file left behind
    save_target(config, None)
    assert saved_allow_insecure(config) is False
    assert "database" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text",
    [
        "postgresql://anna:hunter2@db.example.org/jobs",
        "host=db.example.org password=hunter2",
        "host=db.example.org password='hunter2'",
        "postgresql://db.example.org/jobs?password=hunter2",
    ],
)
def test_a_text_with_a_password_is_never_saved(home: Path, tmp_path: Path, text: str) -> None:
    with pytest.raises(TargetError, match="pgpass file or the keyring") as raised:
        save_target(tmp_path / "config", text)
    assert "hunter2" not in str(raised.value)
    assert not (tmp_path / "config" / "storage.ini").exists()


def test_a_service_file_password_does_not_stop_saving_its_name(home: Path, tmp_path: Path) -> None:
    """The service file is libpq's, not Afterview's: storage.ini holds only the name."""
    write_private(home / ".pg_service.conf", "[office]\nhost=db\npassword=hunter2\n")
    save_target(tmp_path / "config", "office")
    saved = (tmp_path / "config" / "storage.ini").read_text(encoding="utf-8")
    assert "office" in saved and "hunter2" not in saved


@pytest.mark.parametrize(
    ("text", "words"),
    [("sqlite:", "needs the path"), ("host=a\nport=5", "on one line"), ("nope", "no service")],
)
def test_texts_that_cannot_be_opened_are_not_saved(
    home: Path, tmp_path: Path, text: str, words: str
) -> None:
    with pytest.raises(TargetError, match=words):
        save_target(tmp_path / "config", text)
