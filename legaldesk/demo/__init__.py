"""The demo desk: panel, partner firms, rooms, users and ~30 cases in every stage
(``flask desk demo``); ``demo.seed`` adds synthetic bulk data for benchmarks.

Idempotent: every record has a natural key (e-mail, name, fixed reference) and is
only added when missing. Demo cases have fixed references and access codes derived
from them, so the receipt of the logistics case can be tried from the README.

An edge of the app: it may import any wing, and no wing imports it. The names tests
and the CLI use are listed in ``__all__``.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.cases import codes
from legaldesk.cases.catalog import ensure_reference_data
from legaldesk.cases.models import Consultation
from legaldesk.db import DbSession
from legaldesk.demo.accounts import DEMO_PASSWORD, ensure_enterprise_login, ensure_staff
from legaldesk.demo.cases import (
    ENTERPRISES,
    LOGISTICS_REFERENCE,
    demo_access_code,
    demo_uscc,
    logistics_case,
    open_to_claim,
    topic_cases,
)
from legaldesk.demo.directory import FIRMS, PANEL, ensure_directory
from legaldesk.demo.documents import load_documents
from legaldesk.demo.handon import hand_on_demo
from legaldesk.demo.mediations import load_rooms_demo
from legaldesk.demo.outcomes import confirm_logistics_loss
from legaldesk.demo.reference import retired_category_case
from legaldesk.demo.regions import region_cases
from legaldesk.demo.rooms import ROOMS, ensure_rooms

__all__ = ["DEMO_PASSWORD", "LOGISTICS_REFERENCE", "demo_access_code", "demo_uscc", "load_demo"]


def load_demo(
    session: DbSession,
    now: datetime,
    zone: ZoneInfo,
    only_if_empty: bool = False,
    documents_path: str | None = None,
) -> str:
    """The demo desk; its times of day (intakes, sessions) are the desk's, in ``zone``.
    With ``documents_path`` (the document store) a few cases get their documents."""
    ensure_reference_data(session)
    if only_if_empty and session.scalar(sa.select(sa.func.count()).select_from(Consultation)):
        return "demo data skipped: the desk already has consultations"
    panel, firm_lawyers = ensure_directory(session)
    ensure_rooms(session, now)
    coordinator = ensure_staff(session, now, panel, firm_lawyers)
    logistics_case(session, coordinator, zone)
    ensure_enterprise_login(session, now, demo_uscc(ENTERPRISES[0][1]))
    confirm_logistics_loss(session, zone)
    topic_cases(session, coordinator, now, zone)
    open_to_claim(session, coordinator, now, zone)
    hand_on_demo(session, coordinator, now, zone)
    load_rooms_demo(session, coordinator, now, zone)
    retired_category_case(session, coordinator, now, zone)
    region_cases(session, coordinator, now, zone)
    if documents_path is not None:
        load_documents(session, coordinator, now, documents_path)
    total = session.scalar(sa.select(sa.func.count()).select_from(Consultation))
    return (
        f"demo desk ready: {len(PANEL)} panel experts, {len(FIRMS)} firms, "
        f"{len(ROOMS)} rooms, {total} consultations; logins use password {DEMO_PASSWORD!r}; "
        f"try {LOGISTICS_REFERENCE} with access code "
        f"{codes.display_access_code(demo_access_code(LOGISTICS_REFERENCE))}"
    )
