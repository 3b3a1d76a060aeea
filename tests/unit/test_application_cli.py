"""Applications from a terminal (issue 17: "each capability tested through the window and the
CLI"): ``afterview applications``, ``afterview application add|edit|move|close|history`` and
``afterview report insight``, on both backends.

Expected values are written out from the story of tests/data/sample.json (Globex's final
round made an offer, A&B <Labs> rejected after its round, Acme awaits a decision, Sakura KK's
round is to come) and from what each test typed, never read back from the code.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def story(cli: Cli, sample_json: Path) -> Cli:
    status, _out, err = cli("import", "json", str(sample_json))
    assert status == 0, err
    return cli


def _listed(cli: Cli) -> dict[str, dict[str, object]]:
    status, out, err = cli("applications", "--json")
    assert status == 0, err
    return {str(item["company"]): item for item in json.loads(out)}


def test_the_story_lists_one_application_per_process_with_its_stage(story: Cli) -> None:
    status, out, _err = story("applications")
    assert status == 0
    lines = sorted(line.split("\t", 1)[1] for line in out.splitlines())
    assert lines == [
        "A&B <Labs>, Data Engineer: Rejected",
        "Acme, Backend Engineer: Awaiting decision",
        "Globex, Platform Engineer: Offer",
        "Sakura KK, SRE: Interviewing",
    ]
    status, out, _err = story("applications", "--stage", "offer", "--json")
    assert [item["company"] for item in json.loads(out)] == ["Globex"]


def test_an_application_added_with_no_interview_waits_and_gets_its_follow_up(cli: Cli) -> None:
    status, out, err = cli(
        "application", "add", "--company", "Initech", "--position", "Analyst",
        "--source", "a friend", "--applied", "2026-11-20", "--link", "https://initech.test/j/7",
    )  # fmt: skip
    assert (status, err) == (0, "")
    assert out == "Application 1: Initech, Analyst.\n"
    assert _listed(cli)["Initech"] == {
        "id": 1,
        "company": "Initech",
        "position": "Analyst",
        "source": "a friend",
        "applied_on": "2026-11-20",
        "link": "https://initech.test/j/7",
        "stage": "applied",
        "outcome": None,
        "outcome_detail": "",
        "sample": False,
    }
    status, out, _err = cli("steps", "--json")
    titles = [step["title"] for step in json.loads(out)]
    assert "Ask Initech about your application" in titles


def test_a_move_the_latest_round_contradicts_is_refused_until_anyway(story: Cli) -> None:
    acme = _listed(story)["Acme"]["id"]
    status, out, err = story("application", "move", str(acme), "offer")
    assert (status, out) == (2, "")
    assert err == (
        "afterview: the Onsite round at Acme (Awaiting decision) says otherwise; add --anyway "
        "to move it to Offer all the same.\n"
    )
    assert _listed(story)["Acme"]["stage"] == "awaiting_decision"
    status, out, err = story("application", "move", str(acme), "offer", "--anyway")
    assert (status, out, err) == (0, f"Application {acme}: Offer.\n", "")
    # The Onsite round now records the offer: back to Awaiting decision asks in its turn.
    status, out, err = story("application", "move", str(acme), "awaiting_decision")
    assert (status, err) == (
        2,
        "afterview: the Onsite round at Acme (Offer) says otherwise; "
        "add --anyway to move it to Awaiting decision all the same.\n",
    )
    status, out, _err = story("application", "move", str(acme), "awaiting_decision", "--anyway")
    assert (status, out) == (0, f"Application {acme}: Awaiting decision.\n")
    status, out, _err = story("application", "history", str(acme))
    said = [line.split("\t")[1:] for line in out.splitlines()]
    assert said == [
        ["Applied, waiting", "added"],
        ["Awaiting decision", "by its rounds"],
        ["Offer", "moved by you"],
        ["Awaiting decision", "moved by you"],
    ]


def test_closing_records_the_outcome_and_its_detail(story: Cli) -> None:
    sakura = _listed(story)["Sakura KK"]["id"]
    status, out, err = story(
        "application", "close", str(sakura), "withdrew", "--detail", "took another offer"
    )
    assert (status, out, err) == (0, f"Application {sakura}: Withdrew (took another offer).\n", "")
    item = _listed(story)["Sakura KK"]
    assert (item["stage"], item["outcome"], item["outcome_detail"]) == (
        "closed",
        "withdrew",
        "took another offer",
    )
    status, out, _err = story("application", "history", str(sakura), "--json")
    last = json.loads(out)[-1]
    assert (last["stage"], last["outcome"], last["cause"]) == ("closed", "withdrew", "closed")


def test_an_edit_keeps_the_postings_text_from_standard_input(
    cli: Cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("application", "add", "--company", "Initech", "--position", "Analyst")
    posting = "We are hiring <b>analysts</b>.\nApply by 15 December."
    monkeypatch.setattr("sys.stdin", io.StringIO(posting))
    status, out, err = cli("application", "edit", "1", "--posting", "-", "--source", "Indeed")
    assert (status, out, err) == (0, "Application 1: saved.\n", "")
    from afterview import paths
    from afterview.store.api import open_store

    with open_store(paths.resolve(data_dir)) as store:
        saved = store.applications.get(1)
    assert (saved.posting, saved.source, saved.company) == (posting, "Indeed", "Initech")


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (("application", "move", "9", "offer"), "application 9: field 'id': no such application"),
        (("application", "history", "9"), "application 9: field 'id': no such application"),
        (
            ("application", "add", "--company", " ", "--position", "Analyst"),
            "new application: field 'company': required",
        ),
        (
            ("application", "add", "--company", "A", "--position", "B", "--applied", "1.12.2026"),
            "--applied: '1.12.2026' is not a date like 2026-11-01.",
        ),
        (
            ("application", "edit", "1", "--posting", "/nonexistent/posting.txt"),
            "--posting: /nonexistent/posting.txt could not be read (No such file or directory).",
        ),
        (("application", "edit", "1"), "say what to change: --company, --position, --source, "),
    ],
)
def test_bad_input_exits_2_with_one_sentence_and_changes_nothing(
    story: Cli, arguments: tuple[str, ...], said: str
) -> None:
    before = _listed(story)
    status, out, err = story(*arguments)
    assert (status, out) == (2, "")
    assert err.startswith(f"afterview: {said}")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert _listed(story) == before


def test_the_insight_figures_in_words_and_as_json(story: Cli) -> None:
    status, out, err = story("report", "insight")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[:8] == [
        "Applications: 4",
        "  with an interview: 4 of 4 (100 %)",
        "  with a next round: 0 of 4 (0 %)",
        "  with an offer: 1 of 4 (25 %)",
        "Closed applications, by how far they had gone:",
        "  before an interview: none",
        "  after an interview: Rejected 1",
        "  after an offer: none",
    ]
    assert lines[-2:] == ["Thank-you notes sent on time: 0 of 0", "Follow-ups answered: 0 of 0"]
    status, out, _err = story("report", "insight", "--json")
    found = json.loads(out)
    assert found["funnel"] == {"applied": 4, "interviewed": 4, "next_round": 0, "offer": 1}
    assert found["outcomes"] == [{"reached": "interviewing", "outcome": "rejected", "count": 1}]


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (
            ("application", "move", "1", "closed"),
            "'closed' is not a stage; say one of applied, interviewing, awaiting_decision, offer.",
        ),
        (
            ("application", "close", "1", "ghosted"),
            "'ghosted' is not an outcome; say one of rejected, withdrew, offer_accepted, "
            "offer_declined, position_closed, cancelled, no_response.",
        ),
        (
            ("applications", "--stage", "Offer"),
            "'Offer' is not a stage; say one of applied, interviewing, awaiting_decision, "
            "offer, closed.",
        ),
    ],
)
def test_a_stage_or_outcome_it_does_not_know_is_named_with_the_ones_it_does(
    story: Cli, arguments: tuple[str, ...], said: str
) -> None:
    status, out, err = story(*arguments)
    assert (status, out, err) == (2, "", f"afterview: {said}\n")


def test_the_unanswered_ones_are_listed_with_the_command_that_closes_one(
    cli: Cli, data_dir: Path
) -> None:
    """Today's "no response" offer from a terminal: the follow-up was marked done with no
    answer on 1 October 2026, long over the 14 days before any day this test runs."""
    from datetime import UTC, date, datetime

    from afterview import paths
    from afterview.store.api import open_store

    then = datetime(2026, 10, 1, 12, tzinfo=UTC)
    with open_store(paths.resolve(data_dir), clock=lambda: then) as store:
        store.settings.save_playbook({"home_time_zone": "UTC"})
        made = store.applications.create(
            {"company": "Wayne", "position": "Analyst", "applied_on": date(2026, 9, 10)}
        ).value
        store.applications.create({"company": "Stark", "position": "Analyst"})
        (follow_up,) = [s for s in store.steps.all() if s.application_id == made]
        store.steps.done(follow_up.id, answered=False)
    status, out, err = cli("applications", "--unanswered")
    assert (status, err) == (0, "")
    assert out == (
        f"{made}\tWayne, Analyst: no answer to the last follow-up since 2026-10-01; "
        f"'afterview application close {made} no_response' closes it.\n"
    )
    status, out, _err = cli("applications", "--unanswered", "--json")
    assert [(o["id"], o["days"]) for o in json.loads(out)] == [(made, 14)]
    assert cli("application", "close", str(made), "no_response")[0] == 0
    assert cli("applications", "--unanswered")[1] == "Nothing here.\n"
