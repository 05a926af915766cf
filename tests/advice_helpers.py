"""Cases taken through acceptance, advice and a follow-up that claims a loss, for the
advice and confirmation tests (issue 12 items 3 and 7)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa

from legaldesk.db import db
from legaldesk.followups.models import FollowUp

OWN_USCC = "91330105MA2H00010X"  # the enterprise of tests.conftest.dummy_intake
OPINION = "经尽职调查，建议暂缓向该国出口，先核查最终用户是否列入制裁名单。"


def accepted_case(make: Any, api_as: Any) -> SimpleNamespace:
    """A case accepted by its own lawyer; answers the case with the lawyer's API."""
    lawyer = make.lawyer()
    counsel = make.user("lawyer", lawyer_id=lawyer.id, name="黄志强")
    case = make.case()
    make.assign(case, lawyer.id)
    api = api_as(counsel)
    answer = api.post(f"/consultations/{case.reference}/transitions", json={"to": "accepted"})
    assert answer.status_code == 200, answer.json
    case.api, case.counsel = api, counsel
    return case


def advise(case: Any, **body: Any) -> Any:
    return case.api.post(
        f"/consultations/{case.reference}/transitions", json={"to": "advised", **body}
    )


def claimed_loss(make: Any, api_as: Any, amount: int = 3_000_000, **extra: Any) -> Any:
    """A case advised (opinion shared) whose follow-up claims ``amount`` yuan avoided;
    answers the case with ``followup_id``."""
    case = accepted_case(make, api_as)
    assert advise(case, advice={"opinion": OPINION, "shared": True}).status_code == 200
    followup_id = make.run(
        lambda: db.session.scalar(sa.select(FollowUp.id).where(FollowUp.consultation_id == case.id))
    )
    record = {
        "done": True,
        "result": "企业回电：意见及时",
        "advice_worked": "yes",
        "loss_avoided_cny": amount,
        "loss_basis": "按合同金额估算",
        **extra,
    }
    answer = case.api.patch(f"/followups/{followup_id}", json=record)
    assert answer.status_code == 200, answer.json
    case.followup_id = followup_id
    return case


def enterprise_login(make: Any, client: Any, uscc: str = OWN_USCC) -> Any:
    account = make.user("enterprise", enterprise_uscc=uscc)
    answer = client.post("/login", data={"email": account.email, "password": "password123"})
    assert answer.status_code == 302
    return account
