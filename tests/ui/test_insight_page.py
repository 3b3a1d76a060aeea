"""The Insight page (issue 17 §4): its tables hold the figures of the user's own records (the
expected rows written by hand from the records each test makes), a write elsewhere redraws
it, the charts follow the palette, it prints and saves through the letters' pipeline, and
QtCharts is loaded only when the page is first shown."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from afterview import paths
from afterview.domain.applications import Outcome
from afterview.domain.records import Role
from afterview.store.api import open_store
from afterview.store.operations import Store
from afterview.store.values import NewPerson
from afterview.ui.data import DataAccess
from afterview.ui.insight_page import InsightPage
from afterview.ui.main_window import INSIGHT, MainWindow
from tests.ui.test_inactive_text import adwaita_dark
from tests.ui.test_palette_pairs import ratio

NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)
clock = [NOW]


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """The sample data (left out of every figure) and three applications of the user's own:
    Fabrikam waiting, Tailspin rejected two days after its one round, Contoso with an offer
    after two rounds."""
    clock[0] = NOW - timedelta(days=20)
    with open_store(paths.resolve(data_dir), role="window", clock=lambda: clock[0]) as opened:
        opened.settings.save_playbook({"home_time_zone": "UTC"})
        opened.data.add_sample()
        opened.applications.create({"company": "Fabrikam", "position": "Engineer"})
        for company, rounds, last in (("Tailspin", 1, "rejected"), ("Contoso", 2, "offer")):
            app = opened.applications.create({"company": company, "position": "Analyst"}).value
            for number in range(rounds):
                start = NOW - timedelta(days=15 - 5 * number)
                clock[0] = start
                interview = opened.interviews.create(
                    {"company": company, "position": "Analyst", "application_id": app,
                     "start": start.replace(tzinfo=None), "time_zone": "UTC"},
                    [NewPerson(f"Ann {company} {number}", Role.INTERVIEWER)],
                ).value  # fmt: skip
                status = last if number == rounds - 1 else "next_round"
                clock[0] = start + timedelta(days=2)
                opened.interviews.update(interview, {"status": status})
        clock[0] = NOW
        yield opened


@pytest.fixture
def page(qtbot: QtBot, store: Store) -> InsightPage:
    shown = InsightPage(DataAccess(store), lambda: NOW)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.load()
    shown.show()
    return shown


def table(page: InsightPage, name: str) -> list[list[str]]:
    model = page.blocks[name].model
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_every_table_model_passes_the_model_tester(qtmodeltester: Any, page: InsightPage) -> None:
    assert set(page.blocks) == {"funnel", "outcomes", "days", "thanks", "follow_ups"}
    for block in page.blocks.values():
        qtmodeltester.check(block.model, force_py=True)


def test_the_tables_hold_the_users_own_search(page: InsightPage) -> None:
    assert table(page, "funnel") == [
        ["Applied", "3", "100 %"],
        ["Interviewed", "2", "67 %"],
        ["Next round", "1", "33 %"],
        ["Offer", "1", "33 %"],
    ]
    assert table(page, "outcomes") == [
        ["Before an interview", "0"],
        ["After an interview", "1"],
        ["After an offer", "0"],
    ]
    assert page.blocks["outcomes"].model.headerData(1, Qt.Orientation.Horizontal) == "Rejected"
    # Three answers (Tailspin's rejection, Contoso's next round and offer), each two days on.
    assert [row[1] for row in table(page, "days")] == ["0", "3", "0", "0", "0", "0"]
    assert table(page, "days")[1][0] == "1–2"
    # No follow-up is done yet in this search: counts of 0 and no share.
    assert table(page, "follow_ups") == [["Answered", "0", "–"], ["No answer", "0", "–"]]
    block = page.blocks["funnel"]
    assert block.table.accessibleName() == "From application to offer: table"
    assert block.chart.accessibleName() == "From application to offer"


def test_a_write_elsewhere_redraws_the_page(page: InsightPage, store: Store) -> None:
    app = store.applications.create({"company": "Northwind", "position": "Engineer"}).value
    store.applications.close(app, Outcome.POSITION_CLOSED)
    assert table(page, "funnel")[0] == ["Applied", "4", "100 %"]
    assert table(page, "outcomes")[0] == ["Before an interview", "0", "1"]  # Rejected first


def test_done_thank_you_notes_count_by_their_deadline(page: InsightPage, store: Store) -> None:
    notes = [s for s in store.steps.open() if s.kind == "thank_you"]
    sample = next(s for s in notes if s.company not in ("Tailspin", "Contoso"))
    store.steps.done(sample.id)  # a sample's note counts for nothing
    own = [s for s in notes if s.company in ("Tailspin", "Contoso")]
    assert len(own) == 3
    first, second = sorted(own, key=lambda s: s.due)[:2]
    clock[0] = first.due - timedelta(hours=1)
    store.steps.done(first.id)
    clock[0] = second.due + timedelta(hours=1)
    store.steps.done(second.id)
    assert table(page, "thanks") == [["On time", "1", "50 %"], ["Late", "1", "50 %"]]
    assert page.blocks["thanks"].title.text() == "Thank-you notes sent on time: 50 %"


def test_the_charts_follow_the_palette(page: InsightPage, qtbot: QtBot) -> None:
    chart = page.blocks["funnel"].chart
    light = chart.chart().backgroundBrush().color()
    dark = QPalette(page.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    page.setPalette(dark)
    qtbot.waitUntil(lambda: chart.chart().backgroundBrush().color() == QColor("#202020"))
    assert light != QColor("#202020")
    axis = chart.chart().axes()[0]
    assert axis.labelsColor() == QColor("#eeeeee")


def test_headings_and_captions_read_when_the_window_is_not_active(
    page: InsightPage, qtbot: QtBot
) -> None:
    """Tester 17 §10: in GTK's dark Adwaita, before the first click and behind any dialog,
    the headings and captions were #919190 on #323232 (4.06:1). Read from the pixels the
    labels draw while another window is the active one."""
    page.setPalette(adwaita_dark())
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: other.isActiveWindow() and not page.isActiveWindow())
    behind = page.palette().color(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Window)
    block = page.blocks["funnel"]
    for label in (block.title, block.note, page.findChild(QLabel, "insightIntro")):
        assert label is not None
        image = label.grab().toImage()
        seen = {
            image.pixelColor(x, y).rgb()
            for y in range(image.height())
            for x in range(image.width())
        }
        best = max(ratio(QColor(rgb), behind) for rgb in seen)
        assert best >= 4.5, (label.objectName(), f"{best:.2f}:1")


def test_save_as_pdf_through_the_letters_pipeline(page: InsightPage, tmp_path: Path) -> None:
    target = page.save_pdf(tmp_path / "insight.pdf")
    assert target == tmp_path / "insight.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    for words in ("From application to offer", "How closed applications ended",
                  "Days from interview to answer", "Follow-ups that got an answer",
                  "67 %"):  # fmt: skip
        assert words in text
    images = subprocess.run(
        ["pdfimages", "-list", str(target)], capture_output=True, text=True, check=True
    ).stdout
    assert len(images.strip().splitlines()) - 2 == 3  # the funnel, the outcomes, the days


def test_the_print_preview_opens(page: InsightPage, qtbot: QtBot) -> None:
    preview = page.show_preview()
    qtbot.waitExposed(preview)
    assert preview.objectName() == "insightPreview"
    preview.reject()


PROBE = """
import sys
from PySide6.QtWidgets import QApplication
from afterview import paths
from afterview.ui.main_window import INSIGHT, MainWindow

