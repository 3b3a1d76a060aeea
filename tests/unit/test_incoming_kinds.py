"""Which import a dropped or opened file goes to (issue 18): decided by what the file holds,
its name only when the bytes say nothing; anything else is refused in words that list what
Afterview takes, before a byte of a pipe or device is read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.interop.incoming import Kind, UnknownKindError, kind_of, kind_of_bytes
from afterview.store.errors import StoreError
from tests.hypothesis_settings import examples

INVITATION_MAIL = (
    b"Received: from mx.example.com\r\nFrom: Recruiting <jobs@acme.example>\r\n"
    b"Subject: Invitation: Interview\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
    b"Content-Type: text/plain\r\n\r\nSee you then.\r\n--b\r\n"
    b"Content-Type: text/calendar; method=REQUEST; charset=UTF-8\r\n\r\n"
    b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n--b--\r\n"
)
PLAIN_MAIL = (
    b"From: Dana Example <dana@acme.example>\r\nTo: me@example.org\r\n"
    b"Subject: Thanks\r\n\r\nBest regards,\r\nDana\r\n"
)
SAVED_PAGE = (
    b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://jobs.example/1\r\n"
    b'Subject: Data engineer\r\nContent-Type: multipart/related; boundary="x"\r\n\r\n'
)


@pytest.mark.parametrize(
    ("head", "suffix", "kind"),
    [
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ".txt", Kind.INVITATION),
        (b"\xef\xbb\xbf\r\nbegin:vcalendar\r\n", "", Kind.INVITATION),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\n", ".ics", Kind.VCARD),
        (b'{"format": "afterview/3"}', ".txt", Kind.DATA),
        (INVITATION_MAIL, ".eml", Kind.INVITATION),
        (INVITATION_MAIL, "", Kind.INVITATION),
        (PLAIN_MAIL, ".eml", Kind.EMAIL),
        (PLAIN_MAIL, ".txt", Kind.EMAIL),
        (SAVED_PAGE, ".mhtml", Kind.POSTING),
        (b"<!DOCTYPE html><html><head><title>Job</title>", ".txt", Kind.POSTING),
        (b"  <html lang='de'><body>From: nobody</body>", "", Kind.POSTING),
        (b"", ".ics", Kind.INVITATION),
        (b"", ".EML", Kind.EMAIL),
        (b"", ".htm", Kind.POSTING),
        (b"\x00\x01\x02 binary", ".vcf", Kind.VCARD),
        (b"just some words", ".txt", None),
        (b"", "", None),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_the_kind_comes_from_the_bytes_then_the_name(
    head: bytes, suffix: str, kind: Kind | None
) -> None:
    assert kind_of_bytes(head, suffix) == kind


@settings(max_examples=examples(300))
@given(st.binary(max_size=2048), st.sampled_from(["", ".ics", ".eml", ".html", ".bin"]))
def test_any_bytes_get_a_kind_or_none_and_never_an_error(head: bytes, suffix: str) -> None:
    assert kind_of_bytes(head, suffix) in (*Kind, None)


def test_a_file_of_no_kind_is_refused_naming_it_and_the_kinds(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("remember to call Dana")
    with pytest.raises(UnknownKindError) as caught:
        kind_of(notes)
    message = str(caught.value)
    assert "notes.txt" in message and "Nothing was imported" in message
    for named in (".ics", ".eml", ".html", ".htm", ".mhtml", ".vcf", ".json"):
        assert named in message


def test_a_pipe_a_folder_and_a_missing_file_are_refused_before_reading(tmp_path: Path) -> None:
    pipe = tmp_path / "invite.ics"
    os.mkfifo(pipe)  # opening it to read would wait for a writer for ever
    with pytest.raises(StoreError, match="is a named pipe, not a file"):
        kind_of(pipe)
    with pytest.raises(StoreError, match="is a folder, not a file"):
        kind_of(tmp_path)
    with pytest.raises(StoreError, match="cannot read"):
        kind_of(tmp_path / "gone.ics")


def test_a_file_is_judged_by_its_content_not_only_its_name(tmp_path: Path) -> None:
    saved = tmp_path / "attachment"
    saved.write_bytes(INVITATION_MAIL)
    assert kind_of(saved) is Kind.INVITATION
    named_wrong = tmp_path / "meeting.eml"
    named_wrong.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert kind_of(named_wrong) is Kind.INVITATION
