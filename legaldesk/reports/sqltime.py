"""Time arithmetic in SQL on both engines, so report figures are aggregated by the
database rather than by fetching a million rows: seconds between two moments, a
moment in the desk's local time, quantiles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from legaldesk.db import DbSession
from legaldesk.reports.rules import median, quantile_rows

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


def quantiles(
    session: DbSession, values: sa.Select, fractions: Sequence[float]
) -> tuple[int, list[float | None]]:
    """How many values the one-column ``values`` select gives, and its quantiles
    (interpolated), computed by the database: PostgreSQL's percentile_cont, else
    the one or two rows around each quantile read in order."""
    sub = values.subquery()
    column = sub.c[0]
    if on_postgres(session):
        row = session.execute(
            sa.select(
                sa.func.count(),
                *(sa.func.percentile_cont(f).within_group(column) for f in fractions),
            ).select_from(sub)
        ).one()
        count = row[0] or 0
        return count, [float(v) if v is not None and count else None for v in row[1:]]
    count = session.scalar(sa.select(sa.func.count()).select_from(sub)) or 0
    if not count:
        return 0, [None for _ in fractions]
    found: list[float | None] = []
    for fraction in fractions:
        below, weight = quantile_rows(count, fraction)
        pair = [
            float(v)
            for v in session.scalars(
                sa.select(column).order_by(column).offset(below).limit(2 if weight else 1)
            )
        ]
        found.append(pair[0] + (pair[1] - pair[0]) * weight if weight else pair[0])
    return count, found


def median_in_sql(session: DbSession, value: Any, *where: Any) -> float | None:
    """The median of ``value`` over the rows, computed by the database (no rows fetched)."""
    count = session.scalar(sa.select(sa.func.count()).where(*where)) or 0
    if not count:
        return None
    middle = session.scalars(
        sa.select(value).where(*where).order_by(value).offset((count - 1) // 2).limit(2 - count % 2)
    ).all()
    return median([float(v) for v in middle])
