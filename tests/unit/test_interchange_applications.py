"""Applications in the interchange format (``afterview/3``, issue 17): exported with their
history, imported again losing nothing, importing twice adds each history entry once, and
files of versions 1 and 2 still read (their interviews grouped into applications).

The expected values come from a second reader, the export of the database imported into (not
from what the import code computes), or are written out by hand.
"""

from __future__ import annotations

import copy
import json
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import paths
from afterview.domain.applications import Outcome, Stage
from afterview.store import interchange
from afterview.store.api import open_store
from afterview.store.conflicts import ConflictError
from afterview.store.errors import RecordError
from afterview.store.operations import Store
from tests.hypothesis_settings import NO_EXPLAIN, examples

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _open(where: Path) -> Store:
    return open_store(paths.resolve(where), clock=lambda: NOW)


def _story(store: Store) -> None:
    """Applications in every standing, with rounds, a follow-up step, history by hand."""
    waiting = store.applications.create(
        {
            "company": "Zoë AB",
            "position": "Analyst",
            "source": "A friend",
            "applied_on": date(2026, 11, 5),
            "link": "https://zoe.example/jobs/1",
            "posting": "We look for\nsomeone <careful> & kind.",
        }
    ).value
    (follow_up,) = [s.id for s in store.steps.all() if s.key.startswith("application:")]
    store.steps.snooze([follow_up], datetime(2026, 11, 30, 15, tzinfo=UTC))
    moved = store.applications.create({"company": "Initech", "position": "SRE"}).value
    store.applications.move(moved, Stage.INTERVIEWING)
    closed = store.applications.create({"company": "Globex", "position": "Lead"}).value
    store.applications.close(closed, Outcome.WITHDREW, "the commute")
    store.interviews.create(
        {
            "company": "Acme",
            "position": "Engineer",
            "round": "Phone",
            "start": datetime(2026, 11, 20, 10, 0),
            "time_zone": "Europe/Berlin",
            "status": "awaiting_decision",
        }
    )
    # A round the user put in another application than its company and position say.
    onsite = store.interviews.create(
        {
            "company": "Acme GmbH",
            "position": "Engineer II",
            "round": "Onsite",
            "start": datetime(2026, 11, 27, 10, 0),
            "time_zone": "Europe/Berlin",
        }
    ).value
    store.applications.add_round(waiting, onsite)


def _export(store: Store) -> dict[str, Any]:
    return json.loads(json.dumps(store.data.export_document()))


def test_applications_travel_with_their_history(tmp_path: Path) -> None:
    with _open(tmp_path / "a") as source:
        _story(source)
        exported = _export(source)
    assert exported["format"] == "afterview/3"
    by_company = {a["company"]: a for a in exported["applications"]}
    assert by_company["Globex"]["outcome"] == "withdrew"
    assert by_company["Globex"]["outcome_detail"] == "the commute"
    assert [e["cause"] for e in by_company["Globex"]["history"]] == ["created", "closed"]
    assert by_company["Zoë AB"]["applied_on"] == "2026-11-05"
    rounds = {i["round"]: i["application"] for i in exported["interviews"]}
    assert rounds == {"Phone": by_company["Acme"]["key"], "Onsite": by_company["Zoë AB"]["key"]}
    follow_ups = {s["application"]: s for s in exported["steps"] if "application" in s}
    # Zoë's (done by its round) and Initech's (no interview yet); none for the closed Globex.
    assert set(follow_ups) == {by_company["Zoë AB"]["key"], by_company["Initech"]["key"]}
    assert follow_ups[by_company["Zoë AB"]["key"]]["status"] == "done"
    with _open(tmp_path / "b") as target:
        target.data.import_document(interchange.parse_document(copy.deepcopy(exported)))
        assert _export(target) == exported
        # Twice: the same, each history entry once.
        target.data.import_document(interchange.parse_document(copy.deepcopy(exported)))
        assert _export(target) == exported


