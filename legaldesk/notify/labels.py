"""The words of the messages the notify wing sends itself: failed mail and the audit
chain's daily checkpoint."""

from __future__ import annotations

from flask_babel import gettext

from legaldesk.messages import N_
from legaldesk.notify.kinds import Payload, worded


def delivery_failed_bell(p: Payload) -> str:
    return gettext(
        "An e-mail about case %(reference)s could not be delivered.",
        reference=p.get("reference") or "—",
    )


audit_checkpoint_subject = worded(N_("Audit log checkpoint of %(day)s"), day="day")
audit_broken_subject = worded(
    N_("The audit log failed verification on %(day)s: no checkpoint written"), day="day"
)
