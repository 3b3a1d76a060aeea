"""``make fuzz``: coverage-guided fuzzing of each importer with Atheris (libFuzzer), for
``--seconds`` each, from seed corpora of valid files; a crash is saved under
build/fuzz/crashes/NAME/ and fails the run. Without Atheris (it did not install), a long
hypothesis run of tests/unit/test_fuzz_*.py instead (``--examples`` per property).

Not part of ``make test``: pytest collects tests/ only (pyproject's testpaths), and nothing
here is named test_*.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUILD = ROOT / "build" / "fuzz"
#: name -> (seed maker in common.py, the longest input libFuzzer makes, in bytes)
HARNESSES = {
    "json": ("seed_json", 64 * 1024),
    "vcard": ("seed_vcf", 64 * 1024),
    "restore": ("seed_database", 512 * 1024),
    "invitation": ("seed_invitation", 64 * 1024),
    "email": ("seed_email", 64 * 1024),
    "posting": ("seed_posting", 128 * 1024),
}


def have_atheris() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


def run_atheris(names: list[str], seconds: int) -> int:
    sys.path.insert(0, str(HERE))
    import common

    failed = []
    for name in names:
        seed, max_len = HARNESSES[name]
        corpus = BUILD / "corpus" / name
        getattr(common, seed)(corpus)
        crashes = BUILD / "crashes" / name
        crashes.mkdir(parents=True, exist_ok=True)
        print(f"fuzz {name}: {seconds} s from {corpus}", flush=True)
        status = subprocess.call(
            [
                sys.executable,
                str(HERE / f"fuzz_{name}.py"),
                str(corpus),
                f"-max_total_time={seconds}",
                f"-max_len={max_len}",
                "-rss_limit_mb=2048",
                "-timeout=30",
                f"-artifact_prefix={crashes}/",
                "-print_final_stats=1",
            ],
            cwd=HERE,
        )
        if status != 0:
            failed.append(name)
    if failed:
        print(f"fuzz: crashes in {', '.join(failed)}; inputs in {BUILD / 'crashes'}")
        return 1
    print("fuzz: no crash")
    return 0


def run_hypothesis(examples: int) -> int:
    """The fuzz tests under a profile of ``examples`` per property, no shrink time limit."""
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "fuzz",
        max_examples=examples,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.function_scoped_fixture,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )
    os.environ["AFTERVIEW_HYPOTHESIS_PROFILE"] = "fuzz"
    import pytest

    fuzz_tests = sorted(
        str(path.relative_to(ROOT)) for path in ROOT.glob("tests/unit/test_fuzz_*.py")
    )
    return pytest.main(["-q", "-p", "no:cacheprovider", *fuzz_tests])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=300, help="per importer (Atheris)")
    parser.add_argument("--examples", type=int, default=20_000, help="per property (hypothesis)")
    parser.add_argument("names", nargs="*", help=f"some of: {', '.join(HARNESSES)} (all)")
    args = parser.parse_args()
    unknown = sorted(set(args.names) - set(HARNESSES))
    if unknown:
        parser.error(f"no harness {unknown[0]!r}; there are {', '.join(HARNESSES)}")
    os.chdir(ROOT)
    if have_atheris():
        return run_atheris(args.names or list(HARNESSES), args.seconds)
    print("fuzz: Atheris is not installed; a long hypothesis run instead", flush=True)
    return run_hypothesis(args.examples)


if __name__ == "__main__":
    sys.exit(main())
