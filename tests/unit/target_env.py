"""A libpq environment of the test's own: no PG* variable, no service or password file but
those a test writes, no keyring but an in-memory one (tests/unit/test_target*.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

#: Variables libpq or Afterview read that would let this machine's setup into a test.
VARIABLES = (
    "PGHOST",
    "PGHOSTADDR",
    "PGPORT",
    "PGDATABASE",
    "PGUSER",
    "PGPASSWORD",
    "PGPASSFILE",
    "PGSERVICE",
    "PGSERVICEFILE",
    "PGSYSCONFDIR",
    "PGSSLMODE",
    "PGGSSENCMODE",
    "PGOPTIONS",
    "PGAPPNAME",
    "AFTERVIEW_DATABASE",
)


@contextmanager
def isolated(root: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """HOME is ``root/home`` (empty), the system service folder ``root/etc`` (empty), no
    PG* variable set; yields HOME."""
    home = root / "home"
    etc = root / "etc"
    home.mkdir(parents=True, exist_ok=True)
    etc.mkdir(exist_ok=True)
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PGSYSCONFDIR", str(etc))
    yield home


def write_private(path: Path, text: str) -> Path:
    """``text`` in ``path``, 0600 (libpq ignores a password file others can read)."""
    path.write_text(text, encoding="utf-8")
    os.chmod(path, 0o600)
    return path


class MemoryKeyring:
    """A keyring backend holding passwords in a dict, installed with keyring.set_keyring: it
    records what Afterview asks for. The real Secret Service is tested in test_credentials."""

    priority = 1

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], str] = {}
        self.asked: list[tuple[str, str]] = []

    def install(self) -> MemoryKeyring:
        import keyring
        from keyring.backend import KeyringBackend

        outer = self

        class Backend(KeyringBackend):
            priority = 1  # type: ignore[assignment]

            def get_password(self, service: str, username: str) -> str | None:
                outer.asked.append((service, username))
                return outer.kept.get((service, username))

            def set_password(self, service: str, username: str, password: str) -> None:
                outer.kept[(service, username)] = password

            def delete_password(self, service: str, username: str) -> None:
                from keyring.errors import PasswordDeleteError

                if outer.kept.pop((service, username), None) is None:
                    raise PasswordDeleteError("none kept")

        keyring.set_keyring(Backend())
        return self
