"""Creating and changing accounts (the admin pages, the API, the CLI, the demo).

It lives above auth: an account may point at a lawyer of the directory (routing) or
at an enterprise, and auth sits below both."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from werkzeug.security import generate_password_hash

from legaldesk.actor import Actor
from legaldesk.admin import access, resets, rules
from legaldesk.audit import service as audit
from legaldesk.auth.models import User, UserSession
from legaldesk.auth.rules import ROLES, may_administer_users
from legaldesk.auth.service import active_admin_ids, has_role
from legaldesk.db import DbSession
from legaldesk.enterprises.models import Enterprise
from legaldesk.enterprises.rules import normalise_uscc
from legaldesk.enterprises.service import by_uscc
from legaldesk.errors import Conflict, FieldErrors, Forbidden, NotFound
from legaldesk.messages import N_, Msg
from legaldesk.routing.models import Firm, Lawyer

DUPLICATE = Msg(N_("A user with this e-mail address exists already."))


def _email_taken() -> Conflict:
    """409 for the API; the pages show it at the e-mail field, keeping what was typed."""
    return Conflict(DUPLICATE, fields={"email": [DUPLICATE]})


def _lawyer_link(session: DbSession, errors: FieldErrors, lawyer_id: int | None) -> None:
    if lawyer_id is None or session.get(Lawyer, lawyer_id) is None:
        errors.add(
            "lawyer_id", Msg(N_("A lawyer account needs an existing lawyer of the directory."))
        )


class LawyerHasAccount(Conflict):
    """A directory lawyer has one active account: two would split the lawyer's queue,
    reminders and audit trail between two logins."""

    code = "lawyer_has_account"
    default_message = Msg(N_("This lawyer has an account already."))

    def __init__(self) -> None:
        super().__init__(fields={"lawyer_id": [self.default_message]})


def _one_account_per_lawyer(session: DbSession, lawyer_id: int, user_id: int | None) -> None:
    """LawyerHasAccount when another active account is linked to ``lawyer_id``. The
    lawyer's row is locked until the commit, so two admins linking one lawyer at
    once queue and the second sees the first's account."""
    session.scalar(sa.select(Lawyer.id).where(Lawyer.id == lawyer_id).with_for_update())
    other = session.scalar(
        sa.select(User.id)
        .where(User.lawyer_id == lawyer_id, User.active, User.id != (user_id or 0))
        .limit(1)
    )
    if other is not None:
        raise LawyerHasAccount()


def _enterprise_link(session: DbSession, errors: FieldErrors, uscc: str | None) -> int | None:
    code, problem = normalise_uscc(uscc or "")
    enterprise = None if problem else by_uscc(session, code)
    if enterprise is None:
        errors.add("enterprise_uscc", Msg(N_("An enterprise account needs a known credit code.")))
        return None
    return enterprise.id


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
    hash_method: str = "scrypt",
) -> User:
    """A staff or enterprise account, audited. A lawyer's account points at a lawyer
    of the directory, an enterprise's at a known enterprise (by credit code). Without
    a password nobody can log in to it until a one-time link sets one (resets.py).
    ``hash_method`` stays scrypt on a desk; tests and bulk seeding pass a cheaper one."""
    errors = FieldErrors()
    email = rules.account_email(errors, email)
    name = rules.account_name(errors, name)
    if role not in ROLES:
        errors.add("role", Msg(N_("Choose one of the listed options.")))
    if password is not None and len(password) < rules.PASSWORD_MIN_LENGTH:
        errors.add(
            "password",
            Msg(N_("At least %(min)d characters."), {"min": rules.PASSWORD_MIN_LENGTH}),
        )
    if role == "lawyer":
        _lawyer_link(session, errors, lawyer_id)
    enterprise_id = (
        _enterprise_link(session, errors, enterprise_uscc) if role == "enterprise" else None
    )
    errors.raise_if_any()
    if session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        raise _email_taken()
    if role == "lawyer" and lawyer_id is not None:
        _one_account_per_lawyer(session, lawyer_id, None)
    lawyer_id, enterprise_id = rules.linked_ids(role, lawyer_id, enterprise_id)
    user = User(
        email=email,
        name=name,
        role=role,
        password_hash=generate_password_hash(password, method=hash_method) if password else None,
        lawyer_id=lawyer_id,
        enterprise_id=enterprise_id,
        created_at=now,
    )
    try:
        with session.begin_nested():  # two admins adding one address at once: one wins
            session.add(user)
    except IntegrityError:
        raise _email_taken() from None
    audit.record(session, actor, now, "user.create", "user", user.id, {"role": role})
    return user


