"""The store's side of issue 12 §1 and §2: an interview's region is checked by name, working
hours must be a real span, an upgraded database gets the user's home time zone from the
computer and its steps planned again under the new rules, keeping what the user did."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from afterview import paths
from afterview.store import interchange
from afterview.store.api import open_store
from afterview.store.errors import RecordError, StoreError

RELEASES = Path(__file__).parents[1] / "data" / "releases"
NOW = datetime(2026, 11, 20, 20, tzinfo=UTC)


def _document(**interview: Any) -> dict[str, Any]:
    base = {
        "key": "thames-1",
        "company": "Thames Analytics",
        "position": "Analyst",
        "start": "2026-03-30T09:00",
        "time_zone": "Europe/London",
        "country": "GB",
        "status": "awaiting_decision",
    }
    return {"format": "afterview/2", "interviews": [{**base, **interview}]}


@pytest.mark.parametrize(
    ("region", "country", "problem"),
    [
        ("DE-BY", "GB", "DE-BY is a region of DE, not of GB"),
        ("ENG", "GB", "expected a code like 'GB-ENG'"),
        ("GB-XYZ", "GB", "GB-XYZ is not a region whose public holidays Afterview knows"),
        ("GB-ÉNG", "GB", "expected a code like 'GB-ENG'"),
    ],
)
def test_a_file_with_a_wrong_region_is_refused_by_record_and_field(
    region: str, country: str, problem: str
) -> None:
    with pytest.raises(RecordError) as raised:
        interchange.parse_document(_document(region=region, country=country))
    assert raised.value.field == "region"
    assert "thames-1" in str(raised.value)
    assert problem in str(raised.value)


def test_a_region_is_kept_upper_case_and_travels_in_an_export(data_dir: Path) -> None:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as store:
        store.data.import_document(interchange.parse_document(_document(region="gb-eng")))
        (interview,) = store.interviews.each()
        assert interview.region == "GB-ENG"
        exported = store.data.export_document()
    assert [i["region"] for i in exported["interviews"]] == ["GB-ENG"]


def test_changing_the_country_away_from_the_region_is_refused_and_changes_nothing(
    data_dir: Path,
) -> None:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as store:
        store.data.import_document(interchange.parse_document(_document(region="GB-ENG")))
        (step,) = [s for s in store.steps.all() if s.key == "thames-1:follow_up:1"]
        with pytest.raises(RecordError) as raised:
            store.interviews.update(step.interview_id, {"country": "DE"})
        assert raised.value.field == "region"
        interview = store.interviews.get(step.interview_id)
        assert (interview.country, interview.region) == ("GB", "GB-ENG")


def test_working_hours_that_end_before_they_start_are_refused(data_dir: Path) -> None:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as store:
        with pytest.raises(StoreError, match="working hours must end after they start"):
            store.settings.save_playbook({"workday_start": "18:00", "workday_end": "09:00"})
        settings = store.settings.playbook()
        assert (settings.workday_start.hour, settings.workday_end.hour) == (9, 17)


@pytest.mark.sqlite_only
def test_an_upgraded_database_takes_the_computers_zone_once_and_is_planned_again(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Release 0.2.0 planned Globex's "thank your references" for Saturday 21 November and
    A&B's reconnect for Sunday 21 February; opened now, both move to the Monday (same time of
    day), and what the user did with other steps stays."""
    data_dir.mkdir(parents=True)
    shutil.copyfile(RELEASES / "0.2.0.sqlite3", data_dir / "afterview.sqlite3")
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as store:
        assert store.settings.playbook().home_time_zone == "Asia/Tokyo"
        due = {step.key: step for step in store.steps.all()}
        assert due["globex-2:thank_references:r=ana"].due == datetime(2026, 11, 23, 15, tzinfo=UTC)
        assert due["ablabs-1:reconnect"].due == datetime(2027, 2, 22, 9, tzinfo=UTC)
        assert due["acme-1:thank_you:c=laura"].status == "done"
    monkeypatch.setenv("TZ", "America/Chicago")  # the same file on another computer
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as store:
        assert store.settings.playbook().home_time_zone == "Asia/Tokyo"


def test_a_repeated_start_time_is_its_first_occurrence(data_dir: Path) -> None:
    """01:30 happens twice in New York on 2026-11-01: first at 05:30 UTC (EDT), then at 06:30
    UTC (EST). Typed in the window or read from a file, it is the first (zoneinfo's fold=0,
    README "Time")."""
    document = {
        "format": "afterview/1",
        "interviews": [
            {
                "key": "night",
                "company": "Liberty Rail",
                "position": "Planner",
                "start": "2026-11-01T01:30",
                "time_zone": "America/New_York",
            }
        ],
    }
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as store:
        store.data.import_document(interchange.parse_document(document))
        typed = store.interviews.create(
            {
                "company": "Hudson Freight",
                "position": "Planner",
                "start": datetime(2026, 11, 1, 1, 30),
                "time_zone": "America/New_York",
            }
        ).value
        starts = {i.company: i.start.astimezone(UTC) for i in store.interviews.each()}
        assert store.interviews.get(typed).start.astimezone(UTC) == starts["Hudson Freight"]
    first = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    assert starts == {"Liberty Rail": first, "Hudson Freight": first}


@pytest.mark.parametrize("value", ["09:00:30", "09:00+02:00", "9", "25:00"])
def test_a_working_hour_is_hours_and_minutes(data_dir: Path, value: str) -> None:
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as store:
        with pytest.raises(RecordError) as raised:
            store.settings.save_playbook({"workday_start": value})
        assert raised.value.field == "workday_start"
        assert store.settings.playbook().workday_start.isoformat() == "09:00:00"


def test_a_country_code_that_is_none_is_refused_with_the_right_one(data_dir: Path) -> None:
    """The United Kingdom is often written "UK", whose ISO 3166-1 code is GB: typed
    in the window it is refused with the right code, instead of being kept and then refusing
    the region GB-ENG as "a region of GB, not of UK"."""
    with open_store(paths.resolve(data_dir), clock=lambda: NOW) as store:
        store.data.import_document(interchange.parse_document(_document()))
        (interview,) = store.interviews.each()
        for typed, problem in (
            ("UK", "UK is not a country code; United Kingdom is GB"),
            ("XX", "XX is not a country code"),
        ):
            with pytest.raises(RecordError) as raised:
                store.interviews.update(interview.id, {"country": typed})
            assert (raised.value.field, raised.value.problem) == ("country", problem)
        store.interviews.update(interview.id, {"country": "ie"})
        assert store.interviews.get(interview.id).country == "IE"
