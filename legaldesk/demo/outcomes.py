"""The demo's confirmed loss: the logistics company confirms, in its own account, the
¥3,000,000 its lawyer recorded (its second case's loss still awaits confirmation, so
the demo login can try the form). Only added when missing."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.auth.models import User
from legaldesk.cases.service import load_case
from legaldesk.db import DbSession
from legaldesk.demo.accounts import ENTERPRISE_LOGIN
from legaldesk.demo.cases import LOGISTICS_REFERENCE
from legaldesk.followups import confirmation


def confirm_logistics_loss(session: DbSession, zone: ZoneInfo) -> None:
    case = load_case(session, LOGISTICS_REFERENCE)
    account = session.scalar(sa.select(User).where(User.email == ENTERPRISE_LOGIN))
    if case is None or account is None:
        return
    for followup in confirmation.losses_of(session, case):
        if followup.confirmation is None and followup.done_at is not None:
            confirmation.confirm_loss(
                session,
                account,
                followup.done_at + timedelta(days=3),
                case,
                followup.id,
                {"amount_cny": followup.loss_avoided_cny, "satisfaction": 5},
                zone=zone,
            )
