"""Follow-up calls and the callbacks owed to unsatisfied enterprises."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from legaldesk.db import Model, UTCDateTime


class FollowUp(Model):
    """A call-back (or visit, e-mail, or the enterprise's own online answer) after advice.

    Money is integer yuan; a loss avoided says how it was estimated and whether the
    enterprise confirmed it, because only confirmed figures are reported as such.
    """

    __tablename__ = "followups"
    __table_args__ = (
        sa.CheckConstraint("channel IN ('phone', 'visit', 'email', 'online')", name="channel"),
        sa.CheckConstraint(
            "satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5", name="satisfaction"
        ),
        sa.CheckConstraint("loss_avoided_cny IS NULL OR loss_avoided_cny >= 0", name="loss"),
        sa.CheckConstraint(
            "advice_worked IS NULL OR advice_worked IN ('yes', 'partly', 'no')", name="worked"
        ),
        sa.Index("ix_followups_open_due", "done_at", "due_on"),
        # The report's follow-ups due in a period, done on time or not (migration 0030).
        sa.Index("ix_followups_due_done", "due_on", "done_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultations.id"), index=True)
    due_on: Mapped[date] = mapped_column(sa.Date)
    channel: Mapped[str] = mapped_column(sa.String(10))
    # The lawyer reminded when it falls due (the case's lawyer when it was scheduled).
    lawyer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("lawyers.id"))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The desk's day it was done on (done_day.py keeps it): on time is done_on <= due_on.
    done_on: Mapped[date | None] = mapped_column(sa.Date)
    done_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    result: Mapped[str] = mapped_column(sa.Text, default="")
    advice_worked: Mapped[str | None] = mapped_column(sa.String(10))
    loss_avoided_cny: Mapped[int | None] = mapped_column(sa.BigInteger)
    loss_basis: Mapped[str] = mapped_column(sa.Text, default="")
    confirmed_by_enterprise: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    satisfaction: Mapped[int | None]
    # Set once, by the one scheduler run that reminds the lawyer it is due.
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    consultation = relationship("Consultation")
    done_by = relationship("User", foreign_keys=[done_by_id])
    confirmation: Mapped[LossConfirmation | None] = relationship(
        back_populates="followup", uselist=False
    )


class Callback(Model):
    """A coordinator's task: call back an enterprise that rated the service 2 or less."""

    __tablename__ = "callbacks"
    # The calls owed, the longest waiting first (the dashboard, /followups): migration 0027.
    __table_args__ = (sa.Index("ix_callbacks_waiting", "done_at", "created_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    followup_id: Mapped[int] = mapped_column(sa.ForeignKey("followups.id"), unique=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultations.id"), index=True)
    satisfaction: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(sa.Text, default="")

    consultation = relationship("Consultation")


class LossConfirmation(Model):
    """The enterprise's own word, in its account, on a loss avoided that a follow-up
    claimed: its figure (the lawyer's, or its correction) and its satisfaction, kept
    apart from the lawyer's claim (``claimed_cny``: the figure it was shown). Once per
    follow-up: the unique key refuses a second or simultaneous confirmation."""

    __tablename__ = "loss_confirmations"
    __table_args__ = (
        sa.CheckConstraint("amount_cny >= 0", name="amount"),
        sa.CheckConstraint("satisfaction BETWEEN 1 AND 5", name="satisfaction"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    followup_id: Mapped[int] = mapped_column(sa.ForeignKey("followups.id"), unique=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultations.id"), index=True)
    confirmed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_cny: Mapped[int | None] = mapped_column(sa.BigInteger)
    amount_cny: Mapped[int] = mapped_column(sa.BigInteger)
    satisfaction: Mapped[int]

    followup: Mapped[FollowUp] = relationship(back_populates="confirmation")
    confirmed_by = relationship("User")
