"""What the rooms wing adds to an app beyond its blueprints: its label function for
the templates, the words of its session reminder."""

from __future__ import annotations

from flask import Flask

from legaldesk.notify import kinds
from legaldesk.rooms import labels


def init_app(app: Flask) -> None:
    app.add_template_global(labels.booking_label)
    kinds.register("session_reminder", subject=labels.session_reminder_subject)
