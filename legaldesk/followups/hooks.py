"""How the follow-ups wing joins the app: its labels for templates, its messages' words."""

from __future__ import annotations

from flask import Flask

from legaldesk.followups import labels
from legaldesk.notify import kinds


def init_app(app: Flask) -> None:
    app.add_template_global(labels.followup_label)
    kinds.register(
        "followup_due", subject=labels.followup_due_subject, bell=labels.followup_due_bell
    )
    kinds.register("callback_needed", bell=labels.callback_needed_bell)
