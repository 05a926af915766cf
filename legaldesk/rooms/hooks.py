"""What the rooms wing adds to an app beyond its blueprints: its label function for
the templates (rooms/labels.py)."""

from __future__ import annotations

from flask import Flask

from legaldesk.rooms.labels import booking_label


def init_app(app: Flask) -> None:
    app.add_template_global(booking_label)
