"""The main window's menu bar: File, Edit, View and Help, their actions and keys.

Each menu is named for assistive technology by its title without the mnemonic marker
(otherwise AT-SPI reads a popup menu by the window's name, "Afterview"), and every menu's
mnemonics are unique within it, as are the menu bar's (tests/ui/test_menus.py walks them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from afterview.ui.assistive import without_mnemonic
from afterview.ui.icons import icon
from afterview.ui.sources_dialog import show_sources
from afterview.ui.step_keys import StepActions
from afterview.ui.write_guard import writes

if TYPE_CHECKING:
    from afterview.ui.main_window import MainWindow

#: The View menu's entries, one per page (in PAGES order), with their mnemonics.
PAGE_ENTRIES = (QT_TRANSLATE_NOOP("Menus", "&Today"),
                QT_TRANSLATE_NOOP("Menus", "&Interviews"),
                QT_TRANSLATE_NOOP("Menus", "&Contacts"),
                QT_TRANSLATE_NOOP("Menus", "&References"),
                QT_TRANSLATE_NOOP("Menus", "&Board"),
                QT_TRANSLATE_NOOP("Menus", "In&sight"))  # fmt: skip
#: Edit ▸ Delete as it reads on each page (in PAGES order): it names what it deletes there,
#: and is off on Today, where nothing is deleted.
DELETE_ENTRIES = (None,
                  QT_TRANSLATE_NOOP("Menus", "&Delete interview"),
                  QT_TRANSLATE_NOOP("Menus", "&Delete contact"),
                  QT_TRANSLATE_NOOP("Menus", "&Delete reference"),
                  None,
                  None)  # fmt: skip


def _tr(text: str) -> str:
    return QCoreApplication.translate("Menus", text)


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" in ``text`` (upper case), or None when it has none."""
    index = 0
    while (index := text.find("&", index)) != -1 and index + 1 < len(text):
        if text[index + 1] != "&":
            return text[index + 1].upper()
        index += 2
    return None


def settings_keys() -> QKeySequence:
    """The platform's Preferences key, or Ctrl+, where it has none (X11 without KDE)."""
    bound = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
    return bound[0] if bound else QKeySequence("Ctrl+,")


def add_menu(window: MainWindow, title: str, name: str) -> QMenu:
    """A menu on the window's menu bar, named by its title for assistive technology."""
    menu = window.menuBar().addMenu(title)
    menu.setObjectName(name)
    menu.setAccessibleName(without_mnemonic(title))
    return menu


def action(
    window: MainWindow,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
    slot: Callable[[], Any],
    icon_name: str | None = None,
) -> QAction:
    """A window action (its shortcut works wherever the window has focus)."""
    made = QAction(text, window)
    if shortcut is not None:
        made.setShortcut(QKeySequence(shortcut))
    if icon_name:
        made.setIcon(icon(icon_name))
    made.triggered.connect(lambda _checked=False: slot())
    window.addAction(made)
    return made


def _fill(menu: QMenu, actions: tuple[QAction | None, ...]) -> None:
    for entry in actions:
        menu.addAction(entry) if entry is not None else menu.addSeparator()


def build_menus(window: MainWindow) -> None:
    """File, Edit, View and Help, their actions kept on ``window`` (``window.new_action``…)."""
    _file_menu(window)
    _edit_menu(window)
    view_menu = add_menu(window, _tr("&View"), "viewMenu")
    for number, text in enumerate(PAGE_ENTRIES):
        view_menu.addAction(
            action(
                window,
                _tr(text),
                f"Ctrl+{number + 1}",
                lambda n=number: window.sidebar.setCurrentRow(n),
            )
        )
    # Done, Snooze, Write and Open on the focused step, with their keys (ui/step_keys.py).
    window.step_actions = StepActions(window, add_menu(window, _tr("&Step"), "stepMenu"))
    window.help_menu = add_menu(window, _tr("&Help"), "helpMenu")  # where the advice comes from
    window.help_menu.addAction(action(window, _tr("&Sources…"), None, lambda: show_sources(window)))


