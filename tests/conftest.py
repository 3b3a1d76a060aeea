"""Shared fixtures: every test gets its own data directory; Qt runs offscreen unless a
desktop test provides a real X server."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings

# The run's own checks: CI=true forbids skips (tests/infra/ci_gate.py), the time per directory
# is printed at the end (tests/infra/dir_times.py), a test that hangs stops the run with its
# stacks (tests/infra/hang_guard.py); pytester tests them.
# The store, CLI and window suites run on SQLite and on PostgreSQL (tests/backends.py).
pytest_plugins = [
    "pytester",
    "tests.infra.ci_gate",
    "tests.infra.dir_times",
    "tests.infra.hang_guard",
    "tests.backends",
]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: The user's own config folder, which no test may write (the tray's login entry lives there).
REAL_CONFIG = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
# Module- and session-scoped fixtures run before the per-test ``config_home`` below: a store
# one of them fills with real interviews turned on the tray's login entry in the real
# ~/.config. The whole session gets a folder of its own first.
_SESSION_CONFIG = tempfile.mkdtemp(prefix="afterview-tests-config-")
os.environ["XDG_CONFIG_HOME"] = _SESSION_CONFIG
atexit.register(shutil.rmtree, _SESSION_CONFIG, True)

#: ``make mutate`` sets this to "mutate": few examples, always the same ones (so a score is
#: repeatable), no shrinking and no explaining, because one failing example kills a mutant and
#: a shrink costs minutes on a property that opens a database. Loaded here, before any test
#: module is imported, so it is the default for every @given.
HYPOTHESIS_PROFILE = "AFTERVIEW_HYPOTHESIS_PROFILE"
settings.register_profile(
    "mutate",
    max_examples=12,
    derandomize=True,
    database=None,
    deadline=None,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)
#: Every other run: Hypothesis's defaults without its 200-ms deadline per example. Properties
#: here open real databases and windows on a shared 2-core machine, where one example took
#: 650 ms under load and failed CI; speed is measured in bench/, never by a timed test.
settings.register_profile("afterview", deadline=None)
settings.load_profile(os.environ.get(HYPOTHESIS_PROFILE, "afterview"))

SAMPLE = Path(__file__).with_name("data") / "sample.json"


@pytest.fixture(scope="session", autouse=True)
def real_config_untouched() -> Iterator[None]:
    """Fails the run when any test wrote the user's own login entry for the tray."""
    entry = REAL_CONFIG / "autostart" / "afterview-tray.desktop"

    def seen() -> int | None:
        return entry.stat().st_mtime_ns if entry.exists() else None

    before = seen()
    yield
    assert seen() == before, f"a test wrote the user's own {entry}"


@pytest.fixture(autouse=True)
def config_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test writes the tray's login entry (and anything else under the XDG config
    directory) into a folder of its own, never the real ~/.config."""
    config = tmp_path_factory.mktemp("xdg-config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return config


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str) -> Path:
    """The test's own data directory; its database is the SQLite file in it, or, for the
    ``[postgresql]`` run of a test in the two-backend suites, a database on the test server
    (tests/backends.py)."""
    directory = tmp_path / "data"
    # Nothing a test does may reach the real user data directory.
    monkeypatch.setenv("AFTERVIEW_DATA_DIR", str(directory))
    return directory


@pytest.fixture
def sample_document() -> dict[str, Any]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the ``afterview`` command in-process; returns (exit status, stdout, stderr)."""
    from afterview.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        status = main(["--data-dir", str(data_dir), *args])
        out, err = capsys.readouterr()
        return status, out, err

    return run


@pytest.fixture
def sample_json() -> Path:
    return SAMPLE
