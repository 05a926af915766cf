"""Ending an account's ways in: its login sessions and its API tokens, each at once
(one UPDATE), for deactivation and for an admin's "revoke" and "log out everywhere"."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth.models import ApiToken, User, UserSession
from legaldesk.auth.rules import may_administer_users
from legaldesk.db import DbSession, rows_changed
from legaldesk.errors import Forbidden, NotFound


def end_sessions(session: DbSession, now: datetime, user: User) -> int:
    """End every open login session of ``user``; answers how many (not audited: the
    caller's entry says why)."""
    return rows_changed(
        session.execute(
            sa.update(UserSession)
            .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
            .values(ended_at=now)
        )
    )


def revoke_tokens(
    session: DbSession, now: datetime, user: User, token_id: int | None = None
) -> int:
    """Revoke every API token of ``user`` still valid (or only ``token_id``); answers
    how many (not audited: the caller's entry says why)."""
    query = sa.update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    if token_id is not None:
        query = query.where(ApiToken.id == token_id)
    return rows_changed(session.execute(query.values(revoked_at=now)))


def tokens_of(session: DbSession, actor: Actor, user: User) -> list[ApiToken]:
    """The account's API tokens still valid, newest first."""
    if not may_administer_users(actor):
        raise Forbidden()
    return list(
        session.scalars(
            sa.select(ApiToken)
            .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def revoke(
    session: DbSession, actor: Actor, now: datetime, user: User, token_id: int | None = None
) -> int:
    """An admin revokes one token of ``user`` (``token_id``) or all of them; audited.
    A token of someone else, or one revoked already, is not found."""
    if not may_administer_users(actor):
        raise Forbidden()
    revoked = revoke_tokens(session, now, user, token_id)
    if token_id is not None and revoked == 0:
        raise NotFound()
    detail = {"tokens": revoked} if token_id is None else {"token": token_id}
    audit.record(session, actor, now, "token.revoke", "user", user.id, detail)
    return revoked