def _file_menu(window: MainWindow) -> None:
    menu = add_menu(window, _tr("&File"), "fileMenu")
    window.new_action = action(
        window, _tr("&New interview…"), QKeySequence.StandardKey.New, window.new_interview, "add"
    )
    # An application with no interview yet (issue 17 §1); the Board's button does the same.
    new_application_action = action(
        window, _tr("Ne&w application…"), "Ctrl+Shift+N", lambda: new_application(window)
    )
    new_application_action.setObjectName("newApplicationAction")
    window.sample_action = action(window, _tr("Explore with s&ample data"), None, window.add_sample)
    window.remove_sample_action = action(
        window, _tr("&Remove sample data"), None, window.remove_sample
    )
    window.settings_action = action(
        window, _tr("Se&ttings…"), settings_keys(), window.open_settings, "settings"
    )
    window.quit_action = action(window, _tr("&Quit"), QKeySequence.StandardKey.Quit, window.close)
    # Any file Afterview takes, by what it holds (issue 18): as a drop on the window does.
    # Not Ctrl+O: that opens the focused step (ui/step_keys.py).
    window.open_file_action = action(window, _tr("Import a &file…"), "Ctrl+I", window.choose_files)
    window.open_file_action.setObjectName("openFileAction")
    window.import_json_action = action(
        window, _tr("Afterview &data file…"), None, lambda: window.file_command("import_json")
    )
    window.import_vcf_action = action(
        window, _tr("&Contact cards…"), None, lambda: window.file_command("import_vcards")
    )
    window.import_actions = {
        kind: action(window, text, None, lambda k=kind: window.file_command(f"import_{k}"))
        for kind, text in (
            ("invitation", _tr("Calendar &invitation…")),
            ("email", _tr("People from an &email…")),
            ("posting", _tr("Saved job &posting…")),
        )
    }
    for kind, entry in window.import_actions.items():
        entry.setObjectName(f"import_{kind}_action")
    import_menu = QMenu(_tr("&Import"), window)
    import_menu.setObjectName("importMenu")
    import_menu.setAccessibleName(without_mnemonic(_tr("&Import")))
    _fill(import_menu, (*window.import_actions.values(), None,
                        window.import_vcf_action, window.import_json_action))  # fmt: skip
    window.export_actions = {
        kind: action(window, text, None, lambda k=kind: window.file_command("export", k))
        for kind, text in (
            ("json", _tr("&Export all data…")),
            ("ics", _tr("Export follow-ups to a ca&lendar…")),
            ("vcf", _tr("Export c&ontact cards…")),
            ("csv", _tr("Export a spread&sheet…")),
            ("applications_csv", _tr("Export applications as CS&V…")),
        )
    }
    window.pocket_card_action = action(
        window, _tr("&Print interview-day card…"), None, window.pocket_card
    )
    job_log_action = action(window, _tr("&Job-search log…"), None, lambda: job_log(window))
    job_log_action.setObjectName("jobLogAction")
    writes(new_application_action, window.open_file_action, *window.import_actions.values())
    _fill(menu, (window.new_action, new_application_action, None, window.open_file_action))
    menu.addMenu(import_menu)
    _fill(menu, (*window.export_actions.values(), None, window.pocket_card_action,
                 job_log_action, None,
                 window.sample_action, window.remove_sample_action, None,
                 window.settings_action, None, window.quit_action))  # fmt: skip


def new_application(window: MainWindow) -> None:
    """File ▸ New application…: the Board's form; the Board shows the new card."""
    from afterview.ui.board_page import BoardPage
    from afterview.ui.main_window import BOARD

    if window.workspace is None:
        return
    window.show_page(BOARD)  # built when first shown
    board = window.pages[BOARD]
    if isinstance(board, BoardPage):
        board.new_application()


def job_log(window: MainWindow) -> None:
    from afterview.ui.job_log_dialog import open_job_log  # its printing loads on first use

    open_job_log(window)


def _edit_menu(window: MainWindow) -> None:
    menu = add_menu(window, _tr("&Edit"), "editMenu")
    window.undo_action = action(
        window, _tr("&Undo delete"), QKeySequence.StandardKey.Undo, window.undo_delete, "undo"
    )
    window.find_action = action(
        window, _tr("&Find…"), QKeySequence.StandardKey.Find, window.focus_filter
    )
    window.delete_action = QAction(icon("delete"), _tr("&Delete interview"), window)
    window.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    # Only from the list: Delete in a text field must delete text, not an interview.
    window.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    window.delete_action.triggered.connect(lambda _c=False: delete_on_page(window))
    _fill(menu, (window.undo_action, window.find_action, window.delete_action))
    window.undo_action.setEnabled(False)  # nothing deleted yet
    menu.aboutToShow.connect(window.update_undo)
    writes(window.new_action, window.sample_action, window.remove_sample_action,
           window.import_json_action, window.import_vcf_action, window.undo_action,
           window.delete_action)  # fmt: skip
    # The menu said "Delete interview" on the Contacts page, and deleted the interview
    # chosen on another page: it follows the page shown.
    window.sidebar.currentRowChanged.connect(lambda _row: update_delete_entry(window))
    menu.aboutToShow.connect(lambda: update_delete_entry(window))
    update_delete_entry(window)


def _page_row(window: MainWindow) -> int:
    row = window.sidebar.currentRow()
    return row if 0 <= row < len(DELETE_ENTRIES) else 0


def update_delete_entry(window: MainWindow) -> None:
    """Edit ▸ Delete names what it deletes on the page shown ("Delete contact"); off where
    nothing can be deleted."""
    entry = DELETE_ENTRIES[_page_row(window)]
    window.delete_action.setText(_tr(entry or "&Delete"))
    window.delete_action.setEnabled(entry is not None)


def delete_on_page(window: MainWindow) -> None:
    """Delete the record chosen on the page shown, after the page's own question."""
    row = _page_row(window)
    if DELETE_ENTRIES[row] is None:
        return
    if row == PAGE_ENTRIES.index("&Interviews"):
        window.delete_interview()
        return
    delete_current = getattr(window.pages[row], "delete_current", None)
    if callable(delete_current):  # not while the page is still a placeholder
        delete_current()
