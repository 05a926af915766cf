"""The one place that reads the clock; edges pass ``now`` into services."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from legaldesk.config import DEFAULTS

DESK_ZONE = ZoneInfo(DEFAULTS["TIMEZONE"])


def utcnow() -> datetime:
    return datetime.now(UTC)


def local_date(moment: datetime) -> date:
    """The desk's calendar day of an instant (deadlines and due dates count in it)."""
    return moment.astimezone(DESK_ZONE).date()
