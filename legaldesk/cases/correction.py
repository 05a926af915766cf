"""Correct a case: staff who may change it fix its facts (a wrong phone number, a
counterparty learnt later) instead of withdrawing it and recording it again. The
intake's field rules check the new values; the change is kept as from -> to."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.cases.models import Consultation, ConsultationCountry, Correction, Counterparty
from legaldesk.cases.rules import (
    check_correctable,
    corrections,
    is_foreign_related,
    validate_correction,
)
from legaldesk.cases.service import active_categories
from legaldesk.countries import country_codes
from legaldesk.db import DbSession
from legaldesk.enterprises.service import find_or_create_contact
from legaldesk.errors import Forbidden


def facts_of(case: Consultation) -> dict[str, Any]:
    """The case's correctable facts under the names CORRECTABLE uses (stored values)."""
    return {
        "summary": case.summary,
        "description": case.description,
        "category": case.category_code,
        "urgency": case.urgency,
        "countries": case.country_codes,
        "counterparties": [c.name for c in case.counterparties],
        "contact.name": case.contact.name,
        "contact.phone": case.contact.phone,
        "contact.email": case.contact.email,
    }


def correct_case(
    session: DbSession, actor: Actor, now: datetime, case: Consultation, raw: Any
) -> list[list[Any]]:
    """Apply the fields present in ``raw``; answer the changes as [field, from, to]
    (none when every value was already so: nothing is written then)."""
    if not permissions.may_correct_case(actor, case):
        raise Forbidden()
    check_correctable(case.status)
    current = facts_of(case)
    categories = {c.code for c in active_categories(session)} | {case.category_code}
    wanted = validate_correction(raw, categories, set(country_codes()))
    changes = corrections(current, wanted)
    if not changes:
        return []
    new = current | wanted
    case.summary, case.description = new["summary"], new["description"]
    case.category_code, case.urgency = new["category"], new["urgency"]
    if "countries" in wanted:
        case.countries = [
            ConsultationCountry(country=c, position=i) for i, c in enumerate(new["countries"])
        ]
    if "counterparties" in wanted:
        case.counterparties = [
            Counterparty(name=n, position=i) for i, n in enumerate(new["counterparties"])
        ]
    if any(field.startswith("contact.") for field, _, _ in changes):
        case.contact = find_or_create_contact(
            session,
            case.enterprise,
            new["contact.name"],
            new["contact.phone"],
            new["contact.email"],
            case.contact.locale,
        )
        case.contact.email = new["contact.email"]  # a correction may clear it
    case.foreign_related = is_foreign_related(new["countries"], new["counterparties"])
    case.updated_at = now
    case.corrections.append(
        Correction(at=now, actor_id=getattr(actor, "id", None), changes=changes)
    )
    session.flush()
    audit.record(
        session,
        actor,
        now,
        "consultation.correct",
        "consultation",
        case.reference,
        {"fields": [field for field, _, _ in changes]},
    )
    return changes
