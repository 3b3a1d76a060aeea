"""An open letter follows the profile and the cards it was drafted from, keeping the user's
words.

The editor keeps the template's text its draft started from (the *base*). When what the
letter is drafted from changes (the user's name, signature, contact details; the card), the
template is rendered again (*fresh*):

- text the user has not touched is replaced by the fresh text at once;
- text the user edited is never overwritten: :class:`UpdateBar` offers the update, and
  taking it changes only the lines the user did not edit (:func:`merge_untouched`, a line
  by line three-way merge); a line both changed is left as the user wrote it, and the bar
  says how many were.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


@dataclass(frozen=True)
class Merged:
    text: str
    #: Changes of the fresh text left out because the user had edited those lines.
    kept: int


def merge_untouched(base: str, mine: str, fresh: str) -> Merged:
    """``mine`` with every change from ``base`` to ``fresh`` applied where ``mine`` still has
    the base's lines unedited (lines: split on newlines). A change that touches a line the
    user edited, or falls between lines the user changed, is left out and counted."""
    old, own, new = base.split("\n"), mine.split("\n"), fresh.split("\n")
    # Where each base line the user left alone is in the user's text.
    at: dict[int, int] = {}
    for tag, i1, i2, j1, _j2 in SequenceMatcher(None, old, own, autojunk=False).get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                at[i1 + offset] = j1 + offset
    edits: list[tuple[int, int, list[str]]] = []  # (start, end) in own, replacement
    kept = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        span = _span(at, i1, i2, len(old), len(own))
        if span is None:
            kept += 1
            continue
        edits.append((*span, new[j1:j2]))
    for start, end, lines in sorted(edits, key=lambda edit: edit[0], reverse=True):
        own[start:end] = lines
    return Merged("\n".join(own), kept)


def _span(
    at: dict[int, int], i1: int, i2: int, base_len: int, own_len: int
) -> tuple[int, int] | None:
    """Where base lines [i1, i2) are in the user's text, when they are all there untouched
    and together; for an insertion (i1 == i2), where it goes, when both neighbours are."""
    if i1 < i2:
        places = [at.get(i) for i in range(i1, i2)]
        if any(p is None for p in places):
            return None
        first = places[0]
        assert first is not None
        if places != list(range(first, first + len(places))):
            return None
        return first, first + len(places)
    before = at.get(i1 - 1) if i1 > 0 else -1
    after = at.get(i1) if i1 < base_len else own_len
    if before is None or after is None or after != before + 1:
        return None
    return after, after


class UpdateBar(QFrame):
    """ "Your details changed": update the letter's untouched parts, or keep it as it is."""

    update_requested = Signal()
    keep_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterUpdateBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.backgroundRole().AlternateBase)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        self.text = QLabel(
            self.tr(
                "Your details or the card changed. Update the parts of the letter you have "
                "not edited? Your own words stay as they are."
            ),
            self,
        )
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.update_button = QPushButton(self.tr("Update"), self)
        self.update_button.setObjectName("letterUpdate")
        self.keep_button = QPushButton(self.tr("Keep as it is"), self)
        self.keep_button.setObjectName("letterKeep")
        row.addWidget(self.update_button)
        row.addWidget(self.keep_button)
        self.update_button.clicked.connect(self.update_requested)
        self.keep_button.clicked.connect(self.keep_requested)
        self.hide()


__all__ = ["Merged", "UpdateBar", "merge_untouched"]
