"""Each follow-up done keeps the desk's day it was done on (``done_on``), beside the
moment (``done_at``, UTC): "done on time" is done_on <= due_on, a comparison the
database's triggers can count (reports/followup_models) without knowing the desk's
zone. A session hook sets it whenever a flush writes ``done_at``, whichever code
wrote it; ``flask desk recount`` sets it again for all after a zone change.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from legaldesk.clock import local_date
from legaldesk.followups.models import FollowUp
from legaldesk.zone import desk_zone


def _set_done_days(session: Session, _context: Any, _instances: Any) -> None:
    changed = [
        item
        for item in (*session.new, *session.dirty)
        if isinstance(item, FollowUp)
        and (item in session.new or sa.inspect(item).attrs.done_at.history.has_changes())
    ]
    if changed:
        zone = desk_zone()
        for item in changed:
            item.done_on = local_date(item.done_at, zone) if item.done_at else None


def install() -> None:
    """Once per process: the hook is on every session."""
    if not sa.event.contains(Session, "before_flush", _set_done_days):
        sa.event.listen(Session, "before_flush", _set_done_days)
