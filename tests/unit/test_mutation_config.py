"""`make mutate` measures what it says: the committed config names the modules, and no code
is hidden from mutmut."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: mutmut skips a line or block whose comment says this (in any spacing or case).
NO_MUTATE = re.compile(r"pragma\s*:.*no\s*mutate", re.IGNORECASE)


def _mutmut() -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    section: dict[str, object] = config["tool"]["mutmut"]
    return section


def test_no_source_file_opts_out_of_mutation() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "src").rglob("*"))
        if path.is_file() and path.suffix in {".py", ".pyi", ".cfg", ".toml"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if NO_MUTATE.search(line)
    ]
    assert found == []


def test_the_config_mutates_the_rules_and_excludes_nothing_inside_them() -> None:
    config = _mutmut()
    rules = ["src/afterview/domain/*.py", "src/afterview/store/reminders.py"]
    assert config["only_mutate"] == rules
    # Other ways to keep code from being mutated are not used either.
    assert not {"do_not_mutate", "do_not_mutate_patterns", "mutate_only_covered_lines"} & set(
        config
    )
    assert not (ROOT / "setup.cfg").exists()  # mutmut would read [mutmut] there too
    selection = config["pytest_add_cli_args_test_selection"]
    assert isinstance(selection, list) and selection
    assert all((ROOT / test).is_file() for test in selection), selection


def test_make_mutate_is_its_own_target_not_part_of_make_test() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^mutate: venv\n\t\$\(BIN\)/python tools/mutate.py", makefile, re.M)
    (test_target,) = re.findall(r"^test:(.*)$", makefile, re.M)
    assert "mutate" not in test_target
