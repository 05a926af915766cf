"""How fast `flask desk seed` adds consultations, as a ratio to the machine's own pace.

The baseline, measured in the same run on the same database, is the quickest bulk
insert there is: N minimal rows (id, time, status; one index) into a scratch table by
a raw ``executemany`` on SQLite or a ``COPY`` on PostgreSQL. Cases per second divided
by baseline rows per second compares across machines and busy CPUs; the absolute
figure is printed too. On SQLite, whose work is all inside the process, the same
ratio by CPU time is printed as well: steadier when other programs share the CPUs.

    python -m bench.seed_speed --cases 100000                 # SQLite in a temporary folder
    python -m bench.seed_speed --cases 100000 --onto-demo     # the demo desk first
    LEGALDESK_BENCH_DATABASE_URL=postgresql+psycopg://… python -m bench.seed_speed \\
        --cases 200000 --fresh                                # empties that database first!
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask_migrate import upgrade

from legaldesk import create_app
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.demo.seed import seed


def timed(action: Callable[[], Any]) -> tuple[float, float]:
    """Wall and CPU seconds of ``action``."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def baseline(engine: sa.Engine, rows: int) -> tuple[float, float]:
    """Minimal rows a second by the driver's own bulk path, in one transaction: by the
    clock, and by this process's CPU time (SQLite's work is all in the process)."""
    now = utcnow()
    postgres = engine.dialect.name == "postgresql"
    stamp = "timestamptz" if postgres else "text"
    data = [(i, now - timedelta(seconds=i * 7919 % 63_072_000), "new") for i in range(rows)]
    if not postgres:  # what the desk stores on SQLite: naive UTC text
        data = [(i, at.replace(tzinfo=None).isoformat(" "), s) for i, at, s in data]
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS seed_speed_baseline")
        connection.exec_driver_sql(
            f"CREATE TABLE seed_speed_baseline (id integer PRIMARY KEY, at {stamp} NOT NULL, "
            "status varchar(20) NOT NULL)"
        )
        connection.exec_driver_sql(
            "CREATE INDEX ix_seed_speed_baseline ON seed_speed_baseline (at)"
        )
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        started, cpu = time.perf_counter(), time.process_time()
        if postgres:
            with cursor.copy("COPY seed_speed_baseline (id, at, status) FROM STDIN") as copy:
                for row in data:
                    copy.write_row(row)
        else:
            cursor.execute("BEGIN IMMEDIATE")
            cursor.executemany("INSERT INTO seed_speed_baseline VALUES (?, ?, ?)", data)
        raw.commit() if postgres else cursor.execute("COMMIT")
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        cursor.execute("DROP TABLE seed_speed_baseline")
        raw.commit()
    finally:
        raw.close()
    return rows / elapsed, rows / cpu


def run(url: str, cases: int, onto_demo: bool, fresh: bool, batch_size: int | None) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        if fresh and db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        upgrade()
        if onto_demo:
            assert app.test_cli_runner().invoke(args=["desk", "demo"]).exit_code == 0
        base, base_cpu = baseline(db.engine, cases)
        options = {} if batch_size is None else {"batch_size": batch_size}

        def add() -> None:
            seed(db.session, utcnow(), cases, seed_value=1, **options)
            db.session.commit()

        wall, cpu = timed(add)
        dialect = db.engine.dialect.name
    rate = cases / wall
    by_cpu = (
        f"; by CPU time {cases / cpu:,.0f} cases/CPU-s against {base_cpu:,.0f} rows/CPU-s, "
        f"ratio {cases / cpu / base_cpu:.3f} (steadier on a busy machine)"
        if dialect == "sqlite"
        else ""
    )
    print(
        f"{cases} consultations on {dialect}{' onto the demo' if onto_demo else ''}: "
        f"{wall:.1f} s, {rate:,.0f} cases/s; baseline {base:,.0f} minimal rows/s; "
        f"ratio {rate / base:.3f}{by_cpu}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.seed_speed",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--onto-demo", action="store_true", help="load the demo desk first")
    parser.add_argument(
        "--fresh", action="store_true", help="PostgreSQL: drop and recreate the public schema"
    )
    parser.add_argument("--batch-size", type=int, default=None)
    args = parser.parse_args()
    url = os.environ.get("LEGALDESK_BENCH_DATABASE_URL")
    with tempfile.TemporaryDirectory(prefix="seed-speed-") as folder:
        run(
            url or f"sqlite:///{Path(folder) / 'seed.sqlite3'}",
            args.cases,
            args.onto_demo,
            args.fresh,
            args.batch_size,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
