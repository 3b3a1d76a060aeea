"""The user's own word list for the spelling check: one word a line, in the config dir."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from afterview.private_files import make_private_dir

FILE_NAME = "words.txt"


def word_list_path(config_dir: Path) -> Path:
    return config_dir / FILE_NAME


def load_user_words(config_dir: Path) -> set[str]:
    try:
        text = word_list_path(config_dir).read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    return {line.strip() for line in text.splitlines() if line.strip()}


def add_user_word(config_dir: Path, word: str) -> set[str]:
    """Add a word; the file is replaced whole, so a crash never leaves half a list."""
    word = word.strip()
    words = load_user_words(config_dir)
    if not word or word in words:
        return words
    words.add(word)
    make_private_dir(config_dir)
    handle, temporary = tempfile.mkstemp(prefix=".words-", dir=config_dir)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write("".join(f"{w}\n" for w in sorted(words, key=str.casefold)))
    os.replace(temporary, word_list_path(config_dir))
    return words
