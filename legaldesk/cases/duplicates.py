"""Likely duplicates of an intake: the enterprise's open or recent cases with the
same matter (duplicate_rules.py decides "the same"). The intake pages stop and ask
before saving one; the API saves and lists them in its answer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from legaldesk.actor import Actor
from legaldesk.cases.duplicate_rules import likely_duplicates, window_start
from legaldesk.cases.listing import open_or_recent_cases_of, record_listing
from legaldesk.cases.models import Consultation
from legaldesk.db import DbSession
from legaldesk.errors import Conflict
from legaldesk.messages import N_, Msg


class PossibleDuplicate(Conflict):
    """An intake looks like a case the desk already has; nothing was saved. The
    person sees ``cases`` and may record it anyway."""

    code = "possible_duplicate"
    default_message = Msg(
        N_("This enterprise already has a case about the same matter. Nothing was saved yet.")
    )

    def __init__(self, cases: Sequence[Consultation]):
        super().__init__()
        self.cases = list(cases)


def possible_duplicates(
    session: DbSession,
    actor: Actor,
    now: datetime,
    enterprise_id: int,
    summary: str,
    days: int,
    excluding: int | None = None,
) -> list[Consultation]:
    """The enterprise's open cases, and its cases of the last ``days`` days, whose
    summary is the same matter, among those the actor may read (an enterprise: its
    own). Not audited: whoever shows them records the listing (``shown``)."""
    earlier = open_or_recent_cases_of(
        session, actor, enterprise_id, window_start(now, days), excluding=excluding
    )
    return likely_duplicates(summary, earlier, lambda case: case.summary)


def shown(session: DbSession, actor: Actor, now: datetime, cases: list[Consultation]) -> None:
    """Their summaries are shown: case content, so the listing is in the audit log."""
    record_listing(session, actor, now, cases, searched=False)
