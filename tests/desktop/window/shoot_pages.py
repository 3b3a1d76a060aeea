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
from afterview.ui.new_interview_dialog import NewInterviewDialog


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

    def fill(dialog: NewInterviewDialog) -> int:
        dialog.company.setText("A&B <Labs>")
        dialog.position.setText("Platform Engineer")
        for name in ("<b>Ann</b> & O'Hara", "张伟"):
            dialog.picker.who.setEditText(name)
            dialog.picker.add_button.click()
        dialog.show()
        for _ in range(5):
            app.processEvents()
        dialog.grab().save(str(target / "window-new-interview.png"))
        dialog.accept()
        return dialog.result()

    NewInterviewDialog.exec = fill  # type: ignore[method-assign]
    workspace.new_interview()
    window.show_page(0)
    shoot("today-after-new-interview")
    window.show_page(1)
    workspace.page.detail.tabs.setCurrentIndex(1)
    shoot("new-interview-people")
    workspace.add_sample()
    window.show_page(0)
    shoot("today")
    window.show_page(1)
    workspace.page.select(workspace.page.model.interview_id(3) or 0)  # the oldest: Acme
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
