"""``legaldesk+db://``: Flask-Limiter's counters in the desk's own database.

With ``memory://`` each gunicorn worker counted alone, so four workers let four times
the limit through. Here every worker (and every machine on one PostgreSQL) increments
the same row with one atomic ``INSERT … ON CONFLICT DO UPDATE … RETURNING``, so the
count a request sees already includes its own hit and that of every simultaneous one.
It supports the fixed-window strategy (Flask-Limiter's default), which needs only
``incr``, ``get`` and ``get_expiry``.

The engine is the current app's (``db.engine``), looked up per call: the limiter is
created once, unbound, and may serve several apps (tests). Each call is its own short
transaction, apart from the request's session; reads take no lock on SQLite, since
the response headers are read while the request may still hold the write lock.
"""

from __future__ import annotations

import random
import time
from typing import Any, cast

import sqlalchemy as sa
from limits.storage import Storage
from sqlalchemy.dialects import postgresql, sqlite

from legaldesk.db import db
from legaldesk.ratelimit.models import RateLimitCounter
from legaldesk.sqlite_locking import READ_WITHOUT_LOCK

SCHEME = "legaldesk+db"
PURGE_CHANCE = 0.01  # about one write in a hundred also deletes expired windows

_table = cast(sa.Table, RateLimitCounter.__table__)
_INSERTS: dict[str, Any] = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def purge_expired(connection: sa.Connection, now: float) -> int:
    """Delete the windows that have ended; they count as zero anyway."""
    return connection.execute(sa.delete(_table).where(_table.c.expires_at <= now)).rowcount


class DatabaseStorage(Storage):
    """A `limits` storage over the ``rate_limit_counters`` table (SQLite, PostgreSQL)."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> type[Exception]:
        return sa.exc.SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add ``amount`` and answer the new count, starting a new window when the
        old one has ended: one statement, so simultaneous hits never lose a count."""
        now = time.time()
        engine = db.engine
        insert = _INSERTS[engine.dialect.name](_table).values(
            key=key, count=amount, expires_at=now + expiry
        )
        ended = _table.c.expires_at <= now
        statement = insert.on_conflict_do_update(
            index_elements=[_table.c.key],
            set_={
                "count": sa.case((ended, amount), else_=_table.c.count + amount),
                "expires_at": sa.case((ended, now + expiry), else_=_table.c.expires_at),
            },
        ).returning(_table.c.count)
        with engine.begin() as connection:
            count = connection.execute(statement).scalar_one()
            if random.random() < PURGE_CHANCE:
                purge_expired(connection, now)
        return int(count)

    def _row(self, key: str) -> sa.Row | None:
        read = db.engine.execution_options(**{READ_WITHOUT_LOCK: True})
        with read.connect() as connection:
            return connection.execute(
                sa.select(_table.c.count, _table.c.expires_at).where(
                    _table.c.key == key, _table.c.expires_at > time.time()
                )
            ).first()

    def get(self, key: str) -> int:
        row = self._row(key)
        return int(row._mapping["count"]) if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._row(key)
        return float(row.expires_at) if row else time.time()

    def check(self) -> bool:
        try:
            with db.engine.connect() as connection:
                connection.execute(sa.select(1))
            return True
        except sa.exc.SQLAlchemyError:
            return False

    def reset(self) -> int | None:
        with db.engine.begin() as connection:
            return connection.execute(sa.delete(_table)).rowcount

    def clear(self, key: str) -> None:
        with db.engine.begin() as connection:
            connection.execute(sa.delete(_table).where(_table.c.key == key))
