"""How the follow-ups wing joins the app: it schedules the first follow-up of an
advised case, and gives its labels to templates and words to its messages."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, current_app

from legaldesk import signals
from legaldesk.cases import list_options
from legaldesk.clock import local_date
from legaldesk.followups import done_day, labels, overdue, service, views
from legaldesk.notify import kinds
from legaldesk.zone import desk_zone


def schedule_first_followup(case: Any, *, session: Any, now: datetime, zone: ZoneInfo) -> None:
    """A case was advised: its first follow-up, LEGALDESK_FOLLOWUP_DAYS later."""
    days = int(current_app.config["FOLLOWUP_DAYS"])
    service.on_advised(session, now, case, zone=zone, days=days)


def followup_past_due(session: Any, now: datetime) -> Any:
    """The case list's part of "overdue": a follow-up past due."""
    return overdue.cases_past_due(local_date(now, desk_zone()))


def init_app(app: Flask) -> None:
    done_day.install()
    list_options.define("overdue", "followups", followup_past_due, labels.PAST_DUE)
    signals.connect(signals.case_advised, schedule_first_followup)
    signals.connect(signals.case_panels, views.case_panel)
    app.add_template_global(labels.followup_label)
    kinds.register(
        "followup_due", subject=labels.followup_due_subject, bell=labels.followup_due_bell
    )
    kinds.register("callback_needed", bell=labels.callback_needed_bell)
