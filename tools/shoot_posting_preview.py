#!/usr/bin/env python3
"""A PNG of the job posting's preview (issue 18 §3) as X draws it: the German test page in a
fresh data folder, shot with ImageMagick's ``import -window root``.

    xvfb-run -a -s "-screen 0 760x680x24" .venv/bin/python tools/shoot_posting_preview.py [PNG]

Writes ``shots/pages/preview-posting.png`` by default.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QLocale, QTimer
from PySide6.QtWidgets import QApplication

from afterview import paths
from afterview.interop.job_posting import load_posting
from afterview.store.api import open_store
from afterview.ui.data import DataAccess
from afterview.ui.posting_preview import PostingPreviewDialog

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "tests" / "data" / "postings" / "german.html"


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "shots/pages/preview-posting.png"
    QLocale.setDefault(QLocale("en_GB"))
    app = QApplication([sys.argv[0], "-platform", "xcb"])
    with tempfile.TemporaryDirectory() as temp, open_store(paths.resolve(Path(temp))) as store:
        dialog = PostingPreviewDialog(DataAccess(store), PAGE, load_posting(PAGE))
        dialog.move(0, 0)
        dialog.resize(760, 680)
        dialog.show()
        loop = QEventLoop()
        QTimer.singleShot(1500, loop.quit)  # let X map and paint the window before the shot
        loop.exec()
        app.processEvents()
        subprocess.run(["import", "-window", "root", str(target)], check=True)
        dialog.close()
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
