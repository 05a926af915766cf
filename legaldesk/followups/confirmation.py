"""The enterprise confirms (or corrects) a loss avoided that a follow-up claimed, and
gives its satisfaction: from its account (``/my``, or the API with its token).

Three figures stay apart, so a report can say whose word each is: the lawyer's
claim (``FollowUp.loss_avoided_cny``); the staff's record that the enterprise
confirmed it to them, by phone (``FollowUp.confirmed_by_enterprise``, the API's
PATCH field); and the enterprise's own figure here (``LossConfirmation``), which
counts first. A confirmation is given once: the follow-up's row is locked and its
unique key refuses a second or simultaneous one (``LossAlreadyConfirmed``, 409). A
later PATCH of the lawyer's figure leaves the enterprise's word as it gave it
(``claimed_cny`` says what it was shown). Only a case that has its advice takes a
confirmation (``rules.why_not_confirmable``: not a withdrawn or reopened one).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.cases.models import Consultation
from legaldesk.db import DbSession
from legaldesk.errors import Forbidden, LossAlreadyConfirmed, LossNotConfirmable, NotFound
from legaldesk.followups import rules
from legaldesk.followups.models import FollowUp, LossConfirmation
from legaldesk.followups.service import answer_satisfaction
from legaldesk.validation import MAX_ROW_ID, is_whole

_CLAIMED = (
    FollowUp.channel != "online",
    FollowUp.done_at.is_not(None),
    FollowUp.loss_avoided_cny.is_not(None),
)


def losses_of(session: DbSession, case: Consultation) -> list[FollowUp]:
    """The follow-ups of the case that recorded a loss avoided, oldest first."""
    return list(
        session.scalars(
            sa.select(FollowUp)
            .where(FollowUp.consultation_id == case.id, *_CLAIMED)
            .order_by(FollowUp.done_at, FollowUp.id)
        )
    )


def state_of(followup: FollowUp) -> str | None:
    """claimed | confirmed_by_phone | confirmed (``rules.LOSS_STATES``), or None."""
    return rules.loss_state(
        followup.loss_avoided_cny,
        followup.confirmed_by_enterprise,
        followup.confirmation is not None,
    )


def _claimed_followup(session: DbSession, case: Consultation, followup_id: Any) -> FollowUp:
    if not is_whole(followup_id) or not 1 <= followup_id <= MAX_ROW_ID:
        raise NotFound()
    followup = session.scalar(
        sa.select(FollowUp)
        .where(FollowUp.id == followup_id, FollowUp.consultation_id == case.id, *_CLAIMED)
        .with_for_update()
    )
    if followup is None:
        raise NotFound()
    return followup


def confirm_loss(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    followup_id: Any,
    raw: Any,
    *,
    zone: ZoneInfo,
) -> LossConfirmation:
    """The enterprise's figure and satisfaction for the loss its follow-up claimed.
    Its satisfaction is also its answer to "how satisfied are you" (reports count it
    there, and a low score asks a coordinator to call back)."""
    if not permissions.may_read_case(actor, case):
        raise NotFound()
    if not permissions.may_confirm_loss(actor, case):
        raise Forbidden()
    followup = _claimed_followup(session, case, followup_id)
    if followup.confirmation is not None:
        raise LossAlreadyConfirmed()
    refusal = rules.why_not_confirmable(case.status)
    if refusal is not None:
        raise LossNotConfirmable(refusal)
    claimed = followup.loss_avoided_cny or 0
    data = rules.parse_confirmation(raw, claimed)
    confirmation = LossConfirmation(
        followup_id=followup.id,
        consultation_id=case.id,
        confirmed_by_id=actor.id,
        confirmed_at=now,
        claimed_cny=followup.loss_avoided_cny,
        amount_cny=data.amount_cny,
        satisfaction=data.satisfaction,
    )
    try:
        with session.begin_nested():  # a simultaneous submit may have confirmed it
            session.add(confirmation)
            session.flush()
    except IntegrityError:
        raise LossAlreadyConfirmed() from None
    audit.record(
        session,
        actor,
        now,
        "followup.confirm_loss",
        "consultation",
        case.reference,
        {
            "followup": followup.id,
            "corrected": data.amount_cny != claimed,
            "satisfaction": data.satisfaction,
        },
    )
    answer_satisfaction(session, actor, now, case, data.satisfaction, None, zone=zone)
    return confirmation
