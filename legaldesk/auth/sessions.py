"""Login sessions kept on the server, so that logging out really ends them.

Flask's session is a signed cookie: without a record on the server, a copy of it
stays valid after logout. Each login gets a random key (the cookie's Flask-Login id);
the table keeps its SHA-256 and when the session ended.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

import sqlalchemy as sa

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth.models import User, UserSession
from legaldesk.auth.rules import may_end_sessions_of, session_seen_is_due
from legaldesk.auth.service import normalise_email
from legaldesk.db import DbSession, rows_changed
from legaldesk.errors import Forbidden, NotFound
from legaldesk.messages import N_, Msg

_KEY_PREFIX = "s_"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def start(
    session: DbSession, user: User, now: datetime, user_agent: str = "", address: str = ""
) -> str:
    """A new session for a user who just proved who they are; answers its key."""
    key = _KEY_PREFIX + secrets.token_urlsafe(32)  # 256 random bits
    session.add(
        UserSession(
            user_id=user.id,
            key_hash=_hash(key),
            created_at=now,
            last_seen_at=now,
            user_agent=(user_agent or "")[:200],
            address=(address or "")[:45],
        )
    )
    session.flush()
    user.session_key = key
    return key


def _open_row(session: DbSession, key: str) -> UserSession | None:
    if not key.startswith(_KEY_PREFIX) or len(key) > 100:
        return None  # e.g. a bare user id from a cookie older than these sessions
    return session.scalar(
        sa.select(UserSession).where(
            UserSession.key_hash == _hash(key), UserSession.ended_at.is_(None)
        )
    )


def user_for_key(session: DbSession, key: str) -> User | None:
    """The user of a session still open, if the account is active (the user loader)."""
    row = _open_row(session, key)
    if row is None or not row.user.active:
        return None
    row.user.session_key = key
    return row.user


def ended_for(session: DbSession, key: object) -> User | None:
    """The account whose session a cookie's key names, when that session was ended
    (logged out elsewhere, by an admin, or the account deactivated); None when the
    key names no session at all, or one still open."""
    if not isinstance(key, str) or not key.startswith(_KEY_PREFIX) or len(key) > 100:
        return None
    return session.scalar(
        sa.select(User)
        .join(UserSession, UserSession.user_id == User.id)
        .where(UserSession.key_hash == _hash(key), UserSession.ended_at.is_not(None))
    )


def note_seen(session: DbSession, user: User, now: datetime) -> bool:
    """Record that the session is in use, at most every few minutes; True if written."""
    row = _open_row(session, user.session_key or "")
    if row is None or not session_seen_is_due(row.last_seen_at, now):
        return False
    row.last_seen_at = now
    session.flush()
    return True


def end(session: DbSession, user: User, now: datetime) -> None:
    """Log out: end the session the user is using now, and only that one."""
    row = _open_row(session, user.session_key or "")
    if row is not None:
        row.ended_at = now
    audit.record(session, user, now, "auth.logout", "user", user.id)


def end_all(session: DbSession, actor: Actor, now: datetime, user: User) -> int:
    """Log ``user`` out everywhere (themselves, an admin, or the command line when
    ``actor`` is None); answers how many sessions ended."""
    if not may_end_sessions_of(actor, user):
        raise Forbidden()
    ended = rows_changed(
        session.execute(
            sa.update(UserSession)
            .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
            .values(ended_at=now)
        )
    )
    audit.record(
        session, actor, now, "auth.logout_everywhere", "user", user.id, {"sessions": ended}
    )
    return ended


def end_all_of_id(session: DbSession, actor: Actor, now: datetime, user_id: int) -> int:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    return end_all(session, actor, now, user)


def end_all_of_email(session: DbSession, actor: Actor, now: datetime, email: str) -> int:
    user = session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise NotFound(Msg(N_("No user with this e-mail address.")))
    return end_all(session, actor, now, user)


def open_sessions(session: DbSession, user: User) -> list[tuple[UserSession, bool]]:
    """The user's open sessions, newest first, each with whether it is the one in use
    (listed before "log out everywhere")."""
    mine = _hash(user.session_key or "")
    rows = session.scalars(
        sa.select(UserSession)
        .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
        .order_by(UserSession.created_at.desc(), UserSession.id.desc())
    )
    return [(row, row.key_hash == mine) for row in rows]
