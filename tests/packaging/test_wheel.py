"""Afterview installed from its wheel, as `pip install afterview` would, works on its own:
outside the checkout, it renders a letter to PDF and passes its self-test.

The wheels come from `make wheelhouse` (run by `make test` before pytest), because pytest runs
without a network: this test installs with --no-index from build/wheelhouse only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.packaging]

ROOT = Path(__file__).resolve().parents[2]
WHEELHOUSE = ROOT / "build" / "wheelhouse"
SAMPLE = ROOT / "tests" / "data" / "sample.json"


def _env(home: Path) -> dict[str, str]:
    """A user's environment: no Python settings of ours, no pip configuration, no checkout."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_", "AFTERVIEW_", "XDG_"))
    }
    env.update(
        HOME=str(home),
        PIP_CONFIG_FILE=os.devnull,  # the machine's pip settings could add other wheel sources
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        QT_QPA_PLATFORM="offscreen",
        LC_ALL="C.UTF-8",
    )
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh venv outside the checkout with Afterview installed from the wheelhouse."""
    stale = subprocess.run(
        ["make", "--question", "build/wheelhouse/.afterview"], cwd=ROOT, capture_output=True
    )
    assert stale.returncode == 0, (
        "build/wheelhouse is missing or older than the source: run `make wheelhouse` first "
        "(make test does; it needs the package registries, which pytest does not reach)"
    )
    place = tmp_path_factory.mktemp("wheel-user")
    env = _env(place)
    venv = place / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env, cwd=place)
    pip = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-index",
         "--find-links", str(WHEELHOUSE), "afterview"],
        capture_output=True, text=True, env=env, cwd=place, timeout=600,
    )  # fmt: skip
    assert pip.returncode == 0, pip.stdout + pip.stderr
    return venv, env


def test_the_wheel_is_what_runs(installed: tuple[Path, dict[str, str]]) -> None:
    venv, env = installed
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import afterview; print(afterview.__file__)"],
        capture_output=True, text=True, env=env, cwd=venv.parent, check=True,
    ).stdout.strip()  # fmt: skip
    assert Path(where).is_relative_to(venv / "lib"), where
    assert not Path(where).is_relative_to(ROOT), where


def test_a_letter_renders_to_pdf_from_the_wheel(installed: tuple[Path, dict[str, str]]) -> None:
    assert shutil.which("pdftotext"), "poppler-utils is needed (make test installs it)"
    venv, env = installed
    afterview = str(venv / "bin" / "afterview")
    data = venv.parent / "data"
    out = venv.parent / "thanks.pdf"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [afterview, "--data-dir", str(data), *args],
            capture_output=True, text=True, env=env, cwd=venv.parent, timeout=120,
        )  # fmt: skip

    imported = run("import", "json", str(SAMPLE))
    assert imported.returncode == 0, imported.stderr
    letter = run(
        "letter", "--interview", "acme-1", "--person", "Laura Chen",
        "--template", "thank_you_letter", "--pdf", str(out), "--date", "2026-11-21",
    )  # fmt: skip
    assert letter.returncode == 0, letter.stderr
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"],
        capture_output=True, text=True, check=True, timeout=30,
    ).stdout  # fmt: skip
    words = " ".join(text.split())
    # From tests/data/sample.json: the hiring manager, the interview and the date it was on.
    for expected in ("Laura Chen", "Engineering Manager", "Acme", "Backend Engineer"):
        assert expected in words, f"{expected!r} missing from the letter: {words}"
    assert "November 20, 2026" in words, words


def test_self_test_passes_from_the_wheel(installed: tuple[Path, dict[str, str]]) -> None:
    venv, env = installed
    result = subprocess.run(
        [str(venv / "bin" / "afterview"), "--self-test"],
        capture_output=True, text=True, env=env, cwd=venv.parent, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 failed" in result.stdout, result.stdout
    assert "FAIL" not in result.stdout, result.stdout
