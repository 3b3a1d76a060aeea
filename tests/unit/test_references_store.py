"""References in the store: validation, the interviews they are used on, the notice log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from afterview import paths
from afterview.store import interchange, references
from afterview.store.database import Database, open_database
from afterview.store.errors import RecordError
from afterview.store.models import InterviewRow, ReferenceRow, StepRow

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


@pytest.fixture
def db(data_dir: Path, sample_document: dict[str, Any]) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    with database.write() as session:
        interchange.import_document(session, interchange.parse_document(sample_document), NOW)
    yield database
    database.close()


def _ref(db: Database, name: str) -> int:
    with db.read() as session:
        return session.scalars(select(ReferenceRow.id).where(ReferenceRow.name == name)).one()


def _interview(db: Database, key: str) -> int:
    with db.read() as session:
        return session.scalars(select(InterviewRow.id).where(InterviewRow.key == key)).one()


def _notify_steps(db: Database, reference_id: int) -> list[int | None]:
    with db.read() as session:
        query = select(StepRow.interview_id).where(
            StepRow.kind == "notify_reference", StepRow.reference_id == reference_id
        )
        return sorted(session.scalars(query), key=str)


def test_create_update_and_bad_input(db: Database) -> None:
    with db.write() as session:
        row = references.create_reference(
            session,
            references.ReferenceFields(
                name="Ann",
                relationship="mentor",
                phone="(212) 555-1234",
                permission_date=date(2026, 1, 2),
            ),
            NOW,
        )
        new_id = row.id
    with db.read() as session:
        assert references.get_reference(session, new_id).phone == "+1 212-555-1234"
    with pytest.raises(RecordError) as caught, db.write() as session:
        references.update_reference(
            session, new_id, references.ReferenceFields(name="Ann", email="not an email"), NOW
        )
    assert caught.value.field == "email" and caught.value.record == "reference 'Ann'"
    with db.read() as session:
        assert references.get_reference(session, new_id).relation == "mentor"


def test_using_a_reference_on_an_interview_plans_telling_them(db: Database) -> None:
    ana, sakura = _ref(db, "Ana Ruiz"), _interview(db, "sakura-1")
    acme = _interview(db, "acme-1")
    assert acme in _notify_steps(db, ana)
    with db.write() as session:
        references.set_interviews(session, ana, [acme, sakura], NOW)
    with db.read() as session:
        assert [i.key for i in references.interviews_of(session, ana)] == ["sakura-1", "acme-1"]
    assert sakura in _notify_steps(db, ana)
    with db.write() as session:
        references.set_interviews(session, ana, [acme], NOW)
    assert sakura not in _notify_steps(db, ana)
    with pytest.raises(RecordError), db.write() as session:
        references.set_interviews(session, ana, [99999], NOW)


def test_the_notice_log_keeps_when_how_and_which_interview(db: Database) -> None:
    ben, acme = _ref(db, "Ben Okafor"), _interview(db, "acme-1")
    with db.write() as session:
        references.add_notice(
            session,
            ben,
            at=datetime(2026, 11, 21, 9, tzinfo=UTC),
            channel="phone",
            note="Told them <Acme> may call",
            interview_id=acme,
            now=NOW,
        )
        references.add_notice(
            session,
            ben,
            at=datetime(2026, 11, 22, 9, tzinfo=UTC),
            channel="email",
            note="",
            interview_id=None,
            now=NOW,
        )
    with db.read() as session:
        log = references.list_notices(session, ben)
        assert [(n.channel, n.interview_id) for n in log] == [("email", None), ("phone", acme)]
        assert log[1].note == "Told them <Acme> may call"
        first = log[0].id
    with pytest.raises(RecordError) as caught, db.write() as session:
        references.add_notice(
            session, ben, at=NOW, channel="pigeon", note="", interview_id=None, now=NOW
        )
    assert caught.value.field == "channel"
    with db.write() as session:
        references.delete_notice(session, first, NOW)
    with db.read() as session:
        assert len(references.list_notices(session, ben)) == 1


def test_deleting_a_reference_drops_its_steps(db: Database) -> None:
    ana = _ref(db, "Ana Ruiz")
    with db.write() as session:
        references.delete_reference(session, ana, NOW)
    assert _notify_steps(db, ana) == []


def test_undo_delete_brings_back_links_log_and_steps(db: Database) -> None:
    ana, acme = _ref(db, "Ana Ruiz"), _interview(db, "acme-1")
    with db.write() as session:
        references.add_notice(
            session, ana, at=NOW, channel="email", note="heads-up", interview_id=acme, now=NOW
        )
    before = _notify_steps(db, ana)
    with db.write() as session:
        deleted = references.delete_reference(session, ana, NOW)
    with db.write() as session:
        assert references.undo_delete_reference(session, deleted, NOW).id == ana
    with db.read() as session:
        assert [n.note for n in references.list_notices(session, ana)] == ["heads-up"]
        assert acme in references.interview_ids_of(session, ana)
    assert _notify_steps(db, ana) == before
