"""The follow-ups wing's words in the reader's language: how a follow-up was made,
whether the advice worked, and its notifications."""

from __future__ import annotations

from legaldesk.followups.rules import CHANNEL_LABELS, LOSS_STATES, WORKED_LABELS
from legaldesk.i18n import table_label
from legaldesk.messages import N_
from legaldesk.notify.kinds import worded

_TABLES = {"channel": CHANNEL_LABELS, "worked": WORKED_LABELS, "loss": LOSS_STATES}


def followup_label(kind: str, key: str | None) -> str:
    return table_label(_TABLES.get(kind, {}), key)


def loss_state_label(state: str | None) -> str | None:
    """claimed / confirmed_by_phone / confirmed in the reader's language (None: no loss)."""
    return table_label(LOSS_STATES, state) if state else None


# Beside an overdue case in a list (cases.list_options.reasons), what is late.
PAST_DUE = N_("A follow-up is past due")
followup_due_subject = worded(N_("Follow-up of case %(reference)s is due"), reference="reference")
followup_due_bell = worded(
    N_("The follow-up of case %(reference)s is due (%(day)s)."),
    reference="reference",
    day="due_on",
)
callback_needed_bell = worded(
    N_("Case %(reference)s: the enterprise rated the service %(n)s of 5. Call it back."),
    reference="reference",
    n="satisfaction",
)
