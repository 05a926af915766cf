"""Keeping the center's lists in pages (issue 13, item 5): categories and closing
codes are added, renamed, reordered, retired and reinstated here.

Nothing is ever deleted: cases store the code, so a retired entry only stops being
offered (intake, correction, closing) while every old case keeps its label. Labels
are read from the database on every request (no cache), so a rename shows at once
in every worker process."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.cases.models import Category, ClosingCode, Consultation
from legaldesk.cases.reference_rules import (
    DIRECTIONS,
    KINDS,
    check_code,
    check_flag,
    check_labels,
    code_taken,
    swapped,
)
from legaldesk.db import DbSession, lock_for_writers
from legaldesk.errors import FieldErrors, Forbidden, NotFound, field_error
from legaldesk.label_rules import refuse_clashes
from legaldesk.messages import N_, Msg

Entry = Category | ClosingCode
LABELS = ("label_zh", "label_en")
MODELS: dict[str, type[Category] | type[ClosingCode]] = {
    "categories": Category,
    "closing-codes": ClosingCode,
}


def _model(slug: str) -> Any:
    if slug not in MODELS:
        raise NotFound()
    return MODELS[slug]


def entries(session: DbSession, slug: str, active_only: bool = False) -> list[Any]:
    """The list in the center's order, retired entries too unless ``active_only``."""
    model = _model(slug)
    query = sa.select(model).order_by(model.position, model.code)
    if active_only:
        query = query.where(model.active)
    return list(session.scalars(query))


def unlisted_categories(session: DbSession) -> set[str]:
    """The categories no active lawyer lists as a specialty: their cases cannot be
    drawn. The directory belongs to routing, above this wing, so its mapping is
    reached through the case's ``assignee`` relationship (as list_options does)."""
    lawyer = sa.inspect(Consultation).relationships["assignee"].mapper.class_
    rows = session.scalars(sa.select(lawyer.specialties).where(lawyer.active))
    listed = {code for specialties in rows for code in specialties or ()}
    return {code for code in session.scalars(sa.select(Category.code)) if code not in listed}


def entry(session: DbSession, slug: str, code: Any) -> Any:
    row = session.get(_model(slug), code) if isinstance(code, str) and len(code) <= 40 else None
    if row is None:
        raise NotFound()
    return row


def _refuse_clashes(
    session: DbSession, slug: str, labels: dict[str, str], code: str | None = None
) -> None:
    """ValidationFailed when one of ``labels`` reads as the same label of another
    entry in use of the list (label_rules): the pickers would offer two alike."""
    if not labels:
        return
    model = _model(slug)
    query = sa.select(model.label_zh, model.label_en).where(model.active)
    if code is not None:
        query = query.where(model.code != code)
    others = [dict(zip(LABELS, row, strict=True)) for row in session.execute(query)]
    errors = FieldErrors()
    refuse_clashes(errors, labels, others)
    errors.raise_if_any()


def _allowed(actor: Actor) -> None:
    if not permissions.may_keep_reference_data(actor):
        raise Forbidden()


def _writing(session: DbSession, slug: str, row: Any = None) -> None:
    """The list's other writers wait until this request ends, so the clash check
    below reads every label saved before and none is saved until this one is (two
    managers saving one label at once on PostgreSQL); ``row``'s ``active`` is read
    again after the wait."""
    lock_for_writers(session, _model(slug))
    if row is not None:
        session.refresh(row, ["active"])


def add(session: DbSession, actor: Actor, now: datetime, slug: str, raw: Any) -> Any:
    """A new entry at the end of the list; CodeTaken when the code exists, also when
    someone else added it a moment ago (the database's key decides the race)."""
    _allowed(actor)
    kind, model = KINDS[slug], _model(slug)
    raw = raw if isinstance(raw, dict) else {}
    errors = FieldErrors()
    code = check_code(kind, errors, raw.get("code"))
    labels = check_labels(errors, raw, partial=False)
    extra = {}
    if model is Category:
        extra["foreign"] = check_flag(errors, raw.get("foreign", False), "foreign")
    errors.raise_if_any()
    _writing(session, slug)
    if session.get(model, code) is not None:
        raise code_taken(code)
    _refuse_clashes(session, slug, labels)
    last = session.scalar(sa.select(sa.func.max(model.position)))
    row = model(code=code, position=(last or 0) + 1, active=True, **labels, **extra)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        raise code_taken(code) from None
    audit.record(session, actor, now, f"{kind.action}.add", kind.action, code, labels)
    return row


def rename(session: DbSession, actor: Actor, now: datetime, slug: str, row: Any, raw: Any) -> Any:
    """New labels (either or both languages); the code stays."""
    _allowed(actor)
    raw = raw if isinstance(raw, dict) else {}
    errors = FieldErrors()
    labels = check_labels(errors, raw, partial=True)
    errors.raise_if_any()
    _writing(session, slug, row)
    changed = {k: [getattr(row, k), v] for k, v in labels.items() if getattr(row, k) != v}
    if row.active:  # a retired entry is checked when it is reinstated
        _refuse_clashes(session, slug, {k: new for k, (_, new) in changed.items()}, row.code)
    for name, (_, new) in changed.items():
        setattr(row, name, new)
    if changed:
        action = KINDS[slug].action
        audit.record(session, actor, now, f"{action}.rename", action, row.code, changed)
    return row


def set_active(
    session: DbSession, actor: Actor, now: datetime, slug: str, row: Any, active: bool
) -> Any:
    """Retire (no longer offered) or reinstate an entry; old cases are untouched. An
    entry whose label another entry in use took meanwhile is not reinstated."""
    _allowed(actor)
    _writing(session, slug, row)
    if active and not row.active:
        _refuse_clashes(session, slug, {k: getattr(row, k) for k in LABELS}, row.code)
    if row.active != active:
        row.active = active
        action = KINDS[slug].action
        verb = "reinstate" if active else "retire"
        audit.record(session, actor, now, f"{action}.{verb}", action, row.code, {})
    return row


def move(
    session: DbSession, actor: Actor, now: datetime, slug: str, row: Any, direction: Any
) -> Any:
    """One place up or down the list (the order the forms offer)."""
    _allowed(actor)
    if direction not in DIRECTIONS:
        raise field_error("direction", Msg(N_("Choose one of the listed options.")))
    rows = {r.code: r for r in entries(session, slug)}
    order = swapped(list(rows), row.code, direction)
    if order == list(rows):  # the first moved up, the last down: nothing to record
        return row
    for position, code in enumerate(order):
        rows[code].position = position
    action = KINDS[slug].action
    audit.record(session, actor, now, f"{action}.reorder", action, row.code, {"to": direction})
    return row


def update(session: DbSession, actor: Actor, now: datetime, slug: str, row: Any, raw: Any) -> Any:
    """The API's PATCH: labels and ``active``, checked together before any change."""
    _allowed(actor)
    raw = raw if isinstance(raw, dict) else {}
    errors = FieldErrors()
    check_labels(errors, raw, partial=True)
    if "active" in raw:
        check_flag(errors, raw["active"], "active")
    errors.raise_if_any()
    rename(session, actor, now, slug, row, raw)
    if "active" in raw:
        set_active(session, actor, now, slug, row, raw["active"])
    return row


def cases_using(session: DbSession, slug: str, code: str) -> int:
    """How many cases carry the entry (shown before retiring: they keep it)."""
    column = Consultation.category_code if slug == "categories" else Consultation.closing_code
    return session.scalar(sa.select(sa.func.count()).where(column == code)) or 0
