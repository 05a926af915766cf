"""Long reads in a request (case exports, reports) made outside SQLite's write lock.

Every transaction on SQLite begins IMMEDIATE (``sqlite_locking``), and the request's
session began one when the login check loaded the user. A long read ends that
transaction first and reads through a ``reading_session``, whose statements each read
a WAL snapshot and lock nobody, so clerks' intakes go on meanwhile.

Ending the transaction expires the user row, and anything that reads it lazily
during the build opens a new IMMEDIATE transaction that holds the lock until the
response: Flask-Babel asks for the user's language at the first translated label.
So the language is settled before the commit; the caller copies what else it needs
of the user first (``Detached.of``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask_babel import get_locale
from sqlalchemy.orm import Session

from legaldesk.actor import Actor
from legaldesk.db import db
from legaldesk.reads_first import end_without_expiring
from legaldesk.sqlite_locking import reading_session


@contextmanager
def outside_the_write_lock() -> Iterator[Session]:
    """End the request's transaction, then yield a session that never takes the lock."""
    get_locale()  # read from the user row now; Flask-Babel keeps it for the request
    # Without expiring: the view's audit entry names its actor, and an expired user
    # row was read again (a statement, in the write transaction) just for that.
    end_without_expiring(db.session)
    with reading_session(db.engine) as reader:
        yield reader


@dataclass(frozen=True)
class Detached:
    """The actor's identity as plain values, readable after the request's session
    ended: touching the user row (expired by the commit) would reload it in the
    request's session, whose transaction takes SQLite's write lock."""

    id: int | None
    role: str
    lawyer_id: int | None
    enterprise_id: int | None

    @classmethod
    def of(cls, actor: Actor) -> Detached:
        return cls(actor.id, actor.role, actor.lawyer_id, actor.enterprise_id)
