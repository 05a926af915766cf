"""/settings/categories and /settings/closing-codes: the managers keep the center's
lists in pages (add, rename in both languages, reorder, retire, reinstate)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.auth.rules import may_keep_reference_data
from legaldesk.cases import reference
from legaldesk.cases.reference_rules import KINDS
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import DeskError
from legaldesk.flashing import attempt, explain_beside_fields
from legaldesk.messages import render

bp = Blueprint("reference", __name__, url_prefix="/settings")
LISTS = "<any(categories, 'closing-codes'):slug>"


@bp.before_request
def managers_only():
    if current_user.is_authenticated and not may_keep_reference_data(current_user):
        abort(403)


def _fields(error: DeskError) -> dict[str, list[str]]:
    return {name: [render(m) for m in messages] for name, messages in error.fields.items()}


@bp.get("")
def index():
    return redirect(url_for(".entries", slug="categories"))


def _list_page(slug: str, errors: dict | None = None, entered: Any = None, status: int = 200):
    return render_template(
        "cases/reference.html",
        slug=slug,
        kind=KINDS[slug],
        rows=reference.entries(db.session, slug),
        unlisted=reference.unlisted_categories(db.session) if slug == "categories" else set(),
        errors=errors or {},
        entered=entered or {},
    ), status


@bp.get(f"/{LISTS}")
def entries(slug: str):
    return _list_page(slug)


@bp.post(f"/{LISTS}")
def add(slug: str):
    form = request.form
    raw: dict[str, Any] = {k: form.get(k, "") for k in ("code", "label_zh", "label_en")}
    if slug == "categories":
        raw["foreign"] = bool(form.get("foreign"))
    try:
        row = reference.add(db.session, current_user, utcnow(), slug, raw)
    except DeskError as error:
        db.session.rollback()
        why = explain_beside_fields(error, ("code", "label_zh", "label_en"))
        flash(_("Nothing was added: %(why)s", why=why), "error")
        return _list_page(slug, _fields(error), form, error.status)
    db.session.commit()
    flash(_("Added %(code)s.", code=row.code), "success")
    return redirect(url_for(".entries", slug=slug))


def _entry_page(slug: str, row: Any, errors: dict | None = None, entered: Any = None):
    return render_template(
        "cases/reference_entry.html",
        slug=slug,
        row=row,
        used=reference.cases_using(db.session, slug, row.code),
        errors=errors or {},
        entered=entered or {},
    ), (422 if errors else 200)


@bp.route(f"/{LISTS}/<code>", methods=["GET", "POST"])
def entry(slug: str, code: str):
    row = reference.entry(db.session, slug, code)
    if request.method == "GET":
        return _entry_page(slug, row)
    raw = {k: request.form.get(k, "") for k in ("label_zh", "label_en")}
    try:
        reference.rename(db.session, current_user, utcnow(), slug, row, raw)
    except DeskError as error:
        db.session.rollback()
        return _entry_page(slug, reference.entry(db.session, slug, code), _fields(error), raw)
    db.session.commit()
    flash(_("Saved."), "success")
    return redirect(url_for(".entries", slug=slug))


@bp.post(f"/{LISTS}/<code>/<any(retire, reinstate):verb>")
def retire(slug: str, code: str, verb: str):
    row = reference.entry(db.session, slug, code)
    attempt(
        lambda: reference.set_active(
            db.session, current_user, utcnow(), slug, row, verb == "reinstate"
        ),
        _("Nothing was changed:"),
        _("Retired: no longer offered for new cases; old cases keep it.")
        if verb == "retire"
        else _("Reinstated: offered again."),
    )
    return redirect(url_for(".entries", slug=slug))


@bp.post(f"/{LISTS}/<code>/<any(up, down):direction>")
def move(slug: str, code: str, direction: str):
    row = reference.entry(db.session, slug, code)
    attempt(
        lambda: reference.move(db.session, current_user, utcnow(), slug, row, direction),
        _("Nothing was changed:"),
    )
    return redirect(url_for(".entries", slug=slug) + f"#entry-{code}")
