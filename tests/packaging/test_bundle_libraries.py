"""The bundle holds only what runs: every shared library in it is loaded by something in it,
and everything its binaries link to is found.

What counts as loaded without being linked to (an entry point), read from each file itself:
- an executable: it has a program interpreter and no soname (libQt6Core has an interpreter
  too, so that it can be run to print its build, but it is a library and has a soname);
- a Python extension module: a file ``NAME.*.so`` that exports ``PyInit_NAME``, the symbol
  Python's import calls for it (libpython exports many PyInit_ too, for its built-in modules,
  but none named after the file);
- a Qt plugin: it exports ``qt_plugin_instance``, the symbol Qt's plugin loader calls;
- a library loaded by name at run time, listed in LOADED_BY_NAME with who loads it.
A shared library that no entry point needs, directly or through other libraries, is an orphan.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.packaging]

#: File-name prefix -> who loads it without a DT_NEEDED entry naming it.
LOADED_BY_NAME = {"libpython3.": "PyInstaller's bootloader opens the Python runtime it ships"}

_NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(.+?)\]")
_SONAME = re.compile(r"\(SONAME\)\s+Library soname: \[(.+?)\]")
# "  34: 0000000000002360   254 FUNC    GLOBAL DEFAULT   15 qt_plugin_instance@@Qt_6"
_SYMBOL = re.compile(r"^\s*\d+:\s+\S+\s+\S+\s+\S+\s+(?:GLOBAL|WEAK)\s+\S+\s+(\S+)\s+([^@\s]+)")


@dataclass(frozen=True)
class Binary:
    path: Path
    soname: str | None
    needed: tuple[str, ...]
    exports: frozenset[str]
    has_interpreter: bool

    @property
    def entry_point(self) -> str | None:
        """Why it is loaded without being linked to, or None for a library."""
        if self.has_interpreter and self.soname is None:
            return "executable"
        if f"PyInit_{self.path.name.split('.')[0]}" in self.exports:
            return "Python extension module"
        if "qt_plugin_instance" in self.exports:
            return "Qt plugin"
        for prefix, why in LOADED_BY_NAME.items():
            if self.path.name.startswith(prefix):
                return why
        return None


def _read(path: Path) -> Binary:
    out = subprocess.run(
        ["readelf", "-W", "--dynamic", "--program-headers", "--dyn-syms", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    soname = _SONAME.search(out)
    exports = frozenset(
        m.group(2)
        for m in map(_SYMBOL.match, out.splitlines())
        if m is not None and m.group(1) != "UND"
    )
    return Binary(
        path=path,
        soname=soname.group(1) if soname else None,
        needed=tuple(_NEEDED.findall(out)),
        exports=exports,
        has_interpreter="Requesting program interpreter" in out,
    )


def _binaries(bundle: Path) -> list[Binary]:
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as file:
            if file.read(4) == b"\x7fELF":
                found.append(_read(path))
    return found


@pytest.fixture(scope="module")
def binaries(release: Path) -> list[Binary]:
    found = _binaries(release / "afterview")
    assert len(found) > 50, [b.path.name for b in found]  # Qt, Python and its extension modules
    return found


def orphans(bundle: Path, binaries: list[Binary]) -> list[Path]:
    """The shared libraries no entry point needs, directly or through other libraries."""
    by_name: dict[str, list[Binary]] = {}
    real = {b.path: b for b in binaries}
    for b in binaries:
        for name in {b.path.name, b.soname or b.path.name}:
            by_name.setdefault(name, []).append(b)
    for link in bundle.rglob("*"):  # a library is also found under a symlink's name
        if link.is_symlink() and link.resolve() in real:
            by_name.setdefault(link.name, []).append(real[link.resolve()])
    reached: set[Path] = set()
    todo = [b for b in binaries if b.entry_point is not None]
    while todo:
        b = todo.pop()
        if b.path in reached:
            continue
        reached.add(b.path)
        for name in b.needed:
            todo.extend(by_name.get(name, []))
    return [b.path for b in binaries if b.path not in reached]


def test_every_bundled_library_is_loaded_by_something(
    release: Path, binaries: list[Binary]
) -> None:
    bundle = release / "afterview"
    kinds = {b.entry_point for b in binaries}
    # Each kind of entry point is there: a misread symbol table would otherwise make every
    # plugin look like an orphan, and a stale LOADED_BY_NAME would excuse nothing.
    expected = {"executable", "Python extension module", "Qt plugin", *LOADED_BY_NAME.values()}
    assert expected <= kinds, expected - kinds
    found = orphans(bundle, binaries)
    report = [f"{p.relative_to(bundle)} ({p.stat().st_size / 1e6:.2f} MB)" for p in found]
    assert not found, "bundled, but nothing in the bundle links to them: " + ", ".join(report)


def test_every_link_of_every_bundled_binary_resolves(release: Path, binaries: list[Binary]) -> None:
    bundle = release / "afterview"
    # The bootloader runs the app with the bundle's folder on the library path; ldd does the same.
    env = {"PATH": os.environ["PATH"], "LD_LIBRARY_PATH": str(bundle / "_internal")}
    missing = {}
    for b in binaries:
        out = subprocess.run(
            ["ldd", str(b.path)], capture_output=True, text=True, env=env, timeout=60
        ).stdout
        lost = sorted({line.split()[0] for line in out.splitlines() if "not found" in line})
        if lost:
            missing[str(b.path.relative_to(bundle))] = lost
    assert not missing, f"links nothing provides: {missing}"
