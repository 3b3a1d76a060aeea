"""Skipping a test for a missing tool, as narrowly as the tool is needed.

Call :func:`need` at the point a test first uses the tool, never at module level: the rest
of the module (and of the test) still runs without it. Under CI=true any skip fails the run
(tests/infra/ci_gate.py); tools/ensure-debian-packages installs every tool named here.
"""

from __future__ import annotations

import shutil

import pytest


def need(*tools: str, package: str) -> None:
    """Skip the calling test unless every one of ``tools`` is on PATH."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(
            f"{' and '.join(missing)} not installed (Debian package {package}; "
            "`make test` installs it)"
        )
