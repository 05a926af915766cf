"""Forms that stay on their page: a rule's refusal becomes a flash message, not an
error page, and nothing of the refused change is kept."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from flask import flash
from flask_babel import gettext as _

from legaldesk.db import db
from legaldesk.errors import DeskError
from legaldesk.messages import render

T = TypeVar("T")


_ENDS = ("。", "！", "？", ".", "!", "?")


def join_sentences(parts: Iterable[str]) -> str:
    """Messages one after another: a sentence that ends keeps its own stop ("…17:30）。
    该场地…"), a fragment gets a semicolon."""
    return " ".join(p if p.endswith(_ENDS) else p + ";" for p in parts).rstrip(";")


def after_label(label: str, text: str) -> str:
    """ "The account was not changed: …": a space after an ASCII colon, none after a
    full-width one ("账户未修改：不能…")."""
    return label + text if label.endswith("：") else f"{label} {text}"


def explain(error: DeskError) -> str:
    """The error's own sentence, or its field messages when it only says "invalid"."""
    if error.fields and error.message == type(error).default_message:
        return join_sentences(render(m) for messages in error.fields.values() for m in messages)
    return render(error.message)


def explain_beside_fields(error: DeskError, shown: Iterable[str]) -> str:
    """For a page that shows the errors of the fields ``shown`` at those fields: when
    they are all there, the banner only says where to look, so nothing is read twice."""
    if error.fields and set(error.fields) <= set(shown):
        return _("see the fields marked below.")
    return explain(error)


def attempt(change: Callable[[], T], failure: str, success: str | None = None) -> T | None:
    """Run one change and commit it; on a rule's error roll back and flash why."""
    try:
        result = change()
    except DeskError as error:
        db.session.rollback()
        flash(after_label(failure, explain(error)), "error")
        return None
    db.session.commit()
    if success:
        flash(success, "success")
    return result
