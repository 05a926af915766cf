"""The words of the case search: what a case is indexed under, and what a typed search
asks for. Plain Python; ``cases/search.py`` stores and queries them.

Chinese has no spaces between words, so a case is indexed under every pair of
neighbouring characters (character bigrams): 货款纠纷 is 货款 款纠 纠纷, and the search
货款纠纷 asks for all three, 合同 for one. Every run's last character is indexed alone
too, so a one-character search (the run's bigrams starting with it, or that character)
finds every place it stands. Latin letters and digits are indexed as words (a case
reference LD-2026-X7K2PQ as ld, 2026, x7k2pq; a credit code as one word) and searched by
prefix when last, so 000123 or X7K2 finds a reference and 913301 a credit code. The enterprise
name's pinyin initials are indexed as neighbouring pairs and single letters (``py:yh``,
``py:y``): yhwl asks for yh and wl, so it finds 杭州远航国际物流 whose 远航 and 物流 are
apart. Signs (%, #, ...) are indexed too, and asked for only when a search has nothing
else. Everything is folded first (traditional to simplified, full width to half width,
case; ``textkey.fold_fast``), documents and searches alike.

A search is an AND of groups; a group is an OR of alternatives (yhwl: the word yhwl*,
or the initials yh and wl); an alternative is an AND of terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from legaldesk.textkey import fold_fast

# Han (with extensions and compatibility ideographs), kana and hangul: written without
# spaces, so indexed by character pairs.
_CJK = (
    "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
_PIECES = re.compile(rf"([{_CJK}]+)|((?:(?![{_CJK}])[^\W_])+)|(\S)")
_LETTERS = re.compile(r"[a-z]+")
WORD_MAX = 40  # longer words are indexed and searched by their first 40 characters
PREFIX_MIN = 2  # a one-letter word is not searched by prefix: it would match thousands
INITIALS = "py:"
SIGN = "s:"


@dataclass(frozen=True)
class Term:
    token: str
    prefix: bool = False


Alternative = tuple[Term, ...]  # all of these terms
Group = tuple[Alternative, ...]  # any of these alternatives


def _pieces(text: str) -> Iterable[tuple[str, str, str]]:
    """(CJK run, word, sign) triples of folded text, one of them non-empty."""
    return _PIECES.findall(fold_fast(text))


@lru_cache(maxsize=4096)
def _run_tokens(run: str) -> tuple[str, ...]:
    """A CJK run's bigrams and its last character (repeated runs are cheap)."""
    return (*(run[i : i + 2] for i in range(len(run) - 1)), run[-1])


def _sign(char: str) -> str:
    return f"{SIGN}{ord(char):x}"


@lru_cache(maxsize=4096)
def _initials_tokens(initials: str) -> frozenset[str]:
    """``py:`` + each initial and each pair of neighbours, within runs of letters."""
    runs = _LETTERS.findall(initials.lower())
    return frozenset(
        [INITIALS + c for run in runs for c in run]
        + [INITIALS + run[i : i + 2] for run in runs for i in range(len(run) - 1)]
    )


def _text_tokens(text: str) -> frozenset[str]:
    """One text's tokens: those of each of its space-separated chunks (folding never
    joins two chunks, and chunks repeat far more often than whole texts)."""
    chunks = text.split()
    if len(chunks) == 1:
        return _chunk_tokens(chunks[0])
    return frozenset().union(*map(_chunk_tokens, chunks))


@lru_cache(maxsize=16384)
def _chunk_tokens(chunk: str) -> frozenset[str]:
    tokens: set[str] = set()
    for run, word, sign in _pieces(chunk):
        if run:
            tokens.update(_run_tokens(run))
        elif word:
            tokens.add(word[:WORD_MAX])
        else:
            tokens.add(_sign(sign))
    return frozenset(tokens)


def document_tokens(texts: Iterable[str], initials: str = "") -> str:
    """The space-separated tokens a case is indexed under: its ``texts`` (summary,
    description, enterprise name, reference, credit code) and the ``initials`` of its
    enterprise's name (``enterprises.rules.name_initials``). Each token once, sorted,
    so the same case always gives the same string."""
    tokens = set(_initials_tokens(initials))
    for text in texts:
        if text:
            tokens |= _text_tokens(text)
    return " ".join(sorted(tokens))


def _word_group(word: str, prefix: bool) -> Group:
    word = word[:WORD_MAX]
    spelt: Alternative = (Term(word, prefix=prefix and len(word) >= PREFIX_MIN),)
    if not _LETTERS.fullmatch(word):
        return (spelt,)
    pairs = [word[i : i + 2] for i in range(0, len(word), 2)]
    return (spelt, tuple(Term(INITIALS + pair) for pair in pairs))


def query_groups(text: str) -> list[Group]:
    """What a typed search asks for (see the module's docstring); [] when it holds
    nothing to look up (only spaces). Only the last word is matched by prefix (the
    one being typed: LD-2026-0001 asks for ld, 2026 and 0001*): a prefix is a range of
    words, and a short common one (ld*, 2026*) would gather most of the desk."""
    pieces = list(_pieces(text or ""))
    last_word = max((i for i, (_, word, _) in enumerate(pieces) if word), default=-1)
    groups: list[Group] = []
    signs: list[Group] = []
    for i, (run, word, sign) in enumerate(pieces):
        if len(run) == 1:
            groups.append(((Term(run, prefix=True),),))
        elif run:
            groups.extend(((Term(pair),),) for pair in _run_tokens(run)[:-1])
        elif word:
            groups.append(_word_group(word, prefix=i == last_word))
        else:
            signs.append(((Term(_sign(sign)),),))
    return list(dict.fromkeys(groups or signs))


def fts5_query(groups: list[Group]) -> str:
    """The groups in SQLite FTS5's query language, every token quoted."""

    def term(t: Term) -> str:
        return '"' + t.token.replace('"', '""') + '"' + ("*" if t.prefix else "")

    return " AND ".join(
        "(" + " OR ".join("(" + " AND ".join(map(term, alt)) + ")" for alt in group) + ")"
        for group in groups
    )


def tsquery(groups: list[Group]) -> str:
    """The groups as PostgreSQL ``tsquery`` input: quoted lexemes taken literally."""

    def term(t: Term) -> str:
        quoted = t.token.replace("\\", "\\\\").replace("'", "''")
        return f"'{quoted}'" + (":*" if t.prefix else "")

    return " & ".join(
        "(" + " | ".join("(" + " & ".join(map(term, alt)) + ")" for alt in group) + ")"
        for group in groups
    )
