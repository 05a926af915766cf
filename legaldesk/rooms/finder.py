"""The next free slot for a mediation session: plain Python, every input an argument.

A slot must lie in one opening period of a mediation room on a working day that both
parties prefer, must not touch the room's bookings (widened by the room's buffer),
and must not overlap the mediator's other bookings in any room.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from legaldesk.rooms.rules import Hours, Slot
from legaldesk.workcal.rules import Official, is_working_day, official_workday

STEP = timedelta(minutes=30)


@dataclass(frozen=True)
class RoomPlan:
    id: int
    hours: Hours
    buffer: timedelta = timedelta(0)
    # (starts_at, blocked_until) of its active bookings
    busy: Sequence[tuple[datetime, datetime]] = field(default_factory=tuple)


@dataclass(frozen=True)
class Search:
    """What is looked for: ``length`` after ``after``, on working days that are among
    ``weekdays`` (ISO numbers; empty means any)."""

    after: datetime
    length: timedelta
    zone: ZoneInfo
    overrides: Mapping[date, bool] = field(default_factory=dict)
    official: Official = official_workday
    weekdays: frozenset[int] = frozenset()
    horizon_days: int = 120


@dataclass(frozen=True)
class FreeSlot:
    room_id: int
    slot: Slot


def _clear(start: datetime, end: datetime, busy: Sequence[tuple[datetime, datetime]]) -> bool:
    return all(not (start < until and begins < end) for begins, until in busy)


def _aligned(moment: datetime) -> datetime:
    """Round up to the next half hour, so slots start at :00 or :30."""
    base = moment.replace(second=0, microsecond=0)
    extra = (-base.minute) % 30
    rounded = base + timedelta(minutes=extra)
    return rounded if rounded >= moment else rounded + STEP


def candidates(rooms: Sequence[RoomPlan], search: Search) -> Iterator[tuple[RoomPlan, datetime]]:
    """Every (room, start) that fits an opening period, in time order."""
    zone = search.zone
    first = _aligned(search.after.astimezone(zone))
    for offset in range(search.horizon_days):
        day = first.date() + timedelta(days=offset)
        if search.weekdays and day.isoweekday() not in search.weekdays:
            continue
        if not is_working_day(day, search.overrides, search.official):
            continue
        starts: list[tuple[datetime, int, RoomPlan]] = []
        for room in rooms:
            for opens, closes in room.hours:
                start = datetime.combine(day, opens, zone)
                start = max(start, _aligned(start)) if start.minute % 30 else start
                while start + search.length <= datetime.combine(day, closes, zone):
                    if start >= first:
                        starts.append((start, room.id, room))
                    start += STEP
        for start, _, room in sorted(starts, key=lambda item: (item[0], item[1])):
            yield room, start


def next_free(
    rooms: Sequence[RoomPlan],
    mediator_busy: Sequence[tuple[datetime, datetime]],
    search: Search,
    limit: int = 1,
) -> list[FreeSlot]:
    """The first ``limit`` free slots; empty when none within the horizon."""
    found: list[FreeSlot] = []
    for room, start in candidates(rooms, search):
        end = start + search.length
        if _clear(start, end + room.buffer, room.busy) and _clear(start, end, mediator_busy):
            found.append(FreeSlot(room.id, Slot(start, end)))
            if len(found) >= limit:
                break
    return found


def shared_days(*preferences: Sequence[int]) -> frozenset[int]:
    """Weekdays every party accepts; a party with no preference accepts any."""
    days = frozenset(range(1, 8))
    for preferred in preferences:
        if preferred:
            days &= frozenset(preferred)
    return days
