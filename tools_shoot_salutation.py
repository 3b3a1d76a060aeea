"""Screenshots for helper salutation: the Contacts page and the card dialog at 800x600."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).parent))
from tests.desktop.window.shoot_pages import dark_palette, settled  # noqa: E402

from afterview import paths  # noqa: E402
from afterview.ui.contact_editor import ContactEditorDialog  # noqa: E402
from afterview.ui.main_window import MainWindow  # noqa: E402

OUT = Path("/work/notes/shots14/salutation")


def main(theme: str, tag: str) -> None:
    app = QApplication(sys.argv[:1])
    if theme == "dark":
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    data = Path(tempfile.mkdtemp())
    window = MainWindow(paths.resolve(data))
    window.resize(800, 600)
    window.show()
    assert window.load() and window.workspace is not None
    settled(app, window).save(str(OUT / f"{tag}-contacts-empty-{theme}.png"))
    window.workspace.add_sample()
    window.show_page(2)
    page = window.stack.currentWidget()
    page.table.selectRow(0)
    page.editor.salutation.setCurrentIndex(1)
    page.editor.family_name.setText("Chen")
    settled(app, window).save(str(OUT / f"{tag}-contacts-{theme}.png"))
    page.editor.revert()
    page.new_contact()
    page.editor.title.setText("CTO")
    page.save()
    settled(app, window).save(str(OUT / f"{tag}-contacts-new-{theme}.png"))
    page.filter.setText("zzz")
    settled(app, window).save(str(OUT / f"{tag}-contacts-filtered-{theme}.png"))
    page.filter.clear()
    dialog = ContactEditorDialog(window.workspace.data, window)
    dialog.editor.load(None, company="Northwind")
    dialog.show()
    settled(app, dialog).save(str(OUT / f"{tag}-dialog-new-{theme}.png"))
    dialog.close()
    window.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
