"""How many exports one person may start a minute (case lists and reports counted
together): each holds a worker for seconds, so nobody may queue dozens of them.
Counted in the rate limiter's storage, which every worker sees; by default that is a
table of the desk's database (``legaldesk.ratelimit``) written on a connection of its
own, so on SQLite call it only once the request's transaction has ended (that
transaction holds the write lock, and the counter would wait for it)."""

from __future__ import annotations

import math
import time

from flask import current_app
from limits import parse

from legaldesk.errors import DeskError
from legaldesk.extensions import limiter
from legaldesk.messages import N_, Msg

EXPORTS_PER_USER = parse("10 per minute")


class TooManyExports(DeskError):
    """More exports this minute than one person needs; ``retry_after``: seconds until
    the next may start."""

    status = 429
    code = "rate_limited"
    default_message = Msg(
        N_("You have started many exports in a short time. Wait a minute and try again.")
    )

    def __init__(self, retry_after: int):
        super().__init__()
        self.retry_after = retry_after


def count_export(user_id: int | None) -> None:
    """One more export by this user this minute, or TooManyExports."""
    if not current_app.config["RATELIMIT_ENABLED"]:
        return
    key = EXPORTS_PER_USER.key_for("export", str(user_id))
    if limiter.storage.incr(key, EXPORTS_PER_USER.get_expiry()) > EXPORTS_PER_USER.amount:
        raise TooManyExports(max(1, math.ceil(limiter.storage.get_expiry(key) - time.time())))
