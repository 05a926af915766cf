"""Staff and enterprise accounts, and their API tokens."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from legaldesk.auth.rules import ROLES
from legaldesk.db import Model, UTCDateTime

_role_list = ", ".join(f"'{r}'" for r in ROLES)


class User(UserMixin, Model):
    __tablename__ = "users"
    __table_args__ = (sa.CheckConstraint(f"role IN ({_role_list})", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    role: Mapped[str] = mapped_column(sa.String(20))
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    lawyer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("lawyers.id"))
    enterprise_id: Mapped[int | None] = mapped_column(sa.ForeignKey("enterprises.id"))
    locale: Mapped[str | None] = mapped_column(sa.String(10))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    lawyer = relationship("Lawyer")
    enterprise = relationship("Enterprise")

    @property
    def session_key(self) -> str | None:
        """The login session this object was loaded for (not a column); see get_id."""
        return self.__dict__.get("_session_key")

    @session_key.setter
    def session_key(self, key: str | None) -> None:
        self.__dict__["_session_key"] = key

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    # UserMixin compares users by get_id(), which is now a session key (or empty):
    # compare rows instead (one object per row and database session).
    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__

    def get_id(self) -> str:
        """Flask-Login keeps this in the cookie: the key of one login session, not the
        user's id, so that logging out can end it on the server (auth/sessions.py)."""
        return self.session_key or ""


class ApiToken(Model):
    """A bearer token; only its SHA-256 is stored, the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # What it is for ("nightly export"), so an admin can tell a user's tokens apart.
    name: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class UserSession(Model):
    """One login on one browser. The cookie holds a random key, the table its SHA-256;
    a session is valid while ``ended_at`` is empty (logout and "everywhere" fill it)."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    user_agent: Mapped[str] = mapped_column(sa.String(200), default="")
    address: Mapped[str] = mapped_column(sa.String(45), default="")

    user: Mapped[User] = relationship()
