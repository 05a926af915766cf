"""Case use cases: record an intake, move a case, read it (the list is in listing.py)."""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.base import ExecutableOption

from legaldesk import signals
from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.cases import advice as advice_records
from legaldesk.cases import codes, duplicates, search
from legaldesk.cases.advice_rules import ADVICE_ONLY_WHEN_ADVISED, parse_advice
from legaldesk.cases.duplicate_rules import unconfirmed
from legaldesk.cases.models import (
    Category,
    ClosingCode,
    Consultation,
    ConsultationCountry,
    Counterparty,
    TimelineEntry,
)
from legaldesk.cases.rules import (
    REOPENABLE,
    IntakeData,
    check_transition,
    validate_intake,
    validate_note,
)
from legaldesk.countries import country_codes
from legaldesk.db import DbSession
from legaldesk.enterprises.models import Enterprise
from legaldesk.enterprises.service import (
    by_uscc,
    find_or_create_contact,
    find_or_create_enterprise,
)
from legaldesk.errors import Forbidden, NotFound, ValidationFailed
from legaldesk.messages import N_, Msg
from legaldesk.notify import service as notifications


def active_categories(session: DbSession) -> list[Category]:
    return list(
        session.scalars(sa.select(Category).where(Category.active).order_by(Category.position))
    )


def categories_by_code(session: DbSession) -> dict[str, Category]:
    """Every category, retired ones too (old cases and corrections name them)."""
    return {c.code: c for c in session.scalars(sa.select(Category))}


def closing_codes(session: DbSession) -> list[ClosingCode]:
    """The codes offered when closing a case (retired ones are not)."""
    return list(
        session.scalars(
            sa.select(ClosingCode)
            .where(ClosingCode.active)
            .order_by(ClosingCode.position, ClosingCode.code)
        )
    )


def _unused_reference(session: DbSession, year: int) -> str:
    while True:
        reference = codes.new_reference(year)
        taken = session.scalar(
            sa.select(Consultation.id).where(Consultation.reference == reference)
        )
        if taken is None:
            return reference


class Intake(NamedTuple):
    case: Consultation
    access_code: str
    replayed: bool  # True when a repeated submission found the case it had recorded


def _intake_key(actor: Actor, key: Any) -> str | None:
    if key in (None, ""):
        return None
    if not isinstance(key, str) or len(key) > 100 or not key.isprintable():
        raise ValidationFailed(
            fields={"idempotency_key": [Msg(N_("At most %(max)d characters."), {"max": 100})]}
        )
    return f"{getattr(actor, 'id', 0)}:{key}"


def access_code_key() -> bytes:
    """The app's key of the access codes' digests (configuration, never a database value)."""
    return str(current_app.config["ACCESS_CODE_KEY"]).encode("utf-8")


def stored_access_code(reference: str, access_code: str) -> str:
    """What the case row keeps of its access code (``codes.code_digest``)."""
    return codes.code_digest(reference, access_code, access_code_key())


def _replay(session: DbSession, actor: Actor, now: datetime, key: str) -> Intake | None:
    """The case a repeated submission already recorded, with a fresh access code: the
    first answer may never have reached the clerk, so its code may be unknown."""
    case = session.scalar(sa.select(Consultation).where(Consultation.intake_key == key))
    if case is None:
        return None
    access_code = new_access_code_for(session, actor, now, case, "repeated submission")
    return Intake(case, access_code, replayed=True)


def new_access_code_for(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    reason: str,
) -> str:
    """A fresh access code (shown once); the old one stops working at once."""
    access_code = codes.new_access_code()
    case.access_code_hash = stored_access_code(case.reference, access_code)
    audit.record(
        session,
        actor,
        now,
        "consultation.code_reissued",
        "consultation",
        case.reference,
        {"reason": reason},
    )
    return access_code


def reissue_access_code(session: DbSession, actor: Actor, now: datetime, case: Consultation) -> str:
    """The enterprise lost its receipt: the front desk prints a new code."""
    if not permissions.may_reissue_access_code(actor):
        raise Forbidden()
    return new_access_code_for(session, actor, now, case, "reissued by staff")


