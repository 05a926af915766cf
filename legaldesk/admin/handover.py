"""Handing a one-time link over: its address, and the mail that carries it, sent
after the commit that stored its hash (the link itself never reaches the outbox)."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, url_for

from legaldesk.admin.rules import LINK_VALID_FOR
from legaldesk.auth.models import User
from legaldesk.notify.compose import send_now


def link_address(token: str) -> str:
    """The full address of the link, on the desk's public address."""
    path = url_for("passwords.set_password", token=token, _external=False)
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


def mail_link(user: User, token: str, now: datetime, new: bool) -> bool:
    """Mail the link to the account's own address; answers whether it went out."""
    payload = {
        "name": user.name,
        "email": user.email,
        "link": link_address(token),
        "expires_at": (now + LINK_VALID_FOR).isoformat(),
        "new": new,
    }
    key = f"password-link.{user.id}.{int(now.timestamp())}"
    return send_now("password_link", key, user.email, payload, user.locale or "zh_CN")
