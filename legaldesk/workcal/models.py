"""The center's own calendar entries: holidays and adjusted working days."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from legaldesk.db import UTCDateTime, db


class CalendarDay(db.Model):
    """A day whose working status the center sets itself (it wins over the official one)."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    working: Mapped[bool]
    note: Mapped[str] = mapped_column(sa.String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
