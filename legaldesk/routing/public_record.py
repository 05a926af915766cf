"""The public record of one routing draw: what anyone needs to re-check it with
verify.py, and nothing of the case (no enterprise, no summary, no reasons typed by
staff or lawyers: those stay behind the login). Served at /draws/<id>.json and as
the printable witness sheet /draws/<id>.

Before the lot is drawn the record shows the commitment and the pool frozen with it
(so a witness can note both); the contribution, where it came from, the secret and
the lawyer drawn appear once the draw has happened. A round put aside without a draw
shows why, and its secret. Rounds where a coordinator
named the lawyer or a lawyer claimed the case are not draws: they have no record.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from legaldesk.cases.models import Consultation
from legaldesk.db import DbSession
from legaldesk.routing.ledger import names_at_commitment
from legaldesk.routing.models import Draw

FORMAT = "legaldesk-draw/1"


def _moment(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def public_record(session: DbSession, draw_id: int) -> dict[str, Any] | None:
    """The record of draw ``draw_id``; None when there is no such draw."""
    round_ = session.get(Draw, draw_id)
    if round_ is None or not round_.is_lot:
        return None
    reference = session.scalar(
        sa.select(Consultation.reference).where(Consultation.id == round_.consultation_id)
    )
    pool = list(round_.pool or [])
    ids = {*pool, *([round_.chosen_id] if round_.chosen_id else [])}
    names = names_at_commitment(session, round_, ids)
    record: dict[str, Any] = {
        "format": FORMAT,
        "id": round_.id,
        "reference": reference,
        "round": round_.round,
        "drawn_for": "mediator" if round_.kind == "mediator" else "lawyer",
        "committed_at": _moment(round_.committed_at),
        "commitment": round_.commitment,
        "pool": [{"id": member, "name": names.get(member, "")} for member in pool],
        "pool_hash": round_.pool_hash,
        "drawn_at": None,
        "contribution": None,
        "contribution_source": None,
        "secret": None,
        "chosen": None,
        "voided_at": None,
        "void_reason": None,
    }
    if round_.drawn_at is not None:
        record.update(
            drawn_at=_moment(round_.drawn_at),
            contribution=round_.contribution or "",
            contribution_source=round_.contribution_source,
            secret=round_.secret,
            chosen={"id": round_.chosen_id, "name": names.get(round_.chosen_id or 0, "")},
        )
    if round_.voided_at is not None:  # never to be drawn: its secret can be shown
        record.update(
            voided_at=_moment(round_.voided_at),
            void_reason=round_.void_reason,
            contribution=round_.contribution,
            contribution_source=round_.contribution_source,
            secret=round_.secret,
        )
    return record
