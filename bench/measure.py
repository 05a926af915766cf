"""Measuring the figures against running servers and turning them into table rows."""

from __future__ import annotations

import http.client
import json
import statistics
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from bench import wrk
from bench.figures import REPORT_MS, ROUTE_MS, WORKER_MB, Fixtures, Load
from bench.results import Row
from bench.servers import WORKERS, Gunicorn, memory_kb
from legaldesk.cases import codes


def call(
    base_url: str, method: str, path: str, body: str, token: str | None
) -> tuple[int, str, float]:
    """One request: its status, its body, and how long it took (ms). Status 0: no
    answer at all (a worker killed by gunicorn's timeout, a reset)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if body:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(
        base_url + path, data=body.encode() if body else None, method=method, headers=headers
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            status, text = answer.status, answer.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode(errors="replace")
    except (OSError, http.client.HTTPException) as error:
        status, text = 0, f"no answer ({type(error).__name__}: {error})"
    return status, text, (time.perf_counter() - started) * 1000


def _said(text: str) -> str:
    """The start of an answer, on one line, for a note."""
    return " ".join(text.split())[:120]


def _statuses(log: Path, offset: int) -> str:
    """The answers' statuses in the access log since ``offset``, e.g. "200×812, 500×3"."""
    with log.open("rb") as handle:
        handle.seek(offset)
        counts = Counter(
            line.rsplit(b'" ', 1)[-1].split()[0].decode() for line in handle if b'" ' in line
        )
    return ", ".join(f"{s}×{n}" for s, n in sorted(counts.items()))


class Runner:
    """Runs wrk against one server, checking first that its requests are answered."""

    def __init__(self, binary: str, folder: Path, seconds: int):
        self.binary, self.folder, self.seconds = binary, folder, seconds

    def load(self, server: Gunicorn, load: Load, token: str | None) -> wrk.WrkResult | str:
        """wrk's figures, or why there are none (a request that is not answered 200)."""
        for method, path, body in load.requests[:3]:
            status, text, _ = call(server.base_url, method, path, body, token)
            if status != 200:
                return f"{method} {path} answered {status}: {_said(text)}"
        requests = wrk.write_requests(self.folder / f"{load.name}.requests", load.requests)
        offset = server.access_log.stat().st_size if server.access_log.exists() else 0
        print(f"bench: {load.name}: wrk {self.seconds} s …", file=sys.stderr)
        result, text = wrk.run(self.binary, server.base_url, requests, self.seconds, token)
        (self.folder / f"{load.name}.wrk.txt").write_text(text)
        if result.failures:
            return (
                f"{result.failures} of {result.requests} requests failed "
                f"(statuses {_statuses(server.access_log, offset)}; timeouts {result.timeouts})"
            )
        return result


def baseline(bares: list[wrk.WrkResult | str]) -> tuple[float, Row]:
    """The bare endpoint's throughput: the median of its runs, every run shown."""
    failed = [b for b in bares if isinstance(b, str)]
    if failed:
        raise SystemExit(f"bench: the bare endpoint failed: {failed[0]}")
    runs = [b for b in bares if not isinstance(b, str)]
    rps = statistics.median(r.rps for r in runs)
    shown = ", ".join(f"{r.rps:.0f} req/s (p99 {r.p99_ms:.0f} ms)" for r in runs)
    return rps, Row(
        "bare endpoint GET /bare (SELECT 1)",
        f"{rps:.0f} req/s",
        "100%",
        "baseline",
        None,
        f"median of {len(runs)} runs (before, amid and after the desk's figures): {shown}",
    )


def load_rows(load: Load, result: wrk.WrkResult | str, baseline: float) -> list[Row]:
    if isinstance(result, str):
        target = "—" if load.min_ratio is None else f"≥ {load.min_ratio:.0%}"
        return [Row(load.title, "failed", "—", target, load.min_ratio is not None, result)]
    ratio = result.rps / baseline
    rows = [
        Row(
            load.title,
            f"{result.rps:.0f} req/s",
            f"{ratio:.0%}",
            "—" if load.min_ratio is None else f"≥ {load.min_ratio:.0%}",
            None if load.min_ratio is None else ratio >= load.min_ratio,
        )
    ]
    if load.p99_ms is not None:
        rows.append(
            Row(
                f"{load.title}: p99",
                f"{result.p99_ms:.0f} ms",
                "",
                f"≤ {load.p99_ms:.0f} ms",
                result.p99_ms <= load.p99_ms,
            )
        )
    return rows


