"""The letter editor's keys: the ways a letter leaves, and saving it, without the mouse.

The editor is a window of its own, so the main window's shortcuts do not reach it and these
do not reach the main window. None is a key a text field uses: the body and the subject keep
Ctrl+C, Ctrl+Z and the rest.

- Save as PDF: Ctrl+Shift+S (the usual "Save As…", since the PDF is the letter saved as a file);
- Open as mail draft: Ctrl+Shift+M (a mail program's "new message" is often Ctrl+M; the Shift
  pairs it with Save as PDF, the other way a letter goes out);
- Save draft: the platform's Save (Ctrl+S);
- Print…: the platform's Print (Ctrl+P).

Each key is set on its button, so AT-SPI reports it with the button (a screen reader says it
with the name), and is shown in the button's tooltip: "Save as PDF (Ctrl+Shift+S)".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton

from afterview.ui.translation import fill

#: The button's key in the editor's ``buttons`` → its key: a platform's standard key, or
#: one written out (a standard key is looked up only once the application runs).
KEYS: dict[str, QKeySequence.StandardKey | str] = {
    "pdf": "Ctrl+Shift+S",
    "mail": "Ctrl+Shift+M",
    "save": QKeySequence.StandardKey.Save,
    "print": QKeySequence.StandardKey.Print,
}


def key_of(name: str) -> QKeySequence:
    """The key sequence of the button ``name`` (empty for a button without one)."""
    key = KEYS.get(name)
    return QKeySequence() if key is None else QKeySequence(key)


def key_text(name: str) -> str:
    """The key of the button ``name`` as the user's platform writes it ("Ctrl+Shift+S");
    "" for a button without one."""
    return key_of(name).toString(QKeySequence.SequenceFormat.NativeText)


def with_key(name: str, text: str) -> str:
    """``text`` followed by the button's key: "Save as PDF (Ctrl+Shift+S)"."""
    key = key_text(name)
    if not key:
        return text
    return fill(
        QCoreApplication.translate("LetterKeys", "%1 (%2)", "a tooltip, its key"), text, key
    )


def give_keys(buttons: dict[str, QAbstractButton]) -> None:
    """Set each button's key (a disabled button's key does nothing) and its tooltip."""
    tips = {
        "pdf": QCoreApplication.translate("LetterKeys", "Save the letter as a PDF file"),
        "save": QCoreApplication.translate("LetterKeys", "Save the letter as a draft"),
        "print": QCoreApplication.translate("LetterKeys", "Print the letter"),
    }
    for name in KEYS:
        button = buttons[name]
        button.setShortcut(key_of(name))
        if name in tips:
            button.setToolTip(with_key(name, tips[name]))


__all__ = ["KEYS", "give_keys", "key_of", "key_text", "with_key"]
