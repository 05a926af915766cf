"""The mediation application form on the case page: its fields in the shape the
service checks (``service.open_mediation``). Shape only: no queries, no rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from werkzeug.datastructures import MultiDict

from legaldesk.validation import whole_from_form


def _weekdays(form: MultiDict, name: str) -> list[int]:
    days = (whole_from_form(d, max_digits=1) for d in form.getlist(name))
    return [d for d in days if d is not None]


def application_fields(form: MultiDict) -> dict[str, Any]:
    """The form as the service's ``raw`` dict; a date that is none stays "invalid",
    so the service names the field."""
    try:
        applied_on: Any = (
            date.fromisoformat(form.get("applied_on", "")) if form.get("applied_on") else None
        )
    except ValueError:
        applied_on = "invalid"
    return {
        "respondent_name": form.get("respondent_name"),
        "respondent_contact": form.get("respondent_contact"),
        "respondent_email": form.get("respondent_email"),
        "applicant_days": _weekdays(form, "applicant_days"),
        "respondent_days": _weekdays(form, "respondent_days"),
        "applied_on": applied_on,
    }
