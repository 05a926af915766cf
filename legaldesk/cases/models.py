"""Consultations (cases), their countries, counterparties and timeline."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from legaldesk.cases.rules import CHANNELS, STATUSES, URGENCIES
from legaldesk.db import Model, UTCDateTime
from legaldesk.partykey import normalise_party, party_key_default


def _one_of(column: str, values: tuple[str, ...]) -> sa.CheckConstraint:
    listed = ", ".join(f"'{v}'" for v in values)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=column)


class Category(Model):
    """A consultation category, kept as data so the center can add its own."""

    __tablename__ = "categories"

    code: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    label_zh: Mapped[str] = mapped_column(sa.String(100))
    label_en: Mapped[str] = mapped_column(sa.String(100))
    foreign: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class ClosingCode(Model):
    """Case-closure codes after the LSC taxonomy (A counsel and advice, ...). A retired
    code is no longer offered when closing; the cases closed with it keep it."""

    __tablename__ = "closing_codes"

    code: Mapped[str] = mapped_column(sa.String(2), primary_key=True)
    label_zh: Mapped[str] = mapped_column(sa.String(100))
    label_en: Mapped[str] = mapped_column(sa.String(100))
    position: Mapped[int] = mapped_column(default=0, server_default="0")
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())


class Consultation(Model):
    __tablename__ = "consultations"
    __table_args__ = (
        _one_of("status", STATUSES),
        _one_of("channel", CHANNELS),
        _one_of("urgency", URGENCIES),
        # The case list's filters and sorts (list_options.SORTS), each a range read of
        # one index ending in the order's columns and the id, its tie-breaker, so a
        # page found by cursor (keyset) or the capped count reads only its own rows
        # (migration 0027; SQLite keeps the id in every index anyway, PostgreSQL
        # needs it named). Newest / oldest received, last changed (urgent first: below),
        sa.Index("ix_consultations_created", "created_at", "id"),
        sa.Index("ix_consultations_updated", "updated_at", "id"),
        # ... within a status ...
        sa.Index("ix_consultations_status_created", "status", "created_at", "id"),
        # ... of a category, within a status or not, foreign-related (涉外), 涉港澳台 ...
        sa.Index("ix_consultations_category_created", "category_code", "created_at", "id"),
        sa.Index("ix_consultations_status_category", "status", "category_code", "created_at", "id"),
        sa.Index("ix_consultations_foreign_created", "foreign_related", "created_at", "id"),
        sa.Index("ix_consultations_hk_mo_tw_created", "hk_mo_tw", "created_at", "id"),
        # ... of a lawyer (their own list, the lawyer filter), and their queue by status
        # (also the open-case counts of the draw's capacity check).
        sa.Index("ix_consultations_assignee_created", "assignee_id", "created_at", "id"),
        sa.Index("ix_consultations_assignee_status", "assignee_id", "status", "created_at", "id"),
        # An enterprise's cases, newest first: the duplicate warning at intake.
        sa.Index("ix_consultations_enterprise_created", "enterprise_id", "created_at"),
        # The report of a period: what it groups and sorts, after the moment of receipt
        # (reports/counts.py, migration 0030), read from the index alone.
        sa.Index(
            "ix_consultations_report",
            "created_at",
            "status",
            "category_code",
            "channel",
            "foreign_related",
            "hk_mo_tw",
            "assignee_id",
            "first_response_at",
            "id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(sa.String(20), unique=True)
    access_code_hash: Mapped[str] = mapped_column(sa.String(255))
    enterprise_id: Mapped[int] = mapped_column(sa.ForeignKey("enterprises.id"))
    contact_id: Mapped[int] = mapped_column(sa.ForeignKey("contacts.id"))
    channel: Mapped[str] = mapped_column(sa.String(20))
    category_code: Mapped[str] = mapped_column(sa.ForeignKey("categories.code"))
    summary: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    urgency: Mapped[str] = mapped_column(sa.String(10), default="normal")
    # The language the lawyer must speak with the enterprise or the other side (a
    # tag such as "ru"; None: Chinese will do): only lawyers who speak it are drawn.
    language: Mapped[str | None] = mapped_column(sa.String(8))
    foreign_related: Mapped[bool] = mapped_column(default=False)  # 涉外
    # 涉港澳台: names Hong Kong, Macao or Taiwan (cases.region_rules); may go with 涉外.
    hk_mo_tw: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    status: Mapped[str] = mapped_column(sa.String(20), default="new")
    assignee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("lawyers.id"))
    closing_code: Mapped[str | None] = mapped_column(sa.ForeignKey("closing_codes.code"))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # "<user id>:<key>" of the form or Idempotency-Key that created the case: a repeated
    # submission finds this case instead of recording the consultation twice.
    intake_key: Mapped[str | None] = mapped_column(sa.String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # When a lawyer first accepted the case (time to first response = this - created_at).
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    enterprise = relationship("Enterprise", lazy="joined", innerjoin=True)
    contact = relationship("Contact")
    category = relationship("Category", lazy="joined", innerjoin=True)
    assignee = relationship("Lawyer")
    closing = relationship("ClosingCode")
    countries: Mapped[list[ConsultationCountry]] = relationship(
        order_by="ConsultationCountry.position", cascade="all, delete-orphan"
    )
    counterparties: Mapped[list[Counterparty]] = relationship(
        order_by="Counterparty.position", cascade="all, delete-orphan"
    )
    timeline: Mapped[list[TimelineEntry]] = relationship(
        order_by="TimelineEntry.id", cascade="all, delete-orphan"
    )
    corrections: Mapped[list[Correction]] = relationship(
        order_by="Correction.id", cascade="all, delete-orphan"
    )
    mediation = relationship("Mediation", uselist=False, viewonly=True)
    advice_given: Mapped[list[Advice]] = relationship(
        order_by="Advice.id", cascade="all, delete-orphan"
    )

    @property
    def country_codes(self) -> list[str]:
        return [c.country for c in self.countries]

    @property
    def latest_advice(self) -> Advice | None:
        """The advice given last (a case advised again keeps the earlier ones)."""
        return self.advice_given[-1] if self.advice_given else None

    @property
    def mediator_id(self) -> int | None:
        """The lawyer mediating between the parties, if a mediation has one."""
        return self.mediation.mediator_id if self.mediation is not None else None


# Urgent first ('urgent' > 'normal'), then the oldest, alone or within a status (the
# waiting line): the index holds urgency descending, so both engines read it in the
# list's order with no sort (a column's .desc() needs the mapped class, hence here).
sa.Index(
    "ix_consultations_urgency_created",
    Consultation.urgency.desc(),
    Consultation.created_at,
    Consultation.id,
)
sa.Index(
    "ix_consultations_status_urgency",
    Consultation.status,
    Consultation.urgency.desc(),
    Consultation.created_at,
    Consultation.id,
)


class ConsultationCountry(Model):
    __tablename__ = "consultation_countries"
    # Covers "cases about country X" without visiting the table.
    __table_args__ = (
        sa.Index("ix_consultation_countries_country_case", "country", "consultation_id"),
    )

    consultation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("consultations.id", ondelete="CASCADE"), primary_key=True
    )
    country: Mapped[str] = mapped_column(sa.String(2), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)


class Counterparty(Model):
    """The other side of the matter; the normalised name feeds conflict checks."""

    __tablename__ = "counterparties"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(200))
    position: Mapped[int] = mapped_column(default=0)
    # The name as conflict-of-interest checks compare it (legaldesk.partykey), indexed.
    party_key: Mapped[str] = mapped_column(
        sa.String(200), default=party_key_default, server_default="", index=True
    )

    @validates("name")
    def _keep_party_key(self, _: str, name: str) -> str:
        self.party_key = normalise_party(name or "")
        return name


class TimelineEntry(Model):
    """One status change of a case; the public status view shows these without names."""

    __tablename__ = "timeline_entries"
    # The report's reopenings: changes leaving a status, in a period (migration 0030).
    __table_args__ = (
        sa.Index("ix_timeline_entries_left_at", "from_status", "at", "consultation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    from_status: Mapped[str | None] = mapped_column(sa.String(20))
    to_status: Mapped[str] = mapped_column(sa.String(20))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(sa.Text, default="")

    actor = relationship("User")


class Correction(Model):
    """Facts of a case corrected by staff: each change as [field, from, to] (the API's
    field names, stored values), so the timeline says in the reader's language what
    changed from what to what. Kept apart from the status timeline, which the
    enterprise's status page shows."""

    __tablename__ = "case_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    changes: Mapped[list] = mapped_column(sa.JSON)

    actor = relationship("User")


class Advice(Model):
    """The advice given when a case moved to "advised": the lawyer's written opinion
    and whether the enterprise may read it (``shared``) or only learns that advice
    was given. A case advised again after a follow-up keeps every advice; the
    latest is the one shown first. Never edited: a new advice supersedes."""

    __tablename__ = "case_advice"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    timeline_entry_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("timeline_entries.id", ondelete="SET NULL")
    )
    given_at: Mapped[datetime] = mapped_column(UTCDateTime)
    given_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    opinion: Mapped[str] = mapped_column(sa.Text)
    shared: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    given_by = relationship("User")
