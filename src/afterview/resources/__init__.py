"""Where Afterview's own files (icons, letter templates) are: in this package, beside this module.

They are package data, so one path serves every way Afterview runs: a source
checkout or editable install (``src/afterview/resources``), an installed wheel
(``site-packages/afterview/resources``) and the PyInstaller bundle, which
collects them to ``afterview/resources`` and sets ``__file__`` under it. Callers
need real files (Jinja's loader, the icon path sent to the notification
server), and every one of those installs is unpacked, so a plain path is enough.
"""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    return Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
