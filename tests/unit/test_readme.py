"""What the README promises is what Afterview does: every command in its table exists with the
options and choices it shows, and every setting it names is declared in domain/settings.py
(and every declared setting is named there)."""

from __future__ import annotations

import argparse
import dataclasses
import re
from pathlib import Path

from afterview.cli import build_parser
from afterview.domain.settings import PREFERENCES, PROFILE_PREFIX, Settings
from afterview.store.values import PROFILE_FIELDS

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end >= 0 else None]


def _commands() -> list[str]:
    """The backticked commands in the first column of the command table."""
    rows = [line for line in _section("The command line").splitlines() if line.startswith("| `")]
    found: list[str] = []
    for row in rows:
        first = row.split(" | ")[0]
        found += [c.replace("\\|", "|") for c in re.findall(r"`(afterview[^`]*)`", first)]
    return found


def _expand(command: str) -> list[list[str]]:
    """``afterview step done|skip|reopen ID`` -> [["step", "done", "ID"], ["step", "skip", ...]];
    brackets and parentheses of optional parts dropped."""
    words = re.sub(r"[\[\]()]", " ", command).split()[1:]
    variants: list[list[str]] = [[]]
    for word in words:
        options = word.split("|") if re.fullmatch(r"[a-z0-9]+(\|[a-z0-9]+)+", word) else [word]
        variants = [[*v, option] for v in variants for option in options]
    return variants


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def _accepts(parser: argparse.ArgumentParser, word: str) -> bool:
    """An option the parser takes, or a value one of its arguments allows."""
    for action in parser._actions:
        if word in action.option_strings:
            return True
        plain = not isinstance(action, argparse._SubParsersAction)
        if plain and action.choices is not None and word in action.choices:
            return True
    return False


def test_the_table_is_read() -> None:
    commands = _commands()
    assert "afterview tray" in commands and len(commands) >= 12


def test_every_command_in_the_readme_exists_as_written() -> None:
    """Each verb path exists, and each option and each choice shown (``ics|vcf|csv``,
    ``--status pending|done``) is one that verb takes."""
    checked = 0
    for command in _commands():
        for words in _expand(command):
            parser = build_parser()
            for word in words:
                if word in _subcommands(parser):
                    parser = _subcommands(parser)[word]
                elif word.startswith("--") or re.fullmatch(r"[a-z0-9]+", word):
                    assert _accepts(parser, word), (command, word, parser.prog)
            checked += 1
    assert checked >= 20


def test_a_misspelt_command_would_fail_this_test() -> None:
    parser = build_parser()
    assert "stepz" not in _subcommands(parser)
    assert not _accepts(_subcommands(parser)["steps"], "--jsonn")


def _named_settings() -> set[str]:
    text = _section("Settings")
    return set(re.findall(r"`([a-z_]+(?:\.[a-z_]+)?)`", text)) - {"afterview.ics", "auto"}


def test_every_setting_the_readme_names_is_declared_and_every_declared_one_is_named() -> None:
    declared = {f.name for f in dataclasses.fields(Settings)}
    declared |= set(PREFERENCES)
    declared |= {PROFILE_PREFIX + name for name in PROFILE_FIELDS}
    named = _named_settings() - {"letter", "a4", "settings.py"}
    assert named == declared


def test_the_letters_section_names_every_template_there_is() -> None:
    """The built-in templates are the files in resources/letters (those not starting with _)."""
    section = _section("Letters")
    listed = section[section.index("Templates (") : section.index("Your own go")]
    named = set(re.findall(r"`([a-z_]+)`", listed))
    folder = Path(__file__).parents[2] / "src" / "afterview" / "resources" / "letters"
    files = {p.name.removesuffix(".html.j2") for p in folder.glob("[!_]*.html.j2")}
    assert named == files
