"""The desk's day each follow-up was done on (followups/done_day.py keeps it as they
are written), set again for all in SQL, with the counts per due day it feeds
(followup_models): migration 0036 and ``flask desk recount`` (after a change of
LEGALDESK_TIMEZONE)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.db import DbSession
from legaldesk.followups.models import FollowUp
from legaldesk.reports import followup_models as models
from legaldesk.reports.rules import zone_offsets
from legaldesk.reports.sqltime import day_number, local_seconds, on_postgres


def rebuild(session: DbSession, zone: ZoneInfo) -> None:
    postgres = on_postgres(session)
    for statement in models.DUE_TRIGGERS.off(postgres):
        session.execute(sa.text(statement))
    low, high = session.execute(
        sa.select(sa.func.min(FollowUp.done_at), sa.func.max(FollowUp.done_at))
    ).one()
    if isinstance(low, datetime) and isinstance(high, datetime):
        offsets = zone_offsets(zone, low - timedelta(days=1), high + timedelta(days=1))
        number = day_number(session, local_seconds(session, FollowUp.done_at, offsets))
        if postgres:
            day = sa.cast(sa.literal("1970-01-01"), sa.Date) + number
        else:
            day = sa.func.date(number * 86400, "unixepoch")
        session.execute(
            sa.update(FollowUp).where(FollowUp.done_at.is_not(None)).values(done_on=day),
            execution_options={"synchronize_session": False},
        )
    session.execute(sa.text("DELETE FROM report_followup_due_days"))
    session.execute(sa.text(models.due_counting()))
    for statement in models.DUE_TRIGGERS.on(postgres):
        session.execute(sa.text(statement))
