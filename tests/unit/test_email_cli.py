"""``afterview import email FILE.eml [--region CC]`` as a script uses it: what it read is
printed, everyone is written (merged by email), a file that is not an email imports nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from afterview import paths
from afterview.store.api import open_store
from afterview.store.values import Profile

Cli = Callable[..., tuple[int, str, str]]
CORPUS = Path(__file__).resolve().parents[1] / "data" / "signatures"


def _contacts(data_dir: Path) -> list[tuple[str, str, str]]:
    with open_store(paths.resolve(data_dir)) as store:
        return sorted((c.name, c.email, c.phone) for c in store.contacts.all())


def test_import_email_prints_the_people_and_writes_them(cli: Cli, data_dir: Path) -> None:
    with open_store(paths.resolve(data_dir)) as store:
        store.settings.save_profile(Profile(email="jamie.doe@mailbox.example"))
    status, out, err = cli("import", "email", str(CORPUS / "02-lines-de.eml"), "--region", "DE")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "sender: Anna Schmidt <anna.schmidt@nordlicht-software.example>; title: "
        "Personalreferentin; company: Nordlicht Software GmbH; phone: +49301234567; "
        "address: Friedrichstraße 123, 10117 Berlin",
        "to: Jamie Doe <jamie.doe@mailbox.example>  (your own address: left out)",
        "cc: Tobias Keller <tobias.keller@nordlicht-software.example>",
        "Imported 2 new contacts, merged 0.",
    ]
    assert _contacts(data_dir) == [
        ("Anna Schmidt", "anna.schmidt@nordlicht-software.example", "+49 30 1234567"),
        ("Tobias Keller", "tobias.keller@nordlicht-software.example", ""),
    ]
    status, out, _err = cli("import", "email", str(CORPUS / "02-lines-de.eml"))
    assert (status, out.splitlines()[-1]) == (0, "Imported 0 new contacts, merged 2.")
    assert len(_contacts(data_dir)) == 2


def test_a_file_that_is_not_an_email_imports_nothing_and_exits_2(
    cli: Cli, data_dir: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.eml"
    notes.write_text("Call Anna on Monday.\n", encoding="utf-8")
    status, out, err = cli("import", "email", str(notes), "--region", "DE")
    assert (status, out) == (2, "")
    assert f"{notes} is not an email Afterview can read: it has no From header" in err
    assert _contacts(data_dir) == []


def test_region_is_checked_and_only_for_email(cli: Cli) -> None:
    eml = str(CORPUS / "02-lines-de.eml")
    status, _out, err = cli("import", "email", eml, "--region", "XX")
    assert status == 2 and "--region 'XX' is not a country code" in err
    status, _out, err = cli("import", "vcf", eml, "--region", "DE")
    assert status == 2 and "--region is for import email only, not vcf" in err
