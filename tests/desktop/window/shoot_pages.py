"""Run on a real X server: the main window with sample data, one screenshot per page.

Used by test_pages_on_x11.py as its own process (QT_QPA_PLATFORM=xcb); each
picture is the window's own rendering, saved as PNG in the folder given.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from afterview import paths
from afterview.ui.main_window import MainWindow


def main(data_dir: str, out: str) -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Afterview")
    window = MainWindow(paths.resolve(data_dir))
    window.resize(1180, 760)
    window.show()
    assert window.load()
    workspace = window.workspace
    assert workspace is not None
    target = Path(out)

    def shoot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(target / f"window-{name}.png"))

    shoot("welcome")
    workspace.add_sample()
    window.show_page(0)
    shoot("today")
    window.show_page(1)
    workspace.page.select(workspace.page.model.interview_id(2) or 0)
    shoot("interviews-process")
    for index, name in ((1, "people"), (2, "debrief"), (3, "steps"), (4, "referrals")):
        workspace.page.detail.tabs.setCurrentIndex(index)
        shoot(f"interviews-{name}")
    window.show_page(2)
    shoot("contacts")
    window.show_page(3)
    shoot("references")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
