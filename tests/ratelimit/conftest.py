"""A real redis-server on a free loopback port, for the limits that run through Redis."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

import pytest

from tests.servers import free_port


@pytest.fixture
def redis_url(tmp_path):
    """redis://… of a server of this test's own; skipped without redis-server, except
    in CI (LEGALDESK_REQUIRE_REDIS=1, set by .ci/run after scripts/install-redis.sh)."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("LEGALDESK_REQUIRE_REDIS"):
            pytest.fail("redis-server is missing (scripts/install-redis.sh installs it)")
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--dir", str(tmp_path)]
        + ["--save", "", "--appendonly", "no", "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
