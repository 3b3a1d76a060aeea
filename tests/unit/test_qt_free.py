"""The rule of direction: domain/ and store/ never import Qt (ARCHITECTURE.md)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import afterview.domain
import afterview.store


def _modules(package: object) -> list[str]:
    path = package.__path__  # type: ignore[attr-defined]
    prefix = package.__name__ + "."  # type: ignore[attr-defined]
    return [
        info.name for info in pkgutil.walk_packages(path, prefix) if ".migrations" not in info.name
    ]


def test_domain_and_store_load_no_qt() -> None:
    modules = _modules(afterview.domain) + _modules(afterview.store) + ["afterview.paths"]
    assert "afterview.store.database" in modules and "afterview.domain.playbook" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt_roots = ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6')\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in qt_roots)\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"Qt loaded by domain/store: {result.stdout}"


def test_opening_a_current_database_does_not_import_alembic(tmp_path: object) -> None:
    """Alembic costs ~0.3 s to import; it is loaded only when a migration is due."""
    code = (
        "import sys\n"
        "from afterview import paths\n"
        "from afterview.store.database import open_database\n"
        "p = paths.resolve(sys.argv[1])\n"
        "open_database(p).close()\n"  # creates: migrates, so Alembic is loaded here
        "fresh = 'alembic' in sys.modules\n"
        "prefixes = ('alembic', 'afterview.store.migrate')\n"
        "for name in [m for m in sys.modules if m.startswith(prefixes)]:\n"
        "    del sys.modules[name]\n"
        "db = open_database(p)\n"
        "print(fresh, 'alembic' in sys.modules, db.report.created)\n"
        "db.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "False", "False"]
