"""Routing as a desk does it through the API: the commitment first (202), then the
contribution that draws it."""

from typing import Any

WITNESS_NUMBER = "20260701"


def contribute(api: Any, draw_id: int, number: str = WITNESS_NUMBER, source: str = "witness"):
    return api.post(
        f"/draws/{draw_id}/contribution", json={"contribution": number, "source": source}
    )


def route_and_draw(api: Any, reference: str, number: str = WITNESS_NUMBER, source: str = "witness"):
    """The answer of the contribution (200: ``draw``, ``assignee``, ``status``), or of
    the routing itself when it published no commitment (422 too few, 409 assigned)."""
    committed = api.post(f"/consultations/{reference}/route", json={})
    if committed.status_code != 202:
        return committed
    return contribute(api, committed.json["draw"]["id"], number, source)
