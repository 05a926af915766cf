"""Notes on the case page: the panel and the form that adds one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.auth import rules as permissions
from legaldesk.cases.models import Consultation
from legaldesk.cases.service import case_for_change
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.flashing import attempt
from legaldesk.notes import rules, service
from legaldesk.signals import Panel, TimelineItem

bp = Blueprint("notes", __name__)


def case_panel(case: Consultation, *, viewer: Any, session: Any, now: datetime) -> Panel | None:
    """The form for a new internal note; nothing for anyone who may not write them
    (the panel does not say that notes exist)."""
    if not permissions.may_write_notes(viewer, case):
        return None
    context = {"has_notes": service.has_notes(session, viewer, case)}
    return Panel("notes/_panel.html", {**context, "note_max": rules.MAX_LENGTH}, order=50)


def timeline_notes(case: Consultation, *, viewer: Any, session: Any) -> list[TimelineItem]:
    """The notes in the case's timeline, in time order with its status changes, for
    whoever may write them (never the enterprise or a mediator)."""
    if not permissions.may_write_notes(viewer, case):
        return []
    return [
        TimelineItem(n.created_at, _("Internal note"), n.author.name if n.author else None, n.text)
        for n in service.notes_of(session, viewer, case)
    ]


@bp.post("/cases/<reference>/notes")
def add(reference: str):
    """A case the user may not read is a 404, not a flashed message on its page."""
    case = case_for_change(db.session, current_user, reference)
    attempt(
        lambda: service.add(
            db.session, current_user, utcnow(), case, {"text": request.form.get("text")}
        ),
        _("The note was not saved:"),
        _("Note saved."),
    )
    return redirect(url_for("cases.case_page", reference=reference) + "#notes")
