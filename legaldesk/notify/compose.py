"""Mail text from templates, in the recipient's language; the transport that sends it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale, gettext

from legaldesk.i18n import local_time, status_label
from legaldesk.notify import mailer
from legaldesk.notify.models import OutboxMessage
from legaldesk.notify.rules import message_id

SUBJECTS = {
    "ack": lambda p: gettext(
        "We have received your consultation %(reference)s", reference=p["reference"]
    ),
    "sla_breach": lambda p: gettext(
        "Case %(reference)s was not accepted in time", reference=p["reference"]
    ),
    "session_reminder": lambda p: gettext("Reminder: %(title)s tomorrow", title=p["title"]),
    "followup_due": lambda p: gettext(
        "Follow-up of case %(reference)s is due", reference=p["reference"]
    ),
    "calendar_year": lambda p: gettext(
        "Enter the official holidays of %(year)s", year=p.get("year")
    ),
    "audit_checkpoint": lambda p: gettext("Audit log checkpoint of %(day)s", day=p.get("day")),
    "audit_broken": lambda p: gettext(
        "The audit log failed verification on %(day)s: no checkpoint written", day=p.get("day")
    ),
    "status_change": lambda p: gettext(
        "Your case %(reference)s is now: %(status)s",
        reference=p["reference"],
        status=status_label(p["status"]),
    ),
}


def render(row: OutboxMessage) -> tuple[str, str]:
    """Subject and body of a row's e-mail in its locale (needs an app context)."""
    payload = dict(row.payload)
    with force_locale(row.locale):
        for name in ("received_at", "at", "starts_at"):
            if name in payload:
                payload[name] = local_time(datetime.fromisoformat(payload[name]))
        if "ends_at" in payload:
            payload["ends_at"] = local_time(datetime.fromisoformat(payload["ends_at"]), "HH:mm")
        if "status" in payload:
            payload["status_label"] = status_label(payload["status"])
        status_url = f"{current_app.config['PUBLIC_URL'].rstrip('/')}/status?reference=" + (
            payload.get("reference") or ""
        )
        subject = (
            gettext("Business-Environment Legal Service Center")
            + ": "
            + SUBJECTS[row.kind](payload)
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
