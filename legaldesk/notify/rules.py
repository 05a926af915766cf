"""Outbox rules: states, retry schedule, which status changes an enterprise hears of.

Plain Python: every input is an argument.
"""

from __future__ import annotations

from datetime import datetime, timedelta

OUTBOX_STATES = ("pending", "sending", "sent", "failed")
MAX_ATTEMPTS = 6
# Wait after the n-th failed attempt: 1 min, 5 min, 15 min, 1 h, 4 h (then give up).
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
    timedelta(hours=4),
)

# Status changes the enterprise's contact is told of (a decline's return to "new" is
# internal and says nothing the enterprise needs).
ANNOUNCED_STATUSES = ("routed", "accepted", "advised", "following_up", "closed", "withdrawn")


def retry_at(now: datetime, attempts: int) -> datetime | None:
    """When to try again after ``attempts`` failures, or None when it is time to give up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return now + BACKOFF[min(attempts, len(BACKOFF)) - 1]


def ack_key(reference: str) -> str:
    return f"ack.{reference}"


def status_key(reference: str, timeline_entry_id: int) -> str:
    return f"status.{reference}.{timeline_entry_id}"


def message_id(key: str, domain: str) -> str:
    """The same Message-ID on every attempt, so a repeat is recognisable downstream."""
    return f"<{key}@{domain}>"
