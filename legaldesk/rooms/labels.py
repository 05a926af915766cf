"""The rooms wing's words in the reader's language: a booking's purpose and its
attendance, a room's kind (pages call ``booking_label(kind, key)``, a template global
added by rooms/hooks.py; an unknown key shows as itself), and the reminder's subject."""

from __future__ import annotations

from legaldesk.i18n import table_label
from legaldesk.messages import N_
from legaldesk.notify.kinds import worded
from legaldesk.rooms.room_rules import ROOM_KIND_LABELS
from legaldesk.rooms.rules import ATTENDANCE_LABELS, PURPOSE_LABELS

TABLES = {"purpose": PURPOSE_LABELS, "attendance": ATTENDANCE_LABELS, "kind": ROOM_KIND_LABELS}


def booking_label(kind: str, key: str | None) -> str:
    return table_label(TABLES.get(kind, {}), key)


session_reminder_subject = worded(N_("Reminder: %(title)s tomorrow"), title="title")
