"""Online backup and restore of the desk's database (`flask desk backup|restore`).

A backup holds privileged case content, so its file is created private (0600) and
only appears under its name once complete. The PostgreSQL password reaches
pg_dump and pg_restore through their environment, never their command line
(which `ps` shows to every user). A restore goes only into an empty database, so
it can never overwrite a working desk.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from glob import glob
from pathlib import Path

import sqlalchemy as sa

from legaldesk import private

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
# Rows that `flask db upgrade` writes by itself (the schema version, the category
# and closing-code lists): a database holding nothing else counts as empty.
SCHEMA_ROWS = frozenset({"alembic_version", "categories", "closing_codes"})
# URL query parameters libpq also reads from its environment.
LIBPQ_QUERY = {
    "host": "PGHOST",
    "port": "PGPORT",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


class BackupError(Exception):
    """A backup or restore that could not be done; the database was not changed."""


class DatabaseNotEmpty(BackupError):
    """A restore only goes into an empty database, never over a working desk."""


class BackupUnreadable(BackupError):
    """The file is not a backup this desk can restore."""


class BackupToolFailed(BackupError):
    """pg_dump or pg_restore answered with an error."""


def backup(engine: sa.Engine, target: Path, bin_dir: str | None = None) -> int:
    """Write a consistent copy of the database to ``target`` while the desk serves;
    answer its size in bytes."""
    target = Path(target).absolute()
    if engine.dialect.name == "sqlite":
        source = _sqlite_path(engine)
        if target.exists() and target.samefile(source):
            raise BackupError("the backup cannot overwrite the database itself")
        write = _sqlite_writer(source)
    else:
        argv, env = pg_command(engine.url, "pg_dump", bin_dir, "--format=custom")
        write = _pg_dump_writer(argv, env)
    try:
        fd, part = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as error:  # no such folder, not ours, read-only
        raise BackupError(f"cannot write in {target.parent}: {error.strerror}") from error
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle, Path(part))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, target)
    except BaseException:
        Path(part).unlink(missing_ok=True)
        raise
    return target.stat().st_size


def restore(engine: sa.Engine, source: Path, bin_dir: str | None = None) -> None:
    """Load a backup into the database, which must be empty (see ``SCHEMA_ROWS``)."""
    source = Path(source)
    kind = backup_kind(source)
    if kind != engine.dialect.name:
        raise BackupUnreadable(
            f"{source} is a {kind} backup, but this desk runs on {engine.dialect.name}"
        )
    if kind == "sqlite":
        _check_sqlite_file(source)
        database = _sqlite_path(engine)
        private.create_file(database)  # private from the start: it will hold case content
        _claim_empty(engine, drop=False)
        engine.dispose()
        # The backup API writes in one transaction: other connections see the empty
        # database or the whole restored one, never a half.
        _sqlite_copy(source, database)
        private.tighten_sqlite(database)  # a file migrated by an older version, too
        return
    _run(*pg_command(engine.url, "pg_restore", bin_dir, "--list", str(source)), BackupUnreadable)
    _claim_empty(engine, drop=True)
    engine.dispose()
    options = ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
    argv, env = pg_command(engine.url, "pg_restore", bin_dir, *options)
    _run([*argv, f"--dbname={engine.url.database}", str(source)], env, BackupToolFailed)


def backup_kind(path: Path) -> str:
    """Which engine wrote the file, from its first bytes."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupUnreadable(f"cannot read {path}: {error.strerror}") from error
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupUnreadable(f"{path} is not a LegalDesk backup (SQLite file or pg_dump -Fc)")


def pg_command(
    url: sa.URL, tool: str, bin_dir: str | None, *options: str
) -> tuple[list[str], dict[str, str]]:
    """The argv and environment for a PostgreSQL client tool: the connection (and
    above all the password) goes in the environment."""
    env = {"PATH": os.defpath, "LC_ALL": "C.UTF-8", "PGCONNECT_TIMEOUT": "10"}
    for key, value in (
        ("PGHOST", url.host),
        ("PGPORT", url.port),
        ("PGUSER", url.username),
        ("PGPASSWORD", url.password),
        ("PGDATABASE", url.database),
    ):
        if value is not None:
            env[key] = str(value)
    for name, variable in LIBPQ_QUERY.items():
        option = url.query.get(name)
        if isinstance(option, str):
            env[variable] = option
    return [_find_tool(tool, bin_dir), *options], env


