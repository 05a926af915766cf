"""The cases wing's words in the reader's language: statuses, channels, urgency, and
the mail it sends (the acknowledgement, a status change)."""

from __future__ import annotations

from legaldesk.cases.rules import CHANNEL_LABELS, STATUS_LABELS, URGENCY_LABELS
from legaldesk.i18n import table_label
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
