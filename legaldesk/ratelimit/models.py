"""One row per rate-limit window: the counter and when its window ends."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from legaldesk.db import Model


class RateLimitCounter(Model):
    """A fixed-window counter of Flask-Limiter (``key`` names the limit and the caller).

    ``expires_at`` is seconds since the epoch, as `limits` counts time; an expired row
    counts as zero and is overwritten by the next hit or purged by the scheduler.
    """

    __tablename__ = "rate_limit_counters"

    key: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    count: Mapped[int] = mapped_column(sa.Integer, default=0)
    expires_at: Mapped[float] = mapped_column(sa.Float, index=True)
