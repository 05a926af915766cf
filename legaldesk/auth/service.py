"""Accounts, password checks and API tokens."""

from __future__ import annotations

import functools
import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth.models import ApiToken, User
from legaldesk.auth.rules import session_seen_is_due
from legaldesk.db import DbSession
from legaldesk.errors import NotFound
from legaldesk.messages import N_, Msg

# A fixed hash to compare against when the e-mail is unknown, so that a failed login
# takes as long for an unknown address as for a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-password")


def normalise_email(email: str) -> str:
    return email.strip().lower()


class Contact(NamedTuple):
    id: int
    email: str
    locale: str | None


def active_contacts(session: DbSession, role: str) -> list[Contact]:
    """Id, e-mail and language of every active account with ``role`` (who is told
    when something needs a coordinator or an admin)."""
    rows = session.execute(
        sa.select(User.id, User.email, User.locale).where(User.role == role, User.active)
    )
    return [Contact(*row) for row in rows]


def authenticate(session: DbSession, now: datetime, email: str, password: str) -> User | None:
    user = session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    # The dummy hash is compared for an unknown or passwordless account too (the same
    # time taken), but it never opens one.
    matches = check_password_hash(stored, password) and stored is not _DUMMY_HASH
    valid = matches and user is not None and user.active
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


def create_token(
    session: DbSession, actor: Actor, now: datetime, email: str, name: str = ""
) -> str:
    """A new bearer token for the user; only its hash is kept, with a ``name`` saying
    what it is for (shown when an admin lists or revokes the user's tokens)."""
    user = session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise NotFound(Msg(N_("No user with this e-mail address.")))
    token = "ld_" + secrets.token_urlsafe(32)
    session.add(
        ApiToken(user_id=user.id, token_hash=_token_hash(token), name=name[:100], created_at=now)
    )
    session.flush()
    audit.record(session, actor, now, "token.create", "user", user.id)
    return token


@functools.cache
def _token_lookup() -> sa.Select:
    """The one statement of every API request: the token with its account. Built once
    with a bound parameter, so SQLAlchemy keeps its cache key with it; building it per
    request (its joined load above all) cost more than running it. Built at first use:
    loader options configure the mappers, which needs every wing's models imported."""
    return (
        sa.select(ApiToken)
        .where(ApiToken.token_hash == sa.bindparam("token_hash"), ApiToken.revoked_at.is_(None))
        .options(joinedload(ApiToken.user))
    )


def user_for_token(session: DbSession, token: str, now: datetime | None = None) -> User | None:
    """The active account of a token not revoked. With ``now``, the token notes when
    it was last used (at most every few minutes, as a login session does): an admin
    sees which tokens are still in use before revoking them."""
    row = session.scalar(_token_lookup(), {"token_hash": _token_hash(token)})
    if row is None or not row.user.active:
        return None
    if now is not None and (row.last_used_at is None or session_seen_is_due(row.last_used_at, now)):
        row.last_used_at = now  # left pending: the caller commits it (auth.api)
    return row.user


def user_names(session: DbSession, ids: Iterable[int]) -> dict[int, str]:
    """Current names of the users with these ids (an audit entry keeps its own label)."""
    ids = set(ids)
    if not ids:
        return {}
    return dict(session.execute(sa.select(User.id, User.name).where(User.id.in_(ids))).all())


def has_role(role: str) -> sa.ColumnElement[bool]:
    """An account list's role filter (the comparison lives with the roles' other SQL)."""
    return User.role == role


def active_admin_ids(session: DbSession, lock: bool = False) -> list[int]:
    """The active admins' ids; with ``lock``, their rows locked until the commit (a
    change that must leave one admin queues behind another such change)."""
    query = sa.select(User.id).where(User.role == "admin", User.active)
    return list(session.scalars(query.with_for_update() if lock else query))
