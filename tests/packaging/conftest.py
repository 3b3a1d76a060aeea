"""The PyInstaller bundle, built once per test session with `make dist`."""

from __future__ import annotations

import platform
import subprocess
from pathlib import Path

import pytest

import afterview

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def release() -> Path:
    """The assembled release folder (bundle, install.sh, share/) of a fresh `make dist`."""
    result = subprocess.run(
        ["make", "dist"], cwd=ROOT, capture_output=True, text=True, timeout=1200
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # This version's folder: an earlier version's build may still lie beside it in dist/.
    folder = ROOT / "dist" / f"afterview-{afterview.__version__}-linux-{platform.machine()}"
    assert folder.is_dir(), sorted((ROOT / "dist").iterdir())
    return folder


# The session's X server, shared with the desktop tests.
from tests.desktop.conftest import xvfb  # noqa: E402, F401
from tests.desktop.tray.conftest import notification_server, session_bus  # noqa: E402, F401
