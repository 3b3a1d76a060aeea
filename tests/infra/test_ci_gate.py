"""The CI gate (tests/infra/ci_gate.py) run on small suites of its own with pytester: under
CI=true every way a test can avoid running fails the run; without CI it does not."""

from __future__ import annotations

import json

import pytest

GATE = ("-p", "tests.infra.ci_gate", "-p", "no:cacheprovider", "--import-mode=importlib")
SKIP_ONE = """
import pytest

def test_runs():
    pass

def test_needs_a_tool():
    pytest.skip("frobnicate is not installed")
"""


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project with tests/unit (2 tests) and tests/desktop (1 test), minimums 2 and 1."""
    pytester.makeini("[pytest]\ntestpaths = tests\n")
    pytester.mkdir("tests")
    pytester.mkdir("tests/unit")
    pytester.mkdir("tests/desktop")
    (pytester.path / "tests" / "unit" / "test_a.py").write_text(
        "def test_one():\n    pass\n\ndef test_two():\n    pass\n"
    )
    (pytester.path / "tests" / "desktop" / "test_b.py").write_text("def test_three():\n    pass\n")
    minimum(pytester, {"tests/unit": 2, "tests/desktop": 1})
    return pytester


def minimum(pytester: pytest.Pytester, counts: dict[str, int]) -> None:
    (pytester.path / "tests" / "collected-minimum.json").write_text(json.dumps(counts))


def run(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, ci: str | None, *args: str
) -> pytest.RunResult:
    # The suite's own plugins (Qt, hypothesis) are not part of these small suites; loading
    # them afresh in every inner run costs a second each.
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    return pytester.runpytest(*GATE, *args)


def test_a_clean_run_passes_under_ci_and_says_so(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run(suite, monkeypatch, "true")
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["CI=true: no skip, xfail or deselection; counts met"])


@pytest.mark.parametrize("ci", ["true", "TRUE", "1"])
def test_a_skip_fails_the_run_under_ci(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, ci: str
) -> None:
    (suite.path / "tests" / "unit" / "test_tool.py").write_text(SKIP_ONE)
    result = run(suite, monkeypatch, ci)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=4, skipped=1)
    result.stdout.fnmatch_lines(
        [
            "*CI=true: this run fails*",
            "skipped (call): tests/unit/test_tool.py::test_needs_a_tool: "
            "frobnicate is not installed",
        ]
    )


@pytest.mark.parametrize("ci", [None, "", "false"])
def test_the_same_skip_passes_without_ci(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, ci: str | None
) -> None:
    (suite.path / "tests" / "unit" / "test_tool.py").write_text(SKIP_ONE)
    result = run(suite, monkeypatch, ci)
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=4, skipped=1)
    assert "CI=true" not in result.stdout.str()


def test_a_skipif_mark_and_a_skipping_fixture_fail_under_ci(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    (suite.path / "tests" / "unit" / "test_marks.py").write_text(
        "import pytest\n\n"
        "@pytest.fixture\ndef display():\n    pytest.skip('no X server')\n\n"
        "@pytest.mark.skipif(True, reason='no poppler')\ndef test_marked():\n    pass\n\n"
        "def test_fixture(display):\n    pass\n"
    )
    result = run(suite, monkeypatch, "true")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        [
            "skipped (setup): tests/unit/test_marks.py::test_marked: no poppler",
            "skipped (setup): tests/unit/test_marks.py::test_fixture: no X server",
        ]
    )


def test_xfail_and_xpass_fail_under_ci(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    (suite.path / "tests" / "unit" / "test_x.py").write_text(
        "import pytest\n\n"
        "@pytest.mark.xfail(reason='known bug')\ndef test_fails():\n    assert False\n\n"
        "@pytest.mark.xfail(reason='fixed?')\ndef test_passes():\n    pass\n\n"
        "def test_imperative():\n    pytest.xfail('later')\n"
    )
    result = run(suite, monkeypatch, "true")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=3, xfailed=2, xpassed=1)
    result.stdout.fnmatch_lines_random(
        [
            "xfailed: tests/unit/test_x.py::test_fails: known bug",
            "xpassed: tests/unit/test_x.py::test_passes: fixed?",
            "xfailed: tests/unit/test_x.py::test_imperative: later",
        ]
    )
    monkeypatch.delenv("CI")
    assert suite.runpytest(*GATE).ret == pytest.ExitCode.OK


@pytest.mark.parametrize(
    "args",
    [("-k", "not two"), ("-m", "not slow"), ("--deselect", "tests/unit/test_a.py::test_two")],
)
def test_a_deselected_test_fails_under_ci(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, args: tuple[str, str]
) -> None:
    suite.makeini("[pytest]\ntestpaths = tests\nmarkers = slow: slow\n")
    (suite.path / "tests" / "unit" / "test_a.py").write_text(
        "import pytest\n\ndef test_one():\n    pass\n\n"
        "@pytest.mark.slow\ndef test_two():\n    pass\n"
    )
    result = run(suite, monkeypatch, "true", *args)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=2, deselected=1)
    result.stdout.fnmatch_lines(["deselected: tests/unit/test_a.py::test_two"])
    assert run(suite, monkeypatch, None, *args).ret == pytest.ExitCode.OK


@pytest.mark.parametrize(
    "module_head",
    [
        "import pytest\npytest.importorskip('a_module_nobody_has')\n",
        "import pytest\npytest.skip('no trayer', allow_module_level=True)\n",
        "import pytest\npytestmark = pytest.mark.skip(reason='whole module')\n",
    ],
    ids=["importorskip", "skip", "pytestmark"],
)
def test_a_module_level_skip_fails_under_ci(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, module_head: str
) -> None:
    (suite.path / "tests" / "desktop" / "test_tray.py").write_text(
        module_head + "\ndef test_tray():\n    pass\n"
    )
    result = run(suite, monkeypatch, "true")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*tests/desktop/test_tray.py*"])
    assert "CI=true: this run fails" in result.stdout.str()
    assert run(suite, monkeypatch, None).ret == pytest.ExitCode.OK


def test_fewer_tests_than_the_committed_minimum_fail_under_ci(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    minimum(suite, {"tests/unit": 3, "tests/desktop": 1})
    result = run(suite, monkeypatch, "true")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["tests/unit: 2 tests collected, the committed minimum is 3"])
    assert "tests/desktop:" not in result.stdout.str()
    assert run(suite, monkeypatch, None).ret == pytest.ExitCode.OK


def test_a_subdirectory_and_a_missing_directory_are_held_to_their_minimum(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    suite.mkdir("tests/desktop/tray")
    (suite.path / "tests" / "desktop" / "tray" / "test_c.py").write_text(
        "def test_c():\n    pass\n"
    )
    minimum(suite, {"tests/desktop": 2, "tests/desktop/tray": 2, "tests/packaging": 1})
    result = run(suite, monkeypatch, "true")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    out = result.stdout.str()
    assert "tests/desktop: " not in out  # 2 of 2, counting its subdirectory
    result.stdout.fnmatch_lines_random(
        [
            "tests/desktop/tray: 1 tests collected, the committed minimum is 2",
            "tests/packaging: 0 tests collected, the committed minimum is 1",
        ]
    )


def test_a_run_of_one_file_is_not_held_to_the_directory_minimum(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    minimum(suite, {"tests/unit": 50, "tests/desktop": 50})
    result = run(suite, monkeypatch, "true", "tests/unit/test_a.py")
    assert result.ret == pytest.ExitCode.OK
    # ...but a run of the directory is.
    result = run(suite, monkeypatch, "true", "tests/unit")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["tests/unit: 2 tests collected, the committed minimum is 50"])
    assert "tests/desktop:" not in result.stdout.str()


@pytest.mark.parametrize("content", [None, "not json", '{"tests/unit": "many"}'])
def test_a_missing_or_broken_minimum_file_fails_under_ci(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, content: str | None
) -> None:
    path = suite.path / "tests" / "collected-minimum.json"
    if content is None:
        path.unlink()
    else:
        path.write_text(content)
    result = run(suite, monkeypatch, "true")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*collected-minimum.json*"])


def test_an_interrupted_run_keeps_its_own_exit_status(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    (suite.path / "tests" / "unit" / "test_tool.py").write_text(
        SKIP_ONE + "\ndef test_stop():\n    pytest.exit('enough', returncode=3)\n"
    )
    result = run(suite, monkeypatch, "true")
    assert result.ret == 3  # pytest.exit's own status, not turned into 1
