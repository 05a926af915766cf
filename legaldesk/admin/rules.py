"""What an account may be changed into, and the one-time password links: plain
Python, no Flask, no database, no clock (``now`` is an argument)."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from legaldesk.auth.rules import ROLES
from legaldesk.errors import Conflict, FieldErrors
from legaldesk.messages import N_, Msg
from legaldesk.validation import BAD_EMAIL, CHOOSE, EMAIL, row_id, text, visible_text

# The house's shortest password (the CLI and the demo ask the same).
PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 200
# A set-password link is good for a day, and for one use.
LINK_VALID_FOR = timedelta(hours=24)
USERS_PER_PAGE = 25
NAME_MAX = 100
# What a link can be when someone opens it.
LINK_STATES = ("valid", "expired", "used", "unknown", "deactivated")


class SelfLockout(Conflict):
    """An admin who deactivated or demoted themself could not undo it."""

    code = "self_lockout"
    default_message = Msg(
        N_("You cannot deactivate your own account or take away your own admin role.")
    )


class LastAdmin(Conflict):
    """Without an active admin nobody could make or mend accounts but the command line."""

    code = "last_admin"
    default_message = Msg(N_("The desk must keep at least one active admin."))


def account_email(errors: FieldErrors, value: Any, name: str = "email") -> str:
    """An account's e-mail address, as every way in (pages, API, command line) takes
    it: NFKC first (a full-width "ｉntake@…" is "intake@…"), lower case, then plain
    printable ASCII of the shape EMAIL only. Nothing else gets in, so no lookalike
    ("İntake@…", a zero-width or text-direction character) passes for another
    account's address."""
    typed = text(errors, value, name, 254, required=True)
    email = unicodedata.normalize("NFKC", typed).lower()
    if typed and not (
        email.isascii() and email.isprintable() and len(email) <= 254 and EMAIL.match(email)
    ):
        errors.add(name, BAD_EMAIL)
    return email


def account_name(errors: FieldErrors, value: Any, name: str = "name") -> str:
    """An account's name, without hidden characters (validation.visible_text)."""
    return visible_text(errors, value, name, NAME_MAX, required=True)


def is_active_admin(role: str, active: bool) -> bool:
    return role == "admin" and active


def check_change(
    actor_id: int | None,
    user_id: int,
    before: tuple[str, bool],
    after: tuple[str, bool],
    other_active_admins: int,
) -> None:
    """An account's (role, active) going from ``before`` to ``after``: refused when it
    is the acting admin's own admin account, or the last active admin's."""
    refusal = lockout(actor_id, user_id, before, after, other_active_admins)
    if refusal is not None:
        raise refusal


def lockout(
    actor_id: int | None,
    user_id: int,
    before: tuple[str, bool],
    after: tuple[str, bool],
    other_active_admins: int,
) -> Conflict | None:
    """check_change's refusal, if any, naming the field that makes it: the role when
    the account would stop being an admin, else its state."""
    if not is_active_admin(*before) or is_active_admin(*after):
        return None
    field = "role" if after[0] != "admin" else "active"
    if actor_id == user_id:
        return SelfLockout(fields={field: [SelfLockout.default_message]})
    if other_active_admins == 0:
        return LastAdmin(fields={field: [LastAdmin.default_message]})
    return None


def linked_ids(
    role: str, lawyer_id: int | None, enterprise_id: int | None
) -> tuple[int | None, int | None]:
    """The links a role keeps: a lawyer account its directory lawyer, an enterprise
    account its enterprise, every other account neither (a coordinator who was a
    lawyer does not keep a lawyer's queue)."""
    return (
        lawyer_id if role == "lawyer" else None,
        enterprise_id if role == "enterprise" else None,
    )


