"""The interview-day pocket card, for the window: print preview or PDF.

dialog = pocket_card_preview(store, interview_id, parent)
dialog.open()
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from afterview.letters import page
from afterview.letters.pocket_card import pocket_card_variables
from afterview.letters.render import system_territory
from afterview.letters.templates import templates_for
from afterview.ui import letter_output

if TYPE_CHECKING:
    from afterview.store.operations import Store


def pocket_card_page(store: Store, interview_id: int) -> tuple[str, str]:
    """(HTML, paper size) of the card for one interview; RecordError when it is gone."""
    interview = store.interviews.get(interview_id)
    playbook = store.settings.playbook()
    territory = system_territory() or playbook.home_country
    size = page.page_size(store.letters.page_size(), territory)
    html = templates_for(store.paths.config_dir).pocket_card_html(
        pocket_card_variables(interview, territory, playbook.thank_you_deadline)
    )
    return html, size


def pocket_card_preview(
    store: Store, interview_id: int, parent: QWidget | None = None
) -> letter_output.PreviewDialog:
    html, size = pocket_card_page(store, interview_id)
    dialog = letter_output.preview_dialog(html, size, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PocketCard", "Interview-day card"))
    return dialog


def save_pocket_card_pdf(store: Store, interview_id: int, target: Path) -> Path:
    html, size = pocket_card_page(store, interview_id)
    title = QCoreApplication.translate("PocketCard", "Interview-day card")
    return letter_output.save_pdf(html, target, size, title)
