"""The words of the messages the notify wing sends itself: failed mail and the audit
chain's daily checkpoint."""

from __future__ import annotations

from flask_babel import gettext

from legaldesk.notify.kinds import Payload


def delivery_failed_bell(p: Payload) -> str:
    return gettext(
        "An e-mail about case %(reference)s could not be delivered.",
        reference=p.get("reference") or "—",
    )


def audit_checkpoint_subject(p: Payload) -> str:
    return gettext("Audit log checkpoint of %(day)s", day=p.get("day"))


def audit_broken_subject(p: Payload) -> str:
    return gettext(
        "The audit log failed verification on %(day)s: no checkpoint written", day=p.get("day")
    )
