"""Accounts, password checks and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from legaldesk.audit import service as audit
from legaldesk.auth.models import ApiToken, User
from legaldesk.auth.rules import ROLES
from legaldesk.enterprises.rules import normalise_uscc
from legaldesk.errors import Conflict, FieldErrors, NotFound
from legaldesk.messages import N_, Msg

# A fixed hash to compare against when the e-mail is unknown, so that a failed login
# takes as long for an unknown address as for a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-password")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def active_contacts(session: Session, role: str) -> list[sa.Row[tuple[int, str, str | None]]]:
    """Id, e-mail and language of every active account with ``role`` (who is told
    when something needs a coordinator or an admin)."""
    return list(
        session.execute(
            sa.select(User.id, User.email, User.locale).where(User.role == role, User.active)
        ).all()
    )


def create_user(
    session: Session,
    actor: Any,
    now: datetime,
    email: str,
    name: str,
    role: str,
    password: str | None = None,
    lawyer_id: int | None = None,
    enterprise_uscc: str | None = None,
) -> User:
    from legaldesk.enterprises.service import by_uscc
    from legaldesk.routing.models import Lawyer

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


def authenticate(session: Session, now: datetime, email: str, password: str) -> User | None:
    user = session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    valid = check_password_hash(stored, password) and user is not None and user.active
    audit.record(
        session,
        user if valid else None,
        now,
        "auth.login" if valid else "auth.login_failed",
        "user",
        user.id if user is not None else "-",
    )
    return user if valid else None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, actor: Any, now: datetime, email: str) -> str:
    """A new bearer token for the user; only its hash is kept."""
    user = session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise NotFound(Msg(N_("No user with this e-mail address.")))
    token = "ld_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, token_hash=_token_hash(token), created_at=now))
    session.flush()
    audit.record(session, actor, now, "token.create", "user", user.id)
    return token


def user_for_token(session: Session, token: str) -> User | None:
    row = session.scalar(
        sa.select(ApiToken).where(
            ApiToken.token_hash == _token_hash(token), ApiToken.revoked_at.is_(None)
        )
    )
    if row is None or not row.user.active:
        return None
    return row.user
