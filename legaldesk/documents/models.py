"""A document attached to a case; its bytes live in the document store (storage.py)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from legaldesk.db import Model, UTCDateTime


class Document(Model):
    """One upload to one case. The content is kept once per SHA-256, whoever uploads
    it to whichever case; this row says which case holds it, under what name and
    kind, and whether the enterprise may download it. A mistaken upload is marked
    removed, never deleted: the audit log and the timeline still refer to it."""

    __tablename__ = "documents"
    __table_args__ = (
        sa.CheckConstraint(
            "kind IN ('advice_letter', 'evidence', 'contract', 'mediation_agreement', 'other')",
            name="kind",
        ),
        sa.CheckConstraint("size >= 0", name="size"),
        sa.Index("ix_documents_case_newest", "consultation_id", "uploaded_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultations.id"))
    kind: Mapped[str] = mapped_column(sa.String(30))
    name: Mapped[str] = mapped_column(sa.String(200))
    content_type: Mapped[str] = mapped_column(sa.String(120))
    size: Mapped[int] = mapped_column(sa.BigInteger)
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    shared: Mapped[bool] = mapped_column(default=False)
    uploaded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    removed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    uploaded_by = relationship("User", foreign_keys=[uploaded_by_id])
    case = relationship("Consultation")
