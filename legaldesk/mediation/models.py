"""The center's four areas, each a bookable room."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from legaldesk.db import db

ROOM_KINDS = ("consultation_window", "mediation", "legal_education", "legislative_contact")


class Room(db.Model):
    __tablename__ = "rooms"
    __table_args__ = (
        sa.CheckConstraint(
            "kind IN ('consultation_window', 'mediation', 'legal_education', "
            "'legislative_contact')",
            name="kind",
        ),
        sa.CheckConstraint("capacity > 0", name="capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    name_en: Mapped[str] = mapped_column(sa.String(100), default="")
    kind: Mapped[str] = mapped_column(sa.String(30))
    capacity: Mapped[int] = mapped_column(default=10)
