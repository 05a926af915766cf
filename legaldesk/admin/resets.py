"""One-time links to set a password: an admin issues one (for a new account, or when
someone forgot theirs), the user opens it and chooses a password.

The link's token is shown once and mailed once; the table keeps only its SHA-256.
Using a link is one conditional UPDATE (``used_at`` still empty, not expired), so of
two requests with the same link exactly one sets the password, on either database."""

from __future__ import annotations

import secrets
from datetime import datetime

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from legaldesk.actor import Actor
from legaldesk.admin import access, rules
from legaldesk.admin.models import PasswordReset
from legaldesk.audit import service as audit
from legaldesk.auth.models import User
from legaldesk.auth.rules import may_administer_users
from legaldesk.db import DbSession, rows_changed
from legaldesk.errors import Conflict, Forbidden
from legaldesk.messages import N_, Msg

_PREFIX = "pw_"


class LinkNotUsable(Conflict):
    """The link is unknown, expired or used; ``state`` says which."""

    code = "link_not_usable"
    default_message = Msg(N_("This link cannot be used."))

    def __init__(self, state: str):
        super().__init__()
        self.state = state


class AccountDeactivated(Conflict):
    """No link for a deactivated account: it could not log in with the password."""

    code = "account_deactivated"
    default_message = Msg(N_("Reactivate the account first."))


def cancel_links(session: DbSession, now: datetime, user: User) -> int:
    """End every link of ``user`` not used yet (marked used now): when a newer one is
    issued, and when the account is deactivated, so reactivating it brings no old
    link back to life. Answers how many."""
    return rows_changed(
        session.execute(
            sa.update(PasswordReset)
            .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
            .values(used_at=now)
        )
    )


def issue_link(session: DbSession, actor: Actor | None, now: datetime, user: User) -> str:
    """A new link for ``user`` (answers its token); links issued before and not used
    stop working, so only the newest one handed over opens the account. A
    deactivated account gets none (AccountDeactivated)."""
    if actor is not None and not may_administer_users(actor):
        raise Forbidden()
    if not user.active:
        raise AccountDeactivated()
    cancel_links(session, now, user)
    token = _PREFIX + secrets.token_urlsafe(32)
    row = PasswordReset(
        user_id=user.id,
        token_hash=rules.link_hash(token),
        created_by_id=actor.id if actor is not None else None,
        created_at=now,
        expires_at=now + rules.LINK_VALID_FOR,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, now, "user.password_link", "user", user.id, {"link": row.id})
    return token


def _row(session: DbSession, token: str) -> PasswordReset | None:
    if not token.startswith(_PREFIX) or len(token) > 100:
        return None
    return session.scalar(
        sa.select(PasswordReset).where(PasswordReset.token_hash == rules.link_hash(token))
    )


def link_state(session: DbSession, now: datetime, token: str) -> tuple[str, User | None]:
    """Whether the link may be used (rules.LINK_STATES), and for whom. A deactivated
    account's link says so, whatever its state."""
    row = _row(session, token)
    user = session.get(User, row.user_id) if row is not None else None
    if row is None or user is None:
        return "unknown", None
    if not user.active:
        return "deactivated", None
    return rules.link_state(row.expires_at, row.used_at, now), user


def use_link(session: DbSession, now: datetime, token: str, password: str, confirm: str) -> User:
    """Set the password the link is for, once; every open session of the account ends
    (whoever had the old password is out). LinkNotUsable when it is not valid, or
    when another request used it first; ValidationFailed for a poor password."""
    state, user = link_state(session, now, token)
    if state != "valid" or user is None:
        raise LinkNotUsable(state)
    rules.password_errors(password, confirm).raise_if_any()
    claimed = rows_changed(
        session.execute(
            sa.update(PasswordReset)
            .where(
                PasswordReset.token_hash == rules.link_hash(token),
                PasswordReset.used_at.is_(None),
                PasswordReset.expires_at > now,
            )
            .values(used_at=now)
        )
    )
    if claimed != 1:
        raise LinkNotUsable("used")
    user.password_hash = generate_password_hash(password)
    ended = access.end_sessions(session, now, user)
    session.flush()
    audit.record(session, user, now, "user.password_set", "user", user.id, {"sessions": ended})
    return user