def _stop_at_duplicates(
    session: DbSession,
    actor: Actor,
    now: datetime,
    data: IntakeData,
    days: int,
    confirmed: Collection[str],
) -> None:
    known = by_uscc(session, data.uscc)
    if known is None:  # a new enterprise has no cases yet
        return
    found = duplicates.possible_duplicates(session, actor, now, known.id, data.summary, days)
    if unconfirmed([case.reference for case in found], confirmed):
        duplicates.shown(session, actor, now, found)
        raise duplicates.PossibleDuplicate(found)


def record_intake(
    session: DbSession,
    actor: Actor,
    now: datetime,
    raw: Any,
    reference: str | None = None,
    access_code: str | None = None,
    idempotency_key: Any = None,
    notify: bool = True,
    duplicates_within_days: int | None = None,
    confirmed_duplicates: Collection[str] = frozenset(),
) -> Intake:
    """Validate and save a consultation; answer the case and its access code (shown once).

    With ``idempotency_key`` (the form's one-time key, or the API's Idempotency-Key),
    a repeated submission answers the case it recorded instead of a duplicate.
    ``reference`` and ``access_code`` are for fixed demo cases; intakes get random ones.
    ``notify=False`` (demo data) queues no message to the enterprise.
    With ``duplicates_within_days`` (the intake pages), an intake that looks like one of
    the enterprise's open or recent cases raises PossibleDuplicate before anything is
    written, unless every such case is in ``confirmed_duplicates`` (the person saw
    them and chose "Record it anyway").
    """
    if not permissions.may_record_intake(actor):
        raise Forbidden()
    if permissions.is_enterprise_account(actor):  # always for itself, always online
        own = session.get(Enterprise, actor.enterprise_id)  # may record: it has one
        raw = {
            **(raw if isinstance(raw, dict) else {}),
            "enterprise": {"name": own.name, "uscc": own.uscc} if own else {},
            "channel": "online",
        }
    key = _intake_key(actor, idempotency_key)
    if key and (replay := _replay(session, actor, now, key)):
        return replay
    data = validate_intake(raw, {c.code for c in active_categories(session)}, set(country_codes()))
    if duplicates_within_days is not None:
        _stop_at_duplicates(session, actor, now, data, duplicates_within_days, confirmed_duplicates)
    enterprise = find_or_create_enterprise(session, now, data.uscc, data.enterprise_name)
    contact = find_or_create_contact(
        session, enterprise, data.contact_name, data.phone, data.email, data.language
    )
    access_code = access_code or codes.new_access_code()
    reference = reference or _unused_reference(session, now.year)
    case = Consultation(
        reference=reference,
        access_code_hash=stored_access_code(reference, access_code),
        enterprise_id=enterprise.id,
        contact_id=contact.id,
        channel=data.channel,
        category_code=data.category,
        summary=data.summary,
        description=data.description,
        urgency=data.urgency,
        language=data.language_needed,
        foreign_related=data.foreign_related,
        hk_mo_tw=data.hk_mo_tw,
        status="new",
        created_by_id=getattr(actor, "id", None),
        intake_key=key,
        created_at=now,
        updated_at=now,
        countries=[
            ConsultationCountry(country=c, position=i) for i, c in enumerate(data.countries)
        ],
        counterparties=[
            Counterparty(name=n, position=i) for i, n in enumerate(data.counterparties)
        ],
    )
    case.timeline.append(
        TimelineEntry(at=now, from_status=None, to_status="new", actor_id=case.created_by_id)
    )
    try:
        with session.begin_nested():  # a simultaneous repeat may have taken the key
            session.add(case)
            session.flush()
    except IntegrityError:
        replay = _replay(session, actor, now, key) if key else None
        if replay is None:
            raise
        return replay
    search.index_case(session, case)
    audit.record(
        session,
        actor,
        now,
        "consultation.create",
        "consultation",
        case.reference,
        {
            "channel": data.channel,
            "category": data.category,
            "foreign_related": data.foreign_related,
            "hk_mo_tw": data.hk_mo_tw,
        },
    )
    if notify:
        notifications.on_intake(session, now, case)
    return Intake(case, access_code, replayed=False)


