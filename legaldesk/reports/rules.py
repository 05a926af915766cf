"""Report arithmetic: plain Python."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from legaldesk.errors import FieldErrors
from legaldesk.messages import N_, Msg

EARLIEST = date(2000, 1, 1)
LATEST = date(2999, 12, 31)


def median(values: Sequence[float]) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def period(raw_from: Any, raw_to: Any, today: date) -> tuple[date, date]:
    """[from, to] as local dates, both included; by default the year so far."""
    errors = FieldErrors()
    days = []
    for name, raw, default in (
        ("from", raw_from, date(today.year, 1, 1)),
        ("to", raw_to, today),
    ):
        try:
            day = date.fromisoformat(raw) if raw else default
        except (TypeError, ValueError):
            errors.add(name, Msg(N_("Enter a date as YYYY-MM-DD.")))
            day = default
        if not EARLIEST <= day <= LATEST:
            errors.add(name, Msg(N_("A date from 2000 to 2999.")))
        days.append(day)
    if not errors and days[1] < days[0]:
        errors.add("to", Msg(N_("The end is before the start.")))
    errors.raise_if_any()
    return days[0], days[1]
