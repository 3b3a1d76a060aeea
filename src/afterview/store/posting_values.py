"""What importing a saved job posting did (afterview.store.posting_import), as plain values
the command line and the window read without loading SQLAlchemy."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PostingAction(StrEnum):
    """What importing a posting did."""

    #: A new application.
    CREATED = "created"
    #: An application with the same company and position took the posting's text (and its
    #: link and source where it had none).
    FILLED = "filled"
    #: An application with the same company and position already had a posting text:
    #: nothing was written.
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class PostingImport:
    """The application a posting went to, and what was done to it."""

    application_id: int
    action: PostingAction
    company: str
    position: str


__all__ = ["PostingAction", "PostingImport"]
