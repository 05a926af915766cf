"""Driving a server with wrk from a second process, and reading what wrk prints.

wrk is installed with apt when missing (as scripts/ do for Chromium and PostgreSQL).
Each run rotates over a list of requests (bench/rotate.lua), so that no single case,
page or term is served from a warm cache while the others are not. Latencies are
wrk's own distribution (``--latency``); a request slower than ``--timeout`` would
drop out of it, so the timeout is generous and timeouts are reported as errors.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

LUA = Path(__file__).with_name("rotate.lua")
CONNECTIONS = 16
THREADS = 2

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_P99 = re.compile(r"^\s*99(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.M)
_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)\s*$", re.M)
_TOTAL = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h)", re.M)
_NON_2XX = re.compile(r"^\s*Non-2xx or 3xx responses:\s+(\d+)\s*$", re.M)
_SOCKET = re.compile(
    r"^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)\s*$", re.M
)


class WrkOutputError(ValueError):
    """wrk printed something without the figures a run must have."""


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    rps: float
    p99_ms: float
    non_2xx: int = 0
    connect_errors: int = 0
    read_errors: int = 0
    write_errors: int = 0
    timeouts: int = 0

    @property
    def failures(self) -> int:
        """Requests that must not count as served: non-2xx/3xx answers, timeouts and
        socket errors (a worker killed by gunicorn's timeout shows as a read error)."""
        return (
            self.non_2xx
            + self.timeouts
            + self.connect_errors
            + self.read_errors
            + self.write_errors
        )


def _ms(value: str, unit: str) -> float:
    return float(value) * _UNITS_MS[unit]


def parse(text: str) -> WrkResult:
    """The figures of one ``wrk --latency`` run, from its printed report."""
    rps, p99, total = _RPS.search(text), _P99.search(text), _TOTAL.search(text)
    if not (rps and p99 and total):
        raise WrkOutputError("wrk printed no throughput or latency distribution:\n" + text)
    non_2xx = _NON_2XX.search(text)
    socket = _SOCKET.search(text)
    connect, read, write, timeout = (int(n) for n in socket.groups()) if socket else (0,) * 4
    return WrkResult(
        requests=int(total.group(1)),
        seconds=_ms(total.group(2), total.group(3)) / 1000,
        rps=float(rps.group(1)),
        p99_ms=_ms(*p99.groups()),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        connect_errors=connect,
        read_errors=read,
        write_errors=write,
        timeouts=timeout,
    )


def ensure_installed() -> str:
    """The wrk binary, installing Debian's package when it is missing and we may."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("bench: installing wrk with apt", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, check=False)
        found = shutil.which("wrk")
    if not found:
        raise SystemExit("bench: wrk is missing (apt-get install wrk)")
    return found


def version(binary: str) -> str:
    done = subprocess.run([binary, "-v"], capture_output=True, text=True, check=False)
    return (done.stdout + done.stderr).splitlines()[0].split(" Copyright")[0].strip()


def write_requests(path: Path, lines: list[tuple[str, str, str]]) -> Path:
    """The request list rotate.lua reads: METHOD, TAB, PATH (already URL-encoded),
    TAB, BODY (may be empty); one request a line."""
    for _method, target, body in lines:
        if "\t" in target + body or "\n" in target + body:
            raise ValueError("tabs and newlines cannot travel in a request line")
    path.write_text("".join(f"{m}\t{t}\t{b}\n" for m, t, b in lines), encoding="utf-8")
    return path


def run(
    binary: str, base_url: str, requests_file: Path, seconds: int, token: str | None
) -> tuple[WrkResult, str]:
    """One fixed-duration run at CONNECTIONS connections; the result and wrk's text."""
    env = {**os.environ, "BENCH_TOKEN": token or ""}
    command = [
        binary,
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "--latency",
        "-s",
        str(LUA),
        base_url,
        "--",
        str(requests_file),
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    text = done.stdout + done.stderr
    if done.returncode != 0:
        raise WrkOutputError(f"wrk exited {done.returncode}:\n{text}")
    return parse(text), text
