"""The words of the case search (cases/search_rules.py): plain Python, no database."""

from hypothesis import given, settings
from hypothesis import strategies as st

from legaldesk.cases.search_rules import (
    Term,
    document_tokens,
    fts5_query,
    query_groups,
    tsquery,
)


def matches(tokens: str, query: str) -> bool:
    """What both engines do with the groups: every group has an alternative whose
    terms are all among the tokens (a prefix term: a token beginning with it)."""
    stored = tokens.split()

    def has(term: Term) -> bool:
        if term.prefix:
            return any(token.startswith(term.token) for token in stored)
        return term.token in stored

    return all(any(all(map(has, alt)) for alt in group) for group in query_groups(query))


def test_a_case_is_indexed_under_bigrams_words_initials_and_signs():
    tokens = document_tokens(
        ["貨款糾紛", "ＡＣＭＥ owes 100%", "LD-2026-X7K2PQ"], initials="hzyhgjwl"
    ).split()
    assert {"货款", "款纠", "纠纷", "纷"} <= set(tokens)  # folded to simplified
    assert {"acme", "owes", "100", "ld", "2026", "x7k2pq"} <= set(tokens)
    assert {"py:hz", "py:yh", "py:wl", "py:h", "py:l"} <= set(tokens)
    assert {"s:25", "s:2d"} <= set(tokens)  # % and -
    assert tokens == sorted(set(tokens))


def test_what_a_search_asks_for():
    assert fts5_query(query_groups("合同")) == '(("合同"))'
    assert tsquery(query_groups("货款纠纷")) == "(('货款')) & (('款纠')) & (('纠纷'))"
    assert fts5_query(query_groups("yhw")) == '(("yhw"*) OR ("py:yh" AND "py:w"))'
    assert tsquery(query_groups("LD-2026-0001")) == (
        "(('ld') | ('py:ld')) & (('2026')) & (('0001':*))"  # only the last word is begun
    )
    assert query_groups("100%") == query_groups("100")  # signs beside words separate them
    assert tsquery(query_groups(" % ")) == "(('s:25'))"
    assert query_groups("   ") == []


def test_a_search_cannot_step_out_of_its_quotes():
    for typed in ['"合同" OR "x"', "x'); DROP TABLE x; --", "a\\b", "NEAR(合同)", "合同*"]:
        fts, ts = fts5_query(query_groups(typed)), tsquery(query_groups(typed))
        assert fts.count('"') % 2 == 0 and "''" not in ts and "\\" not in ts, typed
        inner = [t.token for group in query_groups(typed) for alt in group for t in alt]
        assert all(c.isalnum() or c == ":" for token in inner for c in token), inner


def test_the_examples_of_the_issue():
    name = document_tokens(["杭州远航国际物流有限公司"], initials="hzyhgjwlyxgs")
    assert matches(name, "yhwl") and matches(name, "hzwl") and matches(name, "遠航")
    assert matches(name, "ＹＨＷＬ") and not matches(name, "hgdgwz")
    case = document_tokens(["出口美国的合同", "LD-2026-000123", "91330105MA2H00010X"])
    for typed in ["合同", "出口", "美国", "000123", "00012", "ld-2026-000123", "913301"]:
        assert matches(case, typed), typed
    assert not matches(document_tokens(["货款未付，另有纠纷"]), "货款纠纷")


CJK_TEXT = st.text(alphabet="合同货款纠纷物流出口美国遠航，。 -", min_size=1, max_size=30)


@settings(max_examples=100, deadline=None)
@given(CJK_TEXT, st.data())
def test_every_piece_of_chinese_text_finds_its_case(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    piece = text[start : data.draw(st.integers(start + 1, len(text)))]
    if not piece.strip():
        return
    assert matches(document_tokens([text]), piece), (text, piece)
