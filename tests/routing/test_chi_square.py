"""Issue 15 item 5: the chi-square test of the draws' fairness, against values any
statistics table gives, and on draws made by the desk's own lot."""

import hashlib
import math
import re

import pytest
import sqlalchemy as sa

from legaldesk.db import db
from legaldesk.routing import draw
from legaldesk.routing.chi_square import chi_square, upper_tail
from legaldesk.routing.models import Draw
from legaldesk.routing.rules import Share, shares
from tests.draw_helpers import route_and_draw


@pytest.mark.parametrize(
    "statistic, degrees, p",
    [
        (3.841458820694124, 1, 0.05),
        (6.634896601021214, 1, 0.01),
        (18.307038053275146, 10, 0.05),
        (23.209251158954356, 10, 0.01),
        (0.10153104426762156, 1, 0.75),
        (67.50480655, 50, 0.05),
    ],
)
def test_the_upper_tail_reads_as_the_tables(statistic, degrees, p):
    assert upper_tail(statistic, degrees) == pytest.approx(p, rel=1e-6)


@pytest.mark.parametrize("x", [0.0, 0.3, 1.0, 2.5, 7.0, 40.0])
def test_two_and_four_degrees_have_closed_forms(x):
    assert upper_tail(x, 2) == pytest.approx(math.exp(-x / 2), rel=1e-12, abs=1e-300)
    four = math.exp(-x / 2) * (1 + x / 2)
    assert upper_tail(x, 4) == pytest.approx(four, rel=1e-12, abs=1e-300)


def test_exact_shares_are_fair_and_a_favourite_is_not():
    even = [Share(n, drawn=10, in_pool=30, expected=10.0) for n in range(1, 4)]
    assert chi_square(even).p_value == pytest.approx(1.0)
    hunted = [
        Share(1, drawn=24, in_pool=30, expected=10.0),
        Share(2, drawn=3, in_pool=30, expected=10.0),
        Share(3, drawn=3, in_pool=30, expected=10.0),
    ]
    result = chi_square(hunted)
    assert result.degrees == 2 and result.p_value < 1e-6
    assert chi_square([Share(1, drawn=5, in_pool=5, expected=5.0)]).p_value is None


def test_lawyers_owed_few_draws_are_grouped_and_too_few_draws_judge_nothing():
    """Lawyers owed under five draws are counted together until each group is owed
    five; when that cannot be done the result is not to be relied on."""
    sparse = [Share(n, drawn=d, in_pool=3, expected=1.0) for n, d in enumerate([3, 0, 0], 1)]
    few = chi_square(sparse)
    assert few.p_value is not None and not few.reliable and few.least_owed == 1.0
    mixed = [
        Share(1, drawn=21, in_pool=60, expected=20.0),
        Share(2, drawn=19, in_pool=60, expected=20.0),
        Share(3, drawn=4, in_pool=9, expected=3.0),
        Share(4, drawn=2, in_pool=9, expected=3.0),
    ]
    grouped = chi_square(mixed)
    assert grouped.reliable and grouped.lumped == 2 and grouped.degrees == 2
    # (21-20)²/20 + (19-20)²/20 + (6-6)²/6
    assert grouped.statistic == pytest.approx(0.1)


def test_six_hundred_draws_by_the_desks_lot_pass():
    """Overlapping pools of three to six, as a panel's are: the desk's own pick, fed
    the secrets and contributions of six hundred rounds, gives each lawyer their
    share (the seeds are fixed: the outcome is the same every run)."""
    pools = [[1, 2, 3], [2, 3, 4, 5], [1, 4, 5, 6, 7], [3, 6, 7, 8, 9, 10], [8, 9, 11]]
    rounds = []
    for n in range(600):
        pool = pools[n % len(pools)]
        secret = hashlib.sha256(f"secret {n}".encode()).hexdigest()
        made = draw.draw(f"LD-2026-T{n:05d}", 1, pool, secret, f"{n * 7919 % 100000:05d}")
        rounds.append((made.pool, made.chosen))
    result = chi_square(shares(rounds).values())
    assert result.degrees == 10
    assert result.p_value is not None and result.p_value > 0.01, result
    rigged = [(pool, pool[0]) for pool, _ in rounds]  # always the first of the pool
    assert chi_square(shares(rigged).values()).p_value < 1e-9


def test_fairness_per_period_on_the_page_and_in_the_report(app, client, login, make, api_as):
    """Issue 15 item 5: the draws of a period alone, on /routing/fairness and in the
    report's table and exports."""
    for _ in range(3):
        make.lawyer(capacity=10)
    coordinator = api_as("coordinator")
    cases = [make.case(summary=f"#{i}") for i in range(3)]
    for case in cases:
        route_and_draw(coordinator, case.reference)

    def spread():
        rows = db.session.scalars(sa.select(Draw).order_by(Draw.id)).all()
        for row, month in zip(rows, (3, 3, 9), strict=True):  # two in March, one in September
            row.committed_at = row.committed_at.replace(year=2026, month=month, day=2)
            row.drawn_at = row.committed_at.replace(hour=row.committed_at.hour + 1)
        db.session.commit()

    make.run(spread)
    login("coordinator")

    def drawn_on_page(query):
        page = client.get(f"/routing/fairness{query}").get_data(as_text=True)
        cells = re.findall(r"<td>(\d+)</td><td>(\d+)</td>", page)
        return sum(int(drawn) for _, drawn in cells), page

    assert drawn_on_page("")[0] == 3
    assert drawn_on_page("?from=2026-03-01&to=2026-03-31")[0] == 2
    total, page = drawn_on_page("?from=2026-09-01&to=2026-09-30")
    assert total == 1 and 'id="fairness-xlsx"' in page
    bad = client.get("/routing/fairness?from=2026-13-01")
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.get_data(as_text=True)
    report = coordinator.get("/reports/summary?from=2026-03-01&to=2026-03-31").json
    assert sum(row["drawn"] for row in report["fairness"]) == 2
    csv = client.get("/reports/export.csv?from=2026-09-01&to=2026-09-30")
    assert csv.status_code == 200
