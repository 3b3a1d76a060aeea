"""At 800×600 the interview list shows Status and Next step without scrolling sideways, the
People tab shows whole names, the references editor keeps Save in reach, and sample
references are marked in the list and in the editor."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget

from afterview.ui.interviews_model import COLUMNS
from afterview.ui.main_window import INTERVIEWS, REFERENCES, MainWindow
from afterview.ui.references_model import SampleRole
from tests.ui.test_small_window import settle, small_window
from tests.ui.tour import visible_rect

__all__ = ["small_window"]  # the fixture, shared


def column(title: str) -> int:
    return [name for name, _key in COLUMNS].index(title)


def wholly_seen(widget: QWidget, top: QWidget) -> bool:
    return visible_rect(widget, top) == QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def test_the_interview_list_shows_status_and_next_step(small_window: MainWindow) -> None:
    small_window.show_page(INTERVIEWS)
    settle(small_window)
    page = small_window.workspace.page  # type: ignore[union-attr]
    table, header = page.table, page.table.horizontalHeader()
    assert table.horizontalScrollBar().value() == 0
    metrics = table.fontMetrics()
    for title, widest in (("Status", "Awaiting decision"), ("Next step", "Write the debrief")):
        section = column(title)
        left = header.sectionViewportPosition(section)
        assert left >= 0 and left + header.sectionSize(section) <= table.viewport().width(), title
        assert header.sectionSize(section) > metrics.horizontalAdvance(widest), title


def test_the_people_tab_shows_whole_names(small_window: MainWindow) -> None:
    small_window.show_page(INTERVIEWS)
    page = small_window.workspace.page  # type: ignore[union-attr]
    rows = range(page.model.rowCount())
    company = column("Company")
    row = next(r for r in rows if "Northwind" in page.model.index(r, company).data())
    page.select(page.model.interview_id(row))
    page.detail.tabs.setCurrentWidget(page.detail.people)
    settle(small_window)
    tree = page.detail.people.tree
    name = "Maria Fernanda Anders-Lindqvist"
    assert tree.topLevelItem(0).text(0) == name
    assert tree.header().sectionSize(0) > tree.fontMetrics().horizontalAdvance(name)
    assert tree.header().sectionViewportPosition(0) == 0


def test_references_save_stays_in_reach_and_samples_are_marked(small_window: MainWindow) -> None:
    small_window.show_page(REFERENCES)
    settle(small_window)
    page = small_window.pages[REFERENCES]
    model = page.model
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    sample, own = rows["Ana Ruiz"], rows["Christopher Montgomery-Whitfield"]
    assert model.index(sample, 0).data(SampleRole) is True
    assert model.index(sample, 0).data(Qt.ItemDataRole.FontRole).italic()
    assert "Sample record" in model.index(sample, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert not model.index(own, 0).data(SampleRole)
    assert model.index(own, 0).data(Qt.ItemDataRole.FontRole) is None
    page.select(model.index(sample, 0).data(page.id_role))
    settle(small_window)
    assert page.editor.sample_mark.isVisible()
    assert wholly_seen(page.save_button, small_window)
    page.select(model.index(own, 0).data(page.id_role))
    settle(small_window)
    assert not page.editor.sample_mark.isVisible()
    page.editor.name.setText("Christopher Montgomery-Whitfield Jr.")
    settle(small_window)
    assert page.save_button.isEnabled() and wholly_seen(page.save_button, small_window)
    # Nothing in the editor needs sideways scrolling at this size.
    scroll = page.stack.widget(1)
    assert not scroll.horizontalScrollBar().isVisible()


def test_the_detail_goes_below_the_list_and_back_beside_it(small_window: MainWindow) -> None:
    small_window.show_page(INTERVIEWS)
    page = small_window.workspace.page  # type: ignore[union-attr]
    small_window.resize(1440, 900)
    settle(small_window)
    assert page.splitter.orientation() == Qt.Orientation.Horizontal
    page.splitter.moveSplitter(700, 1)  # as the user drags it
    settle(small_window)
    beside = page.splitter.sizes()
    small_window.resize(800, 600)
    settle(small_window)
    assert page.splitter.orientation() == Qt.Orientation.Vertical
    assert page.table.y() < page.detail.y()
    small_window.resize(1440, 900)
    settle(small_window)
    assert page.splitter.orientation() == Qt.Orientation.Horizontal
    assert page.splitter.sizes() == beside  # where the user put it, not a default
