"""Finding or creating enterprises and contacts without duplicates, even under races."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth.rules import may_set_email_updates
from legaldesk.db import DbSession, insert_ignoring_conflict
from legaldesk.enterprises.models import Contact, Enterprise
from legaldesk.enterprises.rules import name_initials
from legaldesk.errors import Forbidden


def find_or_create_enterprise(
    session: DbSession, now: datetime, uscc: str, name: str
) -> Enterprise:
    """One record per USCC: the database's unique key settles two simultaneous intakes."""
    existing = session.scalar(sa.select(Enterprise).where(Enterprise.uscc == uscc))
    if existing is not None:
        return existing
    session.execute(
        insert_ignoring_conflict(
            session,
            Enterprise,
            {"uscc": uscc, "name": name, "name_initials": name_initials(name), "created_at": now},
            ["uscc"],
        )
    )
    return session.scalars(sa.select(Enterprise).where(Enterprise.uscc == uscc)).one()


def find_or_create_contact(
    session: DbSession,
    enterprise: Enterprise,
    name: str,
    phone: str,
    email: str | None,
    locale: str = "zh_CN",
) -> Contact:
    """A contact is known by phone within the enterprise; name and e-mail follow the latest."""
    contact = contact_with_phone(session, enterprise, phone, name=name, email=email)
    contact.name = name
    contact.locale = locale
    if email:
        contact.email = email
    return contact


def contact_with_phone(
    session: DbSession, enterprise: Enterprise, phone: str, **made_with: Any
) -> Contact:
    """The enterprise's contact row of this phone, made with ``made_with`` (name, email,
    locale) when there is none (the unique key settles a race); an existing row is
    answered unchanged."""
    query = sa.select(Contact).where(Contact.enterprise_id == enterprise.id, Contact.phone == phone)
    contact = session.scalar(query)
    if contact is None:
        session.execute(
            insert_ignoring_conflict(
                session,
                Contact,
                {"enterprise_id": enterprise.id, "phone": phone, **made_with},
                ["enterprise_id", "phone"],
            )
        )
        contact = session.scalars(query).one()
    return contact


def set_email_updates(
    session: DbSession, actor: Actor, now: datetime, enterprise: Enterprise, on: bool
) -> None:
    """The enterprise's account starts or stops e-mail about its cases."""
    if not may_set_email_updates(actor, enterprise.id):
        raise Forbidden()
    enterprise.email_updates = on
    audit.record(
        session, actor, now, "enterprise.email_updates", "enterprise", enterprise.id, {"on": on}
    )


def by_uscc(session: DbSession, uscc: str) -> Enterprise | None:
    return session.scalar(sa.select(Enterprise).where(Enterprise.uscc == uscc))
