"""The rooms wing's labels in the reader's language: a booking's purpose and its
attendance. Pages call ``booking_label(kind, key)`` (a template global added by
rooms/hooks.py); an unknown key shows as itself."""

from __future__ import annotations

from legaldesk.messages import render
from legaldesk.rooms.rules import ATTENDANCE_LABELS, PURPOSE_LABELS

TABLES = {"purpose": PURPOSE_LABELS, "attendance": ATTENDANCE_LABELS}


def booking_label(kind: str, key: str | None) -> str:
    table = TABLES.get(kind, {})
    return render(table[key]) if key in table else (key or "")
