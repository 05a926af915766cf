"""The one place that reads the clock; edges pass ``now`` into services."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
