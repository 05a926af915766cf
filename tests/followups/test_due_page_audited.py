"""The follow-ups page names cases and their enterprises: like every list, it leaves
an audit entry of which cases were shown to whom (found by the attack on issue 14)."""

from __future__ import annotations

import json

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from tests.followups.test_followups import advised_case


def test_the_due_page_records_the_cases_it_showed(client, login, make, api_as):
    case, _, _ = advised_case(make, api_as)
    coordinator = make.user("coordinator")
    login(coordinator)
    page = client.get("/followups")
    assert page.status_code == 200
    assert case.reference in page.get_data(as_text=True)  # advice's follow-up, due in 7 days
    entries = make.run(
        lambda: db.session.scalars(
            sa.select(AuditEntry).where(
                AuditEntry.action == "consultation.list", AuditEntry.actor_id == coordinator.id
            )
        ).all()
    )
    assert [json.loads(entry.detail)["shown"] for entry in entries] == [[case.reference]]
