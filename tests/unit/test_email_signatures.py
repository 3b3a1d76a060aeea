"""The signature reader against the corpus (issue 18 §2): the share of fields read right over
every case of tests/data/signatures, at least 80 %, and no invented value (a field the
signature does not give, filled in by the reader)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from afterview.interop.email_contacts import load_email

CORPUS = Path(__file__).resolve().parents[1] / "data" / "signatures"
FIELDS = ("name", "title", "company", "phone", "address", "email")
#: Issue 18 §2: "at least 80 %".
SCORE_FLOOR = 0.80


def _same(text: str) -> str:
    return " ".join(text.split())


def _cases() -> list[Path]:
    return sorted(CORPUS.glob("*.expected.json"))


def test_the_corpus_holds_forty_cases_or_more() -> None:
    cases = _cases()
    assert len(cases) >= 40
    for expected in cases:
        assert (CORPUS / expected.name.replace(".expected.json", ".eml")).is_file()
        assert set(json.loads(expected.read_text(encoding="utf-8"))) == {*FIELDS, "region"}


def test_signature_fields_score_at_least_80_percent_and_none_invented(
    capsys: pytest.CaptureFixture[str],
) -> None:
    right = total = 0
    invented: list[str] = []
    wrong: list[str] = []
    for expected_file in _cases():
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
        eml = CORPUS / expected_file.name.replace(".expected.json", ".eml")
        sender = load_email(eml, expected["region"]).sender
        for field in FIELDS:
            want, got = _same(expected[field]), _same(getattr(sender, field))
            total += 1
            if want == got:
                right += 1
            elif not want:
                invented.append(f"{eml.name}: {field} {got!r}")
            else:
                wrong.append(f"{eml.name}: {field} {got!r}, not {want!r}")
    score = right / total
    with capsys.disabled():
        print(f"\nsignature score: {right}/{total} fields right ({score:.1%}), "
              f"{len(invented)} invented")  # fmt: skip
    assert not invented, "invented:\n" + "\n".join(invented)
    assert score >= SCORE_FLOOR, "wrong:\n" + "\n".join(wrong)
