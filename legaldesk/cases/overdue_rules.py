"""When a case is overdue: the one definition behind the case list's ``overdue=1``,
the coordinator's dashboard and their exports (plain Python; the SQL that finds the
same cases lives with each clock: ``routing.sla.late_to_accept`` and
``followups.service.past_due``, and a test holds each to this rule).

A case is overdue at a moment ``now`` (the desk's day ``today``) when either

1. **late to accept**: its status is ``routed`` (drawn or assigned, waiting for the
   lawyer) and its current round, the latest round naming the case's lawyer that the
   lawyer has not declined, was drawn at or before the SLA cutoff: the acceptance
   SLA (``LEGALDESK_SLA_ACCEPT_WORKING_HOURS``, office hours of working days) ran out
   at or before ``now``, the moment the scheduler tells the coordinators; or
2. **follow-up past due**: it is neither closed nor withdrawn and a follow-up of it
   that is not done was due before ``today`` (due today is not yet overdue).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

# A follow-up of a case that ended is nobody's task any more (as on /followups).
ENDED = ("closed", "withdrawn")


def late_to_accept(status: str, drawn_at: datetime | None, cutoff: datetime) -> bool:
    """``cutoff``: ``workcal.rules.subtract_working_hours(now, sla_hours, ...)``."""
    return status == "routed" and drawn_at is not None and drawn_at <= cutoff


def followup_past_due(status: str, due_on: date, done: bool, today: date) -> bool:
    return status not in ENDED and not done and due_on < today


def is_overdue(
    status: str,
    drawn_at: datetime | None,
    cutoff: datetime,
    open_followups_due: Iterable[date],
    today: date,
) -> bool:
    """Rule 1 or rule 2 of the module's docstring; ``open_followups_due``: the due
    days of the case's follow-ups not yet done."""
    return late_to_accept(status, drawn_at, cutoff) or any(
        followup_past_due(status, due_on, False, today) for due_on in open_followups_due
    )
