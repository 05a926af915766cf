"""Creating accounts (the CLI, the demo and the tests today).

It lives above auth: an account may point at a lawyer of the directory (routing) or
at an enterprise, and auth sits below both."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth.models import User
from legaldesk.auth.rules import ROLES
from legaldesk.auth.service import normalise_email
from legaldesk.db import DbSession
from legaldesk.enterprises.rules import normalise_uscc
from legaldesk.enterprises.service import by_uscc
from legaldesk.errors import Conflict, FieldErrors
from legaldesk.messages import N_, Msg
from legaldesk.routing.models import Lawyer


def create_user(
    session: DbSession,
    actor: Actor | None,
    now: datetime,
    email: str,
    name: str,
    role: str,
    password: str | None = None,
    lawyer_id: int | None = None,
    enterprise_uscc: str | None = None,
) -> User:
    """A staff or enterprise account, audited. A lawyer's account points at a lawyer
    of the directory, an enterprise's at a known enterprise (by credit code)."""
    errors = FieldErrors()
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        errors.add("email", Msg(N_("Enter a valid e-mail address.")))
    if not name.strip():
        errors.add("name", Msg(N_("This field is required.")))
    if role not in ROLES:
        errors.add("role", Msg(N_("Choose one of the listed options.")))
    if password is not None and len(password) < 8:
        errors.add("password", Msg(N_("At least %(min)d characters."), {"min": 8}))
    if role == "lawyer" and (lawyer_id is None or session.get(Lawyer, lawyer_id) is None):
        errors.add("lawyer", Msg(N_("A lawyer account needs an existing lawyer of the directory.")))
    enterprise_id = None
    if role == "enterprise":
        code, problem = normalise_uscc(enterprise_uscc or "")
        enterprise = None if problem else by_uscc(session, code)
        if enterprise is None:
            errors.add("enterprise", Msg(N_("An enterprise account needs a known credit code.")))
        else:
            enterprise_id = enterprise.id
    errors.raise_if_any()
    if session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        raise Conflict(Msg(N_("A user with this e-mail address exists already.")))
    user = User(
        email=email,
        name=name.strip(),
        role=role,
        password_hash=generate_password_hash(password) if password else None,
        lawyer_id=lawyer_id if role == "lawyer" else None,
        enterprise_id=enterprise_id,
        created_at=now,
    )
    session.add(user)
    session.flush()
    audit.record(session, actor, now, "user.create", "user", user.id, {"role": role})
    return user
