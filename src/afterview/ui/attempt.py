"""A store command run through the window's bridge, keeping the refusal for the caller.

``DataAccess.write`` reports a refused write on its ``failed`` signal (for the status bar)
and returns None. An editor also needs the error itself, to show a
:class:`~afterview.store.errors.RecordError` beside the field it names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from afterview.store.changes import Outcome
from afterview.store.errors import StoreError

if TYPE_CHECKING:
    from afterview.ui.data import DataAccess

T = TypeVar("T")


@dataclass(frozen=True)
class Attempt(Generic[T]):
    """The command's value when it was written, else the error that refused it."""

    value: T | None
    error: StoreError | None


def attempt(data: DataAccess, command: Callable[[], Outcome[T]]) -> Attempt[T]:
    refused: list[StoreError] = []

    def run() -> Outcome[T]:
        try:
            return command()
        except StoreError as error:
            refused.append(error)
            raise

    value = data.write(run)
    return Attempt(value, refused[0] if refused else None)


__all__ = ["Attempt", "attempt"]
