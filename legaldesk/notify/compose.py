"""Mail text from templates, in the recipient's language, with the words its kind
registered (``notify/kinds.py``); the transport that sends it."""

from __future__ import annotations

import smtplib
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
    return render_message(row.kind, row.locale, row.payload)


def render_message(kind_name: str, locale: str, raw: dict) -> tuple[str, str]:
    """Subject and body of a message of ``kind_name`` in ``locale``."""
    payload = dict(raw)
    with force_locale(locale):
        for name in ("received_at", "at", "starts_at"):
            if name in payload:
                payload[name] = local_time(datetime.fromisoformat(payload[name]))
        if "ends_at" in payload:
            payload["ends_at"] = local_time(datetime.fromisoformat(payload["ends_at"]), "HH:mm")
        kind = kinds.kind(kind_name)
        if kind.prepare:
            kind.prepare(payload)
        status_url = f"{current_app.config['PUBLIC_URL'].rstrip('/')}/status?reference=" + (
            payload.get("reference") or ""
        )
        subject = (
            gettext("Business-Environment Legal Service Center")
            + ": "
            + (kind.subject(payload) if kind.subject else kind_name)
        )
        body = render_template(
            f"notify/mail/{kind_name}.txt", p=payload, status_url=status_url, locale=locale
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


def send_now(kind_name: str, key: str, recipient: str, payload: dict, locale: str) -> bool:
    """Send one message at once, outside the outbox, after the caller's commit: for a
    secret the database must never hold (a one-time link), which the outbox would keep
    in its payload. Answers whether the server took it; the caller tells the user
    when not (nothing retries it)."""
    settings = mailer.MailSettings.from_config(current_app.config)
    domain = urlsplit(current_app.config["PUBLIC_URL"]).hostname or "legaldesk.local"
    subject, body = render_message(kind_name, locale, payload)
    try:
        mailer.send(
            settings, mailer.build(settings, recipient, subject, body, message_id(key, domain))
        )
    except (OSError, smtplib.SMTPException):
        current_app.logger.warning("%s mail to user could not be sent", kind_name)
        return False
    return True
