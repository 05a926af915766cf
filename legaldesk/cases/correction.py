"""Correct a case: staff who may change it fix its facts (a wrong phone number, a
counterparty learnt later) instead of withdrawing it and recording it again. The
intake's field rules check the new values; the change is kept as from -> to.

Two things a correction must not do behind anyone's back: rewrite the contact another
case shows (contacts are rows shared by phone within an enterprise), and give the case
a party its lawyer or mediator conflicts with (refused unless accepted, and then said)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from legaldesk import signals
from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.cases import search
from legaldesk.cases.models import Consultation, ConsultationCountry, Correction, Counterparty
from legaldesk.cases.region_rules import is_foreign_related, names_hk_mo_tw
from legaldesk.cases.rules import check_correctable, corrections, validate_correction
from legaldesk.cases.service import active_categories
from legaldesk.countries import country_codes
from legaldesk.db import DbSession
from legaldesk.enterprises.models import Contact
from legaldesk.enterprises.service import contact_with_phone
from legaldesk.errors import ConflictWithParty, FieldErrors, Forbidden
from legaldesk.messages import N_, Msg
from legaldesk.signals import PartyConflict

SHARED_CONTACT = Msg(
    N_(
        "Other cases of this enterprise have the contact with this phone number, under "
        "another name or e-mail; correcting this case cannot change theirs. Enter the "
        "name and e-mail on record, or the contact's own phone number."
    )
)
CONFLICT_LINES = {
    "assignee": N_("The case’s lawyer %(name)s conflicts with: %(parties)s"),
    "mediator": N_("The mediator %(name)s conflicts with: %(parties)s"),
}


def facts_of(case: Consultation) -> dict[str, Any]:
    """The case's correctable facts under the names CORRECTABLE uses (stored values)."""
    return {
        "summary": case.summary,
        "description": case.description,
        "category": case.category_code,
        "urgency": case.urgency,
        "language_needed": case.language,
        "countries": case.country_codes,
        "counterparties": [c.name for c in case.counterparties],
        "contact.name": case.contact.name,
        "contact.phone": case.contact.phone,
        "contact.email": case.contact.email,
    }


def case_conflicts(session: DbSession, case: Consultation) -> list[PartyConflict]:
    """The conflicts of the case's lawyer and mediator with its parties as they are now,
    as the routing wing answers ``signals.case_conflicts`` (none without it)."""
    return signals.first_answer(signals.case_conflicts, case, session=session) or []


def conflict_lines(found: list[PartyConflict]) -> list[Msg]:
    """One sentence per lawyer on the case, naming the parties as typed."""
    by_lawyer: dict[tuple[str, str], list[str]] = {}
    for c in found:
        by_lawyer.setdefault((c.role, c.lawyer_name), []).append(c.party)
    return [
        Msg(
            CONFLICT_LINES.get(role, CONFLICT_LINES["assignee"]), {"name": name, "parties": parties}
        )
        for (role, name), parties in by_lawyer.items()
    ]


def correct_case(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    raw: Any,
    *,
    accept_conflict: bool = False,
) -> list[list[Any]]:
    """Apply the fields present in ``raw``; answer the changes as [field, from, to]
    (none when every value was already so: nothing is written then). New
    counterparties the case's lawyer or mediator conflicts with raise
    :class:`ConflictWithParty` unless ``accept_conflict``."""
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
    if any(field.startswith("contact.") for field, _, _ in changes):
        case.contact = _contact_for(session, case, new)
    checked = "counterparties" in wanted  # the parties a conflict is about
    before = _conflict_keys(case_conflicts(session, case)) if checked else set()
    case.summary, case.description = new["summary"], new["description"]
    case.category_code, case.urgency = new["category"], new["urgency"]
    case.language = new["language_needed"]
    if "countries" in wanted:
        case.countries = [
            ConsultationCountry(country=c, position=i) for i, c in enumerate(new["countries"])
        ]
    if "counterparties" in wanted:
        case.counterparties = [
            Counterparty(name=n, position=i) for i, n in enumerate(new["counterparties"])
        ]
    after = case_conflicts(session, case) if checked else []
    arising = [c for c in after if _conflict_keys([c]) - before]
    if arising and not accept_conflict:
        raise ConflictWithParty(
            Msg(
                N_(
                    "%(conflicts)s. Nothing was saved; to save the correction anyway, "
                    "send “accept_conflict”: true."
                ),
                {"conflicts": conflict_lines(arising)},
            )
        )
    case.foreign_related = is_foreign_related(new["countries"], new["counterparties"])
    case.hk_mo_tw = names_hk_mo_tw(new["countries"])
    case.updated_at = now
    case.corrections.append(
        Correction(at=now, actor_id=getattr(actor, "id", None), changes=changes)
    )
    session.flush()
    search.index_case(session, case)
    details: dict[str, Any] = {"fields": [field for field, _, _ in changes]}
    if arising:
        details["conflicts_accepted"] = sorted({c.party for c in arising})
    audit.record(
        session, actor, now, "consultation.correct", "consultation", case.reference, details
    )
    return changes


def _conflict_keys(found: list[PartyConflict]) -> set[tuple[str, int, str]]:
    return {(c.role, c.lawyer_id, c.key) for c in found}


def _contact_for(session: DbSession, case: Consultation, new: dict[str, Any]) -> Contact:
    """The contact row the corrected case points at. A row no other case uses (its own,
    or a new phone's) takes the corrected name and e-mail; a row another case uses is
    taken only as it is, never rewritten from this case."""
    name, phone, email = new["contact.name"], new["contact.phone"], new["contact.email"]
    locale = case.contact.locale
    row = contact_with_phone(session, case.enterprise, phone, name=name, email=email, locale=locale)
    others = session.scalar(
        sa.select(sa.func.count())
        .select_from(Consultation)
        .where(Consultation.contact_id == row.id, Consultation.id != case.id)
    )
    if not others:
        row.name, row.email = name, email  # a correction may clear the e-mail
        return row
    errors = FieldErrors()
    if row.name != name:
        errors.add("contact.name", SHARED_CONTACT)
    if row.email != email:
        errors.add("contact.email", SHARED_CONTACT)
    errors.raise_if_any()
    return row
