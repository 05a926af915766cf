"""`make run`'s script starts the web server and one scheduler; Ctrl-C stops both."""

import os
import signal
import subprocess
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
        env = desk_env(
            url, MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, OUTBOX_INTERVAL_SECONDS=0.2
        )
        env.update(PORT=str(port), HOST="127.0.0.1")
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
