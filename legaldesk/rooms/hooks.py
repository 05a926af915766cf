"""What the rooms wing adds to an app beyond its blueprints: its label function for
the templates, the words of its session reminder, and its bookings on a day for the
working calendar (a holiday entered over them says so)."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask

from legaldesk import signals
from legaldesk.notify import kinds
from legaldesk.rooms import labels, stored
from legaldesk.workcal.service import Held


def bookings_held(day: date, *, session: Any, zone: ZoneInfo) -> list[Held]:
    return stored.bookings_on(session, day, zone)


def init_app(app: Flask) -> None:
    app.add_template_global(labels.booking_label)
    kinds.register("session_reminder", subject=labels.session_reminder_subject)
    signals.connect(signals.day_held, bookings_held)
