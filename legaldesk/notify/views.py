"""The bell: unread count in the header, the list, mark read; failed mail for coordinators."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.audit import service as audit
from legaldesk.auth.rules import may_manage_outbox
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.notify import kinds, service

bp = Blueprint("notify", __name__)


def notification_text(notification) -> str:
    """The bell's sentence, in the words the sending wing registered for its kind."""
    bell = kinds.kind(notification.kind).bell
    return bell(notification.payload) if bell else notification.kind


@bp.app_context_processor
def bell():
    if not current_user or not current_user.is_authenticated:
        return {}
    return {"unread_notifications": service.unread_count(db.session, current_user.id)}


@bp.get("/notifications")
def notifications():
    items = service.notifications_for(db.session, current_user.id)
    failed = service.failed_messages(db.session) if may_manage_outbox(current_user) else []
    return render_template("notify/list.html", items=items, failed=failed, text=notification_text)


@bp.post("/notifications/read")
@bp.post("/notifications/<id:notification_id>/read")
def mark_read(notification_id: int | None = None):
    service.mark_read(db.session, current_user.id, utcnow(), notification_id)
    db.session.commit()
    return redirect(url_for(".notifications"))


@bp.post("/outbox/<id:message_id>/retry")
def retry(message_id: int):
    if not may_manage_outbox(current_user):
        abort(403)
    now = utcnow()
    service.retry_failed(db.session, now, message_id)
    audit.record(db.session, current_user, now, "outbox.retry", "outbox", message_id)
    db.session.commit()
    flash(_("The e-mail will be sent again."), "success")
    return redirect(url_for(".notifications"))
