"""The profile: what letters are signed with, stored beside the playbook settings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import paths
from afterview.domain.contact_ways import PostalAddress
from afterview.store.database import Database, open_database
from afterview.store.models import SettingRow
from afterview.store.profile import Profile, load_profile, save_profile
from afterview.store.settings import load_settings, write_row


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    database = open_database(paths.resolve(data_dir))
    yield database
    database.close()


def test_an_empty_store_gives_an_empty_profile(db: Database) -> None:
    with db.read() as session:
        assert load_profile(session) == Profile()


def test_the_profile_round_trips_and_leaves_the_playbook_settings_alone(db: Database) -> None:
    mine = Profile(
        name="Zoë O'Hara",
        address=PostalAddress("1 Main St", "Springfield", "IL", "62701", "US"),
        phone="+1 555 0199",
        email="zoe@example.org",
        signature="Warm regards,\nZoë",
        selling_points="ten years of <Postgres> & data migrations",
    )
    with db.write() as session:
        save_profile(session, mine)
    with db.read() as session:
        assert load_profile(session) == mine
        assert session.get(SettingRow, "profile.name") is not None
        load_settings(session)  # unknown names are ignored by the playbook settings
    with db.write() as session:
        save_profile(session, Profile(name="Ana"))
    with db.read() as session:
        assert load_profile(session) == Profile(name="Ana")


def test_an_address_kept_as_one_text_by_0_2_reads_as_its_street(db: Database) -> None:
    """Afterview 0.2 kept the sender's address as one text; it is read whole as the street,
    nothing lost, and saved back structured."""
    with db.write() as session:
        write_row(session, "profile.address", "1 Main St\nSpringfield")
    with db.read() as session:
        assert load_profile(session).address == PostalAddress(street="1 Main St\nSpringfield")
    with db.write() as session:
        save_profile(session, load_profile(session))
    with db.read() as session:
        stored = json.loads(session.get(SettingRow, "profile.address").value)
        assert stored == {"street": "1 Main St\nSpringfield", "locality": "", "region": "",
                          "postal_code": "", "country": ""}  # fmt: skip


def test_a_field_that_is_not_text_names_the_field_and_writes_nothing(db: Database) -> None:
    from afterview.store.errors import RecordError

    with pytest.raises(RecordError, match="profile: field 'phone'"), db.write() as session:
        save_profile(session, Profile(name="Ana", phone=5550100))  # type: ignore[arg-type]
    with db.read() as session:
        assert load_profile(session) == Profile()


# One database for every example is fine: each save overwrites every field.
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(max_size=40), points=st.text(max_size=200))
def test_any_text_survives(db: Database, name: str, points: str) -> None:
    with db.write() as session:
        save_profile(session, Profile(name=name, selling_points=points))
    with db.read() as session:
        assert load_profile(session) == Profile(name=name, selling_points=points)
