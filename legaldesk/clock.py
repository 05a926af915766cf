"""The one place that reads the clock and builds time zones; edges pass ``now`` and
the desk's ``zone`` into services (no Flask and no configuration here)."""

from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    return datetime.now(UTC)


@cache
def zone_named(name: str) -> ZoneInfo:
    """The zone of an IANA name (``Asia/Shanghai``); raises ``ZoneInfoNotFoundError``
    (a ``KeyError``) or ``ValueError`` for a name that is not one."""
    return ZoneInfo(name)


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    """The calendar day of an instant in ``zone`` (deadlines and due dates count in the
    desk's zone, which the caller passes: it is a setting, LEGALDESK_TIMEZONE)."""
    return moment.astimezone(zone).date()
