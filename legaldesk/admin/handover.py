"""Handing a one-time link over: its address, and the mail that carries it, sent
after the commit that stored its hash (the link itself never reaches the outbox)."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, has_request_context, request, url_for

from legaldesk.admin.rules import LINK_VALID_FOR
from legaldesk.auth.models import User
from legaldesk.config import DEFAULTS
from legaldesk.notify.compose import send_now


def link_address(token: str) -> str:
    """The full address of the link: on the public address when one is configured
    (LEGALDESK_PUBLIC_URL), else on the address the admin reached the desk at (the
    request's own root, behind TRUSTED_PROXIES as the proxy names it), since the
    default public address is only right for a desk on 127.0.0.1:5000."""
    root = current_app.config["PUBLIC_URL"]
    if root == DEFAULTS["PUBLIC_URL"] and has_request_context():
        root = request.host_url
    return root.rstrip("/") + url_for("passwords.set_password", token=token)


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
