"""What the routing wing's pages and API handlers take from the running app and pass
to its services (which never read the configuration themselves)."""

from __future__ import annotations

from typing import Any

from flask import current_app

from legaldesk.routing.sla import AcceptanceHours
from legaldesk.zone import desk_zone


def draw_settings() -> dict[str, Any]:
    """The keywords every draw service takes: the desk's zone (whose day counts for
    leave) and the smallest pool a draw may take (LEGALDESK_DRAW_MIN_POOL, at least 1)."""
    return {"zone": desk_zone(), "min_pool": max(1, int(current_app.config["DRAW_MIN_POOL"]))}


def acceptance_hours() -> AcceptanceHours:
    """The working hours a drawn lawyer has to accept: urgent cases and the others."""
    config = current_app.config
    return AcceptanceHours(
        float(config["SLA_ACCEPT_WORKING_HOURS"]),
        float(config["SLA_ACCEPT_URGENT_WORKING_HOURS"]),
    )
