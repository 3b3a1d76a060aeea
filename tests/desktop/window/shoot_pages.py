"""Run on a real X server: the main window with sample data, one screenshot per page.

Used by test_pages_on_x11.py as its own process (QT_QPA_PLATFORM=xcb); each
picture is the window's own rendering, saved as PNG in the folder given.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from afterview import paths
from afterview.ui.main_window import MainWindow
from afterview.ui.new_interview_dialog import NewInterviewDialog

DARK = {
    "Window": "#2b2b2b", "WindowText": "#e6e6e6", "Base": "#1f1f1f", "AlternateBase": "#262626",
    "Text": "#e6e6e6", "Button": "#353535", "ButtonText": "#e6e6e6", "Highlight": "#3d7bd9",
    "HighlightedText": "#ffffff", "PlaceholderText": "#9a9a9a",
}  # fmt: skip


def dark_palette() -> QPalette:
    """What a dark desktop theme hands the application."""
    palette = QPalette()
    for role, color in DARK.items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(color))
    return palette


def settled(app: QApplication, widget: QWidget, timeout: float = 30.0) -> QImage:
    """The widget's picture once it has stopped changing: pending layouts, deferred loads
    and paints are done when two renderings in a row agree (a condition, not a count of
    event-loop turns)."""
    deadline = time.monotonic() + timeout
    last: QImage | None = None
    while True:
        app.processEvents()
        image = widget.grab().toImage()
        if image == last:
            return image
        if time.monotonic() > deadline:
            raise TimeoutError(f"{widget.objectName() or widget} kept changing for {timeout} s")
        last = image


def main(data_dir: str, out: str, theme: str = "light") -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Afterview")
    if theme == "dark":
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
        return shoot_dark(app, data_dir, Path(out))
    window = MainWindow(paths.resolve(data_dir))
    window.resize(1180, 760)
    window.show()
    assert window.load()
    workspace = window.workspace
    assert workspace is not None
    target = Path(out)

    def shoot(name: str) -> None:
        settled(app, window).save(str(target / f"window-{name}.png"))

    shoot("welcome")

    def fill(dialog: NewInterviewDialog) -> int:
        dialog.company.setText("A&B <Labs>")
        dialog.position.setText("Platform Engineer")
        for name in ("<b>Ann</b> & O'Hara", "张伟"):
            dialog.picker.who.setEditText(name)
            dialog.picker.add_button.click()
        dialog.show()
        settled(app, dialog).save(str(target / "window-new-interview.png"))
        dialog.accept()
        return dialog.result()

    NewInterviewDialog.exec = fill  # type: ignore[method-assign]
    workspace.new_interview()
    window.show_page(0)
    shoot("today-after-new-interview")
    window.show_page(1)
    workspace.page.detail.tabs.setCurrentIndex(1)
    shoot("new-interview-people")

    # Edit a card from the People tab, as "Edit card…" does.
    from afterview.ui.contact_editor import ContactEditorDialog

    people = workspace.page.detail.people.tree
    people.setCurrentItem(people.topLevelItem(0))
    ann_id = int(people.topLevelItem(0).data(0, Qt.ItemDataRole.UserRole + 1)[0])
    dialog = ContactEditorDialog(workspace.data, window)
    dialog.editor.load(ann_id)
    dialog.editor.title.setText("CTO")
    dialog.editor.email.setText("ann@example.org")
    dialog.show()
    settled(app, dialog).save(str(target / "window-edit-card.png"))
    dialog.buttons.accepted.emit()
    assert dialog.contact_id == ann_id, "the card was saved"
    workspace.reload_all()

    # Restart: everything is found again.
    window.close()
    window = MainWindow(paths.resolve(data_dir))
    window.resize(1180, 760)
    window.show()
    assert window.load()
    workspace = window.workspace
    assert workspace is not None
    assert workspace.page.model.total == 1
    window.show_page(1)
    workspace.page.select(workspace.page.model.interview_id(0) or 0)
    workspace.page.detail.tabs.setCurrentIndex(1)
    people = workspace.page.detail.people.tree
    assert people.topLevelItem(0).text(0) == "<b>Ann</b> & O'Hara"
    assert people.topLevelItem(0).text(2) == "CTO"
    shoot("after-restart-people")
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
    references = window.stack.currentWidget()
    references.editor.open_picker()
    picker = references.editor.picker
    picker.search.setText("nord")
    settled(app, picker).save(str(target / "window-references-picker.png"))
    picker.close()
    window.close()
    return 0


def shoot_dark(app: QApplication, data_dir: str, target: Path) -> int:
    window = MainWindow(paths.resolve(data_dir))
    window.resize(1180, 760)
    window.show()
    assert window.load() and window.workspace is not None
    window.workspace.add_sample()
    for row, name in ((0, "today"), (1, "interviews")):
        window.show_page(row)
        if row == 1:
            window.workspace.page.select(window.workspace.page.model.interview_id(0) or 0)
        settled(app, window).save(str(target / f"window-{name}-dark.png"))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
