"""Status lookups: the same answer for an unknown case and a wrong code.

What an enterprise sees of its case (here, and in its account) is stages, dates and
the next step: never a staff member's name, a note or the content of the advice (an
enterprise account reads a shared opinion: ``portal.outcome``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import joinedload
from sqlalchemy.sql.base import ExecutableOption
from werkzeug.security import check_password_hash

from legaldesk.audit import service as audit
from legaldesk.cases import codes
from legaldesk.cases.codes import normalise_access_code, normalise_reference
from legaldesk.cases.models import Consultation
from legaldesk.cases.service import access_code_key, load_case
from legaldesk.clock import local_date
from legaldesk.db import DbSession
from legaldesk.errors import NotFound
from legaldesk.followups.models import FollowUp
from legaldesk.mediation.models import Mediation
from legaldesk.messages import N_, Msg
from legaldesk.reads_first import after_the_reads
from legaldesk.rooms.models import Booking

NO_MATCH = Msg(N_("No case matches this reference and access code."))

NEXT_STEPS = {
    "routing": N_("The center is choosing a lawyer for your case."),
    "acceptance": N_("A lawyer has been chosen and will take up your case shortly."),
    "advice": N_("Your lawyer is working on the advice."),
    "followup": N_("The center will follow up with you on %(on)s."),
    "consent": N_("Waiting for the other side to agree to mediation, until %(on)s."),
    "mediation_session": N_("Mediation session on %(at)s in %(room)s."),
    "confirmation": N_("You may apply to the court for judicial confirmation until %(on)s."),
}


@dataclass(frozen=True)
class NextStep:
    kind: str
    on: date | None = None
    at: datetime | None = None
    room: Any = None  # the Room row (its name is shown in the reader's language)


@functools.cache
def _status_loads() -> tuple[ExecutableOption, ...]:
    """What the status answer reads of a case, loaded with it: its timeline and advice
    (two short histories) and its closing code (built at first use, when every
    mapping is known)."""
    return (
        joinedload(Consultation.timeline),
        joinedload(Consultation.advice_given),
        joinedload(Consultation.closing),
    )


# What an unknown reference's code is compared with: a digest nobody's code has, so
# the comparison costs what a wrong code for a real case costs.
_NO_DIGEST = codes.DIGEST_PREFIX + "0" * 64


def lookup(session: DbSession, now: datetime, reference: Any, code: Any) -> Consultation:
    """The case when the code matches; otherwise NotFound, whatever the reason.

    An unknown reference is checked against a digest of the same form as a real one,
    and the code is checked before the case is read (one short row either way), so a
    wrong code costs what an unknown reference costs: the time of the answer does not
    tell whether the reference exists. A code stored by scrypt (before the digest) is
    checked that slow way once more and, when it matched, replaced by its digest at
    the end of the request (``reads_first``).
    """
    reference = normalise_reference(reference if isinstance(reference, str) else "")
    code = normalise_access_code(code) if isinstance(code, str) and len(code) <= 40 else None
    row = None
    if reference and len(reference) <= 20:
        row = session.execute(_code_row(), {"reference": reference}).first()
    stored = row.access_code_hash if row is not None else _NO_DIGEST
    key = access_code_key()
    matched = code is not None and _matches(stored, reference, code, key) and row is not None
    case = load_case(session, reference, _status_loads()) if matched else None
    if case is not None and not codes.is_digest(stored):
        digest = codes.code_digest(case.reference, str(code), key)
        after_the_reads(session, lambda writer: _replace_hash(writer, case.id, stored, digest))
    audit.record(
        session,
        None,
        now,
        "status.lookup" if case is not None else "status.lookup_failed",
        "consultation",
        reference[:20] or "-",
    )
    if case is None:
        raise NotFound(NO_MATCH)
    return case


@functools.cache
def _code_row() -> sa.Select:
    """A case's id and stored code by reference, built once (a hot path)."""
    return sa.select(Consultation.id, Consultation.access_code_hash).where(
        Consultation.reference == sa.bindparam("reference")
    )


def _matches(stored: str, reference: str, code: str, key: bytes) -> bool:
    """The digest's constant-time comparison, or for a hash stored before it
    (werkzeug's scrypt or PBKDF2) its own slow check."""
    if codes.is_digest(stored):
        return codes.digest_matches(stored, reference, code, key)
    return check_password_hash(stored, code)


