"""A page of the case list read as plain rows, for the API's list (issue 14).

The API shows a summary of each case (``serializers.case_json`` without ``detail``):
a few columns of the case, its enterprise, category, lawyer and the lawyer's firm,
and its countries. Loading those as ORM objects costs more than the page's SQL: the
identity map, a loader per relationship, and the commit that closes the request
expiring every object again. Two statements (the rows with their joins, then the
countries) into small records that ``case_json`` reads as it reads a case cost a
fraction of that. The case list page keeps the ORM objects its templates use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

import sqlalchemy as sa

from legaldesk.cases.models import Category, Consultation, ConsultationCountry
from legaldesk.db import DbSession
from legaldesk.enterprises.models import Enterprise


@dataclass(frozen=True)
class Party:
    """The enterprise as a listed case names it."""

    name: str
    uscc: str


@dataclass(frozen=True)
class Firm:
    name: str


@dataclass(frozen=True)
class Lawyer:
    """The assigned lawyer as ``serializers.lawyer_json`` reads one."""

    id: int
    name: str
    kind: str
    firm: Firm | None


@dataclass
class ListedCase:
    """What a list shows of a case, under the names of ``Consultation``'s attributes."""

    id: int
    reference: str
    status: str
    foreign_related: bool
    hk_mo_tw: bool
    channel: str
    category_code: str
    category: Mapping[str, str]  # its labels, for ``i18n.data_label``
    urgency: str
    language: str | None
    summary: str
    enterprise: Party
    assignee: Lawyer | None
    created_at: datetime
    updated_at: datetime
    country_codes: list[str] = field(default_factory=list)


def _lawyer_and_firm() -> tuple[Any, Any]:
    """The lawyers' and firms' mappings, reached through the case's ``assignee``: the
    routing wing that owns them sits above this one."""
    lawyer = sa.inspect(Consultation).relationships["assignee"].mapper
    return lawyer.class_, lawyer.relationships["firm"].mapper.class_


@cache
def _statements() -> tuple[sa.Select, sa.Select]:
    """The two SELECTs, built once: the ids come as one expanding parameter, not as
    fifty literals coerced into the statement on every page."""
    lawyer, firm = _lawyer_and_firm()
    ids: Any = sa.bindparam("ids", expanding=True)
    rows = (
        sa.select(
            Consultation.id,
            Consultation.reference,
            Consultation.status,
            Consultation.foreign_related,
            Consultation.hk_mo_tw,
            Consultation.channel,
            Consultation.category_code,
            Category.label_zh,
            Category.label_en,
            Consultation.urgency,
            Consultation.language,
            Consultation.summary,
            Enterprise.name.label("enterprise_name"),
            Enterprise.uscc,
            lawyer.id.label("lawyer_id"),
            lawyer.name.label("lawyer_name"),
            lawyer.kind.label("lawyer_kind"),
            firm.name.label("firm_name"),
            Consultation.created_at,
            Consultation.updated_at,
        )
        .join(Enterprise, Enterprise.id == Consultation.enterprise_id)
        .join(Category, Category.code == Consultation.category_code)
        .outerjoin(lawyer, lawyer.id == Consultation.assignee_id)
        .outerjoin(firm, firm.id == lawyer.firm_id)
        .where(Consultation.id.in_(ids))
    )
    countries = (
        sa.select(ConsultationCountry.consultation_id, ConsultationCountry.country)
        .where(ConsultationCountry.consultation_id.in_(ids))
        .order_by(ConsultationCountry.consultation_id, ConsultationCountry.position)
    )
    return rows, countries


def _listed(row: Any) -> ListedCase:
    lawyer = None
    if row.lawyer_id is not None:
        firm = None if row.firm_name is None else Firm(row.firm_name)
        lawyer = Lawyer(row.lawyer_id, row.lawyer_name, row.lawyer_kind, firm)
    return ListedCase(
        id=row.id,
        reference=row.reference,
        status=row.status,
        foreign_related=row.foreign_related,
        hk_mo_tw=row.hk_mo_tw,
        channel=row.channel,
        category_code=row.category_code,
        category={"label_zh": row.label_zh, "label_en": row.label_en},
        urgency=row.urgency,
        language=row.language,
        summary=row.summary,
        enterprise=Party(row.enterprise_name, row.uscc),
        assignee=lawyer,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def load(session: DbSession, ids: list[int]) -> list[ListedCase]:
    """The cases ``ids`` as listed (in no particular order)."""
    if not ids:
        return []
    rows, countries = _statements()
    cases = {row.id: _listed(row) for row in session.execute(rows, {"ids": ids})}
    for case_id, country in session.execute(countries, {"ids": ids}):
        cases[case_id].country_codes.append(country)
    return list(cases.values())
