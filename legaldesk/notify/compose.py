"""Mail text from templates, in the recipient's language, with the words its kind
registered (``notify/kinds.py``); the transport that sends it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale, gettext

from legaldesk.i18n import local_time
from legaldesk.notify import kinds, mailer
from legaldesk.notify.models import OutboxMessage
from legaldesk.notify.rules import message_id


def render(row: OutboxMessage) -> tuple[str, str]:
    """Subject and body of a row's e-mail in its locale (needs an app context)."""
    payload = dict(row.payload)
    with force_locale(row.locale):
        for name in ("received_at", "at", "starts_at"):
            if name in payload:
                payload[name] = local_time(datetime.fromisoformat(payload[name]))
        if "ends_at" in payload:
            payload["ends_at"] = local_time(datetime.fromisoformat(payload["ends_at"]), "HH:mm")
        kind = kinds.kind(row.kind)
        if kind.prepare:
            kind.prepare(payload)
        status_url = f"{current_app.config['PUBLIC_URL'].rstrip('/')}/status?reference=" + (
            payload.get("reference") or ""
        )
        subject = (
            gettext("Business-Environment Legal Service Center")
            + ": "
            + (kind.subject(payload) if kind.subject else row.kind)
        )
        body = render_template(
            f"notify/mail/{row.kind}.txt", p=payload, status_url=status_url, locale=row.locale
        )
    return subject, body


def smtp_transport() -> Callable[[OutboxMessage], None]:
    """Send rows by SMTP with the app's LEGALDESK_MAIL_* settings."""
    settings = mailer.MailSettings.from_config(current_app.config)
    domain = urlsplit(current_app.config["PUBLIC_URL"]).hostname or "legaldesk.local"

    def send(row: OutboxMessage) -> None:
        subject, body = render(row)
        mailer.send(
            settings,
            mailer.build(settings, row.recipient, subject, body, message_id(row.key, domain)),
        )

    return send
