"""Installing the translations for the user's locale: Qt's own (the "OK" and "Cancel" of its
dialogs) and Afterview's, each when a .qm file for the locale exists; English otherwise.

English itself needs one translator: a count is written once in the source, as Qt's %n
machinery wants it ("%n reference(s)"), and :class:`EnglishPlurals` turns it into "1
reference" / "2 references" (the job of an English .qm in a C++ program), for every text
that no other translator took. It is installed first, so any real translation wins.

The window and the tray each make a QApplication, and each calls :func:`install_translators`
once, right after making it and before building any widget (a text is translated when it is
set). Afterview's files are ``afterview_<lang>.qm`` in the package's ``resources/translations``
(QTranslator.load tries "de_DE", then "de").
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from afterview.resources import resource_path

#: The folder of Afterview's own .qm files.
TRANSLATIONS = "translations"


#: Counts whose English forms the "(s)" rule gets wrong (a verb agrees with the count):
#: source -> (singular, plural). Add to it when a text needs it.
IRREGULAR: dict[str, tuple[str, str]] = {
    "%n interview(s) match.": ("%n interview matches.", "%n interviews match."),
    "%n word(s) look(s) misspelled: %1": (
        "%n word looks misspelled: %1",
        "%n words look misspelled: %1",
    ),
    (
        "%n card(s) match a contact you have or an earlier card (same email). "
        "Checked: merge the card into it; unchecked: skip the card."
    ): (
        "%n card matches a contact you have or an earlier card (same email). "
        "Checked: merge the card into it; unchecked: skip the card.",
        "%n cards match a contact you have or an earlier card (same email). "
        "Checked: merge the card into it; unchecked: skip the card.",
    ),
}

_SUFFIX = re.compile(r"\((e?s)\)")


def english_plural(source: str, n: int) -> str:
    """``source`` with its "(s)" and "(es)" endings resolved for ``n`` (singular for 1 only,
    as English counts: "0 references"); the forms in :data:`IRREGULAR` first. ``%n`` is left
    for Qt to fill."""
    forms = IRREGULAR.get(source)
    if forms is not None:
        return forms[0] if n == 1 else forms[1]
    return _SUFFIX.sub("" if n == 1 else r"\1", source)


class EnglishPlurals(QTranslator):
    """The English singular and plural of a text counted with ``%n`` (``tr(text, "", n)``);
    every other text is left to the next translator (None: "not translated here")."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # "%Ln" is "%n" written the locale's way ("1,000"): the same plural.
        if n < 0 or source is None or ("%n" not in source and "%Ln" not in source):
            return None
        return english_plural(source, n)

    def isEmpty(self) -> bool:
        return False


def install_translators(
    app: QCoreApplication, locale: QLocale | None = None, folder: Path | None = None
) -> list[QTranslator]:
    """Install :class:`EnglishPlurals`, then load and install, for ``locale`` (default: the
    system's UI languages), Qt's base translation and Afterview's, each only if its .qm
    exists. Returns the installed
    translators (parented to ``app``, so they live as long as it). Never raises: a missing
    or unreadable file leaves that part in English."""
    chosen = locale if locale is not None else QLocale.system()
    english = EnglishPlurals(app)
    app.installTranslator(english)  # first installed, last asked
    installed: list[QTranslator] = [english]
    own = folder if folder is not None else resource_path(TRANSLATIONS)
    for name, directory in (
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("afterview", str(own)),
    ):
        translator = QTranslator(app)
        if translator.load(chosen, name, "_", directory, ".qm"):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            translator.deleteLater()
    return installed


_MARKER = re.compile(r"%([1-9])")


def fill(template: str, *values: object) -> str:
    """``template`` (a translated text) with %1, %2 … replaced by ``values`` in one pass, as
    QString.arg does, so a value that itself holds "%2" (a user's note) is never replaced
    again; a marker without a value is left as it is. ``%n`` is Qt's own, filled by tr()."""

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(values[index]) if index < len(values) else match.group(0)

    return _MARKER.sub(value, template)


__all__ = [
    "IRREGULAR",
    "TRANSLATIONS",
    "EnglishPlurals",
    "english_plural",
    "fill",
    "install_translators",
]
