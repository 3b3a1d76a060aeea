"""A walk through every page, tab and dialog of the main window, and the layout checks the
small-window test applies to each stop (tools/shoot_every_page.py walks the same way).

The walk finds what to visit rather than listing it: the sidebar's pages, every tab of a
QTabWidget shown on a page, and every dialog that a menu action or a button opens. A control
that opens a dialog says so with "…" at the end of its text (the desktop convention this app
follows); a few that open one without it are named in OPENERS. So a new page, tab or dialog
is visited without editing this file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFontDialog,
    QMenu,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionToolButton,
    QTabWidget,
    QToolButton,
    QWidget,
)

#: Controls that open a dialog without "…" in their text, by accessible-name prefix: Today's
#: "Write" opens the letter editor.
OPENERS = ("Write:",)
#: Qt's own dialogs: closed when they open, not checked (their layout is Qt's).
FOREIGN = (QFileDialog, QPrintDialog, QPrintPreviewDialog, QColorDialog, QFontDialog)
#: Primary buttons of a dialog's button box.
PRIMARY_ROLES = (
    QDialogButtonBox.ButtonRole.AcceptRole,
    QDialogButtonBox.ButtonRole.YesRole,
)
#: The most rows of a list the walk selects in turn to enable the buttons that act on a row.
ROWS_TRIED = 8

Visit = Callable[[str, QWidget], None]


def slug(text: str) -> str:
    """ "&Edit card…" -> "edit-card" (a stop's name, a file name)."""
    words = re.sub(r"[^0-9a-z]+", "-", visible_text(text).lower())
    return words.strip("-") or "unnamed"


def visible_text(text: str) -> str:
    """A button's text as drawn: mnemonic ampersands gone, "&&" kept as one."""
    return re.sub(r"&(.)", r"\1", text)


# --- the checks ------------------------------------------------------------------------------


def visible_rect(widget: QWidget, top: QWidget) -> QRect:
    """The part of ``widget`` that can be seen in ``top``: clipped by each ancestor (a scroll
    area's viewport, a splitter pane) and by the window itself, in ``top``'s coordinates."""
    rect = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        rect = rect.intersected(QRect(parent.mapTo(top, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect.intersected(top.rect())


def text_room(button: QAbstractButton) -> tuple[int, int]:
    """(width, height) in pixels the style leaves for the button's text: its contents
    rectangle less the icon and the menu arrow, as QCommonStyle draws them."""
    style = button.style()
    icon_width = 0
    if not button.icon().isNull():
        icon_width = button.iconSize().width() + 4  # QCommonStyle puts 4 px after the icon
    if isinstance(button, QPushButton):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        rect = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
        if button.menu() is not None:
            icon_width += style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option)
        return rect.width() - icon_width, rect.height()
    if isinstance(button, QToolButton):
        tool = QStyleOptionToolButton()
        button.initStyleOption(tool)
        rect = style.subControlRect(
            QStyle.ComplexControl.CC_ToolButton, tool, QStyle.SubControl.SC_ToolButton, button
        )
        frame = style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, tool, button)
        rect = rect.adjusted(frame, frame, -frame, -frame)
        if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
            return 1 << 20, 1 << 20  # no text is drawn
        if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon:
            return rect.width(), rect.height() - button.iconSize().height()
        if (
            button.menu() is not None
            or button.popupMode() != QToolButton.ToolButtonPopupMode.DelayedPopup
        ):
            indicator = style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, tool, button)
            icon_width += indicator if button.menu() is not None else 0
        return rect.width() - icon_width, rect.height()
    option = QStyleOptionButton()
    button.initStyleOption(option)  # type: ignore[attr-defined]
    element = (
        QStyle.SubElement.SE_RadioButtonContents
        if isinstance(button, QRadioButton)
        else QStyle.SubElement.SE_CheckBoxContents
    )
    rect = style.subElementRect(element, option, button)
    return rect.width() - icon_width, rect.height()


def is_icon_form(button: QAbstractButton) -> bool:
    """A button narrowed to its icon: no text, and its words in a tooltip and a name."""
    return (
        not button.text()
        and not button.icon().isNull()
        and bool(button.toolTip())
        and bool(button.accessibleName())
    )


def is_primary(button: QAbstractButton) -> bool:
    """A dialog's OK/Save (accept role in its button box) or a default button."""
    if isinstance(button, QPushButton) and button.isDefault():
        return True
    box = button.parentWidget()
    return isinstance(box, QDialogButtonBox) and box.buttonRole(button) in PRIMARY_ROLES


def describe(button: QAbstractButton) -> str:
    return f"{type(button).__name__} {visible_text(button.text()) or button.accessibleName()!r}"


def layout_problems(top: QWidget) -> list[str]:
    """What does not fit in ``top`` as it is laid out now: buttons whose words are cut short,
    and primary buttons not wholly inside the window."""
    problems: list[str] = []
    for button in top.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not top:
            continue
        text = visible_text(button.text())
        if text and "\n" not in text:
            width, height = text_room(button)
            metrics = button.fontMetrics()
            need = metrics.horizontalAdvance(text)
            if need > width:
                problems.append(f"{describe(button)}: text needs {need} px, has {width} px")
            elif metrics.height() > height:
                problems.append(
                    f"{describe(button)}: text is {metrics.height()} px high, has {height} px"
                )
        elif not text and isinstance(button, QPushButton) and not is_icon_form(button):
            # (Qt's own tool buttons, a field's clear button and arrows, are not asked.)
            problems.append(f"{describe(button)}: an icon without a tooltip or name")
        if is_primary(button) and visible_rect(button, top) != QRect(
            button.mapTo(top, QPoint(0, 0)), button.size()
        ):
            problems.append(f"{describe(button)}: primary button not wholly in the window")
    return problems


def fit_dialog(dialog: QWidget, width: int, height: int) -> list[str]:
    """Size a dialog as a window manager would on a ``width``×``height`` screen: as large as
    it asks for, no larger than the screen; a problem when it cannot shrink to fit."""
    wanted = dialog.size().expandedTo(dialog.sizeHint())
    dialog.resize(min(wanted.width(), width), min(wanted.height(), height))
    if dialog.width() > width or dialog.height() > height:
        return [f"it cannot be smaller than {dialog.width()}×{dialog.height()}"]
    return []


def _count(method: Callable[..., int]) -> int:
    """A model's row or column count: some models take the parent, some refuse it."""
    try:
        return method(QModelIndex())
    except TypeError:  # a list model's columnCount is private: it has one column
        return 1


# --- the walk --------------------------------------------------------------------------------


@dataclass
class Tour:
    """Walks ``window``; ``visit(name, top)`` is called with each page or tab shown (top is
    the window) and each dialog opened (top is the dialog)."""

    window: QWidget
    visit: Visit
    settle: Callable[[QWidget], None]
    #: Text of the record to choose in each list (the long names), when it is there.
    prefer: str = ""
    visited: list[str] = field(default_factory=list)
    _opened: set[str] = field(default_factory=set)
    _depth: int = 0

    def stop(self, name: str, top: QWidget) -> None:
        self.settle(top)
        self.visited.append(name)
        self.visit(name, top)

    def pages(self, show_page: Callable[[int], None], names: list[str]) -> None:
        for row, name in enumerate(names):
            show_page(row)
            page = self.window.findChild(QWidget, "pages").currentWidget()  # type: ignore[union-attr]
            self.page(name, page)
        for action in self._menu_actions():
            if visible_text(action.text()).endswith("…"):
                self.open(f"menu-{slug(action.text())}", action.trigger)

    def page(self, name: str, page: QWidget) -> None:
        self._select_first_rows(page)
        self.settle(self.window)
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisible()]
        if not tabs:
            self.stop(name, self.window)
            self._openers(name, page)
            return
        for tab_widget in tabs:
            for index in range(tab_widget.count()):
                tab_widget.setCurrentIndex(index)
                tab = tab_widget.widget(index)
                stop = f"{name}-{slug(tab_widget.tabText(index))}"
                self._select_first_rows(tab)
                self.stop(stop, self.window)
                self._openers(stop, page)

    def _select_first_rows(self, where: QWidget) -> None:
        """A record chosen in each list shown, the one naming ``prefer`` when there is one
        (so the long names are what the editors show)."""
        for view in where.findChildren(QAbstractItemView):
            model = view.model()
            if not view.isVisible() or model is None or _count(model.rowCount) == 0:
                continue
            rows = [model.index(row, 0) for row in range(_count(model.rowCount))]
            preferred = [
                index
                for index in rows
                if self.prefer
                and any(
                    self.prefer in str(model.index(index.row(), c).data() or "")
                    for c in range(_count(model.columnCount))
                )
            ]
            if preferred:
                view.setCurrentIndex(preferred[0])
            elif not view.currentIndex().isValid():
                view.setCurrentIndex(rows[0])

    def _openers(self, name: str, where: QWidget) -> None:
        """Open each dialog a button here opens, trying rows of the lists in turn for the
        buttons that act on a row (Edit card…, Write…)."""
        views = [v for v in where.findChildren(QAbstractItemView) if v.isVisible()]
        for view in [None, *views]:
            rows = 1 if view is None else min(_count(view.model().rowCount), ROWS_TRIED)
            for row in range(rows):
                if view is not None:
                    view.setCurrentIndex(view.model().index(row, 0))
                for button in self._dialog_buttons(where):
                    key = f"{type(where).__name__}/{button.accessibleName() or button.text()}"
                    key = key.split(":")[0]  # one card's Write is every card's Write
                    if key not in self._opened:
                        self._opened.add(key)
                        opener = f"{name.removeprefix('dialog-')}-{slug(button.text())}"
                        self.open(opener, button.click)

    def _dialog_buttons(self, where: QWidget) -> Iterator[QAbstractButton]:
        for button in where.findChildren(QAbstractButton):
            if not (button.isVisible() and button.isEnabled()):
                continue
            text = visible_text(button.text())
            if text.endswith("…") or button.accessibleName().startswith(OPENERS):
                yield button

    def _menu_actions(self) -> Iterator[QAction]:
        for menu in self.window.findChildren(QMenu):
            for action in menu.actions():
                if action.isEnabled() and not action.isSeparator() and action.menu() is None:
                    yield action

    def open(self, name: str, trigger: Callable[[], object]) -> None:
        """Trigger, visit the dialog that opens (modal or not), open the dialogs it opens in
        turn, and close them all."""
        with self._watching(name) as catch:
            trigger()
            catch()

    @contextmanager
    def _watching(self, name: str) -> Iterator[Callable[[], None]]:
        before = set(QApplication.topLevelWidgets())
        handled: set[QWidget] = set()
        self._depth += 1
        level = self._depth

        def catch() -> None:
            if level != self._depth:  # a dialog this one opened is being watched
                return
            for widget in QApplication.topLevelWidgets():
                if widget in before or widget in handled or not widget.isVisible():
                    continue
                if not isinstance(widget, QDialog):
                    continue
                handled.add(widget)
                if not isinstance(widget, FOREIGN) and name not in self._opened:
                    self._opened.add(name)
                    self.stop(f"dialog-{name.removeprefix('menu-')}", widget)
                    self._openers(f"dialog-{name.removeprefix('menu-')}", widget)
                widget.reject()
                if widget.isVisible():
                    widget.close()

        # A modal dialog runs its own event loop inside trigger(): catch it from a timer.
        timer = QTimer()
        timer.setInterval(20)
        timer.timeout.connect(catch)
        timer.start()
        try:
            yield catch
        finally:
            timer.stop()
            self._depth -= 1
