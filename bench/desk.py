"""A seeded desk to measure, on SQLite or PostgreSQL, set up through the desk's own
commands (``flask db upgrade``, ``flask desk demo``, ``flask desk seed``).

Seeding a million consultations takes minutes, so ``--keep DIR`` keeps the seeded
database (and its instance folder: keys) and reuses it while the volume and seed
stay the same. Each run then works on a copy (a file copy on SQLite, ``CREATE
DATABASE … TEMPLATE`` on PostgreSQL), so the reads, lookups and routings of one run
do not pile up in the next one's audit log.

A PostgreSQL database is emptied before seeding; to keep a wrong URL from emptying a
real desk, the bench refuses a database whose name does not contain "bench".
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
STATUS_CASES = 64  # cases with known access codes, rotated by the status lookups
ROUTE_CASES = 9  # fresh cases to route, one timed request each


@dataclass(frozen=True)
class Desk:
    engine: str  # "sqlite" or "postgresql"
    url: str  # the database this run serves
    instance: Path
    cases: int
    fixtures: dict[str, Any]
    server: str  # the database's name and version

    def env(self) -> dict[str, str]:
        return desk_env(self.url, self.instance)


def redacted(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def desk_env(url: str, instance: Path) -> dict[str, str]:
    """The environment of every desk process: the desk's defaults (no inherited
    LEGALDESK_* setting may lower a cost, e.g. the access-code hash), this database
    and instance folder, rate limits off, and this checkout's code first on the path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEGALDESK_")}
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env.update(
        PYTHONPATH=path,
        FLASK_APP="app.py",
        LEGALDESK_SQLALCHEMY_DATABASE_URI=url,
        LEGALDESK_INSTANCE_PATH=str(instance),
        LEGALDESK_RATELIMIT_ENABLED="false",
    )
    return env


def _flask(url: str, instance: Path, *args: str) -> None:
    """A desk command; what it prints (the seeding's progress bar) goes to stderr,
    keeping stdout for the table."""
    done = subprocess.run(
        [sys.executable, "-m", "flask", *args],
        cwd=ROOT,
        env=desk_env(url, instance),
        stdout=sys.stderr,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"bench: flask {' '.join(args)} failed ({done.returncode})")


def _seed(url: str, instance: Path, cases: int, seed_value: int) -> dict[str, Any]:
    print(f"bench: seeding {cases} consultations into {redacted(url)}", file=sys.stderr)
    _flask(url, instance, "db", "upgrade")
    _flask(url, instance, "desk", "demo")
    _flask(url, instance, "desk", "seed", "--cases", str(cases), "--seed", str(seed_value))
    done = subprocess.run(
        [sys.executable, "-m", "bench.fixtures", str(STATUS_CASES), str(ROUTE_CASES)],
        cwd=ROOT,
        env=desk_env(url, instance),
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def prepare(
    engine: str, cases: int, seed_value: int, folder: Path, keep: bool, pg_url: str | None
) -> Desk:
    """Seed (or reuse) the desk in ``folder`` and hand back the database to serve.
    The folder is private (0700): it holds the bench user's token and access codes."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    instance = folder / "instance"
    marker = folder / "seeded.json"
    if engine == "sqlite":
        seeded = f"sqlite:///{folder / 'seeded.sqlite3'}"
    else:
        assert pg_url is not None
        seeded = pg_url
        _refuse_unless_bench(seeded)
    wanted = {"cases": cases, "seed": seed_value, "database": redacted(seeded)}
    known = json.loads(marker.read_text()) if keep and marker.exists() else {}
    if known.get("seeded") == wanted and _still_there(seeded, known):
        print(f"bench: reusing the seeded desk in {folder}", file=sys.stderr)
        _flask(seeded, instance, "db", "upgrade")  # new migrations since it was seeded
        fixtures = known["fixtures"]
    else:
        marker.unlink(missing_ok=True)
        _empty(seeded, folder)
        fixtures = _seed(seeded, instance, cases, seed_value)
        marker.write_text(json.dumps({"seeded": wanted, "fixtures": fixtures}))
    run_url = _working_copy(seeded, folder) if keep else seeded
    return Desk(engine, run_url, instance, cases, fixtures, _server_version(run_url))


def _empty(url: str, folder: Path) -> None:
    if url.startswith("sqlite"):
        for name in ("seeded.sqlite3", "seeded.sqlite3-wal", "seeded.sqlite3-shm"):
            (folder / name).unlink(missing_ok=True)
        shutil.rmtree(folder / "instance", ignore_errors=True)
        return
    _create_database_if_missing(url)
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def _still_there(url: str, known: dict[str, Any]) -> bool:
    """The kept database still holds what the marker says (it may have been dropped)."""
    if url.startswith("sqlite"):
        return Path(make_url(url).database or "").exists()
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            token_case = known["fixtures"]["status"][0][0]
            found = connection.execute(
                sa.text("SELECT 1 FROM consultations WHERE reference = :r"), {"r": token_case}
            ).first()
            return found is not None
    except sa.exc.SQLAlchemyError:
        return False
    finally:
        engine.dispose()


def _working_copy(seeded: str, folder: Path) -> str:
    """A copy of the seeded desk for this run, on disk before the run starts: left in
    the page cache, a copy of gigabytes was written back during the figures, and the
    kernel held every writer (each audited read writes) for seconds at a time (the
    case detail's p99 at a million cases was 3 s while the server took 35 ms)."""
    if seeded.startswith("sqlite"):
        source = Path(make_url(seeded).database or "")
        with sqlite3.connect(source) as connection:  # everything into the main file
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        target = folder / "run.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(source, target)
        os.chmod(target, 0o600)
        _on_disk(target)
        return f"sqlite:///{target}"
    url = make_url(seeded)
    copy = f"{url.database}_run"
    engine = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)'))
        # FILE_COPY: the files copied and checkpointed at once, not written again
        # through the WAL and checkpointed amid the figures (PostgreSQL 15 and later).
        strategy = " STRATEGY FILE_COPY" if connection.dialect.server_version_info >= (15,) else ""
        connection.execute(sa.text(f'CREATE DATABASE "{copy}" TEMPLATE "{url.database}"{strategy}'))
    engine.dispose()
    return url.set(database=copy).render_as_string(hide_password=False)


def _on_disk(path: Path) -> None:
    with open(path, "rb+") as copied:
        os.fsync(copied.fileno())


def _refuse_unless_bench(url: str) -> None:
    name = make_url(url).database or ""
    if "bench" not in name:
        raise SystemExit(
            f"bench: refusing to empty PostgreSQL database {name!r}: "
            "LEGALDESK_BENCH_DATABASE_URL must name a database with 'bench' in its name"
        )


def _create_database_if_missing(url: str) -> None:
    parsed = make_url(url)
    engine = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        found = connection.execute(
            sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database}
        ).first()
        if found is None:
            connection.execute(sa.text(f'CREATE DATABASE "{parsed.database}"'))
    engine.dispose()


def _server_version(url: str) -> str:
    if url.startswith("sqlite"):
        return f"SQLite {sqlite3.sqlite_version}"
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        version = connection.execute(sa.text("SHOW server_version")).scalar()
    engine.dispose()
    return f"PostgreSQL {str(version).split()[0]}"
