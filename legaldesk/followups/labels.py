"""The follow-ups wing's words in the reader's language: how a follow-up was made,
whether the advice worked, and its notifications."""

from __future__ import annotations

from flask_babel import gettext

from legaldesk.followups.rules import CHANNEL_LABELS, WORKED_LABELS
from legaldesk.i18n import table_label
from legaldesk.notify.kinds import Payload

_TABLES = {"channel": CHANNEL_LABELS, "worked": WORKED_LABELS}


def followup_label(kind: str, key: str | None) -> str:
    return table_label(_TABLES.get(kind, {}), key)


def followup_due_subject(p: Payload) -> str:
    return gettext("Follow-up of case %(reference)s is due", reference=p["reference"])


def followup_due_bell(p: Payload) -> str:
    return gettext(
        "The follow-up of case %(reference)s is due (%(day)s).",
        reference=p["reference"],
        day=p.get("due_on"),
    )


def callback_needed_bell(p: Payload) -> str:
    return gettext(
        "Case %(reference)s: the enterprise rated the service %(n)s of 5. Call it back.",
        reference=p["reference"],
        n=p.get("satisfaction"),
    )
