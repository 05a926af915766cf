"""Checkpoints of the audit chain, kept in a file outside the database.

One line a day (rules.Checkpoint.line): the day, how many entries the chain had, the
newest entry's id and its seal. ``flask desk audit-verify`` checks that the chain
still passes through every line, so a cut tail or a chain resealed with a stolen key
fails. A line is written only after the whole chain verified (against every earlier
line too): a checkpoint of a tampered chain would vouch for it. Entries after the
last line (the tail) are protected by their seals only, until the next checkpoint.
The file is append-only by habit; copy it (or the admins' daily mail) elsewhere.
"""

from __future__ import annotations

import fcntl
import os
import stat
from pathlib import Path

from legaldesk import private
from legaldesk.audit import service
from legaldesk.audit.rules import ChainBreak, Checkpoint, parse_checkpoints
from legaldesk.db import DbSession


def read(path: str | os.PathLike[str]) -> list[Checkpoint]:
    """Every checkpoint in the file; none when it does not exist (ValueError if unreadable)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return parse_checkpoints(text)


class ChainNotVerified(Exception):
    """Today's checkpoint was not written: the chain failed verification against its
    seals or an earlier checkpoint (or the checkpoint file could not be read), and a
    checkpoint would vouch for it. ``problem`` names the first bad entry."""

    def __init__(self, problem: ChainBreak):
        super().__init__(problem.describe())
        self.problem = problem


def publish(session: DbSession, path: str | os.PathLike[str], day: str) -> Checkpoint | None:
    """Verify the whole chain (on every run), then append today's checkpoint unless
    the file has one for ``day``; answer the day's checkpoint (None while the chain
    is empty).

    Raises ChainNotVerified, writing nothing, when the chain does not verify against
    its seals and every checkpoint in the file. The checkpoint is the last entry
    verified, so it never vouches for an entry nobody checked. An exclusive lock on
    the file makes two schedulers on one machine write one line. ``session`` only
    reads: give it one that holds no write lock (the walk takes a while).
    """
    private.folder(Path(path).parent)
    private.create_file(path)
    with open(path, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        try:
            marks = parse_checkpoints(handle.read())
        except ValueError as error:
            raise ChainNotVerified(ChainBreak(0, None, f"{path}: {error}")) from None
        # Verify on every run, also once today's line is written: a chain changed
        # after this morning's checkpoint must alert today, not tomorrow.
        broken, newest = service.verified_head(session, marks)
        if broken is not None:
            raise ChainNotVerified(broken)
        done = [c for c in marks if c.day == day]
        if done:
            return done[0]
        if newest is None:
            return None
        mark = Checkpoint(day, *newest)
        handle.write(mark.line() + "\n")
        handle.flush()
        if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # not a pipe or /dev/null
            os.fsync(handle.fileno())
        return mark  # the lock goes with the file
