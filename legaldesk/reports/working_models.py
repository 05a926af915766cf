"""The working hours each answered case took, stored per case, and counted like the
calendar hours to first response (duration_models): per UTC day of receipt and
tenth of an hour in ``report_duration_days``, under the measures 'acceptance'
(receipt to first acceptance) and 'advice' (receipt to first advice).

Working time depends on the calendar (holidays, adjusted days, the center's own
entries), which a trigger cannot read, so the desk computes each case's figure
(working.py: when a case is accepted or advised, when the calendar changes, on
``flask desk recount``) and stores it in ``case_working_times``; the triggers on
that table keep the counts, whoever writes it. The report reads a half year's
medians off some 180 days of counts instead of computing a quarter of a million
cases' working time in one query (0.8-1.1 s at a million on SQLite).

Created with the tables (tests, ``db.create_all``) and by migration 0034.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from legaldesk.db import Model, UTCDateTime
from legaldesk.reports.duration_models import added, utc_day
from legaldesk.reports.row_triggers import row_triggers

MEASURES = ("acceptance", "advice")


class CaseWorkingTime(Model):
    """The working time from a case's receipt (``received_at``, its ``created_at``) to
    its first acceptance or advice (``answered_at``), in tenths of an hour."""

    __tablename__ = "case_working_times"

    consultation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("consultations.id", ondelete="CASCADE"), primary_key=True
    )
    measure: Mapped[str] = mapped_column(sa.String(12), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    tenths: Mapped[int]


def _count(postgres: bool, row: str, sign: int) -> str:
    """The upsert adding ``sign`` for the stored figure ``row`` ('new', 'OLD' …)."""
    day = utc_day(postgres, f"{row}.received_at")
    return added(f"SELECT {day}, {row}.measure, {row}.tenths, {sign} WHERE true")


TRIGGERS = row_triggers("working", "case_working_times", _count)


def counting(postgres: bool, cases: str = "true") -> str:
    """The upsert adding the counts of the stored figures ``w`` meeting ``cases`` (SQL)
    to report_duration_days: after a fill with the triggers off."""
    return added(
        f"SELECT {utc_day(postgres, 'w.received_at')}, w.measure, w.tenths, count(*) "
        f"FROM case_working_times w WHERE ({cases}) GROUP BY 1, 2, 3"
    )


TRIGGERS.with_tables()