def test_a_version_2_file_still_reads_and_its_interviews_are_grouped(
    tmp_path: Path, sample_document: dict[str, Any]
) -> None:
    """tests/data/sample.json is an afterview/1 file; as a version 2 file it reads the same.
    Its four interviews are four applications; acme-1 awaits a decision, ablabs-1 was
    rejected, sakura-1 is scheduled, globex-2 is an offer (written from the file)."""
    for version in ("afterview/1", "afterview/2"):
        document = {**copy.deepcopy(sample_document), "format": version}
        if version == "afterview/2":
            document = _as_version_2(document)
        with _open(tmp_path / version.replace("/", "-")) as store:
            store.data.import_document(interchange.parse_document(document))
            stages = {(a.company, a.stage, a.outcome) for a in store.applications.items()}
        assert stages == {
            ("Acme", Stage.AWAITING_DECISION, None),
            ("A&B <Labs>", Stage.CLOSED, Outcome.REJECTED),
            ("Sakura KK", Stage.INTERVIEWING, None),
            ("Globex", Stage.OFFER, None),
        }, version


def _as_version_2(document: dict[str, Any]) -> dict[str, Any]:
    """Version 1's contacts and references keep their ways as text; version 2 as lists."""
    for person in [*document["contacts"], *document["references"]]:
        for single, plural in (("email", "emails"), ("phone", "phones"), ("address", "addresses")):
            if single in person:
                person[plural] = [{"value": person.pop(single)}]
    return document


@pytest.mark.parametrize(
    ("change", "words"),
    [
        pytest.param(
            lambda d: [a.update(stage="closed") or a.pop("outcome", 0) for a in d["applications"]],
            ["application #1", "'outcome'", "closed"],
            id="closed-without-outcome",
        ),
        pytest.param(
            lambda d: d["applications"][0].update(stage="hired"),
            ["application #1", "'stage'"],
            id="unknown-stage",
        ),
        pytest.param(
            lambda d: d["interviews"][0].update(application="nobody"),
            ["'application'", "'nobody'"],
            id="unknown-application",
        ),
        pytest.param(
            lambda d: d["applications"].append(copy.deepcopy(d["applications"][0])),
            ["'key'", "duplicate"],
            id="duplicate-key",
        ),
        pytest.param(
            lambda d: d.update(format="afterview/2"),
            ["'applications'", "later version"],
            id="applications-in-version-2",
        ),
    ],
)
def test_a_bad_file_names_the_application_and_imports_nothing(
    tmp_path: Path, change: Any, words: list[str]
) -> None:
    with _open(tmp_path / "a") as source:
        _story(source)
        exported = _export(source)
    change(exported)
    with _open(tmp_path / "b") as target:
        with pytest.raises(RecordError) as refused:
            target.data.import_document(interchange.parse_document(exported))
        assert all(word in str(refused.value) for word in words), str(refused.value)
        assert target.applications.items() == []


TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=30)
ONE = st.tuples(
    TEXT.filter(str.strip),
    TEXT.filter(str.strip),
    TEXT,
    st.none() | st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    st.sampled_from([None, *Stage][:-1]) | st.sampled_from(list(Outcome)),
    TEXT,
)


@settings(
    max_examples=examples(15),
    deadline=None,
    phases=NO_EXPLAIN,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(made=st.lists(ONE, max_size=4))
def test_any_applications_survive_export_and_import(
    made: list[tuple[str, str, str, date | None, Any, str]],
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        with _open(Path(scratch) / "a") as source:
            for company, position, text, day, standing, detail in made:
                made_id = source.applications.create(
                    {
                        "company": company,
                        "position": position,
                        "posting": text,
                        "applied_on": day,
                    }
                ).value
                if isinstance(standing, Outcome):
                    source.applications.close(made_id, standing, detail)
                elif standing is not None:
                    source.applications.move(made_id, standing)
            exported = _export(source)
        with _open(Path(scratch) / "b") as target:
            target.data.import_document(interchange.parse_document(copy.deepcopy(exported)))
            assert _export(target) == exported


def test_an_import_over_an_application_is_a_save(tmp_path: Path) -> None:
    """An editor that read the application before the import is told at its next save."""
    with _open(tmp_path / "a") as store:
        made = store.applications.create({"company": "Acme", "position": "SRE"}).value
        read = store.applications.get(made).version
        document = _export(store)
        document["applications"][0]["source"] = "From the import"
        store.data.import_document(interchange.parse_document(document))
        with pytest.raises(ConflictError):
            store.applications.update(made, {"source": "Mine"}, expected_version=read)
        assert store.applications.get(made).source == "From the import"