def parse_account(raw: Any, creating: bool) -> dict[str, Any]:
    """The fields of a JSON body: ``email`` (creating only), ``name``, ``role``,
    ``lawyer_id``, ``enterprise_uscc``, ``active`` (changing only); only those
    given are answered. Shape only: whether the lawyer or enterprise exists is the
    service's question."""
    if not isinstance(raw, dict):
        raise_one("body", Msg(N_("Send a JSON object.")))
    errors = FieldErrors()
    known = {"name", "role", "lawyer_id", "enterprise_uscc"}
    known |= {"email"} if creating else {"active"}
    for name in raw:
        if name not in known:
            errors.add(str(name)[:50], Msg(N_("This field is not known.")))
    out: dict[str, Any] = {}
    if creating or "email" in raw:
        out["email"] = account_email(errors, raw.get("email"))
    if creating or "name" in raw:
        out["name"] = account_name(errors, raw.get("name"))
    if creating or "role" in raw:
        role = raw.get("role")
        if role not in ROLES:
            errors.add("role", CHOOSE)
        out["role"] = role
    if raw.get("lawyer_id") is not None or "lawyer_id" in raw and not creating:
        out["lawyer_id"] = row_id(errors, raw.get("lawyer_id"), "lawyer_id", required=False)
    if raw.get("enterprise_uscc") is not None or "enterprise_uscc" in raw and not creating:
        out["enterprise_uscc"] = text(
            errors, raw.get("enterprise_uscc"), "enterprise_uscc", 40, required=False
        )
    if "active" in raw and not creating:
        if not isinstance(raw["active"], bool):
            errors.add("active", Msg(N_("Answer true or false.")))
        out["active"] = raw["active"]
    errors.raise_if_any()
    return out


def raise_one(field: str, message: Msg) -> None:
    errors = FieldErrors()
    errors.add(field, message)
    errors.raise_if_any()


def password_errors(password: Any, confirm: Any) -> FieldErrors:
    """A new password: long enough, not absurdly long, typed the same twice."""
    errors = FieldErrors()
    if not isinstance(password, str) or len(password) < PASSWORD_MIN_LENGTH:
        errors.add(
            "password", Msg(N_("At least %(min)d characters."), {"min": PASSWORD_MIN_LENGTH})
        )
    elif len(password) > PASSWORD_MAX_LENGTH:
        errors.add("password", Msg(N_("At most %(max)d characters."), {"max": PASSWORD_MAX_LENGTH}))
    elif password != confirm:
        errors.add("confirm", Msg(N_("The two passwords are not the same.")))
    return errors


def link_hash(token: str) -> str:
    """What the table keeps of a link's token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def link_state(expires_at: datetime | None, used_at: datetime | None, now: datetime) -> str:
    """One of LINK_STATES for a stored link (``expires_at`` None: no such link)."""
    if expires_at is None:
        return "unknown"
    if used_at is not None:
        return "used"
    return "valid" if now < expires_at else "expired"


@dataclass(frozen=True)
class UserFilters:
    q: str = ""
    role: str | None = None
    active: bool | None = None
    page: int = 1
    per_page: int = USERS_PER_PAGE


MAX_PER_PAGE = 100
MAX_PAGE = 100_000


def parse_list_args(args: Mapping[str, str]) -> UserFilters:
    """``q``, ``role``, ``active`` (true/false), ``page``, ``per_page`` of GET /users;
    a value out of its range is a field error, not a guess."""
    errors = FieldErrors()
    q = args.get("q", "").strip()
    if len(q) > 100:
        errors.add("q", Msg(N_("At most %(max)d characters."), {"max": 100}))
    role = args.get("role") or None
    if role is not None and role not in ROLES:
        errors.add("role", CHOOSE)
    active = {"true": True, "false": False, None: None, "": None}.get(args.get("active"), "bad")
    if active == "bad":
        errors.add("active", Msg(N_("Answer true or false.")))
    numbers = {}
    for name, default, top in (("page", 1, MAX_PAGE), ("per_page", USERS_PER_PAGE, MAX_PER_PAGE)):
        raw = args.get(name, "")
        value = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 6 else None
        if raw and (value is None or not 1 <= value <= top):
            errors.add(name, Msg(N_("A whole number from 1 to %(max)d."), {"max": top}))
        numbers[name] = value or default
    errors.raise_if_any()
    return UserFilters(q, role, active if isinstance(active, bool) else None, **numbers)
