"""Where Afterview's bundled files (icons, letter templates, desktop files) are.

From a source checkout (and an editable install) they are in the repository's
``resources/``; in the PyInstaller bundle they are in ``resources/`` beside
the executable's support files (``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
