"""Assemble the Linux release folder and its tar.gz from the PyInstaller bundle.

dist/afterview-VERSION-linux-ARCH/
    afterview/          the one-dir bundle (the window and `afterview tray`)
    install.sh          installs for the current user (XDG dirs), uninstall.sh removes it
    share/              desktop entry, AppStream metainfo, icons (SVG + PNG 16..512)
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ICONS = ROOT / "src" / "afterview" / "resources" / "icons"  # package data since the wheel works
APP_ID = "org.afterview.Afterview"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def render_icons(svg: Path, target: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read the icon {svg}")
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        folder = target / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        image.save(str(folder / f"{APP_ID}.png"))
    scalable = target / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy(svg, scalable / f"{APP_ID}.svg")
    del app


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from afterview import __version__

    bundle = ROOT / "dist" / "afterview"
    if not (bundle / "afterview").is_file():
        raise SystemExit("build the bundle first (make dist)")
    name = f"afterview-{__version__}-linux-{platform.machine()}"
    release = ROOT / "dist" / name
    shutil.rmtree(release, ignore_errors=True)
    shutil.copytree(bundle, release / "afterview", symlinks=True)
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(HERE / script, release / script)
    share = release / "share"
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir(parents=True)
    shutil.copy(HERE / f"{APP_ID}.desktop", share / "applications")
    shutil.copy(HERE / f"{APP_ID}.metainfo.xml", share / "metainfo")
    render_icons(ICONS / "afterview.svg", share / "icons" / "hicolor")
    archive = ROOT / "dist" / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(release, arcname=name)
    print(f"{archive} ({archive.stat().st_size / 1e6:.1f} MB packed)")


if __name__ == "__main__":
    main()
