"""Text folded for comparison: the one place that knows how Chinese and Latin text
written differently can be the same text. Plain Python, below every wing.

杭州遠航 and 杭州远航 (traditional and simplified), ＡＢＣ and abc (full-width and
half-width, case) fold to the same key; what each caller strips beyond that
(company-form suffixes, punctuation) is its own business.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import opencc


@lru_cache(maxsize=1)
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _t2s_entries() -> tuple[frozenset[str], dict[str, tuple[str, ...]]] | None:
    """What OpenCC's t2s conversion matches: its characters, and its phrases by their
    first character. Text holding none of either comes out of the conversion
    unchanged (it only ever replaces an entry it matched). None when the dictionary
    files are not where opencc keeps them."""
    folder = Path(opencc.__file__).parent / "dictionary"
    paths = [folder / "TSCharacters.txt", folder / "TSPhrases.txt"]
    if not all(path.exists() for path in paths):
        return None
    characters, phrases = (
        [line.partition("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()]
        for path in paths
    )
    by_first: dict[str, tuple[str, ...]] = {}
    for phrase in filter(None, phrases):
        by_first[phrase[0]] = (*by_first.get(phrase[0], ()), phrase)
    return frozenset(characters), by_first


def _converts(text: str) -> bool:
    """Whether OpenCC's t2s conversion could change ``text``."""
    entries = _t2s_entries()
    if entries is None:
        return True
    characters, phrases = entries
    if not characters.isdisjoint(text):
        return True
    return any(
        text.startswith(phrase, at)
        for at, first in enumerate(text)
        if first in phrases
        for phrase in phrases[first]
    )


def fold(text: str) -> str:
    """Simplified characters, half-width forms (NFKC), case folded. OpenCC (pure
    Python, a fifth of a millisecond for a short name) runs only on text it would
    change: most names are written in simplified characters already."""
    text = text or ""
    if _converts(text):
        text = _to_simplified().convert(text)
    return unicodedata.normalize("NFKC", text).casefold()


@lru_cache(maxsize=1)
def _character_table() -> dict[int, str]:
    """OpenCC's traditional-to-simplified characters (its first choice for each), for
    ``str.translate``; empty when the dictionary file is not where opencc keeps it."""
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[int, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            traditional, _, simplified = line.partition("\t")
            if len(traditional) == 1 and simplified:
                table[ord(traditional)] = simplified.split(" ")[0]
    return table


def fold_fast(text: str) -> str:
    """``fold`` character by character, at the speed of ``str.translate`` (the case
    search folds every case it indexes). It skips OpenCC's phrase table, which only
    picks among simplified forms of a few characters in context; a search folds
    documents and what is typed alike, so both sides still meet. Without the
    dictionary file it falls back to ``fold``."""
    if text.isascii():  # references, credit codes, numbers: NFKC changes none of it
        return text.lower()
    table = _character_table()
    if not table:
        return fold(text)
    return unicodedata.normalize("NFKC", text.translate(table)).casefold()
