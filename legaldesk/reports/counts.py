"""How many consultations the period received: by status, category, channel,
country, region (涉外 and 涉港澳台 apart), lawyer and firm; and the cases reopened.

Cases count by the day they were received. A case about a foreign country and about
Hong Kong counts in both regions (the case's stored ``foreign_related`` and
``hk_mo_tw`` flags, set by cases.region_rules at intake and on correction).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from legaldesk.cases.models import Consultation, ConsultationCountry, TimelineEntry
from legaldesk.cases.rules import OPEN_STATUSES
from legaldesk.db import DbSession
from legaldesk.reports import behind
from legaldesk.reports.behind import Span
from legaldesk.reports.rules import share
from legaldesk.routing.models import Firm, Lawyer


def period_cases(received: tuple) -> Any:
    """The period's cases, a row each with what the counts group by."""
    return (
        sa.select(
            Consultation.status,
            Consultation.category_code.label("category"),
            Consultation.channel,
            Consultation.foreign_related.label("foreign"),
            Consultation.hk_mo_tw,
            Consultation.assignee_id,
        )
        .where(*received)
        .subquery()
    )


def cases(session: DbSession, received: tuple) -> dict[str, Any]:
    """Counts by status, category, channel and region from one pass over the period."""
    period = period_cases(received)
    grouped = (
        period.c.status,
        period.c.category,
        period.c.channel,
        period.c.foreign,
        period.c.hk_mo_tw,
    )
    rows = session.execute(sa.select(*grouped, sa.func.count()).group_by(*grouped)).all()
    figures: dict[str, Any] = {
        "consultations": 0,
        "foreign_related": 0,
        "hk_mo_tw": 0,
        "domestic": 0,
        "by_status": {},
        "by_category": {},
        "by_channel": {},
    }
    for status, category, channel, foreign, hk_mo_tw, count in rows:
        figures["consultations"] += count
        figures["foreign_related"] += count if foreign else 0
        figures["hk_mo_tw"] += count if hk_mo_tw else 0
        figures["domestic"] += 0 if foreign or hk_mo_tw else count
        for name, key in (
            ("by_status", status),
            ("by_category", category),
            ("by_channel", channel),
        ):
            figures[name][key] = figures[name].get(key, 0) + count
    for name in ("by_status", "by_category", "by_channel"):
        figures[name] = dict(sorted(figures[name].items()))
    total = figures["consultations"]
    figures["foreign_share"] = share(figures["foreign_related"], total)
    figures["hk_mo_tw_share"] = share(figures["hk_mo_tw"], total)
    figures["by_region"] = {
        "foreign": figures["foreign_related"],
        "hk_mo_tw": figures["hk_mo_tw"],
        "domestic": figures.pop("domestic"),
    }
    return figures


def by_country(session: DbSession, received: tuple) -> dict[str, int]:
    rows = session.execute(
        sa.select(ConsultationCountry.country, sa.func.count())
        .join(Consultation, ConsultationCountry.consultation_id == Consultation.id)
        .where(*received)
        .group_by(ConsultationCountry.country)
        .order_by(ConsultationCountry.country)
    ).all()
    return {country: count for country, count in rows}


def by_lawyer(session: DbSession, received: tuple) -> list[dict[str, Any]]:
    """Each lawyer holding cases of the period (the case's current lawyer), most first."""
    period = period_cases(received)
    counted = (
        sa.select(
            period.c.assignee_id.label("lawyer_id"),
            sa.func.count().label("consultations"),
            sa.func.count(sa.case((period.c.status.in_(OPEN_STATUSES), 1))).label("open"),
            sa.func.count(sa.case((period.c.status == "closed", 1))).label("closed"),
            sa.func.count(sa.case((period.c.foreign, 1))).label("foreign_related"),
            sa.func.count(sa.case((period.c.hk_mo_tw, 1))).label("hk_mo_tw"),
        )
        .where(period.c.assignee_id.is_not(None))
        .group_by(period.c.assignee_id)
        .subquery()
    )
    rows = session.execute(
        sa.select(
            counted,
            Lawyer.name,
            Lawyer.kind,
            Firm.id.label("firm_id"),
            Firm.name.label("firm_name"),
            Firm.name_en.label("firm_name_en"),
        )
        .join(Lawyer, Lawyer.id == counted.c.lawyer_id)
        .outerjoin(Firm, Firm.id == Lawyer.firm_id)
        .order_by(counted.c.consultations.desc(), counted.c.lawyer_id)
    ).all()
    return [
        {
            "id": row.lawyer_id,
            "name": row.name,
            "kind": row.kind,
            "firm": (
                {"id": row.firm_id, "name": row.firm_name, "name_en": row.firm_name_en}
                if row.firm_id
                else None
            ),
            "consultations": row.consultations,
            "open": row.open,
            "closed": row.closed,
            "foreign_related": row.foreign_related,
            "hk_mo_tw": row.hk_mo_tw,
        }
        for row in rows
    ]


def by_firm(lawyers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The lawyers' counts summed by firm; the panel's experts as one line (id None)."""
    firms: dict[int | None, dict[str, Any]] = {}
    for lawyer in lawyers:
        firm = lawyer["firm"] or {"id": None, "name": None, "name_en": None}
        line = firms.setdefault(firm["id"], {**firm, "lawyers": 0, "consultations": 0})
        line["lawyers"] += 1
        line["consultations"] += lawyer["consultations"]
    return sorted(firms.values(), key=lambda line: (-line["consultations"], line["id"] or 0))


def reopened(session: DbSession, span: Span) -> int:
    """Cases reopened in the period (by the day of reopening, whenever received),
    each counted once however often it was reopened."""
    return (
        session.scalar(
            sa.select(sa.func.count(sa.distinct(TimelineEntry.consultation_id))).where(
                *behind.reopenings(span)
            )
        )
        or 0
    )
