"""The case and its lawyer as JSON, shared by the cases and routing APIs (the
serializers live in the lowest wing that owns the data, so no api.py imports another)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload
from sqlalchemy.sql.base import ExecutableOption

from legaldesk.cases.advice import shown_to_enterprise
from legaldesk.cases.labels import status_label
from legaldesk.cases.models import Advice, Consultation, TimelineEntry
from legaldesk.i18n import data_label, to_local_iso


def lawyer_json(lawyer: Any) -> dict[str, Any] | None:
    if lawyer is None:
        return None
    return {
        "id": lawyer.id,
        "name": lawyer.name,
        "kind": lawyer.kind,
        "firm": lawyer.firm.name if lawyer.firm else None,
    }


def advice_json(advice: Advice | None, for_enterprise: bool = False) -> dict[str, Any] | None:
    """An advice as staff see it, or as its enterprise does: the day it was given and
    the opinion only when shared, no names."""
    if advice is None:
        return None
    if for_enterprise:
        return {
            "given_at": to_local_iso(advice.given_at),
            "shared": advice.shared,
            "opinion": shown_to_enterprise(advice),
        }
    return {
        "id": advice.id,
        "given_at": to_local_iso(advice.given_at),
        "by": advice.given_by.name if advice.given_by else None,
        "opinion": advice.opinion,
        "shared": advice.shared,
    }


@functools.cache
def detail_loads() -> tuple[ExecutableOption, ...]:
    """What ``case_json(detail=True)`` reads, loaded with the case: the rows it points
    to, and its timeline and advice with their authors, in the same statement (two
    short histories: their product stays small); the other lists load on their own,
    since countries times counterparties, each up to dozens, would multiply the rows
    (and the case's columns in each). Built at first use: making loader options
    configures the mappers, which needs every wing's models imported."""
    # The lawyer's firm, named through the mapping: the Lawyer class lives in the
    # routing wing, above this one.
    firm = sa.inspect(Consultation).relationships["assignee"].mapper.relationships["firm"]
    return (
        joinedload(Consultation.contact),
        joinedload(Consultation.assignee).joinedload(firm.class_attribute),
        joinedload(Consultation.closing),
        joinedload(Consultation.advice_given).joinedload(Advice.given_by),
        joinedload(Consultation.timeline).joinedload(TimelineEntry.actor),
    )


def case_json(
    case: Consultation | Any,
    detail: bool = False,
    for_enterprise: bool = False,
    label: Callable[[str], str] = status_label,
) -> dict[str, Any]:
    """The case as the API shows it; an enterprise account sees its own case without
    staff names or internal notes. A list passes the case as ``list_rows`` read it,
    and its ``label``: the statuses' labels translated once for the whole page."""
    body: dict[str, Any] = {
        "reference": case.reference,
        "status": case.status,
        "status_label": label(case.status),
        "foreign_related": case.foreign_related,
        "hk_mo_tw": case.hk_mo_tw,
        "channel": case.channel,
        "category": case.category_code,
        "category_label": data_label(case.category),
        "urgency": case.urgency,
        "language_needed": case.language,
        "countries": case.country_codes,
        "summary": case.summary,
        "enterprise": {"name": case.enterprise.name, "uscc": case.enterprise.uscc},
        "assignee": lawyer_json(case.assignee),
        "created_at": to_local_iso(case.created_at),
        "updated_at": to_local_iso(case.updated_at),
    }
    if detail:
        body.update(
            description=case.description,
            counterparties=[c.name for c in case.counterparties],
            contact={
                "name": case.contact.name,
                "phone": case.contact.phone,
                "email": case.contact.email,
                "language": case.contact.locale,
            },
            closing_code=case.closing_code,
            advice=advice_json(case.latest_advice, for_enterprise),
            advice_history=[advice_json(a, for_enterprise) for a in case.advice_given],
            corrections=[
                {
                    "at": to_local_iso(c.at),
                    "by": c.actor.name if c.actor else None,
                    "changes": [{"field": f, "from": old, "to": new} for f, old, new in c.changes],
                }
                for c in case.corrections
            ],
            timeline=[
                {
                    "at": to_local_iso(t.at),
                    "from": t.from_status,
                    "status": t.to_status,
                    "status_label": status_label(t.to_status),
                    "note": t.note,
                    "by": t.actor.name if t.actor else None,
                }
                for t in case.timeline
            ],
        )
    if for_enterprise:
        body["assignee"] = None
        body.pop("corrections", None)
        for entry in body.get("timeline", []):
            entry["note"], entry["by"] = "", None
    return body
