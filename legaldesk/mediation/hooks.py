"""Where the mediation wing takes part in the rooms wing below it, without rooms
importing mediation: an unexcused no-show at a session fails the mediation, and a
session booked for a case reminds both sides of its mediation; a case document
(evidence, the signed agreement) ticks the mediation's case file. Also its label
function for the templates and its notifications' words (mediation/labels.py)."""

from __future__ import annotations

from typing import Any

from flask import Flask

from legaldesk import signals
from legaldesk.actor import Actor
from legaldesk.cases import list_options
from legaldesk.cases.models import Consultation
from legaldesk.clock import local_date
from legaldesk.mediation import reads, service, timers, views
from legaldesk.mediation.labels import mediation_deadline_bell, mediation_label
from legaldesk.notify import kinds
from legaldesk.rooms.models import Booking
from legaldesk.zone import desk_zone


def on_no_show(booking: Booking, *, session: Any, actor: Actor, now: Any) -> None:
    service.fail_for_no_show(session, actor, now, booking)


def on_document_attached(
    case: Consultation, *, session: Any, actor: Actor, now: Any, kind: str
) -> None:
    service.tick_from_document(session, actor, now, case, kind)


def session_participants(reference: str, *, viewer: Any, session: Any) -> list[dict]:
    return reads.session_participants(session, viewer, reference)


def deadline_within_a_week(session: Any, now: Any) -> Any:
    """The case list's ``mediation_due=1``: a mediation deadline in the next 7 days."""
    return timers.cases_due_within(local_date(now, desk_zone()))


def init_app(app: Flask) -> None:
    """Connect the receivers (again for each app: blinker keeps one of each)."""
    list_options.define("mediation_due", "mediation", deadline_within_a_week)
    list_options.define_sort("mediation_deadline", timers.case_deadline)
    app.add_template_global(mediation_label)
    kinds.register("mediation_deadline", bell=mediation_deadline_bell)
    signals.connect(signals.booking_no_show, on_no_show)
    signals.connect(signals.document_attached, on_document_attached)
    signals.connect(signals.case_panels, views.case_panel)
    signals.connect(signals.case_page_for_outsider, views.page_for_mediator)
    signals.connect(signals.queue_panels, views.queue_panel)
    signals.connect(signals.session_participants, session_participants)