def transition(
    session: DbSession,
    actor: Actor | None,
    now: datetime,
    case: Consultation,
    to_status: Any,
    note: Any = None,
    closing_code: Any = None,
    notify: bool = True,
    *,
    zone: ZoneInfo | None = None,
    by: str | None = None,
    advice: Any = None,
) -> Consultation:
    """The only way a case changes status: table check, timeline entry, audit entry.
    ``zone``, the desk's, is needed for "advised": the first follow-up counts from its day.
    ``by`` names the use case making a dedicated move (rules.DEDICATED: release, assign,
    reopen); a plain status change passes none. A move to "advised" records the advice
    (``cases.advice_rules.parse_advice``: ``advice``, or else the note as an opinion the
    enterprise does not see)."""
    if not isinstance(to_status, str) or not to_status:
        raise ValidationFailed(fields={"to": [Msg(N_("This field is required."))]})
    if actor is not None and not permissions.may_move_case(actor, case, to_status):
        raise Forbidden()  # actor None: the desk itself (a redraw after a decline)
    note_text = validate_note(note)
    if advice is not None and to_status != "advised":
        raise ValidationFailed(fields={"advice": [ADVICE_ONLY_WHEN_ADVISED]})
    advice_data = parse_advice(advice, note_text) if to_status == "advised" else None
    check_transition(case.status, to_status, case.assignee_id is not None, by)
    if case.status in REOPENABLE:  # reopened: no longer closed with a code
        case.closing_code = None
    if to_status == "closed":
        chosen = session.get(ClosingCode, closing_code) if isinstance(closing_code, str) else None
        if chosen is None or not chosen.active:  # retired since the form was shown: say so
            problem = (
                N_("This closing code has been retired; choose another.")
                if chosen is not None
                else N_("Choose a closing code to close the case.")
            )
            raise ValidationFailed(fields={"closing_code": [Msg(problem)]})
        case.closing_code = closing_code
    previous = case.status
    case.status = to_status
    case.updated_at = now
    if to_status == "accepted" and case.first_response_at is None:
        case.first_response_at = now
    entry = TimelineEntry(
        at=now,
        from_status=previous,
        to_status=to_status,
        actor_id=getattr(actor, "id", None),
        note=note_text,
    )
    case.timeline.append(entry)
    session.flush()
    audit.record(
        session,
        actor,
        now,
        "consultation.transition",
        "consultation",
        case.reference,
        {"from": previous, "to": to_status, "closing_code": case.closing_code},
    )
    if advice_data is not None:
        advice_records.record(session, actor, now, case, entry, advice_data)
    if notify:
        notifications.on_transition(session, now, case, entry)
    signals.case_moved.send(case, session=session, actor=actor, now=now, previous=previous, by=by)
    if to_status == "advised":
        if zone is None:
            raise TypeError("advice schedules a follow-up: it needs the desk's zone")
        signals.case_advised.send(case, session=session, now=now, zone=zone)
    return case


def load_case(
    session: DbSession, reference: str, loads: Sequence[ExecutableOption] = ()
) -> Consultation | None:
    """The case by reference, with ``loads`` (loader options: what the caller will read
    of it, fetched with it instead of one statement per relation)."""
    statement = _case_by_reference(tuple(loads))
    return session.scalar(statement, {"reference": codes.normalise_reference(reference)})


@functools.cache
def _case_by_reference(loads: tuple[ExecutableOption, ...]) -> sa.Select:
    """The statement of ``load_case``, built once per set of loads (they are built once
    too: ``serializers.detail_loads``): with a bound parameter SQLAlchemy keeps its
    cache key with it, which cost more to work out per request than the query took."""
    return (
        sa.select(Consultation)
        .where(Consultation.reference == sa.bindparam("reference"))
        .options(*loads)
    )


def read_case(
    session: DbSession,
    actor: Actor,
    now: datetime,
    reference: str,
    loads: Sequence[ExecutableOption] = (),
) -> Consultation:
    """Load a case the actor may read, logging the read; 404 alike for absent and not yours."""
    case = load_case(session, reference, loads)
    if case is None or not permissions.may_read_case(actor, case):
        raise NotFound()
    audit.record(session, actor, now, "consultation.read", "consultation", case.reference)
    return case


def lock_case(session: DbSession, reference: str) -> Consultation | None:
    """The case by reference with its row locked, so concurrent changes take turns."""
    return session.scalar(
        sa.select(Consultation)
        .where(Consultation.reference == codes.normalise_reference(reference))
        .with_for_update(of=Consultation)
    )


def case_for_change(session: DbSession, actor: Actor, reference: str) -> Consultation:
    """Load a case the actor may read, to change it (row locked)."""
    case = lock_case(session, reference)
    if case is None or not permissions.may_read_case(actor, case):
        raise NotFound()
    return case