def _replace_hash(session: DbSession, case_id: int, old: str, digest: str) -> None:
    """Store an old hash's digest, unless the code was reissued meanwhile."""
    session.execute(
        sa.update(Consultation)
        .where(Consultation.id == case_id, Consultation.access_code_hash == old)
        .values(access_code_hash=digest)
        .execution_options(synchronize_session=False)
    )


def public_timeline(case: Consultation) -> list[tuple[datetime, str]]:
    """Stages and dates only: no names, no notes, no content."""
    return [(entry.at, entry.to_status) for entry in case.timeline]


def followup_dates(
    session: DbSession, case: Consultation, zone: ZoneInfo
) -> list[tuple[date, bool]]:
    """(the day it was due, or the desk's day it was done; done?) of each staff
    follow-up."""
    rows = session.execute(_followups_of_case(), {"case_id": case.id}).all()
    return [(local_date(done, zone) if done else due, done is not None) for due, done in rows]


@functools.cache
def _followups_of_case() -> sa.Select:
    """``followup_dates``'s statement, built once (a status lookup is a hot path:
    working out a fresh statement's cache key cost about as much as running it)."""
    return (
        sa.select(FollowUp.due_on, FollowUp.done_at)
        .where(FollowUp.consultation_id == sa.bindparam("case_id"), FollowUp.channel != "online")
        .order_by(FollowUp.due_on)
    )


@functools.cache
def _next_step_statements() -> tuple[sa.Select, sa.Select, sa.Select]:
    """``next_steps``'s three statements, built once like ``_followups_of_case``: the
    mediations of ``ids``, their future sessions (after ``now``) and the earliest open
    follow-up of each of ``ids``."""
    ids: sa.BindParameter[Any] = sa.bindparam("ids", expanding=True)
    mediations = sa.select(Mediation).where(Mediation.consultation_id.in_(ids))
    booked = (
        sa.select(Booking)
        .where(
            Booking.consultation_id.in_(sa.bindparam("mediated", expanding=True)),
            Booking.purpose == "mediation_session",
            Booking.cancelled_at.is_(None),
            Booking.starts_at >= sa.bindparam("now"),
        )
        .order_by(Booking.starts_at)
    )
    due = (
        sa.select(FollowUp.consultation_id, sa.func.min(FollowUp.due_on))
        .where(FollowUp.consultation_id.in_(ids), FollowUp.done_at.is_(None))
        .group_by(FollowUp.consultation_id)
    )
    return mediations, booked, due


def advice_given_on(case: Consultation, zone: ZoneInfo) -> date | None:
    """The desk's day the latest advice was given: all the status page says of it."""
    advice = case.latest_advice
    return local_date(advice.given_at, zone) if advice is not None else None


def next_steps(
    session: DbSession, cases: list[Consultation], now: datetime
) -> dict[int, NextStep | None]:
    """What happens next for each case, from its mediation, its follow-ups or its stage:
    three queries for a whole page of cases."""

    ids = [c.id for c in cases if c.status not in ("closed", "withdrawn")]
    of_mediations, of_sessions, of_due = _next_step_statements()
    mediations = {m.consultation_id: m for m in session.scalars(of_mediations, {"ids": ids})}
    sessions: dict[int, Any] = {}
    if mediations:
        booked = session.scalars(of_sessions, {"mediated": list(mediations), "now": now})
        for booking in booked:
            sessions.setdefault(booking.consultation_id or 0, booking)
    due = dict(session.execute(of_due, {"ids": ids}).all())
    return {c.id: _step(c, mediations.get(c.id), sessions.get(c.id), due.get(c.id)) for c in cases}


def _step(case: Consultation, mediation: Any, booked: Any, due: date | None) -> NextStep | None:
    if case.status in ("closed", "withdrawn"):
        return None
    if mediation is not None:
        if booked is not None and mediation.status == "in_mediation":
            return NextStep("mediation_session", at=booked.starts_at, room=booked.room)
        if mediation.status == "awaiting_consent":
            return NextStep("consent", on=mediation.consent_due_on)
        if mediation.status == "agreed":
            return NextStep("confirmation", on=mediation.confirmation_due_on)
    if due is not None:
        return NextStep("followup", on=due)
    by_status = {"new": "routing", "routed": "acceptance", "accepted": "advice"}
    return NextStep(by_status[case.status]) if case.status in by_status else None


def next_step(session: DbSession, case: Consultation, now: datetime) -> NextStep | None:
    return next_steps(session, [case], now)[case.id]
