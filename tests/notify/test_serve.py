"""`make run`'s script starts gunicorn and one scheduler; Ctrl-C or SIGTERM stops both."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from flask_migrate import upgrade

from legaldesk import create_app
from legaldesk.db import db
from legaldesk.notify import service
from tests.conftest import NOW, desk_config
from tests.mail import SmtpServer
from tests.servers import ROOT, desk_env, free_port

pytestmark = pytest.mark.slow


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def serve_env(url: str, port: int, **settings) -> dict[str, str]:
    env = desk_env(url, **settings)
    # The virtualenv running the tests (a worktree may have no .venv of its own).
    env.update(
        PORT=str(port), HOST="127.0.0.1", VENV=os.path.dirname(os.path.dirname(sys.executable))
    )
    return env


def test_serve_runs_web_and_scheduler_and_ctrl_c_stops_both(tmp_path):
    url = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    app = create_app(desk_config(url))
    with app.app_context():
        upgrade()
        service.enqueue(
            db.session,
            NOW,
            "ack",
            "ack.LD-2026-SERVE1",
            "a@b.test",
            {"reference": "LD-2026-SERVE1", "enterprise": "测试", "received_at": NOW.isoformat()},
        )
        db.session.commit()
        db.engine.dispose()
    port = free_port()
    with SmtpServer() as smtp:
        env = serve_env(
            url, port, MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, OUTBOX_INTERVAL_SECONDS=0.2
        )
        serve = subprocess.Popen(
            ["bash", "scripts/serve.sh"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz") as answer:
                        assert answer.status == 200
                        break
                except OSError:
                    time.sleep(0.2)
            [mail] = smtp.sink.wait_for(1)  # the scheduler is running
            assert mail["Message-ID"] == "<ack.LD-2026-SERVE1@127.0.0.1>"
            os.killpg(serve.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's group
            serve.wait(timeout=15)
            deadline = time.monotonic() + 10
            while group_alive(serve.pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not group_alive(serve.pid), "a process outlived Ctrl-C"
        finally:
            if group_alive(serve.pid):
                os.killpg(serve.pid, signal.SIGKILL)


def descendants(root: int) -> dict[int, str]:
    """pid -> command line of every live process below ``root``."""
    parents, commands = {}, {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                command = handle.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # it ended meanwhile
            continue
        if fields[0] != "Z":
            parents[int(entry)], commands[int(entry)] = int(fields[1]), command
    found, frontier = {}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in found:
                found[pid] = commands[pid]
                frontier.append(pid)
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        # A closed server leaves TIME_WAIT behind; only a live listener should fail.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_healthy(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the desk did not answer /healthz")


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_serve_is_gunicorn_with_two_workers_and_stops_without_orphans(tmp_path, how):
    url = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    app = create_app(desk_config(url))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        serve = subprocess.Popen(
            ["bash", "scripts/serve.sh"],
            cwd=ROOT,
            env=serve_env(url, port),
            start_new_session=True,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    processes: dict[int, str] = {}
    try:
        wait_healthy(port)
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz?code=SECRET-ACCESS-CODE").close()
        processes = descendants(serve.pid)
        # Only gunicorn's master has children: its two workers.
        [master] = [pid for pid, cmd in processes.items() if "gunicorn" in cmd and descendants(pid)]
        workers = descendants(master)
        assert len(workers) == 2 and all("gunicorn" in cmd for cmd in workers.values())
        assert any("desk scheduler" in cmd for cmd in processes.values())
        if how == "ctrl-c":
            os.killpg(serve.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's group
        else:
            serve.send_signal(signal.SIGTERM)  # to the script alone: it stops the rest
        serve.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(map(alive, processes)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in processes if alive(pid)], f"left behind: {processes}"
        assert port_free(port)
    finally:
        for pid in [serve.pid, *processes]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    logged = log.read_text()
    assert '"GET /healthz HTTP/1.1" 200' in logged, logged
    assert "SECRET-ACCESS-CODE" not in logged
