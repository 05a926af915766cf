"""Shared by the room-use tests: a booking put straight in the database (past days
too, which the booking form refuses) and the page's room table read back as text."""

import re
from collections.abc import Callable
from datetime import date, timedelta

from legaldesk.db import db
from legaldesk.rooms.models import Booking
from tests.helpers import at


def book(
    room_id: int, day: date | str, start: str = "09:00", end: str = "12:00"
) -> Callable[[], None]:
    """For ``make.run``: a booking of the room on the day, made a month before."""

    def add() -> None:
        db.session.add(
            Booking(
                room_id=room_id,
                starts_at=at(day, start),
                ends_at=at(day, end),
                blocked_until=at(day, end),
                title="调解",
                created_at=at(day) - timedelta(days=30),
            )
        )
        db.session.commit()

    return add


def page_rows(page: str) -> dict[str, list[str]]:
    """The rows of the page's room table: the room's name to its other cells."""
    table = page[page.index('id="table-rooms"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    return {row[0]: row[1:] for row in cells if row}
