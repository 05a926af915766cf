"""Status lookups: the same answer for an unknown case and a wrong code."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from legaldesk.audit import service as audit
from legaldesk.cases.codes import normalise_reference
from legaldesk.cases.models import Consultation
from legaldesk.cases.service import access_code_matches, load_case
from legaldesk.errors import NotFound
from legaldesk.messages import N_, Msg

NO_MATCH = Msg(N_("No case matches this reference and access code."))


def lookup(session: Session, now: datetime, reference: Any, code: Any) -> Consultation:
    """The case when the code matches; otherwise NotFound, whatever the reason."""
    reference = normalise_reference(reference if isinstance(reference, str) else "")
    code = code if isinstance(code, str) else ""
    case = load_case(session, reference) if reference and len(reference) <= 20 else None
    matched = case is not None and len(code) <= 40 and access_code_matches(case, code)
    audit.record(
        session,
        None,
        now,
        "status.lookup" if matched else "status.lookup_failed",
        "consultation",
        reference[:20] or "-",
    )
    if not matched:
        raise NotFound(NO_MATCH)
    return case


def public_timeline(case: Consultation) -> list[tuple[datetime, str]]:
    """Stages and dates only: no names, no notes, no content."""
    return [(entry.at, entry.to_status) for entry in case.timeline]
