"""Routing rules: party names, eligibility, and the draw (no app needed)."""

import hashlib
from collections import Counter
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legaldesk.routing import draw
from legaldesk.routing.eligibility import (
    Candidate,
    CaseFacts,
    Conflicts,
    exclusions,
    expand,
    split_pool,
)
from legaldesk.routing.parties import near_miss, normalise_party, same_party

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    "a,b",
    [
        ("ACME Co., Ltd.", "ＡＣＭＥ　ｃｏ．，ｌｔｄ．"),
        ("Acme Inc.", "ACME Corporation"),
        ("ACME (China) Co., Ltd.", "acme"),
        ("杭州遠航國際物流有限公司", "杭州远航国际物流"),
        ("Steppe Trade LLP", "STEPPE TRADE"),
        ("PT Nusantara Makmur", "Nusantara Makmur"),
        ("Milano Tessile S.p.A.", "Milano Tessile SpA"),
        ("株式会社日立製作所", "日立製作所株式会社"),
        ("株式会社日立製作所", "日立制作所"),
        ("ソニー有限会社", "ソニー"),
    ],
)
def test_the_same_party_however_it_is_written(a, b):
    assert same_party(a, b)


@pytest.mark.parametrize(
    "a,b",
    [
        ("Acme", "Apex"),
        ("杭州远航物流", "宁波远航物流"),
        ("有限公司", "公司"),
        ("株式会社", "会社"),
    ],
)
def test_different_parties_stay_different(a, b):
    assert not same_party(a, b)


def test_near_misses_are_flagged_but_equal_names_are_not():
    assert near_miss("Steppe Trade LLP", "Stepe Trade LLP")
    assert not near_miss("Steppe Trade LLP", "STEPPE TRADE")  # equal: a conflict, not a warning
    assert not near_miss("Acme", "Apex Holdings")
    assert normalise_party("") == ""


def candidate(**overrides):
    base = Candidate(
        id=1,
        active=True,
        jurisdictions=("RU", "KZ"),
        specialties=("export_control",),
        languages=("zh", "ru"),
        capacity=5,
        open_cases=0,
    )
    return replace(base, **overrides)


CASE = CaseFacts(
    countries=("KZ",),
    category="export_control",
    enterprise="杭州远航国际物流有限公司",
    counterparties=("Steppe Trade LLP",),
)


def test_regions_expand_to_their_countries():
    assert {"DE", "FR", "SE"} <= expand(["EU"]) and "GB" not in expand(["EU"])
    assert "VN" in expand(["ASEAN"])


@pytest.mark.parametrize(
    "overrides,reason",
    [
        ({"active": False}, "inactive"),
        ({"leave_from": date(2026, 11, 20), "leave_to": date(2026, 12, 5)}, "on_leave"),
        ({"jurisdictions": ("US",)}, "jurisdiction"),
        ({"specialties": ("overseas_ip",)}, "specialty"),
        ({"open_cases": 5}, "capacity"),
        ({"conflicts": Conflicts(declared=("ＳＴＥＰＰＥ　ＴＲＡＤＥ Ltd.",))}, "conflict"),
        ({"conflicts": Conflicts(declared=("杭州遠航國際物流",))}, "conflict"),
        ({"conflicts": Conflicts(clients=("Steppe Trade",))}, "conflict"),
        ({"conflicts": Conflicts(adversaries=("杭州远航国际物流",))}, "conflict"),
    ],
)
def test_each_exclusion_names_its_reason(overrides, reason):
    assert exclusions(candidate(**overrides), CASE, TODAY) == [reason]


def test_the_side_matters_for_clients_and_adversaries():
    # A firm's client asking for help, and a past adversary on the other side: no conflict.
    assert (
        exclusions(candidate(conflicts=Conflicts(clients=("杭州远航国际物流",))), CASE, TODAY) == []
    )
    assert (
        exclusions(candidate(conflicts=Conflicts(adversaries=("Steppe Trade",))), CASE, TODAY) == []
    )


def test_an_eligible_lawyer_has_no_reasons_and_a_language_can_be_asked():
    assert exclusions(candidate(), CASE, TODAY) == []
    assert exclusions(candidate(), replace(CASE, language="ja"), TODAY) == ["language"]
    assert exclusions(candidate(), CASE, TODAY, declined=frozenset({1})) == ["declined"]


def test_split_pool_keeps_every_exclusion():
    pool, excluded = split_pool(
        [
            candidate(id=3),
            candidate(id=1),
            candidate(id=2, conflicts=Conflicts(declared=("Steppe Trade",))),
        ],
        CASE,
        TODAY,
    )
    assert pool == [1, 3] and excluded == {2: ["conflict"]}


def secret_number(n: int) -> str:
    return hashlib.sha256(f"test-secret-{n}".encode()).hexdigest()


def test_a_draw_recomputes_and_any_edit_is_found():
    record = draw.draw("LD-2026-DM0001", 1, [11, 4, 7], secret_number(1), "483920")
    assert record.pool == [4, 7, 11] and record.chosen in record.pool
    assert draw.problems(record) == []
    assert draw.problems(replace(record, chosen=[p for p in record.pool if p != record.chosen][0]))
    # Another contribution is only caught when it would have picked someone else.
    other = draw.draw("LD-2026-DM0001", 1, [4, 7, 11], secret_number(1), "483921")
    tampered = replace(record, contribution="483921")
    assert bool(draw.problems(tampered)) == (other.chosen != record.chosen)
    assert draw.problems(replace(record, pool=[4, 7])) == ["the pool does not match its hash"]
    assert draw.problems(replace(record, secret=secret_number(2))) == [
        "the secret does not match the commitment"
    ]
    only_spelling = ["the secret and the commitment must be 64 lower-case hexadecimal digits"]
    assert draw.problems(replace(record, secret="not hex")) == only_spelling
    assert draw.problems(replace(record, secret=record.secret.upper())) == only_spelling


def test_every_member_gets_a_fair_share_over_hundreds_of_draws():
    """1,100 draws among 11 experts: each near 100, and a chi-square test passes at
    the 0.1 % level (critical value 29.59 for 10 degrees of freedom)."""
    pool = list(range(1, 12))
    shares = Counter(
        draw.draw("LD-2026-FAIR", 1, pool, secret_number(n), f"{n:06d}").chosen for n in range(1100)
    )
    assert set(shares) == set(pool)
    expected = 100
    assert all(55 <= count <= 145 for count in shares.values()), shares
    chi_square = sum((count - expected) ** 2 / expected for count in shares.values())
    assert chi_square < 29.59, (chi_square, shares)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=50), st.text(max_size=20))
def test_the_pick_is_always_in_range(size, contribution):
    index = draw.pick_index(secret_number(size), contribution, "f" * 64, size)
    assert 0 <= index < size
