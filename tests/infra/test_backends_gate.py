"""The two-backend gate (tests/backends.py) on small suites of its own with pytester: a run
in which fewer tests passed on PostgreSQL than on SQLite fails, whatever else happened."""

from __future__ import annotations

import pytest

PLUGIN = ("-p", "tests.backends", "-p", "no:cacheprovider", "--import-mode=importlib")
#: The real fixture starts a server; these suites only need the parameter.
CONFTEST = """
import pytest

@pytest.fixture
def backend(request):
    return request.param
"""


def _suite(pytester: pytest.Pytester, body: str) -> pytest.RunResult:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(
        test_both="import pytest\n\n"
        '@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)\n' + body
    )
    return pytester.runpytest(*PLUGIN)


def test_as_many_on_each_backend_passes(pytester: pytest.Pytester) -> None:
    result = _suite(pytester, "def test_store(backend):\n    assert backend\n")
    assert result.ret == 0
    result.stdout.fnmatch_lines(["sqlite*1 passed", "postgresql*1 passed"])


def test_a_postgresql_skip_fails_the_run(pytester: pytest.Pytester) -> None:
    result = _suite(
        pytester,
        "def test_store(backend):\n"
        "    if backend == 'postgresql':\n"
        "        pytest.skip('no server')\n",
    )
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*fewer tests passed on PostgreSQL than on SQLite*"])


def test_running_only_the_sqlite_half_fails_the_run(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(
        test_both="import pytest\n\n"
        '@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)\n'
        "def test_store(backend):\n    assert backend\n"
    )
    result = pytester.runpytest(*PLUGIN, "-k", "sqlite")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
