"""The machinery of the pseudo-localisation test (test_pseudo_localisation.py): a translator
that brackets every text, a walk over every visible text of a window, and the check that
tells a translated text from one that never went through tr().

A text passes when, after the user's own data (names, companies, notes) and the words the
locale itself writes (month and day names) are taken out, nothing but bracketed parts,
digits and punctuation remain: "[Delete the interview with Acme?]" and "Laura Chen" pass,
"Due 22 Nov" does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from PySide6 import QtGui
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
    QTranslator,
)
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTextEdit,
    QTreeView,
    QWidget,
)

#: Rows of each list or table whose cells are read (the first ones show every kind of cell).
ROWS_READ = 40


class PseudoTranslator(QTranslator):
    """Returns every source text bracketed: "[Save]", "[&Save]", "[%n reference(s)]"; the
    placeholders (%n, %1, {name}) and accelerators (&) stay inside and keep working."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if source is None:
            return None
        return f"[{source}]"

    def isEmpty(self) -> bool:
        return False


@dataclass(frozen=True)
class Seen:
    """One visible text: where (the window, the widget's object-name path), what kind, and
    the source file that most likely set it (:func:`owner`)."""

    where: str
    kind: str
    text: str
    owner: str = "?"


def owner(thing: QObject | None) -> str:
    """The source file of the nearest Afterview class at or above ``thing`` (a widget, a
    model, a menu), as "ui/today_page.py": the file that most likely set its text."""
    while thing is not None:
        module = type(thing).__module__
        if module.startswith("afterview."):
            return module.removeprefix("afterview.").replace(".", "/") + ".py"
        thing = thing.parent()
    return "?"


def _source_model(model: QAbstractItemModel) -> QAbstractItemModel:
    while isinstance(model, QAbstractProxyModel) and model.sourceModel() is not None:
        model = model.sourceModel()
    return model


def _path(widget: QObject) -> str:
    names: list[str] = []
    current: QObject | None = widget
    while current is not None:
        name = current.objectName()
        if name:
            names.append(name)
        current = current.parent()
    return "/".join(reversed(names)) or type(widget).__name__


def _label_text(label: QLabel) -> str:
    text = label.text()
    if label.textFormat() == Qt.TextFormat.PlainText:
        return text
    rich = QtGui.Qt.mightBeRichText(text)  # type: ignore[attr-defined]
    if label.textFormat() == Qt.TextFormat.RichText or rich:
        return QTextDocumentFragment.fromHtml(text).toPlainText()
    return text


def _stripped(text: str) -> str:
    """An action's text as Qt copies it into its default tooltip: no "&", no "…"."""
    return re.sub(r"&(.)", r"\1", text).replace("...", "").replace("…", "").strip()


def _menu(menu: QMenu, where: str) -> Iterator[Seen]:
    menu.aboutToShow.emit()  # a menu rebuilt as it opens (Snooze) fills itself now
    yield Seen(where, "menu title", menu.title())
    yield from _actions(menu.actions(), where)


def _actions(actions: Iterable[QAction], where: str) -> Iterator[Seen]:
    for action in actions:
        if action.isSeparator() or not action.isVisible():
            continue
        yield Seen(where, "action", action.text())
        tip = action.toolTip()
        if tip and tip != _stripped(action.text()):  # one of its own, not Qt's copy of the text
            yield Seen(where, "action tooltip", tip)
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from _menu(sub, f"{where}/{sub.objectName() or sub.title()}")


def _view(view: QAbstractItemView, where: str) -> Iterator[Seen]:
    model = view.model()
    if model is None:
        return
    source = owner(_source_model(model))
    if source != "?":
        where = f"{where}@{source}"
    root = QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # QListWidget's own model hides it: one column
        columns = 1
    header = getattr(view, "horizontalHeader", None)
    shows_header = not isinstance(view, QTreeView) or not view.isHeaderHidden()
    if header is not None and not header().isVisible():
        shows_header = False
    if shows_header and (header is not None or isinstance(view, QTreeView)):
        for column in range(model.columnCount()):
            title = model.headerData(column, Qt.Orientation.Horizontal)
            if isinstance(title, str):
                yield Seen(where, "header", title)
    for row in range(min(model.rowCount(root), ROWS_READ)):
        for column in range(columns):
            index = model.index(row, column)
            for role, kind in (
                (Qt.ItemDataRole.DisplayRole, "cell"),
                (Qt.ItemDataRole.ToolTipRole, "cell tooltip"),
            ):
                value = index.data(role)
                if isinstance(value, str):
                    yield Seen(where, kind, value)
            for child in range(min(model.rowCount(index), ROWS_READ)):
                value = model.index(child, column, index).data()
                if isinstance(value, str):
                    yield Seen(where, "cell", value)


