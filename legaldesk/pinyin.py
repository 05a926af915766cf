"""Pinyin (pypinyin) for the whole desk, its phrase dictionary held compactly.

Importing pypinyin parses its 47,000 phrases (重庆 is chóng qìng, not zhòng qìng) into
nested lists, one string per syllable of each phrase, and copies its dictionaries: 55 MB
of a web worker's 146 MB at start, for the initials of enterprise names (hzwl) and
sorting a few short lists. Here pypinyin starts without its phrases and is handed the
very same phrases, read line by line from its own file, each syllable and each reading
kept once: the same data and the same answers in about half the memory, and no
parsed copy of the whole file left behind in the heap.

Every module of the desk takes pypinyin from here, so this runs before pypinyin's
first import (if something imported it earlier, its full dictionary is already there
and is left as it is).
"""

from __future__ import annotations

import os
from pathlib import Path

# Read by pypinyin.constants when it is first imported: start without the phrases
# (they come below) and without a second copy of each dictionary. Set for that
# import only, so no child process inherits them.
_SETTINGS = {"PYPINYIN_NO_PHRASES": "1", "PYPINYIN_NO_DICT_COPY": "1"}
_ours = [name for name in _SETTINGS if name not in os.environ]
os.environ.update({name: _SETTINGS[name] for name in _ours})
try:
    import pypinyin
    from pypinyin import Style, lazy_pinyin, load_phrases_dict
    from pypinyin.constants import PHRASES_DICT
finally:
    for _name in _ours:
        del os.environ[_name]

__all__ = ["Style", "lazy_pinyin"]

PHRASES_FILE = Path(pypinyin.__file__).parent / "phrases_dict.json"


def read_phrases(path: Path = PHRASES_FILE) -> dict[str, list[list[str]]]:
    """pypinyin's phrase file as ``json.load`` reads it, each syllable string and each
    reading list shared wherever it recurs (pypinyin deep-copies a phrase's readings
    before it uses them). The file holds one token a line: ``"阿爸": [``, ``[``,
    ``"ā"``, ``],`` …, the format pypinyin ships."""
    syllables: dict[str, str] = {}
    readings: dict[tuple[str, ...], list[str]] = {}
    phrases: dict[str, list[list[str]]] = {}
    phrase = ""
    outer: list[list[str]] = []
    inner: list[str] = []
    depth = 0
    with path.open(encoding="utf-8") as lines:
        for raw in lines:
            line = raw.strip().rstrip(",")
            if line.endswith(": ["):
                phrase, outer, depth = line[1:-4], [], 2
            elif line == "[":
                inner, depth = [], 3
            elif line == "]" and depth == 3:
                outer.append(readings.setdefault(tuple(inner), inner))
                depth = 2
            elif line == "]" and depth == 2:
                phrases[phrase] = outer
                depth = 1
            elif line.startswith('"') and depth == 3:
                syllable = line[1:-1]
                inner.append(syllables.setdefault(syllable, syllable))
    return phrases


if not PHRASES_DICT:
    load_phrases_dict(read_phrases())
