"""The directory of lawyers that cases are routed to."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from legaldesk.db import db

LAWYER_KINDS = ("panel_expert", "firm_lawyer")


class Firm(db.Model):
    """A partner law firm with foreign-related capability."""

    __tablename__ = "firms"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    name_en: Mapped[str] = mapped_column(sa.String(200), default="")

    lawyers: Mapped[list[Lawyer]] = relationship(back_populates="firm")


class Lawyer(db.Model):
    __tablename__ = "lawyers"
    __table_args__ = (
        sa.CheckConstraint("kind IN ('panel_expert', 'firm_lawyer')", name="kind"),
        sa.CheckConstraint("capacity >= 0", name="capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    kind: Mapped[str] = mapped_column(sa.String(20))
    firm_id: Mapped[int | None] = mapped_column(sa.ForeignKey("firms.id"))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    # ISO 3166-1 alpha-2 codes or regions (EU, ASEAN), category codes, language tags.
    jurisdictions: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    specialties: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    capacity: Mapped[int] = mapped_column(default=5)
    active: Mapped[bool] = mapped_column(default=True)

    firm: Mapped[Firm | None] = relationship(back_populates="lawyers")
