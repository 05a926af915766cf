"""Engine-level settings that make SQLite safe under concurrent requests.

SQLite's default deferred transactions let two writers both read and then fail
("database is locked") when they try to write. Every transaction here begins with
BEGIN IMMEDIATE, so writers queue (busy_timeout) instead of failing, and in WAL
mode readers of other connections are never blocked.

The database file is the consultations themselves: it is created owner-only before
SQLite opens it, and every connection makes it and its siblings private again (see
``legaldesk.private``), whichever command opens it first.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from legaldesk import private

BUSY_TIMEOUT_MS = 30_000
_installed = False


def _on_do_connect(dialect: Any, _record: Any, cargs: list[Any], cparams: dict) -> None:
    """Before SQLite makes a new database file (mode 0644 under umask 022), make it 0600."""
    if dialect.name != "sqlite" or not cargs or not isinstance(cargs[0], str):
        return
    filename = private.sqlite_filename(cargs[0], bool(cparams.get("uri")))
    if filename is not None and Path(filename).parent.is_dir():
        private.create_file(filename)


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
    cursor = dbapi_connection.cursor()
    for _, name, filename in cursor.execute("PRAGMA database_list").fetchall():
        if name == "main" and filename:
            private.tighten_sqlite(filename)  # before WAL mode makes the -wal and -shm
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


# Execution option for reads that must not queue behind writers (rate-limit counters
# read while the request's own transaction holds the write lock): no BEGIN at all,
# each statement reads a snapshot (WAL) and blocks nobody.
READ_WITHOUT_LOCK = "legaldesk_read_without_lock"


# Execution option for a request's reads before its few writes (``legaldesk.reads_first``):
# a deferred BEGIN, so its reads share one snapshot (WAL) and take no write lock; its
# writes come afterwards, in an IMMEDIATE transaction of their own.
READ_SNAPSHOT = "legaldesk_read_snapshot"


def reading_session(engine: sa.Engine) -> Session:
    """A session for long reads (walking the audit chain) that never holds SQLite's
    write lock, so the desk's writers do not wait for it; on PostgreSQL reads lock
    nothing anyway."""
    return Session(engine.execution_options(**{READ_WITHOUT_LOCK: True}))


def _on_begin(connection: sa.Connection) -> None:
    if connection.dialect.name != "sqlite":
        return
    options = connection.get_execution_options()
    if not options.get(READ_WITHOUT_LOCK):
        connection.exec_driver_sql("BEGIN" if options.get(READ_SNAPSHOT) else "BEGIN IMMEDIATE")


def install_sqlite_locking() -> None:
    """Register the listeners once per process, for every engine."""
    global _installed
    if _installed:
        return
    sa.event.listen(sa.Engine, "do_connect", _on_do_connect)
    sa.event.listen(sa.Engine, "connect", _on_connect)
    sa.event.listen(sa.Engine, "begin", _on_begin)
    _installed = True
