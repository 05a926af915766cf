"""`make bench`: the desk under load at a million consultations, against a bare endpoint.

Seeds N consultations (``flask desk seed``) on SQLite, and on PostgreSQL when
LEGALDESK_BENCH_DATABASE_URL is set; serves the desk with gunicorn, two workers, as
``make run`` does (rate limits off), and beside it a bare Flask endpoint doing one
``SELECT 1`` on the same stack; drives each with wrk from a second process at 16
connections. Every target is from issue 14 (bench/figures.py); throughput is a share
of the bare endpoint's, measured in the same run. Exit 1 when a target is missed.

    python -m bench                                  # 1,000,000 cases, SQLite (+ PG)
    python -m bench --cases 100000 --keep /tmp/bench # reuse the seeded databases
    python -m bench --only detail --only search      # a subset (names below)
    LEGALDESK_BENCH_DATABASE_URL=postgresql+psycopg://…/legaldesk_bench python -m bench
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
import tempfile
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from bench import desk as desks
from bench import figures, measure, results, wrk
from bench.bare import PATH as BARE_PATH
from bench.results import Row
from bench.servers import WORKERS, Gunicorn, memory_kb, scheduler

SAMPLED_CASES = 2000  # case details rotate over this many seeded cases


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--cases", type=int, default=1_000_000, help="default 1000000")
    parser.add_argument("--seed", type=int, default=1, help="seeding's random seed")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per figure")
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="keep the seeded databases in DIR and reuse them while --cases and --seed "
        "stay the same (each run works on a copy)",
    )
    parser.add_argument(
        "--engine",
        choices=("sqlite", "postgresql", "both"),
        help="default: both when LEGALDESK_BENCH_DATABASE_URL is set, else sqlite",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="measure only these figures (repeatable; a prefix such as 'search' or "
        f"'list' takes the group): {', '.join(figures.NAMES)}",
    )
    parser.add_argument(
        "--write-results", action="store_true", help="write bench/RESULTS.md (per database)"
    )
    args = parser.parse_args(argv)
    unknown = [o for o in args.only if not any(figures.selected(n, [o]) for n in figures.NAMES)]
    if unknown:
        parser.error(f"unknown figure {', '.join(unknown)}; names: {', '.join(figures.NAMES)}")
    return args


def engines(args: argparse.Namespace, pg_url: str | None) -> list[str]:
    choice = args.engine or ("both" if pg_url else "sqlite")
    if choice != "sqlite" and not pg_url:
        raise SystemExit("bench: PostgreSQL needs LEGALDESK_BENCH_DATABASE_URL")
    return ["sqlite", "postgresql"] if choice == "both" else [choice]


def sample(url: str, cases: int) -> tuple[list[str], list[str]]:
    """A spread of seeded cases (every n-th id) and the category codes."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        references = connection.execute(
            sa.text("SELECT reference FROM consultations WHERE id % :step = 0 LIMIT :n"),
            {"step": max(1, cases // SAMPLED_CASES), "n": SAMPLED_CASES},
        ).scalars()
        categories = connection.execute(sa.text("SELECT code FROM categories")).scalars()
        found = list(references), sorted(categories)
    engine.dispose()
    return found


def measure_desk(
    desk: desks.Desk, args: argparse.Namespace, binary: str, folder: Path
) -> list[Row]:
    """Every selected figure of one seeded desk, as table rows."""
    references, categories = sample(desk.url, desk.cases)
    fixtures = measure.fixtures_from(desk.fixtures, references, categories)
    env = desk.env()
    bare = Gunicorn("bench.bare:create_app()", env, folder, "bare")
    served = Gunicorn("legaldesk:create_app()", env, folder, "desk")
    jobs = scheduler(env, folder)
    runner = measure.Runner(binary, folder, args.duration)
    loads = [load for load in figures.loads(fixtures) if figures.selected(load.name, args.only)]
    bare_load = figures.Load("bare", "bare endpoint", None, [("GET", BARE_PATH, "")], None)
    try:
        bare.wait_ready(BARE_PATH)
        served.wait_ready("/healthz")
        # Warm both (imports done lazily, first connections), not counted.
        warm = measure.Runner(binary, folder, 2)
        warm.load(bare, bare_load, None)
        warm.load(served, figures.loads(fixtures)[0], fixtures.token)  # /healthz
        rss_at_start = {pid: memory_kb(pid)["VmRSS"] for pid in served.worker_pids()}
        # The bare endpoint before, amid and after the desk's figures: the baseline is
        # their median, and all three are shown (far apart: a busy machine).
        bares = [runner.load(bare, bare_load, None)]
        half = (len(loads) + 1) // 2
        measured = [(load, runner.load(served, load, fixtures.token)) for load in loads[:half]]
        bares.append(runner.load(bare, bare_load, None))
        measured += [(load, runner.load(served, load, fixtures.token)) for load in loads[half:]]
        bares.append(runner.load(bare, bare_load, None))
        # Memory right after the load, before the one-at-a-time figures (a report over
        # gunicorn's timeout would have its worker replaced by a fresh one).
        memory = measure.memory_rows(served, rss_at_start)
        baseline, baseline_row = measure.baseline(bares)
        rows = [baseline_row]
        for load, result in measured:
            rows += measure.load_rows(load, result, baseline)
            if load.name == "status":
                rows.append(measure.access_code_cost(baseline))
        today = date.today()
        if figures.selected("report", args.only):
            rows.append(measure.report_row(served, fixtures.token, today))
        if figures.selected("route", args.only):
            rows.extend(measure.route_rows(served, fixtures.token, fixtures.route))
        if figures.selected("memory", args.only):
            rows += memory
    finally:
        for process in (jobs, served, bare):
            process.stop()
    killed = measure.killed_workers(served)
    return rows + ([killed] if killed else [])


def command(pg_url: str | None) -> str:
    prefix = f"LEGALDESK_BENCH_DATABASE_URL={desks.redacted(pg_url)} " if pg_url else ""
    return f"{prefix}python -m bench {shlex.join(sys.argv[1:])}".rstrip()


def summary(desk: desks.Desk, args: argparse.Namespace, binary: str, pg_url: str | None) -> str:
    lines = [
        f"## {desk.engine}: {desk.cases:,} consultations",
        "",
        f"- command: `{command(pg_url)}`",
        f"- run: {date.today().isoformat()}; database: {desk.server}; "
        f"gunicorn {WORKERS} sync workers; {wrk.version(binary)}, {wrk.THREADS} threads, "
        f"{wrk.CONNECTIONS} connections, {args.duration} s a figure",
    ]
    lines += [f"- {name}: {value}" for name, value in results.machine().items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    # A SIGTERM unwinds like Ctrl-C, so the servers started are stopped (finally).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    pg_url = os.environ.get("LEGALDESK_BENCH_DATABASE_URL") or None
    chosen = engines(args, pg_url)
    binary = wrk.ensure_installed()
    missed = 0
    with tempfile.TemporaryDirectory(prefix="legaldesk-bench-") as scratch:
        for engine in chosen:
            keep = args.keep is not None
            folder = (args.keep if keep else Path(scratch)) / engine
            desk = desks.prepare(engine, args.cases, args.seed, folder, keep, pg_url)
            rows = measure_desk(desk, args, binary, folder)
            head = summary(desk, args, binary, pg_url)
            print(f"\n{head}\n\n{results.table(rows)}\n")
            if args.write_results:
                results.write(engine, f"{head}\n\n{results.markdown(rows)}")
            missed += sum(row.ok is False for row in rows)
    if missed:
        print(f"bench: {missed} target(s) MISSED", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
