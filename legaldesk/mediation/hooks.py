"""How the mediation wing joins the app: its messages' words."""

from __future__ import annotations

from flask import Flask

from legaldesk.mediation import labels
from legaldesk.notify import kinds


def init_app(app: Flask) -> None:
    kinds.register("mediation_deadline", bell=labels.mediation_deadline_bell)
    kinds.register("session_reminder", subject=labels.session_reminder_subject)
