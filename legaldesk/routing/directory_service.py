"""Keeping the directory: lawyers, partner firms and conflicts (coordinators)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.db import DbSession
from legaldesk.errors import Conflict, FieldErrors, Forbidden
from legaldesk.messages import N_, Msg
from legaldesk.routing.directory import validate_conflict_kind, validate_lawyer
from legaldesk.routing.models import ConflictOfInterest, Firm, Lawyer
from legaldesk.validation import required_text, text


def _managers_or_self(actor: Actor, lawyer_id: int | None = None) -> None:
    if not permissions.may_declare_conflict(actor, lawyer_id):
        raise Forbidden()


def add_conflict(
    session: DbSession,
    actor: Actor,
    now: datetime,
    party: Any,
    kind: Any = "declared",
    lawyer: Lawyer | None = None,
    firm: Firm | None = None,
) -> ConflictOfInterest:
    """A party a lawyer (or a whole firm) may not face; lawyers may declare their own."""
    _managers_or_self(actor, lawyer.id if lawyer else None)
    kind = validate_conflict_kind(kind)
    party = required_text(party, "party", 200)
    conflict = ConflictOfInterest(
        lawyer_id=lawyer.id if lawyer else None,
        firm_id=firm.id if firm else None,
        party=party,
        kind=kind,
        created_at=now,
    )
    session.add(conflict)
    session.flush()
    holder = ("lawyer", lawyer.id) if lawyer else ("firm", firm.id if firm else "-")
    audit.record(session, actor, now, "routing.conflict", *holder, {"kind": kind})
    return conflict


def remove_conflict(
    session: DbSession, actor: Actor, now: datetime, conflict: ConflictOfInterest
) -> None:
    _managers_or_self(actor)
    session.delete(conflict)
    audit.record(session, actor, now, "routing.conflict_removed", "conflict", conflict.id)


def save_lawyer(
    session: DbSession,
    actor: Actor,
    now: datetime,
    lawyer: Lawyer | None,
    raw: dict[str, Any],
    countries: set[str],
    categories: set[str],
) -> Lawyer:
    """Create or update a directory entry (coordinators and admins)."""
    _managers_or_self(actor)
    firms = set(session.scalars(sa.select(Firm.id)))
    entry = validate_lawyer(raw, countries, categories, firms)
    lawyer = lawyer or Lawyer()
    for field_name, value in vars(entry).items():
        setattr(lawyer, field_name, value)
    session.add(lawyer)
    session.flush()
    audit.record(session, actor, now, "directory.lawyer", "lawyer", lawyer.id)
    return lawyer


def add_firm(session: DbSession, actor: Actor, now: datetime, name: Any, name_en: Any) -> Firm:
    _managers_or_self(actor)
    errors = FieldErrors()
    name = text(errors, name, "name", 200, required=True)
    name_en = text(errors, name_en, "name_en", 200, required=False)
    errors.raise_if_any()
    if session.scalar(sa.select(Firm.id).where(Firm.name == name)) is not None:
        raise Conflict(Msg(N_("A firm with this name exists already.")))
    firm = Firm(name=name, name_en=name_en)
    session.add(firm)
    session.flush()
    audit.record(session, actor, now, "directory.firm", "firm", firm.id)
    return firm
