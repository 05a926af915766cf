"""The words of the admin wing: roles as a clerk names them, what a one-time link's
state means, and the set-password message's subject."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from legaldesk.i18n import local_time
from legaldesk.messages import N_, Msg, render
from legaldesk.notify.kinds import Payload

ROLE_LABELS = {
    "intake": N_("Front desk"),
    "lawyer": N_("Lawyer"),
    "coordinator": N_("Coordinator"),
    "admin": N_("Administrator"),
    "enterprise": N_("Enterprise account"),
}

LINK_PROBLEMS = {
    "expired": N_("This link has expired. Ask the center for a new one."),
    "used": N_(
        "This link has been used already, or a newer link replaced it. Ask the center "
        "for a new one if you still need to set your password."
    ),
    "deactivated": N_("This account is deactivated. Ask the center if you need it again."),
    "unknown": N_(
        "This link is not valid. Check that you copied all of it, or ask the center for a new one."
    ),
}


def role_label(role_or_user: Any) -> str:
    """A role (or an account's role) in the reader's language (the code itself when
    unknown); templates pass the account, so they never read its role themselves."""
    role = getattr(role_or_user, "role", role_or_user)
    return render(Msg(ROLE_LABELS[role])) if role in ROLE_LABELS else str(role)


def password_link_subject(p: Payload) -> str:
    return render(Msg(N_("Set your password")))


def prepare_password_link(p: Payload) -> None:
    """The link's expiry in the reader's zone and language."""
    if p.get("expires_at"):
        p["expires"] = local_time(datetime.fromisoformat(p["expires_at"]))
