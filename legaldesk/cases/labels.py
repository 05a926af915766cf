"""The cases wing's words in the reader's language: statuses, channels, urgency, and
the mail it sends (the acknowledgement, a status change)."""

from __future__ import annotations

from flask_babel import gettext

from legaldesk.cases.rules import CHANNEL_LABELS, STATUS_LABELS, URGENCY_LABELS
from legaldesk.i18n import table_label
from legaldesk.notify.kinds import Payload


def status_label(status: str) -> str:
    return table_label(STATUS_LABELS, status)


def channel_label(channel: str) -> str:
    return table_label(CHANNEL_LABELS, channel)


def urgency_label(urgency: str) -> str:
    return table_label(URGENCY_LABELS, urgency)


def ack_subject(p: Payload) -> str:
    return gettext("We have received your consultation %(reference)s", reference=p["reference"])


def status_change_subject(p: Payload) -> str:
    return gettext(
        "Your case %(reference)s is now: %(status)s",
        reference=p["reference"],
        status=status_label(p["status"]),
    )


def add_status_label(p: Payload) -> None:
    p["status_label"] = status_label(p["status"])
