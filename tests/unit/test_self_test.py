"""``afterview --self-test`` from the venv: every check passes (the packaging tests run it
from the wheel and the bundle too, but only `make test`'s slower half reaches them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_every_check_of_the_self_test_passes(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "AFTERVIEW_DATABASE"}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "xdg"))
    done = subprocess.run(
        [sys.executable, "-m", "afterview", "--self-test"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "FAIL" not in done.stdout
    assert " 0 failed" in done.stdout
    assert "ok    PostgreSQL driver: psycopg" in done.stdout
    assert "ok    charts: funnel chart" in done.stdout
