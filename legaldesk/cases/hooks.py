"""How the cases wing joins the app: its labels for templates, its messages' words,
and the advice panel on its own case page."""

from __future__ import annotations

from flask import Flask

from legaldesk import signals
from legaldesk.cases import advice_views, labels, row_marks
from legaldesk.i18n import language_name
from legaldesk.notify import kinds


def init_app(app: Flask) -> None:
    for label in (
        labels.status_label,
        labels.channel_label,
        labels.urgency_label,
        labels.timeline_title,
    ):
        app.add_template_global(label)
    app.add_template_global(row_marks.overdue_marks)
    app.add_template_global(language_name)
    kinds.register("ack", subject=labels.ack_subject)
    kinds.register(
        "status_change", subject=labels.status_change_subject, prepare=labels.add_status_label
    )
    signals.connect(signals.case_panels, advice_views.case_panel)
