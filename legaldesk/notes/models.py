"""A note the staff keep on a case."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from legaldesk.db import Model, UTCDateTime


class CaseNote(Model):
    """A short internal note: what a call said, what to check next. Notes are the
    staff's working memory, so they are never shown to the enterprise or to a
    mediator who is not the case's lawyer, and never edited (a later note corrects)."""

    __tablename__ = "case_notes"
    __table_args__ = (sa.Index("ix_case_notes_case_newest", "consultation_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultations.id"))
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    text: Mapped[str] = mapped_column(sa.Text)

    author = relationship("User")
