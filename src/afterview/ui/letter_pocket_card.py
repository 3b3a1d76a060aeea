"""The interview-day pocket card, for the window: print preview or PDF.

dialog = pocket_card_preview(db, interview_id, parent)
dialog.open()
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from afterview.letters import page
from afterview.letters.context import find_interview
from afterview.letters.pocket_card import pocket_card_variables
from afterview.letters.render import system_territory
from afterview.letters.templates import templates_for
from afterview.store import convert
from afterview.store import letters as letter_store
from afterview.store.database import Database
from afterview.store.settings import load_settings
from afterview.ui import letter_output


def pocket_card_page(db: Database, interview_id: int) -> tuple[str, str]:
    """(HTML, paper size) of the card for one interview."""
    with db.read() as session:
        interview = convert.interview(find_interview(session, interview_id))
        territory = system_territory() or load_settings(session).home_country
        size = page.page_size(letter_store.load_page_size(session), territory)
    html = templates_for(db.paths.config_dir).pocket_card_html(
        pocket_card_variables(interview, territory)
    )
    return html, size


def pocket_card_preview(
    db: Database, interview_id: int, parent: QWidget | None = None
) -> letter_output.PreviewDialog:
    html, size = pocket_card_page(db, interview_id)
    dialog = letter_output.preview_dialog(html, size, parent)
    dialog.setWindowTitle("Interview-day card")
    return dialog


def save_pocket_card_pdf(db: Database, interview_id: int, target: Path) -> Path:
    html, size = pocket_card_page(db, interview_id)
    return letter_output.save_pdf(html, target, size, "Interview-day card")
