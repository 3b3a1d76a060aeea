"""Settings: the playbook's (changing one re-plans every step), the sender's profile, and
the app's own (afterview.domain.settings declares every name)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain import cards
from afterview.domain.settings import CALENDAR_FOLDER, NOTICE_PREFIX, Settings
from afterview.store import profile, settings, steps
from afterview.store.changes import Changes, Kind, Outcome
from afterview.store.errors import RecordError
from afterview.store.models import InterviewRow
from afterview.store.operations.core import Core
from afterview.store.values import Profile


class SettingsOps:
    def __init__(self, core: Core) -> None:
        self._core = core

    # --- the playbook -------------------------------------------------------------------

    def playbook(self) -> Settings:
        return self._core.read(settings.load_settings)

    def save_playbook(self, changes: dict[str, Any]) -> Outcome[Settings]:
        """Validate every change (RecordError names the setting), write them, and re-plan
        every step with them."""

        def work(session: Session, now: datetime) -> Settings:
            saved = settings.save_settings(session, changes)
            steps.replan(session, now)
            return saved

        return self._core.write(work, Changes.of(Kind.SETTINGS, Kind.STEPS, Kind.INTERVIEWS))

    def save_all(
        self,
        playbook: dict[str, Any],
        profile_value: Profile | None = None,
        autostart: bool | None = None,
    ) -> Outcome[Settings]:
        """What the Settings dialog saves, in one transaction: playbook changes (re-planning
        every step when there are any), the profile, the choice about starting at login
        (None: leave each as it is). RecordError names the setting; nothing is written then."""

        def work(session: Session, now: datetime) -> Settings:
            saved = settings.save_settings(session, playbook)
            if playbook:
                steps.replan(session, now)
            if profile_value is not None:
                profile.save_profile(session, profile_value)
            if autostart is not None:
                settings.set_autostart_choice(session, autostart)
            return saved

        kinds = (Kind.SETTINGS, Kind.STEPS, Kind.INTERVIEWS) if playbook else (Kind.SETTINGS,)
        return self._core.write(work, Changes.of(*kinds))

    def home_region(self) -> str | None:
        """The home country as a phone-number region (None when it is not one)."""
        return cards.region_for(self.playbook().home_country)

    # --- the profile --------------------------------------------------------------------

    def profile(self) -> Profile:
        return self._core.read(profile.load_profile)

    def save_profile(self, value: Profile) -> Outcome[Profile]:
        def work(session: Session, _now: datetime) -> Profile:
            return profile.save_profile(session, value)

        return self._core.write(work, Changes.of(Kind.SETTINGS))

    # --- the tray at login --------------------------------------------------------------

    def autostart_choice(self) -> bool | None:
        """The user's choice about starting the tray at login; None when they never chose."""
        return self._core.read(settings.autostart_choice)

    def set_autostart_choice(self, on: bool) -> Outcome[bool]:
        def work(session: Session, _now: datetime) -> bool:
            settings.set_autostart_choice(session, on)
            return on

        return self._core.write(work, Changes.of(Kind.SETTINGS))

    def claim_autostart_default(self) -> bool:
        """Turn the choice on when it was never made and a real (not sample) interview
        exists; True when it was turned on now. Part of the write path, so bare: no
        follow-ups of its own."""

        def work(session: Session, _now: datetime) -> bool:
            if settings.autostart_choice(session) is not None:
                return False
            real = session.scalar(
                select(InterviewRow.id).where(InterviewRow.sample.is_(False)).limit(1)
            )
            if real is None:
                return False
            settings.set_autostart_choice(session, True)
            return True

        # Most writes find the choice made: a read first keeps them from taking the lock.
        if self.autostart_choice() is not None:
            return False
        return self._core.commit(work)

    # --- notices shown once -------------------------------------------------------------

    def notice_shown(self, name: str) -> bool:
        """Whether the notice ``name`` (afterview.domain.settings.NOTICE_PREFIX) was shown."""
        return self._core.read(lambda s: settings.read_row(s, name)) is True

    def mark_notice_shown(self, name: str) -> Outcome[bool]:
        """Remember that the notice ``name`` was shown; RecordError for a name that is not a
        notice's."""
        if not name.startswith(NOTICE_PREFIX) or name == NOTICE_PREFIX:
            raise RecordError("settings", name, "is not the name of a notice")

        def work(session: Session, _now: datetime) -> bool:
            settings.write_row(session, name, True)
            return True

        return self._core.write(work, Changes.of(Kind.SETTINGS))

    # --- the calendar file --------------------------------------------------------------

    def calendar_folder(self) -> Path | None:
        """Where afterview.ics is kept up to date (None: nowhere)."""
        value = self._core.read(lambda s: settings.read_row(s, CALENDAR_FOLDER))
        return Path(value) if isinstance(value, str) and value else None

    def set_calendar_folder(self, folder: Path | None) -> Outcome[Path | None]:
        """Keep the file in ``folder`` (it must be a folder), or nowhere (None)."""
        if folder is not None and not Path(folder).is_dir():
            raise RecordError("settings", CALENDAR_FOLDER, f"{folder} is not a folder")
        folder = Path(folder).resolve() if folder is not None else None  # the same from anywhere

        def work(session: Session, _now: datetime) -> Path | None:
            settings.write_row(
                session, CALENDAR_FOLDER, str(folder) if folder is not None else None
            )
            return folder

        return self._core.write(work, Changes.of(Kind.SETTINGS))
