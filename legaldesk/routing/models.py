"""The directory of lawyers that cases are routed to."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from legaldesk.db import Model, UTCDateTime
from legaldesk.routing.directory import CONFLICT_KINDS, LAWYER_KINDS  # noqa: F401


class Firm(Model):
    """A partner law firm with foreign-related capability."""

    __tablename__ = "firms"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    name_en: Mapped[str] = mapped_column(sa.String(200), default="")

    lawyers: Mapped[list[Lawyer]] = relationship(back_populates="firm")


class Lawyer(Model):
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
    # On the duty roster for domestic cases.
    on_duty: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    leave_from: Mapped[date | None] = mapped_column(sa.Date)
    leave_to: Mapped[date | None] = mapped_column(sa.Date)
    # SHA-256 of the secret in the lawyer's calendar-feed URL (the URL is shown once).
    calendar_token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)

    firm: Mapped[Firm | None] = relationship(back_populates="lawyers")


class ConflictOfInterest(Model):
    """A party a lawyer, or a whole firm, may not face (see eligibility.Conflicts)."""

    __tablename__ = "conflicts"
    __table_args__ = (
        sa.CheckConstraint("(lawyer_id IS NULL) <> (firm_id IS NULL)", name="one_holder"),
        sa.CheckConstraint("kind IN ('declared', 'client', 'adversary')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lawyer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("lawyers.id"), index=True)
    firm_id: Mapped[int | None] = mapped_column(sa.ForeignKey("firms.id"), index=True)
    party: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[str] = mapped_column(sa.String(20), default="declared")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Draw(Model):
    """One round of a case's routing draw, kept whole so anyone can recompute it."""

    __tablename__ = "draws"
    __table_args__ = (
        sa.UniqueConstraint("consultation_id", "round"),
        sa.CheckConstraint("kind IN ('draw', 'assigned', 'claim', 'mediator')", name="kind"),
        sa.CheckConstraint(
            "contribution_source IN ('witness', 'lottery')", name="contribution_source"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int]
    # draw: chosen by lot (checkable); assigned: a coordinator named the lawyer
    # (``assigned_by_id``, ``reason``); claim: the lawyer claimed the case, recorded
    # when they are released from it, so later draws leave them out too; mediator: the
    # mediator of the case's mediation chosen by lot (mediation.mediator_draw).
    kind: Mapped[str] = mapped_column(sa.String(10), default="draw", server_default="draw")
    assigned_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(sa.String(500), default="")  # why this round
    commitment: Mapped[str] = mapped_column(sa.String(64))
    secret: Mapped[str] = mapped_column(sa.String(64))  # shown only once drawn
    committed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    group: Mapped[str | None] = mapped_column(sa.String(20))  # panel, firms, duty
    pool: Mapped[list[int] | None] = mapped_column(sa.JSON)
    pool_hash: Mapped[str | None] = mapped_column(sa.String(64))
    # The pool's names when the round was committed (lawyer id -> name): the public
    # record shows them, whatever the directory is renamed to later.
    pool_names: Mapped[dict | None] = mapped_column(sa.JSON)
    excluded: Mapped[dict | None] = mapped_column(sa.JSON)  # lawyer id -> reasons
    warnings: Mapped[list | None] = mapped_column(sa.JSON)  # near-miss party names
    contribution: Mapped[str | None] = mapped_column(sa.String(40))
    # Who gave the contribution: a witness at the desk, or a public lottery's numbers.
    contribution_source: Mapped[str | None] = mapped_column(sa.String(10))
    # The panel had only this many eligible, too few to draw from, so the pool took
    # partner-firm lawyers too (None: the pool is one group's as it stood).
    widened_from: Mapped[int | None]
    chosen_id: Mapped[int | None] = mapped_column(sa.ForeignKey("lawyers.id"))
    drawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    declined_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decline_reason: Mapped[str | None] = mapped_column(sa.String(500))
    # A coordinator took the case from the chosen lawyer (else they declined themself).
    released_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # When the drawn lawyer's time to accept ran out and coordinators were told.
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A committed round that will never be drawn, and why (routing.rules.VOID_REASONS):
    # its secret is shown then, so anyone can see it was not quietly put aside.
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    void_reason: Mapped[str | None] = mapped_column(sa.String(20))

    chosen = relationship("Lawyer")
    assigned_by = relationship("User", foreign_keys=[assigned_by_id])
    released_by = relationship("User", foreign_keys=[released_by_id])

    @property
    def is_draw(self) -> bool:
        return self.kind == "draw"

    @property
    def is_lot(self) -> bool:
        """Chosen by lot, so anyone can recompute it: a lawyer's draw or a mediator's."""
        return self.kind in ("draw", "mediator")


class HandBackRequest(Model):
    """A lawyer asks to hand an accepted case back, with a reason. A coordinator
    answers: assigns another lawyer (``reassigned``), sends the case back to the draw
    (``sent_back``) or refuses with a note (``refused``)."""

    __tablename__ = "hand_back_requests"
    __table_args__ = (
        sa.CheckConstraint(
            "state IN ('pending', 'reassigned', 'sent_back', 'refused')", name="state"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    lawyer_id: Mapped[int] = mapped_column(sa.ForeignKey("lawyers.id"))
    asked_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(sa.String(500))
    state: Mapped[str] = mapped_column(sa.String(12), default="pending")
    answered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer: Mapped[str] = mapped_column(sa.String(500), default="")

    lawyer = relationship("Lawyer")
    asked_by = relationship("User", foreign_keys=[asked_by_id])
    answered_by = relationship("User", foreign_keys=[answered_by_id])
