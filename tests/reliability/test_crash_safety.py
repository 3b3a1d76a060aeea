"""A writer process killed with SIGKILL mid-stream, 20 times: every commit it confirmed
is present, and integrity_check is ok.

All rounds share one data directory, so each round also starts from the
previous crash. A commit is confirmed when the writer printed its key, which it
does only after the write transaction returned.
"""

from __future__ import annotations

import json
import os
import random
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select, text

from afterview import paths
from afterview.store.database import open_database
from afterview.store.errors import StoreError
from afterview.store.models import ContactRow, SettingRow

from .writer import COUNTER

if TYPE_CHECKING:
    from .conftest import WriterProcess

ROUNDS = 20
SEED = 20_261_122
START_TIMEOUT_S = 60.0
LINE_TIMEOUT_S = 30.0


@dataclass
class Round:
    number: int
    target: int
    confirmed: int = 0
    lost: int = 0
    unconfirmed_present: int = 0
    unclean_shutdown: bool = False
    integrity: str = "not checked"
    counter_matches: bool = False


def confirmations_before_kill(number: int) -> int:
    """How many confirmations to wait for before the kill: random, but the same every run."""
    return random.Random(SEED + number).randint(5, 200)


@pytest.mark.slow
def test_sigkill_mid_stream_loses_no_confirmed_commit(
    tmp_path: Path,
    spawn_writer: Callable[..., WriterProcess],
    reliability_figures: Callable[[str], None],
) -> None:
    data_dir = tmp_path / "data"
    confirmed: set[str] = set()
    present: set[str] = set()
    rounds: list[Round] = []
    problems: list[str] = []

    for number in range(ROUNDS):
        current = Round(number, confirmations_before_kill(number))
        rounds.append(current)
        name = f"r{number:02d}"
        writer = spawn_writer("--data-dir", str(data_dir), "--mode", "crash", "--name", name)
        assert writer.line(START_TIMEOUT_S) == "ready", writer.stderr()
        keys: list[str] = []
        while len(keys) < current.target:
            key = writer.line(LINE_TIMEOUT_S)
            assert key is not None, f"round {number}: writer ended early:\n{writer.stderr()}"
            keys.append(key)
        assert writer.popen.poll() is None, f"round {number}: writer stopped before the kill"
        os.kill(writer.pid, signal.SIGKILL)
        # Reap it, so its running-marker names a process that is gone (not a zombie).
        assert writer.wait(timeout=10) == -signal.SIGKILL
        # Keys already in the pipe were printed after their commits too: confirmed as well.
        keys.extend(writer.remaining_lines(timeout=10))
        current.confirmed = len(keys)
        confirmed.update(keys)

        try:
            db = open_database(paths.resolve(data_dir))
        except StoreError as error:
            problems.append(f"round {number}: open_database failed: {error}")
            break
        with db:
            current.unclean_shutdown = db.report.unclean_shutdown
            with db.read() as session:
                present = set(session.scalars(select(ContactRow.key)))
                this_round = set(
                    session.scalars(
                        select(ContactRow.key).where(ContactRow.name.startswith(f"{name}-"))
                    )
                )
                counter = session.get(SettingRow, COUNTER)
                counted = None if counter is None else int(json.loads(counter.value))
                integrity = [str(row[0]) for row in session.execute(text("PRAGMA integrity_check"))]
        current.lost = len(confirmed - present)
        current.unconfirmed_present = len(this_round - set(keys))
        current.integrity = "; ".join(integrity)
        # Each transaction adds a contact and bumps the counter: both or neither survived.
        current.counter_matches = counted == len(present)

    total_confirmed = sum(r.confirmed for r in rounds)
    lost = len(confirmed - present)
    integrity_ok = sum(r.integrity == "ok" for r in rounds)
    unclean = sum(r.unclean_shutdown for r in rounds)
    reliability_figures(
        f"SIGKILL x{len(rounds)}: {total_confirmed} commits confirmed, {lost} lost, "
        f"integrity_check ok {integrity_ok}/{len(rounds)}, "
        f"unclean shutdown detected {unclean}/{len(rounds)}, "
        f"{sum(r.unconfirmed_present for r in rounds)} committed but unconfirmed at the kill"
    )

    assert problems == []
    assert len(rounds) == ROUNDS
    for current in rounds:
        assert current.confirmed >= current.target, current
        assert current.lost == 0, current
        assert current.integrity == "ok", current
        assert current.unclean_shutdown, current
        assert current.counter_matches, current
    assert lost == 0
    assert len(confirmed) == total_confirmed  # every key is distinct
