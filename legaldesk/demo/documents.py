"""Demo documents: the logistics case's advice letter (shared with the enterprise, so
its login downloads it on /my) and an internal contract note, the signed agreement
of the agreed mediation and the evidence of the one in progress (their checklists
tick themselves). Small real files made here; added through the documents service,
once per case and name."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

import sqlalchemy as sa

from legaldesk.cases.models import Consultation
from legaldesk.cases.service import load_case
from legaldesk.db import DbSession
from legaldesk.demo.cases import LOGISTICS_REFERENCE
from legaldesk.documents import service
from legaldesk.documents.models import Document
from legaldesk.mediation.models import Mediation

LIMIT = 1024 * 1024


def tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF of ASCII lines (Helvetica), with a correct cross-reference table."""
    text = "".join(
        f"BT /F1 12 Tf 72 {720 - 18 * i} Td ({line}) Tj ET\n" for i, line in enumerate(lines)
    ).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _attach(
    session: DbSession,
    actor,
    when: datetime,
    case: Consultation,
    name: str,
    data: bytes,
    kind: str,
    shared: bool,
    store: str | os.PathLike[str],
) -> None:
    held = session.scalar(
        sa.select(Document.id).where(Document.consultation_id == case.id, Document.name == name)
    )
    if held is None:
        service.upload(
            session,
            actor,
            when,
            case,
            service.Upload(name, data),
            {"kind": kind, "shared": shared},
            store=store,
            limit=LIMIT,
        )


def load_documents(session: DbSession, actor, now: datetime, store: str | os.PathLike[str]) -> None:
    logistics = load_case(session, LOGISTICS_REFERENCE)
    if logistics is not None:
        advised = logistics.created_at + timedelta(days=2, hours=6)
        letter = tiny_pdf(
            [
                f"Legal opinion - case {LOGISTICS_REFERENCE}",
                "Export of logistics equipment to KZ: export control, sanctions, payment terms.",
                "Foreign-related legal expert panel, Gongshu legal service center.",
            ]
        )
        _attach(
            session,
            actor,
            advised,
            logistics,
            "法律意见书（出口风险）.pdf",
            letter,
            "advice_letter",
            True,
            store,
        )
        contract = "出口设备买卖合同要点：\n付款方式：信用证\n交货地点：阿拉木图\n".encode()
        _attach(
            session,
            actor,
            advised,
            logistics,
            "出口合同要点.txt",
            contract,
            "contract",
            False,
            store,
        )
    for mediation in session.scalars(sa.select(Mediation).order_by(Mediation.id)):
        case = session.get(Consultation, mediation.consultation_id)
        if case is None:
            continue
        if mediation.status == "agreed":
            agreement = tiny_pdf([f"Mediation agreement - case {case.reference}", "Signed."])
            _attach(
                session,
                actor,
                now,
                case,
                "调解协议书（已签署）.pdf",
                agreement,
                "mediation_agreement",
                True,
                store,
            )
        elif mediation.status == "in_mediation":
            evidence = "付款凭证说明：对方于约定日期后未付第二期货款。\n".encode()
            _attach(
                session, actor, now, case, "付款凭证说明.txt", evidence, "evidence", False, store
            )