app = QApplication(sys.argv[:1])
window = MainWindow(paths.resolve(sys.argv[1]))
window.show()
assert window.load()
app.processEvents()
print("loaded", "PySide6.QtCharts" in sys.modules, flush=True)
window.show_page(INSIGHT)
print("insight", "PySide6.QtCharts" in sys.modules, type(window.pages[INSIGHT]).__name__)
window.close()
"""


def test_qtcharts_is_loaded_only_when_the_page_opens(data_dir: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["loaded False", "insight True InsightPage"]


def test_view_menu_and_ctrl_6_open_the_page(qtbot: QtBot, data_dir: Path) -> None:
    window = MainWindow(paths.resolve(data_dir), clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    assert window.load()
    entry = next(a for a in window.menuBar().actions() if a.text() == "&View").menu()
    action = next(a for a in entry.actions() if a.text() == "In&sight")
    assert action.shortcut().toString() == "Ctrl+6"
    action.trigger()
    assert isinstance(window.pages[INSIGHT], InsightPage)
    assert window.stack.currentWidget() is window.pages[INSIGHT]
    window.close()


def test_once_answers_are_recorded_the_follow_ups_are_a_ring_with_their_share() -> None:
    """What the page shows when the steps record whether a follow-up got an answer (the store
    reads it as soon as the column exists: afterview.store.insight.answered_column)."""
    from afterview.store.insight_values import FollowUps, Insight
    from afterview.ui.insight_figures import Shape, figures

    shown = figures(Insight(follow_ups=FollowUps(done=4, answered=3)))[-1]
    assert shown.shape is Shape.RING
    assert shown.title == "Follow-ups that got an answer: 75 %"
    assert shown.rows == (("Answered", (3,)), ("No answer", (1,)))
    assert shown.extra == ("75 %", "25 %")
