"""Checkpoints of the audit chain, kept in a file outside the database.

One line a day (rules.Checkpoint.line): the day, how many entries the chain had, the
newest entry's id and its seal. ``flask desk audit-verify`` checks that the chain
still passes through every line, so a cut tail or a chain resealed with a stolen key
fails. The file is append-only by habit; copy it (or the admins' daily mail) elsewhere.
"""

from __future__ import annotations

import fcntl
import os
import stat
from pathlib import Path

from sqlalchemy.orm import Session

from legaldesk import private
from legaldesk.audit import service
from legaldesk.audit.rules import Checkpoint, parse_checkpoints


def read(path: str | os.PathLike[str]) -> list[Checkpoint]:
    """Every checkpoint in the file; none when it does not exist (ValueError if unreadable)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return parse_checkpoints(text)


def publish(session: Session, path: str | os.PathLike[str], day: str) -> Checkpoint | None:
    """Append today's checkpoint unless the file has one for ``day``; answer the day's
    checkpoint (None while the chain is empty).

    An exclusive lock on the file makes two schedulers on one machine write one line;
    the head is read inside it, in the caller's transaction.
    """
    private.folder(Path(path).parent)
    private.create_file(path)
    with open(path, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        done = [c for c in parse_checkpoints(handle.read()) if c.day == day]
        if done:
            return done[0]
        newest = service.head(session)
        if newest is None:
            return None
        mark = Checkpoint(day, *newest)
        handle.write(mark.line() + "\n")
        handle.flush()
        if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # not a pipe or /dev/null
            os.fsync(handle.fileno())
        return mark  # the lock goes with the file
