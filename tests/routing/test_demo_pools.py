"""Issue 15's "done when", on the demo directory: the pools its cases draw from hold
three to six lawyers (the panel widened to partner firms when short), never one;
several hundred draws by the desk's own lot over them pass the chi-square test; and
the widening rule itself."""

import hashlib
from datetime import date

from legaldesk.demo.cases import CASE_TOPICS
from legaldesk.demo.directory import FIRM_LAWYERS, PANEL
from legaldesk.routing import draw
from legaldesk.routing.chi_square import chi_square
from legaldesk.routing.eligibility import Candidate, CaseFacts, widening_pool
from legaldesk.routing.rules import contribution_problem, shares

TODAY = date(2026, 11, 28)


def _candidate(number, jurisdictions, languages, specialties):
    return Candidate(
        id=number,
        active=True,
        jurisdictions=tuple(jurisdictions),
        specialties=tuple(specialties),
        languages=tuple(languages),
        capacity=6,
        open_cases=0,
    )


PANEL_CANDIDATES = [_candidate(n, *row[1:]) for n, row in enumerate(PANEL, start=1)]
FIRM_CANDIDATES = [
    _candidate(n, juris, langs, specs)
    for n, (_, _, juris, langs, specs) in enumerate(FIRM_LAWYERS, start=100)
]


def _pool(countries, category):
    facts = CaseFacts(countries=tuple(countries), category=category, enterprise="某公司")
    groups = [("panel", PANEL_CANDIDATES), ("firms", FIRM_CANDIDATES)]
    return widening_pool(groups, facts, TODAY)


FOREIGN = [(c, cat) for _, cat, c, _, _ in CASE_TOPICS if any(x != "CN" for x in c)]


def test_every_foreign_demo_topic_draws_from_three_to_six():
    sizes = {}
    for countries, category in FOREIGN + [(["KZ"], "export_control")]:
        pool = _pool(countries, category)
        sizes[(tuple(countries), category)] = len(pool.eligible)
        assert 3 <= len(pool.eligible) <= 6, (countries, category, pool)
        if pool.widened_from is not None:
            assert pool.widened_from < 3 and pool.group == "panel+firms"
    assert any(size > 3 for size in sizes.values())


def test_several_hundred_demo_draws_pass_the_chi_square_test():
    rounds = []
    for n in range(600):
        countries, category = FOREIGN[n % len(FOREIGN)]
        pool = list(_pool(countries, category).eligible)
        secret = hashlib.sha256(f"demo secret {n}".encode()).hexdigest()
        contribution = f"{n * 104729 % 10**8:08d}"
        made = draw.draw(f"LD-2026-P{n:05d}", 1, pool, secret, contribution)
        rounds.append((made.pool, made.chosen))
    result = chi_square(shares(rounds).values())
    assert result.degrees >= 20  # most of the directory takes part
    assert result.p_value is not None and result.p_value > 0.01, result


def test_the_panel_alone_when_it_has_enough():
    panel = [_candidate(n, ["US"], ["zh"], ["export_control"]) for n in (1, 2, 3)]
    firms = [_candidate(9, ["US"], ["zh"], ["export_control"])]
    facts = CaseFacts(countries=("US",), category="export_control", enterprise="某公司")
    pool = widening_pool([("panel", panel), ("firms", firms)], facts, TODAY)
    assert pool.eligible == (1, 2, 3) and pool.group == "panel" and pool.widened_from is None
    two = widening_pool([("panel", panel[:2]), ("firms", firms)], facts, TODAY)
    assert two.eligible == (1, 2, 9) and two.group == "panel+firms" and two.widened_from == 2
    none = widening_pool([("panel", []), ("firms", firms)], facts, TODAY)
    assert none.eligible == (9,) and none.group == "firms" and none.widened_from == 0
    russian = CaseFacts(
        countries=("US",), category="export_control", enterprise="某公司", language="ru"
    )
    assert widening_pool([("panel", panel)], russian, TODAY).eligible == ()


def test_what_counts_as_a_contribution():
    assert contribution_problem("20260701") is None
    assert contribution_problem("03 11 19-25 + 07") is None
    for bad, why in [
        ("", "length"),
        ("12345", "digits"),
        ("1 2 3 4 5", "digits"),
        ("12345a", "characters"),
        ("-123456", "characters"),
        ("123456-", "characters"),
        ("１２３４５６", "characters"),
        ("1" * 41, "length"),
    ]:
        assert contribution_problem(bad) == why, bad
