"""The cases wing's words in the reader's language: statuses, channels, urgency, and
the mail it sends (the acknowledgement, a status change)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from legaldesk.cases.rules import (
    CHANNEL_LABELS,
    CORRECTABLE,
    DEDICATED,
    STATUS_LABELS,
    URGENCY_LABELS,
)
from legaldesk.enterprises.rules import display_phone
from legaldesk.i18n import countries_text, data_label, language_name, table_label
from legaldesk.messages import N_
from legaldesk.notify.kinds import Payload, worded


def status_label(status: str) -> str:
    return table_label(STATUS_LABELS, status)


def channel_label(channel: str) -> str:
    return table_label(CHANNEL_LABELS, channel)


def urgency_label(urgency: str) -> str:
    return table_label(URGENCY_LABELS, urgency)


ack_subject = worded(N_("We have received your consultation %(reference)s"), reference="reference")


status_change_subject = worded(
    N_("Your case %(reference)s is now: %(status)s"), reference="reference", status="status_label"
)


def add_status_label(p: Payload) -> None:
    p["status_label"] = status_label(p["status"])


SHOWN_MAX = 80  # a long description is shown by its beginning


# How the timeline words a dedicated move's note (rules.DEDICATED), which the status
# it reached does not say: that the case was reopened, or handed to another lawyer.
MOVE_NOTES = {
    "reopen": N_("Reopened: %(note)s"),
    "assign": N_("Reassigned: %(note)s"),
}


# A dedicated move whose status alone misreads: a case sent back to the draw is "new"
# again, but the timeline says what happened (the note holds the reason).
MOVE_TITLES = {"release": N_("Sent back to the draw")}


def timeline_title(entry: Any) -> str:
    """A status change's heading on the timeline: the status reached, or the move."""
    words = MOVE_TITLES.get(DEDICATED.get((entry.from_status, entry.to_status), ""))
    return _(words) if words else status_label(entry.to_status)


def timeline_note(entry: Any) -> str:
    """A status change's note as the timeline shows it, in the reader's language."""
    words = MOVE_NOTES.get(DEDICATED.get((entry.from_status, entry.to_status), ""))
    return _(words, note=entry.note) if words and entry.note else entry.note


def correction_lines(changes: list[list[Any]], categories: dict[str, Any]) -> list[str]:
    """Each change of a correction as "联系电话：+86 138… → +86 139…" in the reader's
    language; ``categories`` maps codes to their rows (for their names)."""
    return [
        _("%(field)s: %(old)s → %(new)s")
        % {
            "field": table_label(CORRECTABLE, field),
            "old": _shown(field, old, categories),
            "new": _shown(field, new, categories),
        }
        for field, old, new in changes
    ]


def _shown(field: str, value: Any, categories: dict[str, Any]) -> str:
    if value in (None, "", []):
        return "—"
    if field == "category":
        return data_label(categories.get(value)) or str(value)
    if field == "urgency":
        return urgency_label(value)
    if field == "language_needed":
        return language_name(value)
    if field == "contact.phone":
        return display_phone(value)
    if field == "countries":
        return countries_text(value)
    if field == "counterparties":
        return "；".join(value)
    text = str(value)
    return text if len(text) <= SHOWN_MAX else text[:SHOWN_MAX] + "…"


def duplicate_rows(cases: list[Any], link: Any) -> list[dict[str, Any]]:
    """The earlier cases a duplicate warning names, read before the commit expires
    them; ``link(reference)`` is the page the reader may open (staff: the case page,
    an enterprise: its own case)."""
    return [
        {
            "reference": c.reference,
            "created_at": c.created_at,
            "status": c.status,
            "status_label": status_label(c.status),
            "summary": c.summary,
            "url": link(c.reference),
        }
        for c in cases
    ]


SORT_LABELS = {
    "newest": N_("Newest received first"),
    "oldest": N_("Oldest received first"),
    "updated": N_("Recently updated first"),
    "urgency": N_("Urgent first"),
    "accept_by": N_("Waiting longest for the lawyer to accept first"),
    "mediation_deadline": N_("Nearest mediation deadline first"),
}


def sort_choices() -> list[tuple[str, str]]:
    """The case list's sort orders (list_options.SORTS) in the reader's language."""
    return [(key, _(label)) for key, label in SORT_LABELS.items()]
