"""Attaching the evidence or the signed agreement ticks the mediation's case file
(through ``signals.document_attached``: documents never imports mediation)."""

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from legaldesk.mediation.models import MediationDocument
from tests.conftest import NOW
from tests.documents.samples import PDF, form, png
from tests.helpers import mediation_in_progress


def upload(api, case, data, name, kind):
    answer = api.post(
        f"/consultations/{case.reference}/documents",
        data=form(data, name, kind=kind),
        content_type="multipart/form-data",
    )
    assert answer.status_code == 201, answer.json
    return answer.json


def ticked(make):
    return make.run(
        lambda: (
            sorted(db.session.scalars(sa.select(MediationDocument.code))),
            db.session.scalar(
                sa.select(sa.func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "mediation.document")
            ),
        )
    )


def test_evidence_and_the_agreement_tick_the_checklist_once(app, make, api_as):
    case = make.case()
    coordinator, mediator = make.user("coordinator"), make.lawyer()
    make.run(
        lambda: (
            mediation_in_progress(coordinator.id, case.id, mediator.id, NOW),
            db.session.commit(),
        )
    )
    staff = api_as(coordinator)
    upload(staff, case, png(), "转账凭证.png", "evidence")
    assert ticked(make) == (["evidence"], 1)
    upload(staff, case, PDF, "补充证据.pdf", "evidence")  # a second piece: nothing new
    upload(staff, case, PDF, "合同.pdf", "contract")  # not on the checklist
    assert ticked(make) == (["evidence"], 1)
    upload(staff, case, PDF, "调解协议书.pdf", "mediation_agreement")
    assert ticked(make) == (["agreement", "evidence"], 2)


def test_a_case_without_mediation_takes_evidence_quietly(app, make, api_as):
    case = make.case()
    upload(api_as("intake"), case, png(), "证据.png", "evidence")
    assert ticked(make) == ([], 0)
