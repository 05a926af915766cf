"""A commercial mediation opened from a consultation, its history and its case file.

Its sessions are bookings of the rooms wing (``rooms.models.Booking`` with the purpose
``mediation_session`` and the case's ``consultation_id``); nothing here refers to them.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from legaldesk.db import Model, UTCDateTime


class Mediation(Model):
    """A commercial mediation opened from a consultation (see rules.py for its path)."""

    __tablename__ = "mediations"
    __table_args__ = (
        sa.CheckConstraint(
            "status IN ('awaiting_consent', 'consented', 'in_mediation', 'agreed', "
            "'failed', 'confirmation_applied', 'window_closed')",
            name="status",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultations.id"), unique=True)
    status: Mapped[str] = mapped_column(sa.String(30))
    respondent_name: Mapped[str] = mapped_column(sa.String(200))
    respondent_contact: Mapped[str] = mapped_column(sa.String(100), default="")
    respondent_email: Mapped[str | None] = mapped_column(sa.String(254))
    # ISO weekdays (1 = Monday) each side prefers for sessions, e.g. [1, 3].
    applicant_days: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    respondent_days: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    applied_on: Mapped[date] = mapped_column(sa.Date)
    consent_due_on: Mapped[date] = mapped_column(sa.Date)
    mediator_id: Mapped[int | None] = mapped_column(sa.ForeignKey("lawyers.id"))
    agreed_on: Mapped[date | None] = mapped_column(sa.Date)
    confirmation_due_on: Mapped[date | None] = mapped_column(sa.Date)
    failure_reason: Mapped[str | None] = mapped_column(sa.String(20))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    events: Mapped[list[MediationEvent]] = relationship(
        order_by="MediationEvent.id", cascade="all, delete-orphan"
    )
    documents: Mapped[list[MediationDocument]] = relationship(cascade="all, delete-orphan")
    mediator = relationship("Lawyer")


class MediationEvent(Model):
    """One step of a mediation: written only by the mediation transition table."""

    __tablename__ = "mediation_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    mediation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("mediations.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    from_status: Mapped[str | None] = mapped_column(sa.String(30))
    to_status: Mapped[str] = mapped_column(sa.String(30))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))  # None: a timer
    note: Mapped[str] = mapped_column(sa.Text, default="")

    actor = relationship("User")


class MediationDocument(Model):
    """A document of the case file that has been received (see rules.DOCUMENTS)."""

    __tablename__ = "mediation_documents"
    __table_args__ = (sa.UniqueConstraint("mediation_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mediation_id: Mapped[int] = mapped_column(sa.ForeignKey("mediations.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(sa.String(40))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
