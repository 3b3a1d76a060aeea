"""The interview list model: Qt's model rules, sorting and filtering in the store, paging."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from afterview import paths
from afterview.domain.records import Role
from afterview.store import interviews, sample
from afterview.store.database import open_database
from afterview.store.interview_list import ListSource
from afterview.ui import interviews_model
from afterview.ui.interviews_model import InterviewsModel

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
pytestmark = pytest.mark.usefixtures("qapp")  # the model loads its index via the event loop


def _model(data_dir: Path, extra: int = 0) -> tuple[InterviewsModel, object]:
    db = open_database(paths.resolve(data_dir))
    with db.write() as session:
        sample.add_sample(session, NOW)
        ann = interviews.create_contact(session, "<b>Ann</b> & O'Hara")
        for n in range(extra):
            values = {
                "company": f"Company {n:03}",
                "position": "Engineer",
                "start": datetime(2026, 10, 1 + n % 28, 9),
                "time_zone": "UTC",
            }
            people = [(ann.id, Role.INTERVIEWER)] if n == 7 else []
            interviews.create_interview(session, values, people, NOW)

    return InterviewsModel(ListSource(db.snapshots)), db


def _column(model: InterviewsModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_model_follows_qt_rules(qtmodeltester: ModelTester, data_dir: Path) -> None:
    model, db = _model(data_dir, extra=5)
    model.reload()
    qtmodeltester.check(model, force_py=True)
    model.sort(1, Qt.SortOrder.AscendingOrder)
    model.set_filter("company", None)
    qtmodeltester.check(model, force_py=True)
    db.close()  # type: ignore[attr-defined]


def test_sort_by_company_and_filter_by_person(data_dir: Path) -> None:
    model, db = _model(data_dir, extra=12)
    model.reload()
    assert model.rowCount() == 15
    model.sort(1, Qt.SortOrder.AscendingOrder)
    companies = _column(model, 1)
    assert companies == sorted(companies, key=str.casefold)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert _column(model, 1) == sorted(companies, key=str.casefold, reverse=True)
    model.set_filter("<b>ann", None)  # matches the person on Company 007, typed as is
    assert _column(model, 1) == ["Company 007"]
    model.set_filter("", "awaiting_decision")
    assert _column(model, 1) == ["Acme"]
    model.set_filter("张伟", None)
    assert _column(model, 1) == ["Sakura KK"]
    db.close()  # type: ignore[attr-defined]


def test_rows_are_read_a_page_at_a_time(data_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(interviews_model, "PAGE", 4)
    model, db = _model(data_dir, extra=10)
    model.reload()
    pages: list[int] = []
    original = ListSource.list_rows

    def counting(source, ids):  # type: ignore[no-untyped-def]
        pages.append(len(ids))
        return original(source, ids)

    monkeypatch.setattr(ListSource, "list_rows", counting)
    model.index(0, 1).data()
    model.index(3, 1).data()
    assert pages == [4]
    model.index(9, 1).data()
    assert pages == [4, 4]
    db.close()  # type: ignore[attr-defined]


def test_the_search_index_follows_in_the_background(qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    model, db = _model(data_dir, extra=3)
    model.reload()
    assert model.rowCount() == 6 and not model.index_ready  # the list is there at once
    qtbot.waitUntil(lambda: model.index_ready, timeout=10_000)
    model.set_filter("nordlys", None)
    assert _column(model, 1) == ["Nordlys Data"]
    db.close()  # type: ignore[attr-defined]
