"""What a screen reader hears besides the focused control: announcements, and errors tied to
the field they are about.

A status line or an error label is only seen; a person using Orca hears nothing when its text
changes. :func:`announce` sends the text as a ``QAccessibleAnnouncementEvent``, which Qt's
AT-SPI bridge delivers as ``object:announcement`` (checked by
tests/desktop/accessibility/). The same text goes out on :data:`announcer`'s signal, so
in-process tests can see what was announced without an AT-SPI bus.

An error belongs to its field (WCAG 2.2, 3.3.1 "Error Identification"):
:func:`show_field_error` writes it under the field, sets it as the field's accessible
description (read after its name when focus lands on it), marks the field invalid (a
``invalid`` property, and a red frame drawn by a style sheet on that field alone), and
announces it. Qt 6.11's
``QAccessible.State`` has no invalid-entry bit to hand to AT-SPI, so the description and the
announcement carry the state to a screen reader.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

#: The dynamic property :func:`show_field_error` sets.
INVALID = "invalid"

#: A frame around a field in error, so its state shows by more than the error's text. Red at
#: 5.0:1 on white and 3.3:1 on the dark palette's base: WCAG 2.2's 3:1 for a UI part.
INVALID_FRAME = "#d32f2f"
_SAVED_STYLE = "afterviewStyleBeforeError"
_HELP = "afterviewHelpText"


class Announcer(QObject):
    """Carries every announcement: ``announced(text, assertive)``."""

    announced = Signal(str, bool)


#: The one announcer (tests connect to its signal).
announcer = Announcer()


def announce(source: QWidget, text: str, *, assertive: bool = False) -> None:
    """Say ``text`` to assistive technology, on behalf of ``source`` (a visible widget).

    ``assertive`` interrupts what is being read (for errors); otherwise it waits its turn
    ("polite", for confirmations such as "Saved"). Empty text is not announced.
    """
    text = text.strip()
    if not text:
        return
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if assertive
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
    announcer.announced.emit(text, assertive)


def show_field_error(field: QWidget, label: QLabel, text: str) -> None:
    """Show ``text`` as ``field``'s error: in ``label``, as ``field``'s accessible
    description, as its invalid state, and as an assertive announcement.

    Showing the same error again does not announce it twice.
    """
    already = bool(field.property(INVALID)) and field.accessibleDescription() == text
    label.setText(text)
    label.setVisible(True)
    field.setAccessibleDescription(text)
    _set_invalid(field, True)
    if not already:
        announce(field, text, assertive=True)


def clear_field_error(field: QWidget, label: QLabel) -> None:
    """Take ``field``'s error away (label and invalid state); its description goes back to
    the help text :func:`describe` gave it, if any."""
    label.clear()
    label.setVisible(False)
    field.setAccessibleDescription(help_text(field))
    _set_invalid(field, False)


def describe(field: QWidget, text: str) -> None:
    """``text`` (the help line shown under ``field``) as its accessible description, read
    after its name; an error shown later takes its place until it is cleared."""
    field.setProperty(_HELP, text)
    if not is_invalid(field):
        field.setAccessibleDescription(text)


def help_text(field: QWidget) -> str:
    """The help text :func:`describe` gave ``field`` ("" when none)."""
    return str(field.property(_HELP) or "")


def is_invalid(field: QWidget) -> bool:
    """Whether :func:`show_field_error` marked ``field`` and nothing cleared it since."""
    return bool(field.property(INVALID))


def _set_invalid(field: QWidget, invalid: bool) -> None:
    if bool(field.property(INVALID)) == invalid:
        return
    field.setProperty(INVALID, invalid)
    # A style sheet on the field alone: an application-wide one would restyle every widget.
    if invalid:
        field.setProperty(_SAVED_STYLE, field.styleSheet())
        name = type(field).__name__
        field.setStyleSheet(f"{name} {{ border: 2px solid {INVALID_FRAME}; border-radius: 3px; }}")
    else:
        field.setStyleSheet(str(field.property(_SAVED_STYLE) or ""))


def name_editable_combo(combo: QComboBox) -> None:
    """Give an editable combo box's text field a name: focus lands in that field, and Qt
    leaves it unnamed (a screen reader said just "text"). The name is, in order, the label
    related to the combo box, its own accessible name, or its placeholder text."""
    line = combo.lineEdit()
    if line is None or line.accessibleName():
        return
    labels = [
        label
        for label in combo.window().findChildren(QLabel)
        if label.buddy() is combo and label.text().strip()
    ]
    name = (
        without_mnemonic(labels[0].text()).rstrip(":")
        if labels
        else combo.accessibleName() or line.placeholderText()
    )
    if name:
        line.setAccessibleName(name)


def without_mnemonic(text: str) -> str:
    """A label or menu title as a screen reader should say it: "&File" → "File",
    "A&&B" → "A&B"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")
