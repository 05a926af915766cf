"""The demo logins: staff, two demo lawyers and an enterprise, all with one password."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from legaldesk.admin.service import create_user, set_active
from legaldesk.auth.models import User
from legaldesk.db import DbSession
from legaldesk.routing.models import Lawyer

DEMO_PASSWORD = "demo1234"
ENTERPRISE_LOGIN = "enterprise@legaldesk.local"  # the logistics company's own account


def ensure_staff(
    session: DbSession, now: datetime, panel: list[Lawyer], firm_lawyers: list[Lawyer]
) -> User:
    """The staff logins (two of them demo lawyers); returns the coordinator."""
    wanted = [
        ("admin@legaldesk.local", "系统管理员", "admin", None, None),
        ("coordinator@legaldesk.local", "陈思远", "coordinator", None, None),
        ("intake@legaldesk.local", "林晓", "intake", None, None),
        ("expert@legaldesk.local", panel[7].name, "lawyer", panel[7].id, None),
        ("lawyer@legaldesk.local", firm_lawyers[0].name, "lawyer", firm_lawyers[0].id, None),
    ]
    _ensure_users(session, now, wanted)
    _ensure_former_clerk(session, now)
    return session.scalars(sa.select(User).where(User.email == "coordinator@legaldesk.local")).one()


def _ensure_users(session: DbSession, now: datetime, wanted: list[tuple]) -> None:
    """Add each (e-mail, name, role, lawyer id, credit code) login that is missing."""
    for email, name, role, lawyer_id, uscc in wanted:
        if session.scalar(sa.select(User.id).where(User.email == email)) is None:
            create_user(session, None, now, email, name, role, DEMO_PASSWORD, lawyer_id, uscc)


FORMER_CLERK = "wu.jing@legaldesk.local"


def _ensure_former_clerk(session: DbSession, now: datetime) -> None:
    """A front-desk clerk who has left: the admin's list shows a deactivated account
    (deactivated once, when it is added; a later demo run leaves it as it is)."""
    if session.scalar(sa.select(User.id).where(User.email == FORMER_CLERK)) is None:
        clerk = create_user(session, None, now, FORMER_CLERK, "吴静", "intake", DEMO_PASSWORD)
        set_active(session, None, now, clerk, False)


def ensure_enterprise_login(session: DbSession, now: datetime, uscc: str) -> None:
    """The logistics company's own login (its enterprise must exist: add its case first)."""
    _ensure_users(session, now, [(ENTERPRISE_LOGIN, "远航物流 法务", "enterprise", None, uscc)])
