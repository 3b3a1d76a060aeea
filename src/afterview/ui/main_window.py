"""The main window's shell: sidebar, pages, menus, and the state it keeps between runs.

It paints before it touches the database: this module imports only Qt, and
:meth:`MainWindow.load` (run after the first paint) opens the database and
builds the pages that need it (see :mod:`afterview.ui.workspace`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from afterview.paths import APP_NAME, Paths
from afterview.private_files import create_private_file, make_private_dir, tighten
from afterview.store.errors import StoreError
from afterview.ui import menus, window_fit
from afterview.ui.assistive import announce
from afterview.ui.icons import app_icon, icon
from afterview.ui.keyboard import install_keyboard_rules
from afterview.ui.palette import follow_color_scheme
from afterview.ui.window_parts import Placeholder, SampleBanner, Welcome, after_first_paint

if TYPE_CHECKING:
    from afterview.ui.incoming_files import FileQueue
    from afterview.ui.interviews_page import InterviewsPage
    from afterview.ui.server_listener import ServerListener
    from afterview.ui.today_page import TodayPage
    from afterview.ui.workspace import Workspace

PAGES = ((QT_TRANSLATE_NOOP("MainWindow", "Today"), "today"),
         (QT_TRANSLATE_NOOP("MainWindow", "Interviews"), "interviews"),
         (QT_TRANSLATE_NOOP("MainWindow", "Contacts"), "contacts"),
         (QT_TRANSLATE_NOOP("MainWindow", "References"), "references"),
         (QT_TRANSLATE_NOOP("MainWindow", "Board"), "board"),
         (QT_TRANSLATE_NOOP("MainWindow", "Insight"), "insight"))  # fmt: skip
TODAY, INTERVIEWS, CONTACTS, REFERENCES, BOARD, INSIGHT = range(len(PAGES))
#: What a read before the store has loaded may raise; the store's own open then says why.
_READ_FAILS = (sqlite3.Error, StoreError)


def page_title(text: str) -> str:
    """A page's name (from PAGES) in the user's language."""
    return QCoreApplication.translate("MainWindow", text)


def utcnow() -> datetime:
    return datetime.now(UTC)


def window_settings(paths: Paths) -> QSettings:
    """Window state lives beside the data's config, so a test's data dir keeps its own.
    The file is made 0600 before Qt writes it: Qt keeps the mode of a file it rewrites. On a
    read-only disk it is not kept, and the window opens all the same."""
    path = paths.config_dir / "window.ini"
    with contextlib.suppress(OSError):  # a read-only folder: Qt keeps the state in memory
        make_private_dir(paths.config_dir)
        create_private_file(path)
    return QSettings(str(path), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    loaded = Signal()
    # Made by afterview.ui.menus.build_menus:
    new_action: QAction
    sample_action: QAction
    remove_sample_action: QAction
    settings_action: QAction
    quit_action: QAction
    import_json_action: QAction
    import_vcf_action: QAction
    #: File ▸ Import ▸ invitation, email, posting (issue 18), by kind.
    import_actions: dict[str, QAction]
    open_file_action: QAction
    export_actions: dict[str, QAction]
    pocket_card_action: QAction
    undo_action: QAction
    find_action: QAction
    delete_action: QAction
    help_menu: QMenu

    def __init__(
        self,
        paths: Paths,
        *,
        clock: Callable[[], datetime] = utcnow,
        step: int | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__()
        app = QApplication.instance()
        if isinstance(app, QApplication):  # as run_window does: a window in a test acts the same
            install_keyboard_rules(app)
            follow_color_scheme(app)
        self.paths = paths
        self.clock = clock
        self.pending_step = step
        #: Files to import once the data is open (dropped or handed over before it was).
        self.pending_files: list[Path] = []
        self.file_queue: FileQueue | None = None
        self.workspace: Workspace | None = None
        #: The Interviews page, once built: before the workspace when the list comes first.
        self.interviews_page: InterviewsPage | None = None
        #: The Today page, when it was shown before the workspace (Today first).
        self.today_page: TodayPage | None = None
        self.settings = settings if settings is not None else window_settings(paths)
        self._load_scheduled = False
        #: Edit ▸ Undo's words while a page that names its own undo is shown.
        self._kept_undo_text: str | None = None
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.setAccessibleName(APP_NAME)
        self.setWindowIcon(app_icon())
        # Invitations, emails, saved postings and cards dropped anywhere on the window, a
        # text field included, are imported (issue 18; ui/incoming_files.FileDrops).
        self.setAcceptDrops(True)
        from afterview.ui.incoming_files import FileDrops

        self.file_drops = FileDrops(self)
        self.file_drops.install()
        self.resize(window_fit.first_size(self))

        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = SampleBanner(central)
        self.banner.hide()
        outer.addWidget(self.banner)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        outer.addLayout(row, 1)
        self.sidebar = QListWidget(central)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(self.tr("Pages"))
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self.sidebar.setSpacing(2)
        self.sidebar.setAutoFillBackground(True)
        self.sidebar.setBackgroundRole(self.sidebar.backgroundRole().Window)
        self.sidebar.setStyleSheet("QListWidget#sidebar::item { padding: 7px 10px; }")
        for text, name in PAGES:
            text = page_title(text)
            item = QListWidgetItem(icon(name), text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            self.sidebar.addItem(item)
        # 20 px icon, the item's padding both sides, the list's frame and a scroll bar's room.
        self.sidebar.setFixedWidth(
            window_fit.sidebar_width(self.sidebar, [page_title(t) for t, _ in PAGES], 20, 56)
        )
        row.addWidget(self.sidebar)
        self.stack = QStackedWidget(central)
        self.stack.setObjectName("pages")
        self.welcome = Welcome(self.stack)
        self.stack.addWidget(self.welcome)
        self.pages: list[QWidget] = []
        for text, _name in PAGES:
            opening = self.tr("Opening your follow-ups…") if text == "Today" else ""
            page = Placeholder(opening, self.stack)
            page.setAccessibleName(page_title(text))
            self.pages.append(page)
            self.stack.addWidget(page)
        #: Pages scroll, rather than clip, when the window is smaller than a page can be.
        self.page_scroll = window_fit.PageScroll(self.stack, central)
        row.addWidget(self.page_scroll, 1)
        self.setCentralWidget(central)
        self.sidebar.currentRowChanged.connect(self._page_chosen)
        self._build_actions()
        self.statusBar().setObjectName("status")
        # A status message is only seen: each one is also said ("Saved. Its follow-up steps
        # are in Today.", "Restored …"), politely, to a screen reader.
        self.statusBar().messageChanged.connect(
            lambda text: announce(self.statusBar(), text) if text else None
        )
        from afterview.ui.database_shown import show_database

        self.database_label = show_database(self, paths)  # a server, or another file
        #: The ear on a PostgreSQL server (:meth:`follow_server`); None for a file.
        self.server_listener: ServerListener | None = None
        self.sidebar.setCurrentRow(0)
        self._restore_geometry()
        window_fit.fit_to_screen(self)

    # --- actions -------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: Callable[[], Any],
        icon_name: str | None = None,
    ) -> QAction:
        return menus.action(self, text, shortcut, slot, icon_name)

    def _build_actions(self) -> None:
        """The menu bar (afterview.ui.menus); menus of one page's commands follow it here."""
        menus.build_menus(self)

    # --- pages -----------------------------------------------------------------------------

    def _page_chosen(self, row: int) -> None:
        if row < 0:
            return
        if self.workspace is not None:
            self.workspace.ensure_page(row)
        empty = self.workspace is not None and self.workspace.is_empty()
        # Today has an application's follow-up to show before the first interview.
        if empty and row == TODAY and self.workspace is not None:
            empty = not self.workspace.has_applications()
        if empty and row in (TODAY, INTERVIEWS):
            self.stack.setCurrentWidget(self.welcome)
        else:
            self.stack.setCurrentWidget(self.pages[row])
        self.update_undo()

    def update_undo(self) -> None:
        """Edit ▸ Undo delete is on only when the page shown, or the interviews, have a
        delete to undo (the same choice :meth:`undo_delete` makes)."""
        page = self._current_page()
        can_undo = getattr(page, "can_undo", None)
        on_page = bool(callable(can_undo) and can_undo())
        self.undo_action.setEnabled(on_page or bool(self.workspace and self.workspace.deleted))
        # A page that undoes something else than a delete (the Board's moves) names it while
        # shown; the delete's wording comes back when another page is.
        undo_text = getattr(page, "undo_text", None)
        if callable(undo_text):
            if self._kept_undo_text is None:
                self._kept_undo_text = self.undo_action.text()
            self.undo_action.setText(undo_text())
        elif self._kept_undo_text is not None:
            self.undo_action.setText(self._kept_undo_text)
            self._kept_undo_text = None

    def show_page(self, row: int) -> None:
        if self.sidebar.currentRow() == row:
            self._page_chosen(row)
        else:
            self.sidebar.setCurrentRow(row)

    def replace_page(self, row: int, page: QWidget) -> None:
        old = self.pages[row]
        self.pages[row] = page
        index = self.stack.indexOf(old)
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(old)
        old.deleteLater()
        self._page_chosen(self.sidebar.currentRow())

    # --- loading after the first paint -----------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._load_scheduled:
            self._load_scheduled = True
            QTimer.singleShot(0, self._start_loading)
            if os.environ.get("AFTERVIEW_BENCH_PAINT"):
                # bench/bundle_startup.py times the bundle and the venv to this line.
                print("painted", flush=True)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        window_fit.fit_to_screen(self)  # the frame is known now, and a saved size may not fit
        # Some platforms (offscreen) never paint a QMainWindow that has a central widget.
        if not self._load_scheduled:
            QTimer.singleShot(50, self._load_if_not_painted)

    def _load_if_not_painted(self) -> None:
        if not self._load_scheduled:
            self._load_scheduled = True
            self._start_loading()

    def load(self) -> bool:
        """Open the store and build every page now (False, and a message, if it cannot)."""
        return self._load_workspace()

    def _start_loading(self) -> None:
        """After the first paint: when the user left the interview list (or Today) open and the
        file needs no migration or check, show that page first (plain sqlite3, no SQLAlchemy)
        and load the rest once it has painted; otherwise load everything."""
        if self.workspace is not None:
            return
        page = self._page_to_open()
        if self.interviews_page is None and page == INTERVIEWS:
            shown = self._show_list_first()
        elif self.today_page is None and page == TODAY:
            shown = self._show_today_first()
        else:
            shown = None
        if shown is not None:
            self._after_first_paint(shown, self._after_page_painted)
            return
        self._load_workspace()

    def _after_page_painted(self) -> None:
        """The page shown first has painted: Today builds the cards below the fold, and the
        store loads once those have been laid out."""
        if self.today_page is not None:
            self.today_page.fill_rest()
            QTimer.singleShot(0, self, self._load_workspace)
        else:
            self._load_workspace()

    def _page_to_open(self) -> int:
        try:
            return int(self.settings.value("window/page", 0) or 0)
        except (TypeError, ValueError):
            return 0

    def _show_list_first(self) -> QWidget | None:
        """The Interviews page read straight from the file or the server, or None when that
        cannot be done safely (a new, older-schema or uncleanly closed database) or there is
        nothing to list."""
        from afterview.store.interview_list import ListSource
        from afterview.store.plain_reads import snapshots_to_read_first
        from afterview.ui.interviews_page import InterviewsPage

        database = snapshots_to_read_first(self.paths)
        if database is None:
            return None
        source = ListSource(database)
        page = InterviewsPage(source, self.stack)
        page.restore_state(self.settings)
        try:
            page.model.reload()
        except _READ_FAILS:
            page.deleteLater()  # the store's own open will say what is wrong
            return None
        if page.model.total == 0:
            page.deleteLater()  # the welcome page comes with the store
            return None
        page.update_count()
        with contextlib.suppress(*_READ_FAILS):  # the banner now, so the list does not jump
            self.banner.setVisible(source.has_sample())
        self.interviews_page = page
        self.replace_page(INTERVIEWS, page)
        self.sidebar.setCurrentRow(INTERVIEWS)
        return page.table.viewport()

    def _show_today_first(self) -> QWidget | None:
        """The Today page read straight from the file or the server (no SQLAlchemy), or None
        when that cannot be done safely or there are no interviews (the welcome page comes
        with the store)."""
        from afterview.store.interview_list import ListSource
        from afterview.store.plain_reads import snapshots_to_read_first
        from afterview.store.today import TodaySource
        from afterview.ui.today_page import TodayPage

        database = snapshots_to_read_first(self.paths)
        if database is None:
            return None
        source = ListSource(database)
        try:
            if source.is_empty():
                return None  # the welcome page comes with the store
            page = TodayPage(self.clock, self.stack, source=TodaySource(database))
            self.banner.setVisible(source.has_sample())  # now, so the page does not jump
        except _READ_FAILS:
            return None  # the store's own open will say what is wrong
        self.today_page = page
        self.replace_page(TODAY, page)
        self.sidebar.setCurrentRow(TODAY)
        return page.scroll.widget()

    def _after_first_paint(self, widget: QWidget, then: Callable[[], object]) -> None:
        """Run ``then`` once ``widget`` has painted (at the latest after PAINT_WAIT_MS)."""
        after_first_paint(widget, then)

    def _load_workspace(self) -> bool:
        if self.workspace is not None:
            return True
        from afterview.store.errors import StoreError
        from afterview.ui.workspace import Workspace

        try:
            self.workspace = Workspace(self)
        except StoreError as error:
            self.pages[0].findChild(QLabel, "placeholderText").setText(  # type: ignore[union-attr]
                self.tr("Afterview could not open your data.")
            )
            if self.interviews_page is not None:  # it may show a file that was moved aside
                self.interviews_page = None
                self.replace_page(INTERVIEWS, Placeholder("", self.stack))
            from afterview.ui.widgets import message_box

            message_box(self, QMessageBox.Icon.Critical, APP_NAME, str(error))
            return False
        self.workspace.build()
        self.show_page(self._page_to_open())
        if self.pending_step is not None:
            step, self.pending_step = self.pending_step, None
            self.open_step(step)
        from afterview.ui.incoming_files import FileQueue

        self.file_queue = FileQueue(self.workspace)
        files, self.pending_files = self.pending_files, []
        self.file_queue.add(files)
        self.loaded.emit()
        from afterview.ui.widget_dump import dump_when_asked

        dump_when_asked(self)  # tests of the real process read the controls' states
        return True

    # --- commands (delegated once loaded) ------------------------------------------------------

    def new_interview(self) -> None:
        if self.workspace is not None:
            self.workspace.new_interview()

    def delete_interview(self) -> None:
        if self.workspace is not None:
            self.workspace.delete_current()

    def _current_page(self) -> Any:
        row = self.sidebar.currentRow()
        return self.pages[row] if 0 <= row < len(self.pages) else None

    def undo_delete(self) -> None:
        """Ctrl+Z: the Contacts and References pages undo their own deletes while shown."""
        page = self._current_page()
        can_undo = getattr(page, "can_undo", None)
        if callable(can_undo) and can_undo():
            page.undo_delete()
            return
        if self.workspace is not None:
            self.workspace.undo_delete()

    def focus_filter(self) -> None:
        page = self._current_page()
        if self.sidebar.currentRow() in (CONTACTS, REFERENCES, BOARD) and callable(
            getattr(page, "focus_filter", None)
        ):
            page.focus_filter()
            return
        if self.workspace is not None:
            self.show_page(INTERVIEWS)
            self.workspace.focus_filter()
        elif self.interviews_page is not None:  # the list came first; the store is loading
            self.show_page(INTERVIEWS)
            self.interviews_page.filter.setFocus()

    def add_sample(self) -> None:
        if self.workspace is not None:
            self.workspace.add_sample()

    def remove_sample(self) -> None:
        if self.workspace is not None:
            self.workspace.remove_sample()

    def open_settings(self) -> None:
        if self.workspace is not None:
            self.workspace.open_settings()

    def file_command(self, command: str, *arguments: str) -> None:
        """File-menu imports and exports (ui/file_actions.py), once the data is open."""
        if self.workspace is None:
            return
        from afterview.ui import file_actions

        getattr(file_actions, command)(self.workspace, *arguments)

    def pocket_card(self) -> None:
        if self.workspace is not None:
            self.workspace.pocket_card()

    def raise_window(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        if QGuiApplication.platformName() != "offscreen":  # it cannot raise, and says so
            self.raise_()
            self.activateWindow()

    def open_step(self, step_id: int) -> None:
        """Raise the window and show ``step_id`` (the tray's "open" message)."""
        self.raise_window()
        if self.workspace is None:
            self.pending_step = step_id
        else:
            self.workspace.open_step(step_id)

    def open_files(self, paths: list[Path]) -> None:
        """Raise the window and import each of ``paths`` by its kind, in turn, each through
        its preview (a drop, File ▸ Import a file…, or "Open with Afterview")."""
        self.raise_window()
        if self.file_queue is None:
            self.pending_files.extend(paths)
        else:
            self.file_queue.add(paths)

    def choose_files(self) -> None:
        """File ▸ Import a file…"""
        if self.workspace is not None:
            from afterview.ui.incoming_files import choose_files

            self.open_files(choose_files(self.workspace))

    def follow_server(self, listener: ServerListener) -> None:
        """Another computer's changes come through ``listener``; while it cannot reach the
        server, the banner says so (now, or once the workspace is built)."""
        self.server_listener = listener
        if self.workspace is not None:
            self.workspace.availability.listen(listener)

    def external_change(self, message: dict[str, Any]) -> None:
        """Another process wrote (its ``changed`` message names the kinds)."""
        if self.workspace is not None:
            from afterview.store.changes import Changes

            self.workspace.data.heard_from_elsewhere(Changes.from_message(message))

    # --- state between runs ----------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/page", max(0, self.sidebar.currentRow()))
        if self.workspace is not None:
            self.workspace.save_state(self.settings)
        self.settings.sync()
        tighten(Path(self.settings.fileName()))  # should Qt ever write a new file in its place

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.workspace is not None and not self.workspace.finish():
            event.ignore()  # changes still wait to be saved, and the user stays
            return
        self.save_state()
        if self.workspace is not None:
            self.workspace.close()
        super().closeEvent(event)
