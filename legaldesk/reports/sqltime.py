"""Time arithmetic in SQL on both engines, so report figures are aggregated by the
database rather than by fetching a million rows: seconds between two moments, a
moment in the desk's local time, quantiles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from legaldesk.db import DbSession
from legaldesk.reports.rules import quantile_rows

UNIX_JULIAN_DAY = 2440587.5  # julianday('1970-01-01')


def on_postgres(session: DbSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def epoch(session: DbSession, moment: Any) -> Any:
    """SQL for a UTC moment as Unix seconds (a float)."""
    if on_postgres(session):
        return sa.cast(sa.func.extract("epoch", moment), sa.Float)
    return (sa.func.julianday(moment) - UNIX_JULIAN_DAY) * 86400.0


def seconds_between(session: DbSession, start: Any, end: Any) -> Any:
    """SQL for the seconds from ``start`` to ``end`` on either engine."""
    if on_postgres(session):
        return sa.func.extract("epoch", end - start)
    return (sa.func.julianday(end) - sa.func.julianday(start)) * 86400.0


def local_seconds(session: DbSession, moment: Any, offsets: Sequence[tuple[float, int]]) -> Any:
    """SQL for a moment as seconds of the desk's wall clock since 1970-01-01 00:00
    (``offsets``: rules.zone_offsets over the moments concerned)."""
    unix = epoch(session, moment)
    if len(offsets) == 1:
        return unix + offsets[0][1]
    changes = [
        (unix < since, offset)
        for (since, _), (_, offset) in zip(offsets[1:], offsets, strict=False)
    ]
    return unix + sa.case(*changes, else_=offsets[-1][1])


def day_number(session: DbSession, seconds: Any) -> Any:
    """SQL for the day (days since 1970-01-01) of a local_seconds value."""
    if on_postgres(session):
        return sa.cast(sa.func.floor(seconds / 86400.0), sa.Integer)
    return sa.cast(seconds / 86400.0, sa.Integer)  # after 1970: truncating is flooring


def date_number(session: DbSession, day: Any) -> Any:
    """SQL for a date column as days since 1970-01-01."""
    if on_postgres(session):
        return day - sa.cast(sa.literal("1970-01-01"), sa.Date)
    return sa.cast(sa.func.julianday(day) - UNIX_JULIAN_DAY, sa.Integer)


def sorted_at(
    session: DbSession, values: sa.Select, fractions: Sequence[float]
) -> tuple[int, dict[int, float]]:
    """How many values the one-column ``values`` select gives, and the values at the
    places (0-based, in ascending order) around each quantile (rules.quantile_rows:
    the one below and the next), in one sorted pass: a window numbers the rows."""
    column = values.subquery().c[0]
    ranked = sa.select(
        column.label("value"),
        sa.func.row_number().over(order_by=column).label("place"),
        sa.func.count().over().label("count"),
    ).subquery()
    place = ranked.c.place - 1
    # A row either side more than needed: casting rounds on PostgreSQL, truncates on
    # SQLite; rules.quantile_rows then picks the ones it wants.
    wanted = sa.or_(
        *(
            place.between(
                sa.cast((ranked.c.count - 1) * fraction, sa.Integer) - 1,
                sa.cast((ranked.c.count - 1) * fraction, sa.Integer) + 2,
            )
            for fraction in fractions
        )
    )
    rows = session.execute(sa.select(ranked.c.place, ranked.c.value, ranked.c.count).where(wanted))
    count, found = 0, {}
    for number, value, total in rows:
        count = total
        found[number - 1] = float(value)
    return count, found


def quantiles(
    session: DbSession, values: sa.Select, fractions: Sequence[float]
) -> tuple[int, list[float | None]]:
    """How many values the one-column ``values`` select gives, and its quantiles
    (interpolated), computed by the database: PostgreSQL's percentile_cont, else
    the one or two rows around each quantile (``sorted_at``)."""
    if on_postgres(session):
        sub = values.subquery()
        column = sub.c[0]
        row = session.execute(
            sa.select(
                sa.func.count(),
                *(sa.func.percentile_cont(f).within_group(column) for f in fractions),
            ).select_from(sub)
        ).one()
        count = row[0] or 0
        return count, [float(v) if v is not None and count else None for v in row[1:]]
    count, at = sorted_at(session, values, fractions)
    if not count:
        return 0, [None for _ in fractions]
    found: list[float | None] = []
    for fraction in fractions:
        below, weight = quantile_rows(count, fraction)
        found.append(at[below] + (at[below + 1] - at[below]) * weight if weight else at[below])
    return count, found
