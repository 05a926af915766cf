"""The center's own calendar entries: holidays and adjusted working days."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from legaldesk.db import Model, UTCDateTime


class CalendarDay(Model):
    """A day whose working status the center sets itself (it wins over the official one)."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    working: Mapped[bool]
    note: Mapped[str] = mapped_column(sa.String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CalendarYear(Model):
    """A year whose official holidays and adjusted days a coordinator has entered.

    Until then (unless chinesecalendar knows the year) its dates count Monday to
    Friday, and bookings and deadlines in it carry a warning.
    """

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    confirmed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
