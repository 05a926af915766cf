"""A report is read outside SQLite's write lock (review finding 1).

Every transaction on SQLite begins IMMEDIATE (sqlite_locking), so a request that read
the report in its own session would hold the write lock for the whole computation,
and a report of years blocks every clerk's intake and the scheduler. The request's
transaction (the login or token lookup) is ended first, and the figures are read in
a ``reading_session``: each statement reads a snapshot (WAL) and locks nobody. On
PostgreSQL reads lock nothing anyway. Figures of one report may so come from
snapshots a few milliseconds apart, which a report of a period does not notice.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from legaldesk.actor import Actor
from legaldesk.cases import service as cases
from legaldesk.long_reads import Detached, outside_the_write_lock
from legaldesk.reports import service


def figures(
    actor: Actor, now: datetime, start: date, end: date, zone: ZoneInfo
) -> tuple[dict[str, Any], Any]:
    """(the summary of the period as of ``now``, the categories by code), read without
    the lock."""
    who = Detached.of(actor)
    with outside_the_write_lock() as reader:
        return service.summary(reader, who, now, start, end, zone), cases.categories_by_code(reader)
