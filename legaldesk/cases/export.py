"""The case list as a spreadsheet (issue 13 item 2): the cases of the list's current
filters that the actor may read, in its order, through the kernel's ``exports``.

An export leaves the desk, so it carries what a list row shows and no more: never
the description, the contact's phone or the access code. At most ``EXPORT_LIMIT``
rows, loaded a chunk at a time with only the columns it needs, so no filter can
exhaust the server's memory; the page says when the limit cut the list.

Building reads thousands of rows: it reads through a session of its own that never
takes SQLite's write lock (``sqlite_locking.reading_session``), so intakes go on
meanwhile; ``record_export`` then writes the one audit entry in the request's own
short transaction. The entry says which cases left the desk: their references, the
filters and the search text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import load_only, selectinload

from legaldesk import exports
from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.cases import listing
from legaldesk.cases.labels import status_label, urgency_label
from legaldesk.cases.listing import CaseFilters
from legaldesk.cases.models import Consultation
from legaldesk.cases.region_rules import REGION_CHOICES, REGION_FILTERS
from legaldesk.countries import country_name
from legaldesk.db import DbSession
from legaldesk.errors import Forbidden
from legaldesk.i18n import data_label, join_names, locale_name

EXPORT_LIMIT = 10_000
CHUNK = 1_000


@dataclass
class Export:
    table: exports.Table
    references: list[str]
    truncated: bool

    @property
    def rows(self) -> int:
        return len(self.references)


def regions(case: Consultation) -> str:
    """涉外 and/or 涉港澳台, as the case page's tags say (cases/region_rules.py), or
    国内 for neither (a blank cell read as "not filled in")."""
    flags = {"foreign": case.foreign_related, "hk_mo_tw": case.hk_mo_tw}
    found = [_(label) for key, label in REGION_FILTERS.items() if flags[key]]
    return join_names(found) if found else _(REGION_CHOICES["domestic"])


def _row(case: Consultation, zone: ZoneInfo, locale: str) -> list[Any]:
    return [
        case.reference,
        case.created_at.astimezone(zone),
        case.enterprise.name,
        data_label(case.category),
        join_names(country_name(code, locale) for code in case.country_codes),
        status_label(case.status),
        urgency_label(case.urgency),
        case.assignee.name if case.assignee is not None else "",
        regions(case),
    ]


def _columns() -> list[exports.Column]:
    return [
        exports.Column(_("Reference"), width=18),
        exports.Column(_("Received"), "datetime", width=18),
        exports.Column(_("Enterprise"), width=36),
        exports.Column(_("Category")),
        exports.Column(_("Countries and regions")),
        exports.Column(_("Status")),
        exports.Column(_("Urgency")),
        exports.Column(_("Lawyer")),
        exports.Column(_("Foreign-related / HK, Macao, Taiwan")),
    ]


def _cases(session: DbSession, ids: list[int]) -> list[Consultation]:
    """The cases of ``ids`` in that order, a chunk at a time, each chunk three queries
    (enterprise and category joined; countries and lawyer in one query each)."""
    found: list[Consultation] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = session.scalars(
            sa.select(Consultation)
            .where(Consultation.id.in_(chunk))
            .options(
                load_only(
                    Consultation.reference,
                    Consultation.created_at,
                    Consultation.status,
                    Consultation.urgency,
                    Consultation.foreign_related,
                    Consultation.hk_mo_tw,
                    Consultation.category_code,
                    Consultation.enterprise_id,
                    Consultation.assignee_id,
                ),
                selectinload(Consultation.countries),
                selectinload(Consultation.assignee),
            )
        ).unique()
        by_id = {case.id: case for case in rows}
        found += [by_id[i] for i in chunk if i in by_id]
    return found


def audited_filters(filters: CaseFilters) -> dict[str, Any]:
    """The filters as the audit log keeps them: set ones only (the search text is
    kept apart, as ``search``)."""
    return {
        key: value.isoformat() if isinstance(value, date) else value  # datetimes too
        for key, value in asdict(filters).items()
        if value not in (None, False, "") and key not in ("q", "page", "per_page")
    }


def case_export(
    reader: DbSession,
    actor: Actor,
    now: datetime,
    filters: CaseFilters,
    *,
    zone: ZoneInfo,
    limit: int = EXPORT_LIMIT,
) -> Export:
    """The export of the list ``filters`` selects (every page); reads only (give it
    a ``reading_session``), the caller records it with ``record_export``."""
    if not permissions.may_export_cases(actor):
        raise Forbidden()
    matching = listing.matching_ids(reader, actor, now, filters)
    ids = list(reader.scalars(matching.order_by(*listing.order(reader, filters)).limit(limit + 1)))
    truncated = len(ids) > limit
    cases = _cases(reader, ids[:limit])
    locale = locale_name()
    table = exports.Table(_("Cases"), _columns(), [_row(c, zone, locale) for c in cases])
    return Export(table, [c.reference for c in cases], truncated)


def record_export(
    session: DbSession, actor: Actor, now: datetime, filters: CaseFilters, made: Export, kind: str
) -> None:
    """One audit entry: which cases left the desk, in which format, chosen how."""
    detail = {
        "format": kind,
        "filters": audited_filters(filters),
        "search": filters.q or "",
        "rows": made.rows,
        "truncated": made.truncated,
        "references": made.references,
    }
    audit.record(session, actor, now, "case.export", "consultation", "-", detail)
