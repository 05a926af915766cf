"""How the notes wing joins the app: its form on the case page, its notes in the
case's timeline."""

from __future__ import annotations

from flask import Flask

from legaldesk import signals
from legaldesk.notes import views


def init_app(app: Flask) -> None:
    signals.connect(signals.case_panels, views.case_panel)
    signals.connect(signals.timeline_items, views.timeline_notes)
