"""A case a coordinator assigned by hand and its lawyer accepted: where the hand-on
and reopen tests start."""

from __future__ import annotations

from typing import Any


def accepted_case(make: Any, api_as: Any) -> tuple[Any, Any, Any, Any]:
    """(case, its lawyer, the lawyer's API client, the coordinator's API client)."""
    lawyer = make.user("lawyer")
    case = make.case()
    coordinator = api_as("coordinator")
    assigned = coordinator.post(
        f"/consultations/{case.reference}/assign",
        json={"lawyer_id": lawyer.lawyer_id, "reason": "熟悉该国法律"},
    )
    assert assigned.status_code == 200, assigned.json
    own = api_as(lawyer)
    accepted = own.post(f"/consultations/{case.reference}/transitions", json={"to": "accepted"})
    assert accepted.status_code == 200, accepted.json
    return case, lawyer, own, coordinator