def _widget(widget: QWidget, where: str) -> Iterator[Seen]:
    if widget.isWindow():
        yield Seen(where, "window title", widget.windowTitle())
    tip = widget.toolTip()
    if tip:
        yield Seen(where, "tooltip", QTextDocumentFragment.fromHtml(tip).toPlainText())
    if isinstance(widget, QLabel):
        yield Seen(where, "label", _label_text(widget))
    elif isinstance(widget, QAbstractButton):
        yield Seen(where, "button", widget.text())
        menu = getattr(widget, "menu", lambda: None)()
        if isinstance(menu, QMenu):
            yield from _menu(menu, f"{where}/menu")
    elif isinstance(widget, QGroupBox):
        yield Seen(where, "group box", widget.title())
    elif isinstance(widget, QTabBar):
        for tab in range(widget.count()):
            yield Seen(where, "tab", widget.tabText(tab))
            yield Seen(where, "tab tooltip", widget.tabToolTip(tab))
    elif isinstance(widget, QComboBox):
        for item in range(widget.count()):
            yield Seen(where, "combo item", widget.itemText(item))
    elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        yield Seen(where, "placeholder", widget.placeholderText())
    elif isinstance(widget, QAbstractItemView):
        yield from _view(widget, where)
    if isinstance(widget, QAbstractSpinBox):
        yield Seen(where, "special value", widget.specialValueText())
        if isinstance(widget, QSpinBox):
            yield Seen(where, "suffix", widget.suffix())
            yield Seen(where, "prefix", widget.prefix())
    if isinstance(widget, QMainWindow):
        for menu in widget.menuBar().findChildren(
            QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            yield from _menu(menu, f"{where}/menu bar")
        yield Seen(where, "status bar", widget.statusBar().currentMessage())


def visible_texts(window: QWidget) -> list[Seen]:
    """Every text the user can see in ``window`` as it is now: each visible widget's own text,
    tooltip, placeholder, items and header titles, and the window's menus."""
    found: list[Seen] = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible() or (widget is not window and widget.window() is not window):
            continue
        source = owner(widget)
        for seen in _widget(widget, _path(widget)):
            if seen.text.strip():
                where, _at, model = seen.where.partition("@")
                found.append(Seen(where, seen.kind, seen.text, model or source))
    return found


def locale_words(locale: QLocale) -> set[str]:
    """The words QLocale itself writes in dates and sizes (month and day names, AM/PM, kB):
    translated by the locale data, not by tr()."""
    # Data sizes ("4.9 kB") are written by QLocale.formattedDataSize with these units.
    words = {locale.amText(), locale.pmText(), "kB", "MB", "GB", "TB", "KiB", "MiB", "GiB"}
    for kind in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
        words.update(locale.monthName(m, kind) for m in range(1, 13))
        words.update(locale.standaloneMonthName(m, kind) for m in range(1, 13))
        words.update(locale.dayName(d, kind) for d in range(1, 8))
        words.update(locale.standaloneDayName(d, kind) for d in range(1, 8))
    return {word for word in words if word}


_BRACKETED = re.compile(r"\[[^\[\]]*\]")
_LETTER = re.compile(r"[^\W\d_]")


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching any of ``words`` standing alone (longest first)."""
    ordered = sorted((re.escape(word) for word in words if word), key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(ordered)})(?!\w)")


def leftover(text: str, data: Iterable[str], words: re.Pattern[str]) -> str:
    """What of ``text`` was not translated: the text without the user's ``data``, then
    without its bracketed parts (innermost first) and the locale's ``words`` (a
    :func:`word_pattern`); digit runs
    become "#" and spaces are folded, so a count or a time does not make a new entry. ""
    when nothing but digits and punctuation is left."""
    # A rich-text tooltip's markup (<qt>, <br>) is no text the user reads.
    rest = _MARKUP.sub(" ", text)
    for value in sorted(data, key=len, reverse=True):
        rest = rest.replace(value, " ")
    while True:
        shorter = _BRACKETED.sub(" ", rest)
        if shorter == rest:
            break
        rest = shorter
    rest = words.sub(" ", rest)
    if not _LETTER.search(rest):
        return ""
    return " ".join(re.sub(r"\d+", "#", rest).split())


_MARKUP = re.compile(r"</?(?:qt|br|b|i|p)\s*/?>")


def user_data(document: object) -> set[str]:
    """The texts the user typed in a data document (afterview/1 or /2): every string value
    but the identifiers and fixed values (keys, statuses, roles, zones, dates)."""
    fixed = {"key", "format", "status", "role", "preferred_channel", "time_zone", "country",
             "start", "contact", "references", "kind", "channel", "rule"}  # fmt: skip
    found: set[str] = set()

    def walk(value: object, key: str = "") -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                walk(item, name)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str) and key not in fixed and len(value.strip()) > 1:
            found.add(value)
            found.update(line for line in value.splitlines() if len(line.strip()) > 1)

    walk(document)
    return found
