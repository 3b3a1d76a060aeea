"""The time-per-directory summary (tests/infra/dir_times.py) on a small suite of its own."""

from __future__ import annotations

import re

import pytest

PLUGIN = (
    "-p", "tests.infra.dir_times", "-p", "no:cacheprovider", "--import-mode=importlib",
)  # fmt: skip
#: The seconds each phase of a test stands for, given by a mark rather than spent sleeping: the
#: small suite's conftest writes them into the reports the plugin reads.
CONFTEST = """
import pytest

@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    mark = item.get_closest_marker("seconds")
    report.duration = mark.kwargs.get(call.when, 0.0) if mark else 0.0
    return report
"""


def _line(text: str, name: str) -> tuple[int, float]:
    found = re.search(rf"^\s*{re.escape(name)}\s+(\d+)\s+([\d.]+)", text, re.MULTILINE)
    assert found, f"no line for {name} in:\n{text}"
    return int(found.group(1)), float(found.group(2))


def test_each_directory_shows_its_tests_and_seconds(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makeini("[pytest]\ntestpaths = tests\nmarkers = seconds: phase durations\n")
    pytester.makeconftest(CONFTEST)
    files = {
        "tests/unit/test_u.py": "@seconds(call=1.5)\ndef test_a():\n    pass\n\n"
        "@seconds(setup=0.5, call=1.0, teardown=0.5)\ndef test_b():\n    pass\n",
        "tests/desktop/test_d.py": "@seconds(call=10.0)\ndef test_window():\n    pass\n",
        # A failed test counts too.
        "tests/desktop/tray/test_t.py": "@seconds(setup=4.0, call=20.0)\ndef test_tray():\n"
        "    pass\n\n@seconds(call=1.0)\ndef test_fails():\n    assert False\n",
        "tests/desktop/letters/deep/test_l.py": "@seconds(call=3.0)\ndef test_letter():\n"
        "    pass\n",
    }
    for name, body in files.items():
        path = pytester.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("import pytest\n\nseconds = pytest.mark.seconds\n\n" + body)
    result = pytester.runpytest(*PLUGIN)
    result.assert_outcomes(passed=5, failed=1)
    out = result.stdout.str()
    out = out[out.index("time per test directory") :]
    assert _line(out, "tests/unit") == (2, 3.5)
    # A directory counts its subdirectories; the setup of a fixture counts with its test.
    assert _line(out, "tests/desktop") == (4, 38.0)
    assert _line(out, "tests/desktop/tray") == (2, 25.0)
    # Deeper than tests/<dir>/<subdir>: counted in the subdirectory, no line of its own.
    assert _line(out, "tests/desktop/letters") == (1, 3.0)
    assert "tests/desktop/letters/deep" not in out
    assert _line(out, "total") == (6, 41.5)
    lines = out.splitlines()
    names = [line.split()[0] for line in lines[2:7]]
    assert names == [
        "tests/desktop",
        "tests/desktop/letters",
        "tests/desktop/tray",
        "tests/unit",
        "total",
    ]
