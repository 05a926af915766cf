"""Note use cases: list a case's notes, add one. Both ask ``may_write_notes``: who
may read the notes writes them, and nobody else sees that they exist."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.cases.models import Consultation
from legaldesk.db import DbSession
from legaldesk.errors import Forbidden
from legaldesk.notes import rules
from legaldesk.notes.models import CaseNote


def _check(actor: Actor, case: Consultation) -> None:
    if not permissions.may_write_notes(actor, case):
        raise Forbidden()


def has_notes(session: DbSession, actor: Actor, case: Consultation) -> bool:
    """Whether the case has notes at all: one indexed probe, not the notes."""
    _check(actor, case)
    probe = sa.select(CaseNote.id).where(CaseNote.consultation_id == case.id).limit(1)
    return session.scalar(probe) is not None


def notes_of(session: DbSession, actor: Actor, case: Consultation) -> list[CaseNote]:
    """The case's notes, newest first (with their authors)."""
    _check(actor, case)
    return list(
        session.scalars(
            sa.select(CaseNote)
            .where(CaseNote.consultation_id == case.id)
            .options(selectinload(CaseNote.author))
            .order_by(CaseNote.created_at.desc(), CaseNote.id.desc())
        )
    )


def add(session: DbSession, actor: Actor, now: datetime, case: Consultation, raw: Any) -> CaseNote:
    """A new note by ``actor``; the audit log says who wrote one, never what."""
    _check(actor, case)
    note = CaseNote(
        consultation_id=case.id, author_id=actor.id, created_at=now, text=rules.parse_note(raw)
    )
    session.add(note)
    session.flush()
    audit.record(session, actor, now, "note.add", "consultation", case.reference, {"note": note.id})
    return note
