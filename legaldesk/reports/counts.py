"""How many consultations the period received: by status, category, channel,
country, region (涉外 and 涉港澳台 apart), lawyer and firm; and the cases reopened.

Cases count by the day they were received. A case about a foreign country and about
Hong Kong counts in both regions (the case's stored ``foreign_related`` and
``hk_mo_tw`` flags, set by cases.region_rules at intake and on correction).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from legaldesk.cases.models import TimelineEntry
from legaldesk.db import DbSession
from legaldesk.reports import behind, rollups
from legaldesk.reports.behind import Span
from legaldesk.reports.rules import share
from legaldesk.routing.models import Firm, Lawyer


def cases(rows: list[Any]) -> dict[str, Any]:
    """Counts by status, category, channel and region (rollups.case_rows)."""
    split: dict[str, dict[str, int]] = {"status": {}, "category": {}, "channel": {}, "region": {}}
    for dimension, value, count in rows:
        split[dimension][value] = count
    regions = split["region"]
    total = sum(split["status"].values())
    figures: dict[str, Any] = {
        "consultations": total,
        "foreign_related": regions.get("foreign", 0),
        "hk_mo_tw": regions.get("hk_mo_tw", 0),
        "by_status": dict(sorted(split["status"].items())),
        "by_category": dict(sorted(split["category"].items())),
        "by_channel": dict(sorted(split["channel"].items())),
    }
    figures["foreign_share"] = share(figures["foreign_related"], total)
    figures["hk_mo_tw_share"] = share(figures["hk_mo_tw"], total)
    figures["by_region"] = {
        "foreign": figures["foreign_related"],
        "hk_mo_tw": figures["hk_mo_tw"],
        "domestic": regions.get("domestic", 0),
    }
    return figures


def by_country(session: DbSession, span: Span) -> dict[str, int]:
    return dict(sorted(rollups.country_rows(session, span)))


def by_lawyer(session: DbSession, span: Span) -> list[dict[str, Any]]:
    """Each lawyer holding cases of the period (the case's current lawyer), most first
    (rollups.lawyer_rows, with the lawyers' names and firms)."""
    names = ("consultations", "open", "closed", "foreign_related", "hk_mo_tw")
    counted = {
        lawyer_id: dict(zip(names, measures, strict=True))
        for lawyer_id, *measures in rollups.lawyer_rows(session, span)
    }
    lawyers = session.execute(
        sa.select(
            Lawyer.id,
            Lawyer.name,
            Lawyer.kind,
            Firm.id.label("firm_id"),
            Firm.name.label("firm_name"),
            Firm.name_en.label("firm_name_en"),
        )
        .outerjoin(Firm, Firm.id == Lawyer.firm_id)
        .where(Lawyer.id.in_(list(counted)))
    ).all()
    lines = [
        {
            "id": row.id,
            "name": row.name,
            "kind": row.kind,
            "firm": (
                {"id": row.firm_id, "name": row.firm_name, "name_en": row.firm_name_en}
                if row.firm_id
                else None
            ),
            **counted[row.id],
        }
        for row in lawyers
    ]
    return sorted(lines, key=lambda line: (-line["consultations"], line["id"]))


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
