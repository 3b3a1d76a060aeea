"""Tooltips whose words a screen reader reads as plain text.

A tooltip here is escaped rich text (``<p>…</p>``, :func:`afterview.ui.widgets.plain_tooltip`)
so Qt shows user text as typed. Qt also reads a widget's tooltip as its accessible
description when it has none, tags and all: Orca said "<p>From the article …" (issue 15).
:func:`set_tip` gives the same words, plain, as the description.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from afterview.ui.widgets import plain_tooltip


def set_tip(widget: QWidget, text: str) -> None:
    """``text`` (plain) as ``widget``'s tooltip and as its accessible description; empty
    text takes both away."""
    widget.setToolTip(plain_tooltip(text))
    widget.setAccessibleDescription(text)


__all__ = ["set_tip"]
