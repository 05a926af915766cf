"""How the routing wing joins the app: the draws on the case page, its labels for
templates, the words of a refused claim in the audit trail, its messages' words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Flask

from legaldesk import signals
from legaldesk.audit.labels import describe_details
from legaldesk.cases import list_options
from legaldesk.notify import kinds
from legaldesk.routing import handon, labels, ledger, pool, sla, timeline, views
from legaldesk.routing.edge import acceptance_hours
from legaldesk.workcal.service import overrides
from legaldesk.zone import desk_zone


def late_to_accept(session: Any, now: datetime) -> Any:
    """The case list's part of "overdue": routed past the acceptance SLA."""
    return sla.late_to_accept(now, acceptance_hours(), desk_zone(), overrides(session))


def init_app(app: Flask) -> None:
    signals.connect(signals.case_panels, views.case_panel)
    signals.connect(signals.timeline_items, timeline.timeline_rounds)
    signals.connect(signals.case_conflicts, pool.case_conflicts)
    list_options.define("overdue", "routing", late_to_accept, labels.LATE_TO_ACCEPT)
    list_options.define_sort("accept_by", sla.waiting_since)
    app.add_template_global(labels.conflicting_parties)
    signals.connect(signals.case_moved, handon.lapse_hand_back)
    signals.connect(signals.case_moved, ledger.close_unused_round)
    app.add_template_global(labels.exclusion_label)
    app.add_template_global(labels.conflict_kind_label)
    app.add_template_global(labels.round_reason)
    app.add_template_global(labels.contribution_source_label)
    app.add_template_global(labels.void_reason_label)
    app.add_template_global(labels.hand_back_answer)
    app.add_template_global(labels.jurisdiction_name)
    describe_details("routing.claim_refused", labels.claim_refused)
    kinds.register("case_routed", bell=labels.case_routed_bell)
    kinds.register("sla_breach", subject=labels.sla_breach_subject, bell=labels.sla_breach_bell)
    kinds.register("case_released", bell=labels.case_released_bell)
    kinds.register("hand_back_requested", bell=labels.hand_back_requested_bell)
    kinds.register("hand_back_refused", bell=labels.hand_back_refused_bell)
    kinds.register("case_reopened", bell=labels.case_reopened_bell)
