"""The store's seam (issue 11, item 3): ``ui/``, ``tray/``, ``letters/``, ``interop/``,
``notify/``, the self-test and the command line reach the data only through the store's
operations, so none of them can hold a session, a row or a database error.

Checked on the import graph, not by grepping: each module is imported in a fresh process, and
the test fails when SQLAlchemy, the store's table mappings or a module built on them became
reachable from it. (The store's own modules load SQLAlchemy when a store is opened, which the
modules here do through afterview.store.api at run time, never at import.)
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import afterview
import afterview.interop
import afterview.letters
import afterview.notify
import afterview.tray
import afterview.ui

PACKAGES = (afterview.ui, afterview.tray, afterview.letters, afterview.interop, afterview.notify)
ALONE = ("afterview.cli", "afterview.selftest", "afterview.ipc", "afterview.paths")
#: Reachable from none of them: the database library, and the store modules that hold rows
#: or sessions (every store module that imports SQLAlchemy at import time).
FORBIDDEN_ROOTS = ("sqlalchemy", "alembic")

PROBE = f"""
import importlib, json, sys
importlib.import_module(sys.argv[1])
store_on_sqlalchemy = []
for name, module in list(sys.modules.items()):
    if name.startswith("afterview.store.") and module is not None:
        source = getattr(module, "__file__", "") or ""
        if source.endswith(".py") and "sqlalchemy" in open(source, encoding="utf-8").read():
            store_on_sqlalchemy.append(name)
print(json.dumps({{
    "libraries": sorted(m for m in sys.modules if m.split(".")[0] in {FORBIDDEN_ROOTS!r}),
    "store": sorted(store_on_sqlalchemy),
}}))
"""


def _modules() -> list[str]:
    found = list(ALONE)
    for package in PACKAGES:
        found.append(package.__name__)
        found += [
            info.name for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
        ]
    return found


def _reachable(module: str) -> dict[str, list[str]]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, module],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, f"{module} does not import: {result.stderr}"
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_nothing_outside_the_store_reaches_the_database_library() -> None:
    modules = _modules()
    assert "afterview.ui.workspace" in modules and "afterview.tray.app" in modules
    assert "afterview.interop.csv_export" in modules and "afterview.letters.command" in modules
    with ThreadPoolExecutor(max_workers=4) as pool:
        reached = dict(zip(modules, pool.map(_reachable, modules), strict=True))
    leaks = {name: found for name, found in reached.items() if found["libraries"] or found["store"]}
    assert leaks == {}


def test_the_probe_sees_a_leak() -> None:
    """The check itself can fail: a module that does reach SQLAlchemy is caught."""
    found = _reachable("afterview.store.operations")
    assert "sqlalchemy" in found["libraries"]
    assert "afterview.store.models" in found["store"]
