"""``--database sqlite:PATH`` (and ``AFTERVIEW_DATABASE``) opens the SQLite file at PATH, not
the data directory's: the data directory still holds the settings and the backups."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from afterview import paths

#: About which SQLite file is opened.
pytestmark = pytest.mark.sqlite_only


def test_the_command_line_opens_the_file_it_names(
    data_dir: Path, tmp_path: Path, cli: Callable[..., tuple[int, str, str]], sample_json: Path
) -> None:
    chosen = tmp_path / "elsewhere" / "search.sqlite3"
    chosen.parent.mkdir()
    status, _out, err = cli("--database", f"sqlite:{chosen}", "import", "json", str(sample_json))
    assert status == 0, err
    assert chosen.stat().st_size > 0
    assert not (data_dir / "afterview.sqlite3").exists()
    status, out, err = cli("--database", f"sqlite:{chosen}", "steps")
    assert status == 0, err
    assert "Acme" in out


def test_the_environment_chooses_a_file_too(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AFTERVIEW_DATABASE", f"sqlite:{tmp_path / 'b.sqlite3'}")
    assert paths.resolve(data_dir).database == tmp_path / "b.sqlite3"
    # --database wins over the environment.
    assert paths.resolve(data_dir, f"sqlite:{tmp_path / 'c.sqlite3'}").database == (
        tmp_path / "c.sqlite3"
    )
    monkeypatch.delenv("AFTERVIEW_DATABASE")
    assert paths.resolve(data_dir).database == data_dir / "afterview.sqlite3"