def _allowed(actor: Actor | None) -> None:
    if actor is not None and not may_administer_users(actor):
        raise Forbidden()


def user_for_admin(session: DbSession, actor: Actor | None, user_id: int) -> User:
    _allowed(actor)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    return user


def _other_active_admins(session: DbSession, user_id: int) -> int:
    """Active admins other than ``user_id``. Every active admin's row is locked until
    the commit (the changed one too), so two admins demoting each other at once queue,
    and the second sees the first's change: they cannot leave none."""
    return len([i for i in active_admin_ids(session, lock=True) if i != user_id])


def may_deactivate(session: DbSession, actor: Actor, user: User) -> bool:
    """Whether the account page offers to deactivate ``user``: not one's own account,
    not the last active admin's, not one deactivated already."""
    others = len([i for i in active_admin_ids(session) if i != user.id])
    before = (user.role, user.active)
    return user.active and (
        rules.lockout(actor.id, user.id, before, (user.role, False), others) is None
    )


def change_user(
    session: DbSession, actor: Actor | None, now: datetime, user: User, changes: dict[str, Any]
) -> User:
    """Apply ``name``, ``role``, ``lawyer_id``, ``enterprise_uscc`` and ``active`` (as
    rules.parse_account answers them); a role keeps only its own link. Deactivating
    ends every login session and revokes every API token of the account at once.
    An admin never deactivates or demotes themself, nor the last active admin."""
    _allowed(actor)
    role = changes.get("role", user.role)
    active = changes.get("active", user.active)
    rules.check_change(
        actor.id if actor is not None else None,
        user.id,
        (user.role, user.active),
        (role, active),
        _other_active_admins(session, user.id),
    )
    errors = FieldErrors()
    name = rules.account_name(errors, changes["name"]) if "name" in changes else user.name
    lawyer_id = changes.get("lawyer_id", user.lawyer_id)
    enterprise_id = user.enterprise_id
    if role == "lawyer":
        _lawyer_link(session, errors, lawyer_id)
    elif changes.get("lawyer_id") is not None:
        errors.add("lawyer_id", Msg(N_("Only a lawyer account is linked to a lawyer.")))
    if role == "enterprise" and ("enterprise_uscc" in changes or enterprise_id is None):
        enterprise_id = _enterprise_link(session, errors, changes.get("enterprise_uscc"))
    elif role != "enterprise" and changes.get("enterprise_uscc"):
        errors.add(
            "enterprise_uscc", Msg(N_("Only an enterprise account is linked to an enterprise."))
        )
    errors.raise_if_any()
    lawyer_id, enterprise_id = rules.linked_ids(role, lawyer_id, enterprise_id)
    newly_linked = (lawyer_id, active) != (user.lawyer_id, user.active)
    if lawyer_id is not None and active and newly_linked:
        _one_account_per_lawyer(session, lawyer_id, user.id)
    was_active = user.active
    # Old and new values of what changed (never a password): the audit entry's detail.
    changed = {
        field: [old, new]
        for field, old, new in (
            ("name", user.name, name),
            ("role", user.role, role),
            ("lawyer", user.lawyer_id, lawyer_id),
            ("enterprise", user.enterprise_id, enterprise_id),
        )
        if old != new
    }
    user.name = name
    user.role, user.lawyer_id, user.enterprise_id = role, lawyer_id, enterprise_id
    session.flush()
    if changed:  # a change of state alone is user.deactivate or user.reactivate
        if active != was_active:
            changed["active"] = [was_active, active]
        detail = {"fields": sorted(changed), **changed}
        audit.record(session, actor, now, "user.change", "user", user.id, detail)
    if active != was_active:
        set_active(session, actor, now, user, active)
    return user


