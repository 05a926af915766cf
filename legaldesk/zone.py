"""The desk's time zone in a running app, for the edges (views, API handlers, the
scheduler's jobs, the CLI, template filters). Services never call this: they take
``zone`` as an argument, so one setting, LEGALDESK_TIMEZONE, rules pages and due dates."""

from datetime import date
from zoneinfo import ZoneInfo

from flask import current_app

from legaldesk.clock import local_date, utcnow, zone_named


def desk_zone() -> ZoneInfo:
    """The configured zone (checked once by ``create_app``)."""
    return zone_named(current_app.config["TIMEZONE"])


def desk_today() -> date:
    """The desk's calendar day now."""
    return local_date(utcnow(), desk_zone())
