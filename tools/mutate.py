"""`make mutate`: mutation testing of the rules with mutmut, one `mutmut run` per module.

The modules and the tests come from ``[tool.mutmut]`` in pyproject.toml and nowhere else.
Each module is its own `mutmut run "<module>.*"`, and mutmut runs against each mutant only
the tests that call the mutated function, so one module at a time fits in a session and a
module can be re-run alone:

    python tools/mutate.py                      # every module, from scratch
    python tools/mutate.py calendar reminders   # just these, keeping the other results

The hypothesis profile "mutate" (tests/conftest.py) keeps the properties small. At the end
it prints the number of mutants and the score per module and overall, then every survivor
(`mutmut show NAME` prints its diff). Exit status 1 when the overall score is below 90 %.
"""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
REQUIRED_SCORE = 90.0
#: mutmut's exit codes for a mutant the tests noticed: a failure (1), pytest's internal
#: error (3), or a run stopped for taking too long (CPU limit) or crashing.
DETECTED = {1: "killed", 3: "killed", 24: "timeout", -24: "timeout", 36: "timeout",
            152: "timeout", 255: "timeout", -9: "crashed", -11: "crashed"}  # fmt: skip
NAMES = {0: "survived", 5: "no tests", 33: "no tests", None: "not checked"}


@dataclass
class Result:
    module: str
    counts: dict[str, int] = field(default_factory=dict)
    survivors: list[str] = field(default_factory=list)
    seconds: float | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def detected(self) -> int:
        return sum(n for status, n in self.counts.items() if status in set(DETECTED.values()))

    @property
    def score(self) -> float:
        return 100.0 * self.detected / self.total if self.total else 100.0


def configured_files() -> list[Path]:
    """The source files ``only_mutate`` names (relative to the checkout), in order."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    patterns = config["mutmut"]["only_mutate"]
    files = sorted(
        path.relative_to(ROOT)
        for path in (ROOT / "src").rglob("*.py")
        if any(fnmatch.fnmatch(str(path.relative_to(ROOT)), p) for p in patterns)
    )
    # mutmut 3 mutates functions only: a module without one has no mutants.
    return [p for p in files if "def " in (ROOT / p).read_text(encoding="utf-8")]


def module_name(path: Path) -> str:
    return ".".join(path.relative_to("src").with_suffix("").parts)


def result_of(path: Path) -> Result:
    """What mutmut recorded for one module (its ``.meta`` file beside the mutated copy)."""
    result = Result(module_name(path))
    meta = MUTANTS / f"{path}.meta"
    if not meta.exists():
        return result
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    for name, code in sorted(codes.items()):
        status = DETECTED.get(code) or NAMES.get(code, f"exit {code}")
        result.counts[status] = result.counts.get(status, 0) + 1
        if status not in DETECTED.values():
            result.survivors.append(f"{name} ({status})")
    return result


def has_no_mutants(path: Path) -> bool:
    """mutmut 3 leaves decorated functions alone (properties, caches): a module of those has
    no mutants. Known once a first run has generated every module's mutants."""
    meta = MUTANTS / f"{path}.meta"
    return meta.exists() and not json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]


def run_module(path: Path) -> float | None:
    """One `mutmut run` over the module's mutants (None: it has none); its output goes to
    mutants/logs/."""
    if has_no_mutants(path):
        return None
    logs = MUTANTS / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"{module_name(path)}.log"
    env = {**os.environ, "AFTERVIEW_HYPOTHESIS_PROFILE": "mutate"}
    mutmut = Path(sys.executable).with_name("mutmut")
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [str(mutmut), "run", f"{module_name(path)}.*"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if done.returncode != 0:
        if has_no_mutants(path):
            return None
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        sys.exit(f"mutmut failed on {module_name(path)} (see {log}):\n{tail}")
    return time.monotonic() - started


def minutes(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds / 60:5.1f} min"


def main(argv: list[str]) -> int:
    files = configured_files()
    chosen = files
    if argv:
        chosen = [p for p in files if p.stem in argv or module_name(p) in argv]
        unknown = set(argv) - {p.stem for p in chosen} - {module_name(p) for p in chosen}
        if unknown:
            print(f"not in [tool.mutmut] only_mutate: {', '.join(sorted(unknown))}")
            return 2
    else:
        shutil.rmtree(MUTANTS, ignore_errors=True)  # a full run starts from scratch
    seconds: dict[Path, float] = {}
    for path in chosen:
        print(f"mutating {module_name(path)} ...", flush=True)
        took = run_module(path)
        if took is None:
            print("  no mutants (mutmut 3 mutates undecorated functions only)", flush=True)
            continue
        seconds[path] = took
        result = result_of(path)
        print(f"  {result.total} mutants, {result.score:.1f} % killed, "
              f"{minutes(took).strip()}", flush=True)  # fmt: skip

    results = []
    for path in files:
        result = result_of(path)
        result.seconds = seconds.get(path)
        if result.total:
            results.append(result)
    print()
    print(f"{'module':<34} {'mutants':>7} {'killed':>7} {'timeout':>7} {'survived':>8} "
          f"{'score':>7} {'time':>9}")  # fmt: skip
    for r in results:
        others = r.total - r.counts.get("killed", 0) - r.counts.get("timeout", 0)
        print(f"{r.module:<34} {r.total:>7} {r.counts.get('killed', 0):>7} "
              f"{r.counts.get('timeout', 0):>7} {others:>8} {r.score:>6.1f}% "
              f"{minutes(r.seconds):>9}")  # fmt: skip
    total = sum(r.total for r in results)
    detected = sum(r.detected for r in results)
    score = 100.0 * detected / total if total else 0.0
    print(f"{'all':<34} {total:>7} {'':>7} {'':>7} {total - detected:>8} {score:>6.1f}% "
          f"{minutes(sum(seconds.values()) or None):>9}")  # fmt: skip
    survivors = [name for r in results for name in r.survivors]
    if survivors:
        print(f"\n{len(survivors)} not killed (`.venv/bin/mutmut show NAME` shows one):")
        for name in survivors:
            print(f"  {name}")
    print(f"\nMutation score: {score:.1f} % of {total} mutants (required: {REQUIRED_SCORE:.0f} %)")
    return 0 if score >= REQUIRED_SCORE else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