def set_active(
    session: DbSession, actor: Actor | None, now: datetime, user: User, active: bool
) -> None:
    """Deactivate (ending every session, token and unused set-password link of the
    account at once) or let the account in again; what was ended stays ended."""
    user.active = active
    session.flush()
    if active:
        audit.record(session, actor, now, "user.reactivate", "user", user.id)
        return
    sessions = access.end_sessions(session, now, user)
    tokens = access.revoke_tokens(session, now, user)
    links = resets.cancel_links(session, now, user)
    audit.record(
        session,
        actor,
        now,
        "user.deactivate",
        "user",
        user.id,
        {"sessions": sessions, "tokens": tokens, "password_links": links},
    )


def list_users(
    session: DbSession, actor: Actor, filters: rules.UserFilters
) -> tuple[list[User], int, dict[int, datetime]]:
    """A page of accounts (newest first) matching name or e-mail, role and state; the
    total; and when each was last seen (its latest login session's last use)."""
    _allowed(actor)
    query = sa.select(User)
    if filters.q:
        pattern = (
            "%" + filters.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
        query = query.outerjoin(Lawyer, Lawyer.id == User.lawyer_id).outerjoin(
            Enterprise, Enterprise.id == User.enterprise_id
        )
        query = query.where(
            sa.or_(
                User.name.ilike(pattern, escape="\\"),
                User.email.ilike(pattern, escape="\\"),
                Lawyer.name.ilike(pattern, escape="\\"),
                Enterprise.name.ilike(pattern, escape="\\"),
            )
        )
    if filters.role:  # a known role: the views and rules.parse_list_args checked it
        query = query.where(has_role(filters.role))
    if filters.active is not None:
        query = query.where(User.active.is_(filters.active))
    total = session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    users = list(
        session.scalars(
            query.options(selectinload(User.lawyer), selectinload(User.enterprise))
            .order_by(User.created_at.desc(), User.id.desc())
            .offset((filters.page - 1) * filters.per_page)
            .limit(filters.per_page)
        )
    )
    seen = dict(
        session.execute(
            sa.select(UserSession.user_id, sa.func.max(UserSession.last_seen_at))
            .where(UserSession.user_id.in_([u.id for u in users]))
            .group_by(UserSession.user_id)
        ).all()
    )
    return users, total, seen


def enterprise_code(session: DbSession, typed: str | None) -> str | None:
    """What an admin typed for an enterprise account: a credit code as it is, or an
    enterprise's exact name turned into its credit code."""
    typed = (typed or "").strip()
    if not typed:
        return None
    _, problem = normalise_uscc(typed)
    if problem is None:
        return typed
    code = session.scalar(sa.select(Enterprise.uscc).where(Enterprise.name == typed).limit(1))
    return code or typed


class LawyerChoice(NamedTuple):
    id: int
    name: str
    firm: str | None  # None: a member of the expert panel (or a lawyer of no firm)
    panel: bool
    has_account: bool


def link_choices(
    session: DbSession, user_id: int | None = None
) -> tuple[list[LawyerChoice], list[tuple[str, str]]]:
    """The directory's lawyers, by name, with their firm and whether an active account
    other than ``user_id`` has each; and the known enterprises (credit code, name)
    to pick from when an account is linked."""
    with_account = set(
        session.scalars(
            sa.select(User.lawyer_id).where(
                User.lawyer_id.is_not(None), User.active, User.id != (user_id or 0)
            )
        )
    )
    lawyers = session.execute(
        sa.select(Lawyer.id, Lawyer.name, Firm.name, Lawyer.kind)
        .outerjoin(Firm, Firm.id == Lawyer.firm_id)
        .order_by(Lawyer.name, Lawyer.id)
    ).all()
    enterprises = session.execute(
        sa.select(Enterprise.uscc, Enterprise.name).order_by(Enterprise.name).limit(500)
    ).all()
    choices = [
        LawyerChoice(i, name, firm, kind == "panel_expert", i in with_account)
        for i, name, firm, kind in lawyers
    ]
    return choices, [tuple(r) for r in enterprises]  # type: ignore[misc]
