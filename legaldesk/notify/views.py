"""The bell: unread count in the header, the list, mark read; failed mail for coordinators."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.audit import service as audit
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.notify import service

bp = Blueprint("notify", __name__)

KIND_LABELS = {
    "case_routed": lambda p: _("Case %(reference)s was routed to you.", reference=p["reference"]),
    "sla_breach": lambda p: _(
        "Case %(reference)s was not accepted within %(hours)s working hours.",
        reference=p["reference"],
        hours=p.get("hours"),
    ),
    "delivery_failed": lambda p: _(
        "An e-mail about case %(reference)s could not be delivered.",
        reference=p.get("reference") or "—",
    ),
    "followup_due": lambda p: _(
        "The follow-up of case %(reference)s is due (%(day)s).",
        reference=p["reference"],
        day=p.get("due_on"),
    ),
    "callback_needed": lambda p: _(
        "Case %(reference)s: the enterprise rated the service %(n)s of 5. Call it back.",
        reference=p["reference"],
        n=p.get("satisfaction"),
    ),
    "calendar_year": lambda p: _(
        "The official holidays of %(year)s are not entered yet: enter them on the "
        "working calendar and confirm the year.",
        year=p.get("year"),
    ),
    "mediation_deadline": lambda p: _(
        "Case %(reference)s: %(what)s.",
        reference=p["reference"],
        what=_("the other side did not consent within 14 days; the mediation failed")
        if p.get("what") == "no_reply"
        else _("the 30 days to apply for judicial confirmation are over"),
    ),
}


def notification_text(notification) -> str:
    label = KIND_LABELS.get(notification.kind)
    return label(notification.payload) if label else notification.kind


def can_manage_outbox(user) -> bool:
    return user.role in ("coordinator", "admin")


@bp.app_context_processor
def bell():
    if not current_user or not current_user.is_authenticated:
        return {}
    return {"unread_notifications": service.unread_count(db.session, current_user.id)}


@bp.get("/notifications")
def notifications():
    items = service.notifications_for(db.session, current_user.id)
    failed = service.failed_messages(db.session) if can_manage_outbox(current_user) else []
    return render_template("notify/list.html", items=items, failed=failed, text=notification_text)


@bp.post("/notifications/read")
@bp.post("/notifications/<id:notification_id>/read")
def mark_read(notification_id: int | None = None):
    service.mark_read(db.session, current_user.id, utcnow(), notification_id)
    db.session.commit()
    return redirect(url_for(".notifications"))


@bp.post("/outbox/<id:message_id>/retry")
def retry(message_id: int):
    if not can_manage_outbox(current_user):
        abort(403)
    now = utcnow()
    service.retry_failed(db.session, now, message_id)
    audit.record(db.session, current_user, now, "outbox.retry", "outbox", message_id)
    db.session.commit()
    flash(_("The e-mail will be sent again."), "success")
    return redirect(url_for(".notifications"))
