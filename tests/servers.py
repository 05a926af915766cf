"""Real server processes for concurrency and crash tests (loopback only)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from typing import Any

from tests.conftest import TEST_ACCESS_CODE_KEY, TEST_AUDIT_KEY, TEST_DOCUMENTS


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The gunicorn settings of `make run` (scripts/serve.sh): the access log's format.
GUNICORN_CONFIG = os.path.join(ROOT, "scripts", "gunicorn.conf.py")


def desk_env(database_url: str, **settings: Any) -> dict[str, str]:
    """The environment of a desk process on the test database."""
    env = {
        **os.environ,
        "LEGALDESK_SQLALCHEMY_DATABASE_URI": database_url,
        "LEGALDESK_SECRET_KEY": "server-test-secret",
        "LEGALDESK_AUDIT_KEY": TEST_AUDIT_KEY,
        # Checkpoints go nowhere unless a test names a file.
        "LEGALDESK_AUDIT_CHECKPOINT_FILE": os.devnull,
        "LEGALDESK_RATELIMIT_ENABLED": "false",
        "LEGALDESK_ACCESS_CODE_KEY": TEST_ACCESS_CODE_KEY,
        "LEGALDESK_DOCUMENTS_PATH": TEST_DOCUMENTS,
    }
    env.update({f"LEGALDESK_{name}": str(value) for name, value in settings.items()})
    return env


class ProcessGroup:
    """A process started in its own session, so a kill reaches all its children."""

    process: subprocess.Popen

    def kill(self) -> None:
        """SIGKILL the process and its children: a crash, not a shutdown."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


class SchedulerProcess(ProcessGroup):
    """`flask desk scheduler` in a process of its own."""

    def __init__(self, database_url: str, **settings: Any):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "app.py", "desk", "scheduler"],
            cwd=ROOT,
            env=desk_env(database_url, **settings),
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


class DeskServer(ProcessGroup):
    """gunicorn with several workers serving the desk on one database."""

    def __init__(
        self, database_url: str, workers: int = 3, access_log: str | None = None, **settings: Any
    ):
        self.port = free_port()
        # With ``access_log``, requests are logged there as `make run` logs them.
        logging = (
            ["--config", GUNICORN_CONFIG, "--access-logfile", access_log] if access_log else []
        )
        self.base = f"http://127.0.0.1:{self.port}"
        env = desk_env(database_url, **settings)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                str(workers),
                "--threads",
                "4",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "--no-control-socket",
                # The app is built once and each worker forked from it: a worker
                # still has its own process and its own database connections, but a
                # server of three starts on a third of the CPU (about 4 s a worker).
                "--preload",
                *logging,
                "legaldesk:create_app()",
            ],
            env=env,
            start_new_session=True,
        )
        self._wait_ready()

    def _wait_ready(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the server exited on start")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=1) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the server did not answer /healthz")

    def request(
        self,
        method: str,
        path: str,
        token: str | None = None,
        body: Any = None,
        timeout: float = 30,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return answer.status, json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")


@contextmanager
def desk_server(
    database_url: str, workers: int = 3, access_log: str | None = None, **settings: Any
):
    """gunicorn on the test database; ``settings`` become LEGALDESK_* variables."""
    server = DeskServer(database_url, workers, access_log, **settings)
    try:
        yield server
    finally:
        # Killed, not stopped: every answer the test waited for is committed, and
        # gunicorn's graceful stop spends about two seconds finding that out. A
        # worker logs a request after answering it, so a server with an access log
        # the test reads afterwards is stopped gracefully.
        if access_log:
            server.stop()
        else:
            server.kill()