def timed_row(
    server: Gunicorn,
    token: str,
    title: str,
    limit_ms: float,
    requests: list[tuple[str, str, str]],
    expect: int = 200,
    answers: list[str] | None = None,
) -> Row:
    """Requests one at a time; the median of those answered ``expect`` against
    ``limit_ms`` (their bodies go to ``answers`` when given). Any other answer (or
    none) fails the figure, and is named in the note."""
    times, failed = [], []
    for method, path, body in requests:
        status, text, ms = call(server.base_url, method, path, body, token)
        if status == expect:
            times.append(ms)
            if answers is not None:
                answers.append(text)
        else:
            failed.append(f"{method} {path} answered {status} after {ms:.0f} ms: {_said(text)}")
    target = f"< {limit_ms:.0f} ms"
    if not times:
        return Row(title, "failed", "", target, False, "; ".join(failed) or "nothing to time")
    median = statistics.median(times)
    note = f"{len(times)} answered, {min(times):.0f}–{max(times):.0f} ms"
    if failed:
        note += f"; {len(failed)} failed: " + "; ".join(failed)
    measured = f"{median:.1f} ms" if median < 100 else f"{median:.0f} ms"
    return Row(title, measured, "", target, median < limit_ms and not failed, note)


def report_row(server: Gunicorn, token: str, today: date, samples: int = 5) -> Row:
    """The half-year report, one request at a time, a different half-year each time
    (so that no answer comes from a cache of the one before); the median."""
    requests = []
    for n in range(samples):
        to = today - timedelta(days=7 * n)
        path = f"/api/v1/reports/summary?from={to - timedelta(days=182)}&to={to}"
        requests.append(("GET", path, ""))
    title = "half-year report GET /reports/summary"
    return timed_row(server, token, title, REPORT_MS, requests)


def route_rows(server: Gunicorn, token: str, references: list[str]) -> list[Row]:
    """Routing fresh cases one at a time, in its two steps: the commitment (the
    case's pool frozen, 202) and then the witness's number that draws it (200)."""
    commits = [
        ("POST", f"/api/v1/consultations/{reference}/route", "{}") for reference in references
    ]
    answers: list[str] = []
    title = "routing POST /consultations/{ref}/route (the commitment)"
    rows = [timed_row(server, token, title, ROUTE_MS, commits, expect=202, answers=answers)]
    draws = [
        (
            "POST",
            f"/api/v1/draws/{json.loads(text)['draw']['id']}/contribution",
            json.dumps({"contribution": f"{20260701 + n}", "source": "witness"}),
        )
        for n, text in enumerate(answers)
    ]
    title = "drawing POST /draws/{id}/contribution"
    rows.append(timed_row(server, token, title, ROUTE_MS, draws))
    return rows


def killed_workers(server: Gunicorn) -> Row | None:
    """Workers gunicorn killed for taking over 30 s (its timeout): each lost the
    request it was serving, and its replacement starts with fresh memory."""
    log = server.log.read_text(errors="replace") if server.log.exists() else ""
    killed = log.count("WORKER TIMEOUT")
    if not killed:
        return None
    return Row(
        "workers killed by gunicorn's 30 s timeout",
        str(killed),
        "",
        "—",
        None,
        "their requests got no answer; a replaced worker's memory is not the loaded one's",
    )


def memory_rows(server: Gunicorn, at_start: dict[int, int]) -> list[Row]:
    """Each worker's resident memory after the load; ``at_start``: VmRSS (kB) by pid
    after the warm-up, to tell what the load added."""
    rows = []
    for n, pid in enumerate(sorted(server.worker_pids()), start=1):
        kb = memory_kb(pid)
        mb = kb["VmRSS"] / 1024
        start = (
            f"{at_start[pid] / 1024:.0f} MB after the warm-up, "
            if pid in at_start
            else "started during the run (a worker was replaced), "
        )
        rows.append(
            Row(
                f"worker {n} resident (VmRSS after the load)",
                f"{mb:.0f} MB",
                "",
                f"< {WORKER_MB:.0f} MB",
                mb < WORKER_MB,
                f"{start}peak VmHWM {kb['VmHWM'] / 1024:.0f} MB",
            )
        )
    return rows


def access_code_cost(baseline: float, samples: int = 2000) -> Row:
    """What checking one access code costs (a keyed HMAC-SHA256 compared in constant
    time: ``cases.codes``), and the throughput that leaves for status lookups at most:
    the workers doing nothing else."""
    key, stored = b"bench", codes.code_digest("LD-2026-ABCDEF", "ABCDEFGHJK", b"bench")
    started = time.perf_counter()
    for _ in range(samples):
        codes.digest_matches(stored, "LD-2026-ABCDEF", "ABCDEFGHJK", key)
    ms = (time.perf_counter() - started) * 1000 / samples
    ceiling = WORKERS * 1000 / ms
    return Row(
        "one access-code check (HMAC-SHA256, shown only)",
        f"{ms * 1000:.0f} µs",
        f"≤ {ceiling / baseline:.0%}",
        "—",
        None,
        f"{WORKERS} workers checking codes and nothing else: at most {ceiling:.0f} "
        f"lookups/s, {ceiling / baseline:.0%} of the bare endpoint",
    )


def fixtures_from(desk_fixtures: dict, references: list[str], categories: list[str]) -> Fixtures:
    return Fixtures(
        token=desk_fixtures["token"],
        references=references,
        status=[(r, c) for r, c in desk_fixtures["status"]],
        route=list(desk_fixtures["route"]),
        categories=categories,
    )
