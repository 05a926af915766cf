"""The processes under load: gunicorn with two workers as ``make run`` serves the desk
(scripts/serve.sh: same flags, same config file, an access log), the desk's
scheduler beside it, and the bare baseline app under the same gunicorn settings."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.desk import ROOT

WORKERS = 2
GUNICORN_CONFIG = ROOT / "scripts" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Process:
    """A process in a session of its own, so that stopping it reaches its children."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path):
        self.log = log
        with log.open("wb") as out:  # this run's log alone
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True
            )

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


class Gunicorn(Process):
    def __init__(self, app: str, env: dict[str, str], folder: Path, name: str):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.access_log = folder / f"{name}-access.log"
        self.access_log.unlink(missing_ok=True)
        super().__init__(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--graceful-timeout",
                "10",
                "--no-control-socket",
                "--config",
                str(GUNICORN_CONFIG),
                "--access-logfile",
                str(self.access_log),
                app,
            ],
            env,
            folder / f"{name}.log",
        )

    def wait_ready(self, path: str, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"bench: gunicorn exited; see {self.log}")
            try:
                with urllib.request.urlopen(self.base_url + path, timeout=5) as answer:
                    if answer.status == 200 and len(self.worker_pids()) == WORKERS:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        raise SystemExit(f"bench: gunicorn did not answer {path} within {seconds:.0f} s")

    def worker_pids(self) -> list[int]:
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        return [int(p) for p in children.read_text().split()] if children.exists() else []


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS (resident now) and VmHWM (the most it was) of a process, in kB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])
    return fields


def scheduler(env: dict[str, str], folder: Path) -> Process:
    return Process(
        [sys.executable, "-m", "flask", "desk", "scheduler"], env, folder / "scheduler.log"
    )
