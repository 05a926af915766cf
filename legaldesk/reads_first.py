"""Requests that read, then write a little at the end: an audited read of a case (its
audit entry), a status lookup (its audit entry, and an old access-code hash replaced).

Every transaction on SQLite begins IMMEDIATE (``sqlite_locking``), so a request that
read a case in its session held the database's write lock from its first statement
to its commit, and audited reads through two workers took turns (issue 14). In
``reads_then_writes`` the reads run in a deferred transaction instead (one WAL
snapshot, no lock), and what they ask to write (``after_the_reads``) is queued and
written at the end in a short IMMEDIATE transaction of its own: the lock is held for
an insert, not for the request. Nothing is lost on the way: the queue is written
when the reads fail too (a wrong access code stays in the audit log).

On PostgreSQL reads lock nothing anyway; the queue is written at the end in the same
transaction, so both engines run the same code.

A write made in the read phase by any other way would upgrade SQLite's snapshot to a
writer, which fails at once when another worker wrote meanwhile; the session refuses
it (``WriteWhileReading``) so that such a mistake shows in every test, not under load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, scoped_session

from legaldesk.db import DbSession
from legaldesk.sqlite_locking import READ_SNAPSHOT

Write = Callable[[DbSession], Any]
_QUEUE = "legaldesk_writes_after_the_reads"


class WriteWhileReading(RuntimeError):
    """Something was changed in the session during ``reads_then_writes``'s read phase:
    queue it with ``after_the_reads``."""


@contextmanager
def reads_then_writes(session: DbSession) -> Iterator[None]:
    """Run the block's reads without SQLite's write lock, then write what they queued
    with ``after_the_reads`` and commit. Build the answer inside the block: the final
    commit expires the rows it read."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:
        end_without_expiring(session)  # the token or login lookup's IMMEDIATE transaction
        session.connection(execution_options={READ_SNAPSHOT: True})
    queue: list[Write] = []
    session.info[_QUEUE] = queue
    failed = True
    try:
        yield
        failed = False
    finally:
        del session.info[_QUEUE]
        if sqlite or failed:
            # The read phase ends (it wrote nothing); after an error, whatever state
            # the session was left in goes with it, the queued writes stay.
            if failed:
                session.rollback()
            else:
                session.commit()
        for write in queue:
            write(session)
        session.commit()


def end_without_expiring(session: DbSession) -> None:
    """Commit, keeping the rows loaded (the account just read would be read again)."""
    own = session() if isinstance(session, scoped_session) else session
    expiring, own.expire_on_commit = own.expire_on_commit, False
    try:
        own.commit()
    finally:
        own.expire_on_commit = expiring


def after_the_reads(session: DbSession, write: Write) -> None:
    """Make ``write(session)`` now, or at the end of ``reads_then_writes`` when the
    session is in its read phase."""
    queue = session.info.get(_QUEUE)
    if queue is None:
        write(session)
    else:
        queue.append(write)


def _refuse_writes_while_reading(session: Session, _context: Any, _instances: Any) -> None:
    if _QUEUE in session.info and (session.new or session.dirty or session.deleted):
        raise WriteWhileReading(
            "a change in the read phase of reads_then_writes: queue it with after_the_reads"
        )


sa.event.listen(Session, "before_flush", _refuse_writes_while_reading)
