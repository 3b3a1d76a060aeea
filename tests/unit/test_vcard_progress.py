"""Reading a big .vcf file can be watched and stopped: parse_vcards' progress callback."""

from __future__ import annotations

import pytest

from afterview.interop.vcard_parse import parse_vcards


def _cards(count: int) -> bytes:
    # Seven lines a card.
    return b"".join(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d\r\nEMAIL:p%d@example.com\r\n"
        b"ORG:Org\r\nTITLE:Title\r\nEND:VCARD\r\n" % (n, n)
        for n in range(count)
    )


def test_progress_counts_the_bytes_from_none_to_all() -> None:
    data = _cards(3000)  # 21,000 lines: several reports on the way
    heard: list[tuple[int, int]] = []
    parsed = parse_vcards(data, lambda done, total: heard.append((done, total)))
    assert len(parsed.cards) == 3000 and parsed.bad_count == 0
    assert heard[0] == (0, len(data))
    assert heard[-1] == (len(data), len(data))
    assert {total for _, total in heard} == {len(data)}
    done = [d for d, _ in heard]
    assert done == sorted(done)
    between = [d for d in done if 0 < d < len(data)]
    # Several reports on the way (a bar that moves), each after a whole line.
    assert len(between) >= 3
    assert all(data[d - 2 : d] == b"\r\n" for d in between)
    assert parsed == parse_vcards(data)  # watching changes nothing


class Stop(Exception):
    pass


def test_an_exception_from_the_callback_stops_the_parse() -> None:
    data = _cards(3000)
    heard: list[int] = []

    def stop_halfway(done: int, total: int) -> None:
        heard.append(done)
        if done > total // 2:
            raise Stop

    with pytest.raises(Stop):
        parse_vcards(data, stop_halfway)
    assert heard[-1] < len(data)  # it never read to the end
