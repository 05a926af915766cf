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
from legaldesk.cases.rules import OPEN_STATUSES
from legaldesk.db import DbSession
from legaldesk.reports import behind, rollups
from legaldesk.reports.behind import Span
from legaldesk.reports.rules import share
from legaldesk.routing.models import Firm, Lawyer


def cases(rows: list[Any]) -> dict[str, Any]:
    """Counts by status, category, channel and region (rollups.case_rows)."""
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


def by_country(session: DbSession, span: Span) -> dict[str, int]:
    return dict(sorted(rollups.country_rows(session, span)))


def by_lawyer(session: DbSession, span: Span) -> list[dict[str, Any]]:
    """Each lawyer holding cases of the period (the case's current lawyer), most first
    (rollups.lawyer_rows, with the lawyers' names and firms)."""
    counted: dict[int, dict[str, int]] = {}
    for lawyer_id, status, foreign, hk_mo_tw, count in rollups.lawyer_rows(session, span):
        line = counted.setdefault(
            lawyer_id,
            {"consultations": 0, "open": 0, "closed": 0, "foreign_related": 0, "hk_mo_tw": 0},
        )
        line["consultations"] += count
        line["open"] += count if status in OPEN_STATUSES else 0
        line["closed"] += count if status == "closed" else 0
        line["foreign_related"] += count if foreign else 0
        line["hk_mo_tw"] += count if hk_mo_tw else 0
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
