"""Who may tie a booking to a case, change it, and see what it is about.

A booking tied to a case is part of that case: an unexcused no-show there fails the
mediation, its participants are e-mailed, and its sessions are the "next step" the
enterprise sees. So tying, moving, cancelling and attendance follow the right to manage
the case's mediation (``auth.rules.may_book_for_case``), and the booking's title,
participants and reference are shown only to those who may read the case; everybody
else sees that the room is booked, and when. Once a booking has begun, it is what took
place: only a manager changes it, saying why (``check_unfrozen``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from legaldesk.actor import Actor
from legaldesk.auth import rules as permissions
from legaldesk.cases.models import Consultation
from legaldesk.cases.service import load_case
from legaldesk.db import DbSession
from legaldesk.errors import FieldErrors, Forbidden, NotFound, field_error
from legaldesk.messages import N_, Msg
from legaldesk.rooms.models import Booking
from legaldesk.rooms.rules import check_not_started
from legaldesk.validation import text

# An unknown reference and a case the user may not read get the same answer, so the
# booking form cannot be used to probe references.
NO_CASE = Msg(N_("No case with this reference was found."))
NOT_MEDIATING = Msg(N_("Only the case's mediator or a coordinator can book its sessions."))
ONLY_COORDINATOR_NAMES = Msg(N_("Only a coordinator can name the mediator."))
ONLY_YOURSELF = Msg(
    N_("You can name only yourself as the mediator; a coordinator names any other.")
)


def case_to_tie(session: DbSession, actor: Actor, reference: str | None) -> Consultation | None:
    """The case a new booking is for, if the actor manages its mediation."""
    if reference is None:
        return None
    case = load_case(session, reference)
    if case is None or not permissions.may_see_booking(actor, case):
        raise field_error("consultation", NO_CASE)
    if not permissions.may_book_for_case(actor, case):
        raise field_error("consultation", NOT_MEDIATING)
    return case


def check_mediator(actor: Actor, mediator_id: int | None) -> None:
    """Refuse a mediator the actor may not name, before anything looks that lawyer
    up: the answer is the same whether they are busy, free or do not exist."""
    if mediator_id is None or permissions.may_name_mediator(actor, mediator_id):
        return
    why = ONLY_YOURSELF if permissions.is_lawyer(actor) else ONLY_COORDINATOR_NAMES
    raise field_error("mediator_id", why)


def case_of(session: DbSession, booking: Booking) -> Consultation | None:
    if booking.consultation_id is None:
        return None
    return session.get(Consultation, booking.consultation_id)


def may_change(session: DbSession, actor: Actor, booking: Booking) -> bool:
    return permissions.may_change_booking(actor, booking, case_of(session, booking))


def booking_to_change(session: DbSession, actor: Actor, booking_id: int) -> Booking:
    """The booking, locked for the change, or NotFound / Forbidden."""
    booking = session.scalar(sa.select(Booking).where(Booking.id == booking_id).with_for_update())
    if booking is None:
        raise NotFound()
    if not may_change(session, actor, booking):
        raise Forbidden()
    return booking


def change_reason(raw: Any) -> str:
    """Why a manager changes a booking that has begun, or records one in the past."""
    errors = FieldErrors()
    reason = text(errors, raw, "past_reason", 500, required=False)
    errors.raise_if_any()
    return reason


def check_unfrozen(actor: Actor, now: datetime, booking: Booking, reason: str) -> None:
    """A booking that has begun is changed by a manager with a reason, or not at all."""
    check_not_started(booking.starts_at, now, permissions.may_change_started_booking(actor), reason)


def hidden(session: DbSession, reader: Any, bookings: Iterable[Booking]) -> set[int]:
    """Ids of the bookings whose case ``reader`` may not read (None: a feed's holder)."""
    bookings = list(bookings)
    ids = {b.consultation_id for b in bookings if b.consultation_id is not None}
    if not ids:
        return set()
    cases = {
        case.id: case
        for case in session.scalars(
            sa.select(Consultation)
            .where(Consultation.id.in_(ids))
            .options(selectinload(Consultation.mediation))
        )
    }
    return {
        b.id
        for b in bookings
        if b.consultation_id is not None
        and not permissions.may_see_booking(reader, cases.get(b.consultation_id))
    }


def may_see(session: DbSession, reader: Any, booking: Booking) -> bool:
    return booking.id not in hidden(session, reader, [booking])
