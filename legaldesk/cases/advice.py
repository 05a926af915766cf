"""The advice: what a case's move to "advised" records, the heart of the service.

Why here, in the cases wing, and not in a wing of its own: advice is given *by* the
move to "advised", which only ``cases.service.transition`` makes (one transition
table), and the case API's transition endpoint and the case JSON carry it. A wing
above cases could not be reached from either without an arrow pointing up. So the
rule is in ``cases.advice_rules`` (``parse_advice``), the row in ``cases.models``
(``Advice``), and this module writes and reads it; the portal (above) shows the
enterprise its part.

An extra that comes with the advice (the advice letter as a document, issue 12 item
2) joins without touching this module: the advice page offers the
``signals.advice_form_fields`` slot for its input, and ``signals.advice_given`` is
sent with the new advice and the request's files inside the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.cases.advice_rules import AdviceData
from legaldesk.cases.models import Advice, Consultation, TimelineEntry
from legaldesk.db import DbSession


def record(
    session: DbSession,
    actor: Actor | None,
    now: datetime,
    case: Consultation,
    entry: TimelineEntry,
    data: AdviceData,
) -> Advice:
    """The advice of the move ``entry``; the audit log says it was given and whether
    it is shared, never what it says."""
    advice = Advice(
        timeline_entry_id=entry.id,
        given_at=now,
        given_by_id=getattr(actor, "id", None),
        opinion=data.opinion,
        shared=data.shared,
    )
    case.advice_given.append(advice)
    session.flush()
    audit.record(
        session,
        actor,
        now,
        "advice.give",
        "consultation",
        case.reference,
        {"advice": advice.id, "shared": data.shared, "written": bool(data.opinion)},
    )
    return advice


def by_timeline_entry(case: Consultation) -> dict[int, Advice]:
    """Each advice under the status change that gave it (for the timeline)."""
    return {a.timeline_entry_id: a for a in case.advice_given if a.timeline_entry_id}


def shown_to_enterprise(advice: Advice) -> str | None:
    """The opinion when it is shared with the enterprise; None when it only learns
    that advice was given."""
    return advice.opinion if advice.shared and advice.opinion else None
