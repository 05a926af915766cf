"""Is the draw fair? Pearson's chi-square of each lawyer's draws against the share
their pools owed them (rules.shares: a round of n members owes each 1/n of a case),
and its p-value: the chance that a fair draw strays this far from the shares or
further. A small p-value (under 0.01) says the draws are unlikely to be fair; a large
one says nothing is amiss. Plain Python: the incomplete gamma function is computed
here (the series below a + 1, a continued fraction above), no statistics library.

The test only approximates when lawyers are owed few draws: the lawyers owed least
are counted together as one group until every group is owed five (the usual remedy
for sparse cells); when even so a group is owed fewer than five, or more than half
the lawyers had to be grouped, the result says it is not to be relied on
(``reliable``): no verdict from a handful of draws.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from legaldesk.routing.rules import Share

_EPSILON = 1e-15
_TINY = 1e-300
_STEPS = 10_000
ENOUGH = 5.0  # draws a group must be owed for the approximation to hold


@dataclass(frozen=True)
class ChiSquare:
    statistic: float
    degrees: int  # groups owed a share, less one
    p_value: float | None  # None: fewer than two lawyers were ever in a pool
    reliable: bool = False  # every group is owed at least ENOUGH draws
    lumped: int = 0  # lawyers counted in groups with others (owed too few alone)
    least_owed: float = 0.0  # the smallest share owed to a group tested


def chi_square(shares: Iterable[Share]) -> ChiSquare:
    cells: list[tuple[int, float, int]] = sorted(  # (drawn, owed, lawyers in the group)
        ((share.drawn, share.expected, 1) for share in shares if share.expected > 0),
        key=lambda cell: cell[1],
    )
    if len(cells) < 2:
        return ChiSquare(0.0, 0, None)
    lawyers = len(cells)
    while len(cells) > 2 and cells[0][1] < ENOUGH:  # the two owed least, as one group
        (drawn, owed, members), (more, owed_more, others) = cells[0], cells[1]
        cells = sorted(
            [*cells[2:], (drawn + more, owed + owed_more, members + others)],
            key=lambda cell: cell[1],
        )
    lumped = sum(members for _, _, members in cells if members > 1)
    statistic = sum((drawn - expected) ** 2 / expected for drawn, expected, _ in cells)
    degrees = len(cells) - 1
    return ChiSquare(
        statistic,
        degrees,
        upper_tail(statistic, degrees),
        # judged only when most lawyers stand alone: a few big groups say little
        reliable=cells[0][1] >= ENOUGH and 2 * lumped <= lawyers,
        lumped=lumped,
        least_owed=cells[0][1],
    )


def upper_tail(statistic: float, degrees: int) -> float:
    """P(X >= statistic) for X chi-square distributed with ``degrees`` degrees."""
    return _regularized_upper_gamma(degrees / 2, statistic / 2)


def _regularized_upper_gamma(a: float, x: float) -> float:
    if x <= 0:
        return 1.0
    if x < a + 1:
        return max(0.0, 1.0 - _lower_series(a, x))
    return _upper_fraction(a, x)


def _prefactor(a: float, x: float) -> float:
    return math.exp(-x + a * math.log(x) - math.lgamma(a))


def _lower_series(a: float, x: float) -> float:
    """P(a, x) = x^a e^-x / Gamma(a) * sum x^n / (a (a+1) ... (a+n))."""
    term = total = 1.0 / a
    denominator = a
    for _ in range(_STEPS):
        denominator += 1
        term *= x / denominator
        total += term
        if abs(term) < abs(total) * _EPSILON:
            break
    return total * _prefactor(a, x)


def _upper_fraction(a: float, x: float) -> float:
    """Q(a, x) by its continued fraction, evaluated by the modified Lentz method."""
    b = x + 1 - a
    c, d = 1 / _TINY, 1 / b
    fraction = d
    for i in range(1, _STEPS):
        step = -i * (i - a)
        b += 2
        d = step * d + b
        d = _TINY if abs(d) < _TINY else d
        c = b + step / c
        c = _TINY if abs(c) < _TINY else c
        d = 1 / d
        fraction *= d * c
        if abs(d * c - 1) < _EPSILON:
            break
    return _prefactor(a, x) * fraction
