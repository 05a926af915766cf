"""The table the bench prints, the machine it ran on, and bench/RESULTS.md.

RESULTS.md holds one section per database; a run rewrites the sections of the
databases it measured and keeps the others, so a SQLite run and a PostgreSQL run
made apart both stay recorded.
"""

from __future__ import annotations

import os
import platform
import re
from dataclasses import dataclass
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")
HEADER = """# Benchmark results

Written by `python -m bench --write-results` (`make bench` passes it); do not edit by
hand. How the figures are measured and what the targets mean: docs/development.md
("Benchmarks") and bench/figures.py. A figure that misses its target is marked MISSED
and the run exits 1.
"""


@dataclass(frozen=True)
class Row:
    figure: str
    measured: str
    ratio: str
    target: str
    ok: bool | None  # None: shown for context, no target
    note: str = ""

    @property
    def verdict(self) -> str:
        return "" if self.ok is None else ("ok" if self.ok else "MISSED")


def table(rows: list[Row]) -> str:
    """A plain-text table for the terminal."""
    head = ("figure", "measured", "ratio", "target", "")
    lines = [head, *((r.figure, r.measured, r.ratio, r.target, r.verdict) for r in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    text = [
        "  ".join(cell.ljust(widths[i]) if i < 4 else cell for i, cell in enumerate(line))
        for line in lines
    ]
    notes = [f"  {r.figure}: {r.note}" for r in rows if r.note]
    return "\n".join(text + (["", "notes:", *notes] if notes else []))


def markdown(rows: list[Row]) -> str:
    lines = ["| figure | measured | ratio | target | |", "|---|---|---|---|---|"]
    lines += [f"| {r.figure} | {r.measured} | {r.ratio} | {r.target} | {r.verdict} |" for r in rows]
    notes = [f"- {r.figure}: {r.note}" for r in rows if r.note]
    return "\n".join(lines + ([""] + notes if notes else []))


def machine() -> dict[str, str]:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.M)
        model = found.group(1).strip() if found else ""
    ram = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"^MemTotal:\s+(\d+) kB", meminfo.read_text(), re.M)
        ram = f"{int(found.group(1)) / 1024 / 1024:.1f} GiB" if found else ""
    system = platform.platform()
    release = Path("/etc/os-release")
    if release.exists():
        found = re.search(r'^PRETTY_NAME="?([^"\n]+)"?$', release.read_text(), re.M)
        system = f"{found.group(1)} (kernel {platform.release()})" if found else system
    return {
        "CPUs": str(os.cpu_count()),
        "CPU model": model or platform.processor() or "unknown",
        "RAM": ram or "unknown",
        "OS": system,
        "Python": platform.python_version(),
        "load average at the start (1, 5, 15 min)": _load_average(),
    }


def _load_average() -> str:
    """Other work on the machine takes CPU from the run: said, not hidden."""
    try:
        return ", ".join(f"{n:.2f}" for n in os.getloadavg())
    except OSError:
        return "unknown"


def section(engine: str, body: str) -> str:
    return f"<!-- {engine} -->\n{body.rstrip()}\n<!-- /{engine} -->"


def write(engine: str, body: str, path: Path = RESULTS) -> None:
    """Put ``body`` as the section of ``engine``, keeping the other sections."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    sections = dict(re.findall(r"<!-- (\w+) -->\n(.*?)\n<!-- /\1 -->", old, re.S))
    sections[engine] = body
    order = [e for e in ("sqlite", "postgresql") if e in sections]
    order += sorted(set(sections) - set(order))
    text = HEADER + "".join(f"\n{section(e, sections[e])}\n" for e in order)
    path.write_text(text, encoding="utf-8")