def _find_tool(tool: str, bin_dir: str | None) -> str:
    candidates = [str(Path(bin_dir) / tool)] if bin_dir else []
    candidates.append(shutil.which(tool) or "")
    candidates += sorted(glob(f"/usr/lib/postgresql/*/bin/{tool}"), reverse=True)
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise BackupToolFailed(f"{tool} not found; install the PostgreSQL client or set PG_BIN_DIR")


def _run(argv: list[str], env: dict[str, str], error: type[BackupError], **kwargs) -> None:
    done = subprocess.run(argv, env=env, stderr=subprocess.PIPE, check=False, **kwargs)
    if done.returncode != 0:
        tool = Path(argv[0]).name
        message = done.stderr.decode(errors="replace").strip()
        raise error(f"{tool} failed (exit {done.returncode}): {message}")


def _pg_dump_writer(argv: list[str], env: dict[str, str]):
    def write(handle, _part: Path) -> None:
        _run(argv, env, BackupToolFailed, stdout=handle)

    return write


def _sqlite_path(engine: sa.Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError("an in-memory database has nothing to back up or restore into")
    return Path(database)


def _sqlite_writer(source: Path):
    if not source.exists():
        raise BackupError(f"no database at {source}")

    def write(_handle, part: Path) -> None:
        # One step (pages=-1) under one read transaction: a snapshot; WAL writers go on.
        _sqlite_copy(source, part)

    return write


def _sqlite_copy(source: Path, target: Path) -> None:
    reader = sqlite3.connect(source, timeout=30)
    writer = sqlite3.connect(target, timeout=30)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()


def _check_sqlite_file(path: Path) -> None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        answer = connection.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupUnreadable(f"{path} is damaged: {error}") from error
    finally:
        connection.close()
    if answer != "ok":
        raise BackupUnreadable(f"{path} is damaged: {answer}")


def _shadow_tables(connection: sa.Connection) -> set[str]:
    """SQLite's tables behind its virtual tables (the case search's FTS5 index keeps
    its configuration there even when empty): their rows mirror other tables'."""
    if connection.dialect.name != "sqlite":
        return set()
    virtual = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
    ).scalars()
    prefixes = tuple(f"{name}_" for name in virtual)
    tables = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {name for name in tables.scalars() if prefixes and name.startswith(prefixes)}


def _claim_empty(engine: sa.Engine, drop: bool) -> None:
    """Refuse a database holding rows beyond ``SCHEMA_ROWS``; with ``drop``, remove
    its (empty) tables so that pg_restore can create them, in the same transaction."""
    with engine.begin() as connection:
        names = sa.inspect(connection).get_table_names()
        if names and connection.dialect.name == "postgresql":
            quoted = ", ".join(connection.dialect.identifier_preparer.quote(n) for n in names)
            connection.exec_driver_sql(f"LOCK TABLE {quoted} IN ACCESS EXCLUSIVE MODE")
        shadows = _shadow_tables(connection)
        filled = [
            name
            for name in sorted(names)
            if name not in SCHEMA_ROWS
            and name not in shadows
            and connection.scalar(sa.select(sa.literal(1)).select_from(sa.table(name)).limit(1))
        ]
        if filled:
            raise DatabaseNotEmpty(
                "refusing to restore into a database that holds data (rows in "
                f"{', '.join(filled)}); restore into a new, empty database"
            )
        if drop and names:
            tables = sa.MetaData()
            tables.reflect(connection)
            tables.drop_all(connection)
        if drop and connection.dialect.name == "postgresql":
            _drop_trigger_functions(connection)


# The schema's own trigger functions (the report's counts, migration 0030): dropping
# the tables drops their triggers, not the functions, which the dump creates again.
_TRIGGER_FUNCTIONS = """
SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = current_schema() AND p.prorettype = 'trigger'::regtype
AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
"""


def _drop_trigger_functions(connection: sa.Connection) -> None:
    quote = connection.dialect.identifier_preparer.quote
    for name in connection.exec_driver_sql(_TRIGGER_FUNCTIONS).scalars().all():
        connection.exec_driver_sql(f"DROP FUNCTION {quote(name)}()")
